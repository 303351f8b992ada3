"""Officials named with first name and surname, as nominative `Имя Фамилия`.

Known office holders are matched from generated case forms of their names (both word
orders, all spellings). Anyone else counts only when pymorphy3 reads the pair as a
first name and a surname and an office word (аким, депутат, председатель...) stands
just before: veterans and residents are named too, but hold no office.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import load_json, official_name_forms
from ..morphology import morph, surname_lemma
from ..textnorm import fix_homoglyphs, norm_label, ru_fold
from .tokens import Word, words

OFFICE_WORDS = (
    "аким", "председател", "заместител", "депутат", "руководител", "министр", "вице-министр",
    "секретар", "глав", "директор", "начальник", "сенатор", "спикер", "президент",
    "премьер", "вице-премьер", "советник", "помощник", "ректор", "судья", "прокурор",
    "инспектор", "куратор", "уполномоченн", "лидер", "посол", "госсекретар", "управляющ",
    "замакима", "заммин", "мажилисмен", "маслихатчи", "парламентари", "бий", "губернатор",
)
# «главный врач», «главврач», «главред» are no offices of state or party
NOT_OFFICE = ("главн", "главврач", "главред", "главбух")
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


def _is_office(w: Word) -> bool:
    f = w.folded
    return f.startswith(OFFICE_WORDS) and not f.startswith(NOT_OFFICE)


def _has_office_cue(ws: list[Word], i: int, j: int) -> bool:
    """An office word within six words before the name (`аким области Даниал Ахметов`),
    or right after it as an apposition (`Арман Сейтказиев, заместитель председателя`)."""
    for k in range(max(0, i - 6), i):
        if ws[k].sentence == ws[i].sentence and _is_office(ws[k]) and not _candidate_for(ws, k):
            return True
    for k in range(j + 1, min(len(ws), j + 3)):
        if ws[k].sentence == ws[j].sentence and _is_office(ws[k]):
            return True
    return False


def _candidate_for(ws: list[Word], k: int) -> bool:
    """`кандидат в депутаты`, `претендент на должность акима`: running for an office is no office."""
    return any(w.folded.startswith(("кандидат", "претендент", "кандидатур")) for w in ws[max(0, k - 3): k])


_LIST_GAP = re.compile(r"\s*(?:,|\bи\b|,\s*а также)\s*$")


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


def _cap(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def _unknown_person(a: Word, b: Word) -> str | None:
    """`Имя Фамилия` in the nominative for a first-name + surname pair pymorphy3 recognises."""
    m = morph()
    names = [p for p in m.parse(a.text) if "Name" in p.tag and p.tag.case in CASES and p.tag.number != "plur"]
    if not names:
        return None
    surnames = [q for q in m.parse(b.text) if "Surn" in q.tag and q.tag.number != "plur"]
    # 1. a first name and a surname agreeing in case and gender
    for p in names:
        for q in surnames:
            if p.tag.case == q.tag.case and p.tag.gender == q.tag.gender:
                first, last = _nominative(p), _nominative(q, q.tag.gender)
                if first and last:
                    return f"{_cap(first)} {_cap(last)}"
    # 2. the surname alone tells the gender (Kazakh first names often do not inflect: Жанар Ахметовой)
    if surnames and len({q.tag.gender for q in surnames}) == 1:
        q = surnames[0]
        p = next((p for p in names if p.tag.case == q.tag.case and p.tag.gender == q.tag.gender), None)
        first = _nominative(p) if p else a.text.lower()
        last = _nominative(q, q.tag.gender)
        if first and last:
            return f"{_cap(first)} {_cap(last)}"
    # 3. a surname pymorphy3 does not know, undone by the pattern of -ов/-ев/-ин surnames
    p = names[0]
    low = b.text.lower()
    if low.endswith(("ов", "ев", "ин", "ова", "ева", "ина", "ову", "еву", "ину", "овым", "евым",
                     "иным", "ове", "еве", "ине", "овой", "евой", "иной", "улы", "кызы")):
        last = _surname_nominative(low, p.tag.case, p.tag.gender == "femn")
        first = _nominative(p)
        if last and first:
            return f"{_cap(first)} {_cap(last)}"
    return None


def find_officials(text: str) -> list[str]:
    """Known officials wherever named; anyone else named with first name and surname
    when the sentence gives them an office: an office word before or right after the
    name, or a list («депутаты Мажилиса Айгуль Иванова, Болат Сериков и Вера Омарова»)
    that such a name heads, or an initialled mention with an office («аким Д. Ахметов»).
    An initialled name alone is never a value."""
    pairs, _, excluded, _ = _tables()
    text = fix_homoglyphs(text)
    ws = words(text)
    found: dict[str, None] = {}
    pending: dict[str, str] = {}       # surname lemma -> a full name still without an office
    cued_surnames: set[str] = set()    # surnames named with an initial and an office
    last_official_end = -1             # character offset where the last official's name ends
    i = 0
    while i < len(ws) - 1:
        a, b = ws[i], ws[i + 1]
        if _is_initial(text, a):
            j = i + 1
            while j < len(ws) and _is_initial(text, ws[j]):
                j += 1
            if j < len(ws) and ws[j].cap and ws[j].sentence == a.sentence:
                if _has_office_cue(ws, i, j):
                    cued_surnames.add(_surname_key(ws[j].folded))
                i = j + 1
                continue
            i += 1
            continue
        if b.cap and a.sentence == b.sentence and len(a.text) > 1 and (a.cap or a.text.isalpha()):
            name = pairs.get((a.folded, b.folded))
            if name is None and a.cap:
                in_list = last_official_end >= 0 and _LIST_GAP.fullmatch(text[last_official_end: a.start]) is not None
                candidate = _unknown_person(a, b)
                if candidate and norm_label(candidate) in excluded:
                    candidate = None
                if candidate and (in_list or _has_office_cue(ws, i, i + 1)):
                    name = candidate
                elif candidate:
                    pending.setdefault(_surname_key(candidate.rsplit(" ", 1)[-1].lower()), candidate)
            if name:
                found[name] = None
                last_official_end = b.end
                i += 2
                continue
        i += 1
    for surname in cued_surnames:
        if surname in pending:
            found[pending[surname]] = None
    return list(found)


def _surname_key(folded: str) -> str:
    """One key for a surname in any case and gender (Ахметов, Ахметова, Ахметовым)."""
    return surname_lemma(folded) or folded


def akim_regions(text: str, date: str | None) -> list[str]:
    """Regions of known akims named as such («аким области Даниал Ахметов») at the item's
    date: a hint for items that name no place."""
    if not date:
        return []
    pairs, _, _, roles = _tables()
    year = int(date[:4])
    ws = words(text)
    out: dict[str, None] = {}
    for i in range(len(ws) - 1):
        name = pairs.get((ws[i].folded, ws[i + 1].folded))
        if not name or not any(w.folded.startswith("аким") and not w.folded.startswith("акимат")
                               for w in ws[max(0, i - 3): i]):
            continue
        for region, start, end in roles.get(name, []):
            if start <= year <= end:
                out[region] = None
    return list(out) if len(out) == 1 else []
