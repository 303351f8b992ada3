"""Officials named with first name and surname, as nominative `Имя Фамилия`.

Known office holders are matched from generated case forms of their names (both word
orders, all spellings). Anyone else counts only when pymorphy3 reads the pair as a
first name and a surname and an office word (аким, депутат, председатель...) stands
just before: veterans and residents are named too, but hold no office.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import gazetteer, load_json, official_name_forms
from ..morphology import morph, surname_lemma
from ..textnorm import is_latin, norm_label, ru_fold
from .tokens import ADJ_ENDINGS, PATRONYMIC_ENDINGS, Word, capitalise, parses, pos_of, words

OFFICE_WORDS = (
    "аким", "председател", "заместител", "депутат", "руководител", "министр", "вице-министр",
    "секретар", "глав", "начальник", "сенатор", "спикер", "президент", "экс-",
    "премьер", "вице-премьер", "советник", "помощник", "судья", "прокурор",
    "инспектор", "куратор", "уполномоченн", "лидер", "посол", "госсекретар", "управляющ",
    "замакима", "заммин", "мажилисмен", "маслихатчи", "парламентари", "губернатор",
    "избранник", "первый заместител", "зампред", "замглав", "вице-спикер", "омбудсмен",
)
# «главный врач», «главврач», «главред» are no offices of state or party
NOT_OFFICE = ("главн", "главврач", "главред", "главбух", "пресс-секретар")
# a director is an official only of a state body (not of a school, hospital or company)
DIRECTOR = "директор"
STATE_BODIES = ("департамент", "управлени", "агентств", "комитет", "аппарат", "администрац",
                "министерств", "акимат")
# a generic head (руководитель, председатель, директор...) of these is a private person
PRIVATE_BODIES = ("оо", "тоо", "ао", "ип", "кх", "фонд", "компани", "корпорац", "больниц",
                  "поликлиник", "школ", "гимнази", "лице", "колледж", "университет", "институт",
                  "ассоциац", "союз", "клуб", "центр", "федерац", "предприяти", "завод", "фирм",
                  "групп", "холдинг", "театр", "музе", "библиотек", "редакц", "газет", "телеканал",
                  "кооператив", "банк", "объединени", "базар",
                  "рынк", "рынок", "магазин", "кафе", "ресторан", "салон", "аптек", "федераци", "штаб",
                  "фронт-офис", "волонтер", "хозяйств")
# councils of a kind of people are societies, not bodies of state or party
COUNCILS_OF_PEOPLE = tuple(f"{council} {people}" for council in ("совет", "совета", "совету", "советом", "совете")
                           for people in ("ветеран", "бабушек", "аксакал", "старейшин", "матер", "отцов", "женщин"))
# «общества ветеранов», «общества инвалидов» (not «общественного совета»: a party body)
PRIVATE_EXACT = {"общество", "общества", "обществу", "обществом", "обществе"}
PARTY_OR_STATE = ("филиал", "партии", "маслихат", "акимат", "крыла", "управлени", "департамент",
                  "министерств", "комитет", "агентств", "фракци")
COMMISSIONS = ("избирательн", "ревизионн", "контрольно-ревизионн", "счетн")
# a post inside an office, not an office: department heads and the like
STAFF = ("заведующ", "отдел", "сектор", "пресс-служб")
GENERIC_HEADS = ("руководител", "председател", "глав", "начальник", "президент", "лидер",
                 "управляющ", "директор")
# one's own role that is no office: never read through it to an office further back
PRIVATE_ROLES = ("пресс-секретар", "журналист", "корреспондент", "активист", "волонтер",
                 "пенсионер", "ветеран", "житель", "жительниц", "врач", "учител", "студент",
                 "предпринимател", "консультант", "певец", "певиц", "акын", "поэт", "писател",
                 "ректор", "блогер", "спортсмен", "тренер", "фермер", "аксакал", "многодетн")
# finite verbs, infinitives and gerunds end the phrase an office word heads
CLAUSE_POS = {"VERB", "INFN", "GRND"}
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@lru_cache(maxsize=1)
def _tables():
    data = load_json("officials.json")
    pairs: dict[tuple[str, str], str] = {}
    canon: dict[str, str] = {}
    for off in data["officials"]:
        for spelling in [off["name"], *off.get("aliases", [])]:
            firsts, lasts = official_name_forms(spelling, off.get("f", False))
            for a in firsts:
                for b in lasts:
                    pairs[(ru_fold(a), ru_fold(b))] = off["name"]
                    pairs[(ru_fold(b), ru_fold(a))] = off["name"]
            canon[norm_label(spelling)] = off["name"]
    excluded = {norm_label(n) for n in data.get("not_officials", [])}
    roles = {off["name"]: off.get("regions", []) for off in data["officials"]}
    return pairs, canon, excluded, roles


def canonical_official(value: str) -> str:
    """A known official's canonical name for any spelling or case of it; else the value tidied."""
    pairs, canon, _, _ = _tables()
    key = norm_label(value)
    if key in canon:
        return canon[key]
    parts = [ru_fold(w.text) for w in words(value)]
    if len(parts) == 2 and tuple(parts) in pairs:
        return pairs[tuple(parts)]
    return " ".join(value.split())


