"""Officials named with first name and surname, as nominative `Имя Фамилия`.

Known office holders are matched from generated case forms of their names (both word
orders, all spellings). Anyone else counts only when pymorphy3 reads the pair as a
first name and a surname and an office word (аким, депутат, председатель...) stands
just before: veterans and residents are named too, but hold no office.
"""
from __future__ import annotations

from functools import lru_cache

from ..gazetteer import load_json, official_name_forms
from ..morphology import morph
from ..textnorm import norm_label, ru_fold
from .tokens import Word, words

OFFICE_WORDS = (
    "аким", "председател", "заместител", "депутат", "руководител", "министр", "вице-министр",
    "секретар", "глав", "директор", "начальник", "сенатор", "спикер", "президент",
    "премьер", "вице-премьер", "советник", "помощник", "ректор", "судья", "прокурор",
    "инспектор", "куратор", "уполномоченн", "лидер", "посол", "госсекретар", "управляющ",
    "замакима", "заммин",
)
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


def _has_office_cue(ws: list[Word], i: int) -> bool:
    for j in range(max(0, i - 6), i):
        if ws[j].sentence == ws[i].sentence and ws[j].folded.startswith(OFFICE_WORDS):
            return True
    return False


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
    pairs, _, excluded, _ = _tables()
    ws = words(text)
    found: dict[str, None] = {}
    i = 0
    while i < len(ws) - 1:
        a, b = ws[i], ws[i + 1]
        if a.cap and b.cap and a.sentence == b.sentence:
            name = pairs.get((a.folded, b.folded))
            if name is None and _has_office_cue(ws, i):
                name = _unknown_person(a, b)
                if name and norm_label(name) in excluded:
                    name = None
            if name:
                found[name] = None
                i += 2
                continue
        i += 1
    return list(found)


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
