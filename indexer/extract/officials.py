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
    "замакима", "заммин", "член",
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
    return pairs, canon, excluded


def canonical_official(value: str) -> str:
    """A known official's canonical name for any spelling or case of it; else the value tidied."""
    pairs, canon, _ = _tables()
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


def _unknown_person(a: Word, b: Word) -> str | None:
    """`Имя Фамилия` in the nominative for a first-name + surname pair pymorphy3 recognises."""
    m = morph()
    for p in m.parse(a.text):
        tag = p.tag
        if "Name" not in tag or tag.case not in CASES:
            continue
        female = tag.gender == "femn"
        first = p.inflect({"nomn"})
        if first is None:
            continue
        surname = None
        for q in m.parse(b.text):
            if "Surn" in q.tag and q.tag.case == tag.case and (q.tag.gender == tag.gender):
                nom = q.inflect({"nomn", tag.gender}) if tag.gender else q.inflect({"nomn"})
                surname = nom.word if nom else None
                break
        if surname is None and b.text[:1].isupper():
            low = b.text.lower()
            if low.endswith(("ов", "ев", "ин", "ова", "ева", "ина", "ову", "еву", "ину", "овым", "евым",
                             "иным", "ове", "еве", "ине", "овой", "евой", "иной", "улы", "кызы")):
                surname = _surname_nominative(low, tag.case, female)
        if surname:
            return f"{first.word.capitalize()} {surname[:1].upper()}{surname[1:]}"
    return None


def find_officials(text: str) -> list[str]:
    pairs, _, excluded = _tables()
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