def value_names() -> dict[str, set[str]]:
    """Each known official's other names: spellings and the case forms of `Имя Фамилия`."""
    out: dict[str, set[str]] = {}
    for off in load_json("officials.json")["officials"]:
        names = out.setdefault(off["name"], set())
        for spelling in [off["name"], *off.get("aliases", [])]:
            firsts, lasts = official_name_forms(spelling, off.get("f", False))
            names.update(f"{a} {b}" for a in firsts for b in lasts)
    return out


# a member of a body of state or party holds an office there («член Комитета по финансам»,
# «член фракции», «член бюро политсовета»); a member of the party or of a club does not
MEMBER = "член"
MEMBER_BODIES = ("комитет", "фракци", "политсовет", "бюро", "президиум", "мажилис", "сенат",
                 "парламент", "маслихат", "правительств", "постоянн", "депутатск")


def _is_office(ws: list[Word], k: int) -> bool:
    f = ws[k].folded
    if f.startswith(MEMBER) and f[len(MEMBER):] in ("", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах"):
        nxt = [w.folded for w in ws[k + 1: k + 3] if w.sentence == ws[k].sentence]
        return bool(nxt) and nxt[0].startswith(MEMBER_BODIES)
    if not f.startswith(OFFICE_WORDS + (DIRECTOR,)) or f.startswith(NOT_OFFICE):
        return False
    if f == "главе" and k and ws[k - 1].folded == "во":  # «во главе с»: led by, no office
        return False
    after = " ".join(w.folded for w in ws[k + 1: k + 5] if w.sentence == ws[k].sentence)
    if any(w.startswith(STAFF) for w in after.split()[:2]):
        return False  # «заместитель заведующего приемной», «руководитель отдела»: staff
    if any(w.startswith(COMMISSIONS) for w in after.split()[:4]):
        return False  # chairs of election and audit commissions hold no office of state or party
    if f.startswith(DIRECTOR):
        return any(body in after for body in STATE_BODIES)
    if f.startswith(GENERIC_HEADS):
        for n, w in enumerate(after.split()[:4]):
            if w.startswith(PARTY_OR_STATE):
                return True  # «председатель областного филиала общественного объединения …»: a party body first
            if _is_private_body(w) or _is_private_body(" ".join(after.split()[n:n + 2])):
                return False
    return True


def _is_private_body(folded: str) -> bool:
    if folded in PRIVATE_EXACT:
        return True
    if " " in folded:  # two words: «совета ветеранов», «совета бабушек»
        return folded.startswith(COUNCILS_OF_PEOPLE)
    for body in PRIVATE_BODIES:
        if len(body) <= 3:  # ТОО, ОО, АО, ИП: the abbreviation itself
            if folded == body:
                return True
        elif folded.startswith(body) and not folded.startswith("централ"):
            return True
    return False


def _clause_break(w: Word) -> bool:
    """A verb ends an office phrase; a capitalised word is a name («партии "Ауыл"»), never a verb."""
    return not w.cap and pos_of(w.folded) in CLAUSE_POS


def _office_cue(ws: list[Word], i: int, j: int, text: str, stop: int = -1) -> str | None:
    """How the sentence gives the name ws[i..j] an office: "plur" for an office word in the
    plural heading the name (`депутаты Мажилиса …`: a list may follow), "sing" otherwise,
    None for no office.

    Before the name: an office word whose phrase runs up to the name, with no verb between
    (`председатель Общественного совета по борьбе с коррупцией партии «Nur Otan» Омархан
    Оксикбаев`, but not `аким вручил награды Ивану Петрову`). After it: an apposition
    (`Арман Сейтказиев, заместитель председателя филиала`). `Им стал …` takes the office
    from the sentence before."""
    previous_apposed = stop >= 0 and stop + 1 < len(ws) and any(
        ch in text[ws[stop].end: ws[stop + 1].start] for ch in ",—–-")
    dashed = _dashed_entry(ws, i, text)
    if dashed:
        return dashed
    for k in range(i - 1, max(-1, i - 13), -1):
        w = ws[k]
        if w.sentence != ws[i].sentence:
            if _list_lead(ws, k + 1, i):
                return _plural_office_in_sentence(ws, ws[i].sentence - 1)
            break
        if k <= stop:  # the previous name: its office is its own (`премьер-министра X, Y`)
            break
        if previous_apposed and any(ch in text[w.end: ws[k + 1].start] for ch in ",;"):
            break  # «X – секретарь крыла, Y – сопредседатель профсоюза»: X's office, not Y's
        if _is_office(ws, k) and not _candidate_for(ws, k):
            if _complement_of_private_role(ws, k, text):
                return None
            return "plur" if _plural(ws, k) else "sing"
        if _clause_break(w):
            if w.folded.startswith("стал") and k and ws[k - 1].folded in ("им", "ею", "ими"):
                return _office_in_sentence(ws, ws[i].sentence - 1)
            break
    gap = text[ws[j].end: ws[j + 1].start] if j + 1 < len(ws) else ""
    if gap.isspace() and _is_office(ws, j + 1) and parses(ws[j + 1].folded)[0].tag.case == "ablt" \
            and not _candidate_for(ws, j + 1):
        return "sing"  # «избрание Манапа Кубенова депутатом Сената», «назначить X акимом»
    if any(ch in gap for ch in ",—–-("):
        for k in range(j + 1, min(len(ws), j + 4)):
            if ws[k].sentence != ws[j].sentence or ws[k].folded.startswith(PRIVATE_ROLES):
                break
            if _is_office(ws, k) and not _candidate_for(ws, k):
                return None if _heads_next_name(ws, k, text) else "sing"
    return None


# «и нынешнему – Ораку Сарбопееву» after «бывшему акиму …»: the office word left out
_ELLIPSIS = ("нынешн", "нов", "прежн", "бывш", "действующ", "предыдущ")


def _dashed_entry(ws: list[Word], i: int, text: str) -> str | None:
    """A name right after a dash, as list entries and elliptic phrases write it:
    «Председателями комиссий стали: по бюджету — Роллан Шеримов, по аграрным вопросам —
    …» (a plural office before the colon of this sentence), «бывшему акиму X и нынешнему –
    Y» (an office earlier in the sentence, its word left out before the dash)."""
    gap = text[ws[i - 1].end: ws[i].start] if i else ""
    if not (any(ch in gap for ch in "—–") or " - " in gap):
        return None
    sentence = ws[i].sentence
    start = i
    while start > 0 and ws[start - 1].sentence == sentence:
        start -= 1
    if ws[i - 1].folded.startswith(_ELLIPSIS) and any(
            _is_office(ws, k) for k in range(start, i - 1)):
        return "sing"
    colon = text.rfind(":", ws[start].start, ws[i].start)
    if colon < 0:
        return None
    for k in range(start, i):
        if ws[k].start > colon:
            break
        if _is_office(ws, k) and _plural(ws, k) and not _candidate_for(ws, k):
            return "plur"
    return None


def _cue_case(ws: list[Word], i: int) -> str | None:
    """The case of the office word heading the name at i (`депутат` nomn, `депутата` gent)."""
    head = None  # the phrase's first office word: «заместителю акима» is a dative
    for k in range(i - 1, max(-1, i - 13), -1):
        if ws[k].sentence != ws[i].sentence or _clause_break(ws[k]):
            break
        if _is_office(ws, k):
            head = k
    return parses(ws[head].folded)[0].tag.case if head is not None else None


def _named_to_office(ws: list[Word], j: int) -> str | None:
    """«назначить Ерлана Сапарова акимом»: a name before an office in the instrumental is
    the verb's object or a noun's genitive, alike for a man's name."""
    if j + 1 < len(ws) and _is_office(ws, j + 1) and parses(ws[j + 1].folded)[0].tag.case == "ablt":
        return "gent"
    return None


def _heads_next_name(ws: list[Word], k: int, text: str) -> bool:
    """`X Y, председатель филиала Z W`: the office after a comma introduces the next name of a
    list, not an apposition to the one before."""
    for m in range(k + 1, min(len(ws) - 1, k + 10)):
        gap = text[ws[m - 1].end: ws[m].start]
        if ws[m].sentence != ws[k].sentence or "," in gap or ";" in gap or _clause_break(ws[m]):
            return False
        if ws[m].cap and ws[m + 1].cap and not ws[m].text.isupper() \
                and text[ws[m].end: ws[m + 1].start].isspace() \
                and text[ws[m].start - 1: ws[m].start] not in _OPEN_QUOTES:
            return True
    return False


def _complement_of_private_role(ws: list[Word], k: int, text: str) -> bool:
    """`пресс-секретарь главы государства`: the office (a genitive) belongs to
    someone else; `сообщила журналистам секретарь партии` is the person's own."""
    if parses(ws[k].folded)[0].tag.case != "gent":
        return False
    for m in range(k - 1, max(-1, k - 4), -1):
        if ws[m].sentence != ws[k].sentence or "," in text[ws[m].end: ws[m + 1].start]:
            return False
        if ws[m].folded.startswith(PRIVATE_ROLES):
            return True
    return False


def _plural(ws: list[Word], k: int) -> bool:
    """`депутаты Мажилиса`, `два депутата маслихата`: an office of several people."""
    if parses(ws[k].folded)[0].tag.number == "plur":
        return True
    prev = ws[k - 1].folded if k else ""
    return prev.isdigit() or prev in ("два", "две", "три", "четыре", "оба", "обе")


# «В их числе – …», «Среди них – …»: a list whose office the sentence before gives
_LIST_LEADS = (("в", "их", "числе"), ("среди", "них"), ("в", "их", "составе"), ("в", "том", "числе"),
               ("это",), ("ими", "стали"), ("ими", "являются"))


def _list_lead(ws: list[Word], start: int, i: int) -> bool:
    """Is ws[start..i) one of the list leads, the sentence's first words, right before the name?"""
    lead = tuple(w.folded for w in ws[start:i])
    return lead in _LIST_LEADS


def _plural_office_in_sentence(ws: list[Word], sentence: int) -> str | None:
    """`В список депутатов … вошли …`: an office of several people in that sentence."""
    for k, w in enumerate(ws):
        if w.sentence == sentence and _is_office(ws, k) and _plural(ws, k) and not _candidate_for(ws, k):
            return "plur"
    return None


def _office_in_sentence(ws: list[Word], sentence: int) -> str | None:
    for k, w in enumerate(ws):
        if w.sentence == sentence and _is_office(ws, k):
            return "sing"
    return None


def _private_role_next_to(ws: list[Word], i: int, j: int, text: str) -> bool:
    """`Айдос Укибай, пресс-секретарь Елбасы`: a known name in a role that is no office."""
    near = []
    for k in range(i - 1, max(-1, i - 6), -1):
        if ws[k].sentence != ws[i].sentence or _clause_break(ws[k]) or "," in text[ws[k].end: ws[k + 1].start]:
            break
        near.append(ws[k])
    gap = text[ws[j].end: ws[j + 1].start] if j + 1 < len(ws) else ""
    if "," in gap or "—" in gap or "–" in gap:
        near += ws[j + 1: j + 3]
    return any(w.folded.startswith(PRIVATE_ROLES) for w in near)


def _candidate_for(ws: list[Word], k: int) -> bool:
    """`кандидат в депутаты`, `претендент на должность акима`: running for an office is no office."""
    return any(w.folded.startswith(("кандидат", "претендент", "кандидатур")) for w in ws[max(0, k - 3): k])


# between names of a list: a comma or «и», maybe each name's own body in quotes
# («председатели филиалов партий «Ак жол» А, «Ауыл» Б»)
_LIST_GAP = re.compile(r"\s*(?:,|\bи\b|,\s*а также)\s*(?:«[^«»]{1,80}»\s*)?$")


def _is_initial(text: str, w: Word) -> bool:
    """`Д.` of «Д. Ахметов», `А.Е.` of «А.Е.Сапарова»: one or two letters and a period."""
    return len(w.text) <= 2 and text[w.end: w.end + 1] == "."


def _surname_nominative(word: str, case: str, female: bool) -> str | None:
    """Undo a surname's case ending by the pattern of -ов/-ев/-ин surnames."""
    w = word
    if w.endswith(("улы", "ұлы", "кызы", "қызы")):
        return w
    if female:
        for end, nom in (("ой", "а"), ("у", "а"), ("а", "а")):
            if w.endswith(end) and w[: -len(end)].endswith(("ов", "ев", "ин", "ын")):
                return w[: -len(end)] + nom
        return w
    endings = {"gent": ("а",), "accs": ("а",), "datv": ("у",), "ablt": ("ым", "ом", "ем"),
               "loct": ("е",), "nomn": ("",)}[case]
    for end in endings:
        if end and w.endswith(end):
            return w[: -len(end)]
    return w if case == "nomn" else None


def _nominative(parse, gender=None) -> str | None:
    grammemes = {"nomn", gender} if gender in ("masc", "femn") else {"nomn"}
    form = parse.inflect(grammemes) or parse.inflect({"nomn"})
    return form.word if form else None


_CONSONANT_CASE = {"gent": ("а", "я"), "accs": ("а", "я"), "datv": ("у", "ю"), "ablt": ("ом", "ем"),
                   "loct": ("е",), "nomn": ()}


_Y_STEM_CASE = {"gent": "я", "accs": "я", "datv": "ю", "ablt": "ем", "loct": "е"}


def _kazakh_surname(b: Word, case: str) -> str | None:
    """A Kazakh surname outside the -ов pattern (Кажмуханбет, Омиртай, Тлеумурат), declined
    like a noun in the first name's case: Шабдена Тлеумурата -> Тлеумурат."""
    low = b.folded
    if not low.isalpha() or len(low) < 3:
        return None
    if morph().word_is_known(low) and not any({"Name", "Surn"} & p.tag.grammemes for p in parses(low)) \
            and not (b.text.isupper() or parses(low)[0].tag.POS == "NOUN"):
        return None  # a common noun may be a surname (Шило), a verb or adjective may not;
        # a caption in capitals («Бакижан КАКИМ, ПРЕДСЕДАТЕЛЬ …») is a name whatever it spells
    # an indeclinable one (ending in a consonant) stays as written
    return _undo_case(low, case) or (low if low[-1:] not in "аяеоуюь" else None)


# «депутата Мажилиса Альтаева …»: the body, not a first name
INSTITUTIONS = ("мажилис", "сенат", "парламент", "маслихат", "акимат", "республик", "казахстан",
                "правительств", "министерств", "партии", "филиал")
_ADJECTIVE_ENDS = ("ский", "ской", "ская", "ского", "скую", "ском", "ских", "ные", "ный", "ной", "ная")


def _may_be_kazakh_name(a: Word, b: Word) -> bool:
    """Not a quoted name («Нур Отан»), a place (Нур-Султан), an adjective or an office."""
    from .regions import tables as region_tables

    if b.folded.endswith(_ADJECTIVE_ENDS) or a.folded.startswith(OFFICE_WORDS + INSTITUTIONS):
        return False
    places = region_tables().places
    if a.folded in places or b.folded in places or gazetteer().key_words & {a.folded, b.folded}:
        return False
    return True


def _unknown_person(a: Word, b: Word, strong: bool = False, case: str | None = None) -> str | None:
    """`Имя Фамилия` in the nominative for a first-name + surname pair pymorphy3 recognises;
    with a `strong` cue (an office right before, a list) also a Kazakh surname outside the
    -ов pattern. `case`: the case the sentence puts the name in, when known (the office
    word's before it: «депутат Дина Рахимова» is a woman, «депутата Дина Рахимова» no)."""
    name = _by_unambiguous_surname(a, b) or _her_nominative(a, b, case) or _kazakh_male_in_y(a, b) \
        or _unknown_person_raw(a, b, case)
    if name is None and strong and _may_be_kazakh_name(a, b):
        names = [p for p in parses(a.text.lower()) if "Name" in p.tag and p.tag.case in CASES
                 and p.tag.number != "plur"]
        if names:
            p = names[0]
            last = _kazakh_surname(b, p.tag.case)
            first = _nominative(p)
            if last and first:
                name = f"{capitalise(first)} {capitalise(last)}"
        else:
            name = _first_name_from_surname(a, b, case)
        if name is None:
            name = _both_unknown(a, b, case)
    # one spelling per person: Russian letters, as the canonical names of officials.json
    return " ".join(capitalise(ru_fold(part)) for part in name.split()) if name else None


def _undo_case(low: str, case: str | None) -> str | None:
    """A Kazakh name pymorphy3 does not know, back to the nominative by the case the sentence
    gives: consonant stems (Жандоса -> Жандос) and -й stems (Даулеткерея -> Даулеткерей)."""
    if case in (None, "nomn"):
        return low
    y_end = _Y_STEM_CASE.get(case)
    if y_end and low.endswith(y_end) and low[: -len(y_end)][-1:] in "аеоуыи":
        return low[: -len(y_end)] + "й"
    for end in _CONSONANT_CASE.get(case, ()):
        stem = low[: -len(end)]
        if low.endswith(end) and stem[-1:] not in "аеиоуыэюяь":
            return stem
    return None


def _both_unknown(a: Word, b: Word, case: str | None) -> str | None:
    """«Жандос Базартай, руководитель управления»: neither word in pymorphy3's dictionary,
    an office gives them: a Kazakh first name and surname, as the office's case allows."""
    if not (a.folded.isalpha() and b.folded.isalpha() and len(a.folded) > 2 and len(b.folded) > 2):
        return None
    if morph().word_is_known(a.folded) or morph().word_is_known(b.folded):
        return None
    first, last = _undo_case(a.folded, case), _undo_case(b.folded, case)
    return f"{capitalise(first)} {capitalise(last)}" if first and last else None


_SURNAME_STEMS = ("ов", "ев", "ёв", "ин", "ын")
_VOWELS = "аеёиоуыэюя"


def _by_unambiguous_surname(a: Word, b: Word) -> str | None:
    """A -ов/-ев/-ин surname whose ending has one reading tells case and gender, where
    pymorphy3 only guesses at a Kazakh first name it does not know: «Саниры Жусуповой» is
    Санира Жусупова, «Жалгасу Бабаханову» Жалгас Бабаханов, «Ерланом Сапаровым» Ерлан Сапаров."""
    first, last = a.folded, b.folded
    if not first.isalpha() or len(first) < 3:
        return None
    for end in ("ой",):  # her genitive, dative, instrumental, locative
        if last.endswith(end) and last[: -len(end)].endswith(_SURNAME_STEMS):
            if first.endswith(("ы", "е")) and first[-2] not in _VOWELS:
                first = first[:-1] + "а"       # Саниры, Санире -> Санира
            elif first.endswith("ой") and first[-3] not in _VOWELS:
                first = first[:-2] + "а"       # Санирой -> Санира
            elif first.endswith("и") and first[-2] in "гкхжшчщ":
                first = first[:-1] + "а"       # Дариги -> Дарига (и after г, к, х, ж, ш, ч, щ)
            elif first.endswith(("и", "ей")):
                first = first[:-1] + "я" if first.endswith("и") else first[:-2] + "я"
            elif first[-1] in _VOWELS:
                return None
            return f"{capitalise(first)} {capitalise(last[:-2] + 'а')}"
    for end, name_end in (("ым", ("ом", "ем")), ("е", ("е",)), ("у", ("у", "ю"))):  # his instrumental, locative, dative
        stem = last[: -len(end)]
        if last.endswith(end) and stem.endswith(_SURNAME_STEMS):
            if end == "у" and any("Name" in p.tag and p.tag.gender == "femn" and p.tag.case == "accs"
                                  for p in parses(first)):
                return None  # «Гульнару Сулейменову»: her accusative, as the dictionary knows
            for ne in name_end:
                base = first[: -len(ne)]
                if first.endswith(ne) and base[-1:] not in "ьъ":
                    if base[-1:] in _VOWELS:  # Николаем, Николаю -> Николай
                        if ne not in ("ем", "ю"):
                            continue
                        base += "й"
                    return f"{capitalise(base)} {capitalise(stem)}"
            return None
    return None


def _her_nominative(a: Word, b: Word, case: str | None) -> str | None:
    """«Санира Жусупова, председатель …»: where the sentence puts the name in the nominative,
    a first name in -а/-я before a surname in -ова/-ева/-ина is a woman's, as written."""
    if case == "nomn" and a.folded.endswith(("а", "я")) and b.folded.endswith(("ова", "ева", "ина", "ына")) \
            and a.folded.isalpha() and len(a.folded) > 2:
        return f"{capitalise(a.folded)} {capitalise(b.folded)}"
    return None


def _kazakh_male_in_y(a: Word, b: Word) -> str | None:
    """Кенесары, Тлеуберды, Нуралы: Kazakh male first names in -ы do not inflect; pymorphy3
    guesses them as genitives of feminine names in -а (Кенесары -> Кенесара)."""
    if not a.folded.endswith("ы") or morph().word_is_known(a.folded):
        return None
    last = surname_lemma(b.folded)
    return f"{capitalise(a.folded)} {capitalise(last)}" if last else None


def _first_name_from_surname(a: Word, b: Word, case: str | None = None) -> str | None:
    """A first name pymorphy3 does not tag (Канат, Мади, Абылай, Рухолла) before a surname it
    does: the surname's case tells how to undo the first name's ending."""
    if b.folded.endswith(("улы", "ұлы", "кызы", "қызы")):
        return f"{capitalise(a.folded)} {capitalise(b.folded)}"
    surnames = [q for q in parses(b.folded) if "Surn" in q.tag and q.tag.number != "plur"]
    if case is not None:
        surnames.sort(key=lambda q: q.tag.case != case)
    if not surnames:
        return _by_surname_shape(a, b)
    q = surnames[0]
    last = _nominative(q, q.tag.gender)
    if q.tag.case == "nomn" or (q.tag.gender == "femn" and a.folded[-1:] not in "аяыи"):
        first = a.folded
    else:
        first = _kazakh_surname(a, q.tag.case)  # the same consonant declension: Каната -> Канат
    return f"{capitalise(first)} {capitalise(last)}" if first and last else None


_SHAPE_CASE = {"": "nomn", "у": "datv", "ым": "ablt", "ом": "ablt", "е": "loct"}


def _by_surname_shape(a: Word, b: Word) -> str | None:
    """Neither name tagged (Рухолла Саматов: pymorphy3 reads «Саматов» as a plural of Самат):
    the -ов/-ин surname's ending gives the case and gender."""
    lemma = surname_lemma(b.folded)
    if lemma is None:
        return None
    suffix = b.folded[len(lemma):]
    consonant_first = a.folded[-1:] not in "аеиоуыэюяь"
    if suffix in ("а", "ой", "ою"):
        if consonant_first:  # Жанар Ахметова, Жанар Ахметовой: a woman's name does not inflect
            return f"{capitalise(a.folded)} {capitalise(lemma + 'а')}"
        first = _kazakh_surname(a, "gent") if suffix == "а" else None
        return f"{capitalise(first)} {capitalise(lemma)}" if first else None
    case = _SHAPE_CASE.get(suffix)
    if case is None:
        return None
    first = a.folded if case == "nomn" else _kazakh_surname(a, case)
    return f"{capitalise(first)} {capitalise(lemma)}" if first else None


def _surname_first(a: Word, b: Word, patronymic_after: bool) -> bool:
    """«Альтаева Нуржана Бауржановича», «Абдрахимова Габидуллу»: surname first, as in decrees
    (a patronymic after the second word, or a first word that is no first name, tells)."""
    if surname_lemma(b.folded) is not None or not any("Name" in p.tag for p in parses(b.folded)):
        return False
    if not (surname_lemma(a.folded) is not None or any("Surn" in q.tag for q in parses(a.folded))):
        return False
    return patronymic_after or not any("Name" in p.tag for p in parses(a.folded))


def _as_her_name(name: str, a: Word, b: Word, ws: list[Word], j: int) -> str:
    """«Асима Бимендина подчеркнула»: a name read as a man's genitive is a woman's nominative
    when the verb after it is feminine."""
    first, _, last = name.partition(" ")
    if not (a.folded.endswith("а") and b.folded.endswith(("ова", "ева", "ина", "ына"))) or first.lower() == a.folded:
        return name
    for w in ws[j + 1: j + 4]:
        tag = parses(w.folded)[0].tag
        if tag.POS == "VERB":
            if tag.gender == "femn":
                return f"{capitalise(a.folded)} {capitalise(b.folded)}"
            break
    return name


def _unknown_person_raw(a: Word, b: Word, case: str | None = None) -> str | None:
    names = [p for p in parses(a.text.lower()) if "Name" in p.tag and p.tag.case in CASES and p.tag.number != "plur"]
    if not names:
        return None
    surnames = [q for q in parses(b.text.lower()) if "Surn" in q.tag and q.tag.number != "plur"]
    if case is not None:  # readings in the sentence's case first, the dictionary's order otherwise
        names.sort(key=lambda p: p.tag.case != case)
        surnames.sort(key=lambda q: q.tag.case != case)
    # 1. a first name and a surname agreeing in case and gender
    for p in names:
        for q in surnames:
            if p.tag.case == q.tag.case and p.tag.gender == q.tag.gender:
                first, last = _nominative(p), _nominative(q, q.tag.gender)
                if first and last:
                    return f"{capitalise(first)} {capitalise(last)}"
    # 2. the surname alone tells the gender (Kazakh first names often do not inflect: Жанар Ахметовой)
    if surnames and len({q.tag.gender for q in surnames}) == 1:
        q = surnames[0]
        p = next((p for p in names if p.tag.case == q.tag.case and p.tag.gender == q.tag.gender), None)
        first = _nominative(p) if p else a.text.lower()
        last = _nominative(q, q.tag.gender)
        if first and last:
            return f"{capitalise(first)} {capitalise(last)}"
    # 3. a surname pymorphy3 does not know, undone by the pattern of -ов/-ев/-ин surnames
    p = names[0]
    low = b.text.lower()
    if low.endswith(("ов", "ев", "ин", "ова", "ева", "ина", "ову", "еву", "ину", "овым", "евым",
                     "иным", "ове", "еве", "ине", "овой", "евой", "иной", "улы", "кызы")):
        last = _surname_nominative(low, p.tag.case, p.tag.gender == "femn")
        first = _nominative(p)
        if last and first:
            return f"{capitalise(first)} {capitalise(last)}"
    return None


_OPEN_QUOTES = ("«", '"', "“", "„", "'")


def find_officials(text: str) -> list[str]:
    """Known officials wherever named (unless in a role that is no office, such as a press
    secretary); anyone else named with first name and surname when the sentence gives
    them an office (see `_office_cue`), or in a list that a plural office heads
    («депутаты Мажилиса Айгуль Иванова, Болат Сериков и Вера Омарова»), or when an
    initialled mention of the same surname has one («аким района Б. Жумабеков»). A
    patronymic between the names is dropped; an initialled name alone is never a value."""
    pairs, _, excluded, _ = _tables()
    ws = words(text)
    found: dict[str, None] = {}
    pending: dict[str, str] = {}       # surname key -> a full name still without an office
    cued_surnames: set[str] = set()    # surnames named with an initial and an office
    list_end = -1                      # where the last name of a list headed by a plural office ends
    list_case = None                   # the case of that list's first name
    last_name = -1                     # index of the last word of the last name-like pair
    held: set[str] = set()             # known names given an office somewhere in the item
    demoted: set[str] = set()          # known names given a role that is no office
    i = 0
    n_words = len(ws)
    while i < n_words - 1:
        a = ws[i]
        nxt = ws[i + 1]
        initial = _is_initial(text, a)
        if not initial and not a.cap and not nxt.cap and not nxt.folded.endswith(PATRONYMIC_ENDINGS):
            i += 1  # two lower-case words and no initial: no name starts here (as below, sooner)
            continue
        if initial:
            j = i + 1
            while j < len(ws) and _is_initial(text, ws[j]):
                j += 1
            if j < len(ws) and ws[j].cap and ws[j].sentence == a.sentence:
                if _office_cue(ws, i, j, text):
                    cued_surnames.add(_surname_key(ws[j].folded))
                i = j + 1
                continue
            i += 1
            continue
        j = i + 1
        if ws[j].folded.endswith(PATRONYMIC_ENDINGS) and j + 1 < len(ws) and ws[j + 1].cap \
                and ws[j + 1].sentence == a.sentence:
            j += 1  # Нурсултана Абишевича Назарбаева
        b = ws[j]
        if text[a.start - 1: a.start] in _OPEN_QUOTES:  # «Нур Отан», «Жас Отан»: a name, not a person
            i += 1
            continue
        if b.cap and a.sentence == b.sentence and len(a.text) > 1 and a.text.replace("-", "").isalpha() \
                and not (a.text.isupper() and len(a.text) <= 3) \
                and not (a.text.isupper() and b.text.isupper() and len(a.text) <= 4 and len(b.text) <= 4) \
                and text[a.end: ws[i + 1].start].isspace() and not _names_a_body(ws, j):
            name = pairs.get((a.folded, b.folded))
            in_list = list_end >= 0 and _LIST_GAP.fullmatch(text[list_end: a.start]) is not None
            cue = candidate = None
            if name is not None:
                cue = _office_cue(ws, i, j, text, stop=last_name)
                if cue:
                    held.add(name)  # and a list it heads goes on («депутаты А, Б и В»)
                elif _private_role_next_to(ws, i, j, text):
                    demoted.add(name)
                    name = None
            elif a.cap and not is_latin(a.text) and not _name_follows(ws, i, j, text):
                cue = _office_cue(ws, i, j, text, stop=last_name)
                patronymic_after = j + 1 < len(ws) and ws[j + 1].folded.endswith(PATRONYMIC_ENDINGS)
                first, last = (b, a) if _surname_first(a, b, patronymic_after) else (a, b)
                # no office before it: an apposition after («Сулупан Шинтасова, секретарь»), a
                # list's lead or «Им стал»: the name is the subject, in the nominative
                case = list_case if in_list and not cue else \
                    (_cue_case(ws, i) or _named_to_office(ws, j) or "nomn") if cue else None
                candidate = _unknown_person(first, last, strong=bool(cue or in_list), case=case)
                if candidate:
                    candidate = _as_her_name(candidate, first, last, ws, j)
                if candidate and norm_label(candidate) in excluded:
                    candidate = None
                if candidate and (cue or in_list):
                    name = candidate
                elif candidate:
                    pending.setdefault(_surname_key(candidate.rsplit(" ", 1)[-1].lower()), candidate)
            if name or candidate:
                last_name = j
            if name:
                found[name] = None
                list_end = b.end if (cue == "plur" or in_list) else -1
                if cue == "plur":
                    list_case = _case_of_name(a, name)
                i = j + 1
                continue
        i += 1
    for surname in cued_surnames:
        if surname in pending:
            found[pending[surname]] = None
    return [name for name in found if name not in demoted - held]


# «Аким Казалинского района», «Глава Шиелийского районного филиала»: an adjective of a body
_BODY_NOUNS = ("район", "област", "округ", "филиал", "маслихат", "акимат", "отделени", "город",
               "сельск", "поселков", "аульн")


def _names_a_body(ws: list[Word], j: int) -> bool:
    nxt = ws[j + 1] if j + 1 < len(ws) else None
    return nxt is not None and nxt.sentence == ws[j].sentence and not nxt.cap \
        and ws[j].folded.endswith(ADJ_ENDINGS) and nxt.folded.startswith(_BODY_NOUNS)


def _name_follows(ws: list[Word], i: int, j: int, text: str) -> bool:
    """«заместитель Токаева Ерлан Сапаров»: the first word is someone else's surname (a
    genitive); the first name and surname are the next two words."""
    if j != i + 1 or j + 1 >= len(ws):
        return False
    b, c = ws[j], ws[j + 1]
    if not c.cap or c.sentence != b.sentence or not text[b.end: c.start].isspace():
        return False
    return any("Name" in p.tag for p in parses(b.folded)) and (
        surname_lemma(c.folded) is not None or any("Surn" in q.tag for q in parses(c.folded)))


def _case_of_name(a: Word, name: str) -> str | None:
    """`Айгуль Иванова` as written is the nominative it was read as: the rest of the list agrees."""
    return "nomn" if ru_fold(name.split(" ", 1)[0]) == a.folded else None


def _surname_key(folded: str) -> str:
    """One key for a surname in any case and gender (Ахметов, Ахметова, Ахметовым)."""
    return surname_lemma(folded) or folded


def akim_regions(text: str, date: str | None) -> list[str]:
    """Regions of known akims named as such («аким области Даниал Ахметов») at the item's
    date, or, for an undated item, of an akim who held office in one region only: a vote
    for the region his office names."""
    if "аким" not in text.lower():
        return []
    pairs, _, _, roles = _tables()
    year = int(date[:4]) if date else None
    ws = words(text)
    out: dict[str, None] = {}
    for i in range(len(ws) - 1):
        name = pairs.get((ws[i].folded, ws[i + 1].folded))
        if not name or not any(w.folded.startswith("аким") and not w.folded.startswith("акимат")
                               for w in ws[max(0, i - 3): i]):
            continue
        held = roles.get(name, [])
        if year is None:
            if len({region for region, _, _ in held}) == 1:
                out[held[0][0]] = None
            continue
        for region, start, end in held:
            if start <= year <= end:
                out[region] = None
    return list(out) if len(out) == 1 else []
