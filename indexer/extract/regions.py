"""The region an item is about, from the ways Russian news name places.

Every mention votes for a region with a weight by how plainly it names one: an oblast
adjective with «область» or an abbreviation (3), a city, town or district (2), a
capital phrase (1.5), a demonym or a bare adjective (1). Mentions in the title and the
first sentence weigh more. The best-scored region wins; regions tied with it (two
oblasts named together) are kept. Places move between regions on dated renames, so
every lookup takes the item's date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..gazetteer import decline, load_json
from ..morphology import morph, surname_lemma
from ..textnorm import fix_homoglyphs, norm_label, phrase_key, ru_fold
from .tokens import ADJ_ENDINGS, Word, adjective_of, words

CANONICAL = [
    "Акмолинская область", "Актюбинская область", "Алматинская область", "Атырауская область",
    "Восточно-Казахстанская область", "Жамбылская область", "Западно-Казахстанская область",
    "Карагандинская область", "Костанайская область", "Кызылординская область",
    "Мангистауская область", "Павлодарская область", "Северо-Казахстанская область",
    "Туркестанская область", "Астана", "Алматы", "Шымкент",
    "Абайская область", "Жетысуская область", "Улытауская область",
]


def resolve(spec, date: str | None) -> str:
    """A region spec from the data (a name or a dated list) at the item's date."""
    if isinstance(spec, str):
        return spec
    for entry in spec:
        until = entry.get("until")
        if until is None or (date is not None and date < until):
            return entry["region"]
    return spec[-1]["region"]


@dataclass
class Tables:
    oblast_adj: list[tuple[str, str]] = field(default_factory=list)   # stem -> oblast
    city_adj: list[tuple[str, str]] = field(default_factory=list)     # stem -> city
    abbr: dict[str, str] = field(default_factory=dict)
    short: dict[str, str] = field(default_factory=dict)
    kazakh: dict[str, str] = field(default_factory=dict)              # phrase key before «облысы»
    places: dict[str, dict] = field(default_factory=dict)
    district_adj: list[tuple[str, object]] = field(default_factory=list)
    district_names: dict[str, str] = field(default_factory=dict)
    demonyms: list[tuple[str, str]] = field(default_factory=list)
    since: dict[str, tuple[str, str]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    # every inflected form of every adjective above -> [(kind, stem, region spec)]:
    # one dict lookup per word instead of a scan over all stems
    adj_forms: dict[str, list[tuple[str, str, object]]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def tables() -> Tables:
    data = load_json("regions.json")
    t = Tables()
    for r in data["regions"]:
        name = r["name"]
        target = t.city_adj if r.get("city") else t.oblast_adj
        target.extend((stem, name) for stem in r.get("adj", []))
        for a in r.get("abbr", []):
            t.abbr[a] = name
        for s in r.get("short", []):
            t.short[ru_fold(s)] = name
        for k in r.get("kazakh", []):
            t.kazakh[phrase_key(k.rsplit(" ", 1)[0])] = name
        t.demonyms.extend((d, name) for d in r.get("demonyms", []))
        if "since" in r:
            t.since[name] = (r["since"], r["before"])
        t.aliases[norm_label(name)] = name
        for a in r.get("abbr", []):
            t.aliases[norm_label(a)] = name
    for p in data["places"]:
        for spelling in [p["name"], *p.get("alt", [])]:
            for form in decline(spelling, p["decl"]):
                t.places[ru_fold(form)] = p
    for d in data["districts"]:
        t.district_adj.extend((stem, d["region"]) for stem in d["adj"])
    for d in data["district_names"]:
        for n in d["names"]:
            t.district_names[ru_fold(n)] = d["region"]
    for alias, name in data.get("aliases", {}).items():
        t.aliases[norm_label(alias)] = name
    for kind, pairs in (("district", t.district_adj), ("city", t.city_adj), ("oblast", t.oblast_adj)):
        for stem, region in pairs:
            for ending in ADJ_ENDINGS:
                t.adj_forms.setdefault(stem + ending, []).append((kind, stem, region))
    return t


def canonical_region(value: str) -> str | None:
    """The SPEC value for a region written any way a user or a record may write it."""
    t = tables()
    key = norm_label(value)
    if key in t.aliases:
        return t.aliases[key]
    place = t.places.get(ru_fold(value.strip()))
    if place is not None:
        return resolve(place["region"], None)
    for stem, name in t.oblast_adj:
        if any(adjective_of(w.folded, stem) for w in words(value)):
            return name
    return None


def region_named_by(word: str) -> str | None:
    """The region a single query word names: a place in any case or an alias (`Нур-Султан`, `ВКО`).

    Ambiguous names (`семей`, `рудный`) count only capitalised, as in documents."""
    t = tables()
    if word in t.abbr:
        return t.abbr[word]
    key = norm_label(word)
    if key in t.aliases and " " not in key:
        return t.aliases[key]
    place = t.places.get(ru_fold(word))
    if place is None or (place.get("ambiguous") and not word[:1].isupper()):
        return None
    return resolve(place["region"], None)


def _at_date(region: str, date: str | None) -> str:
    since = tables().since.get(region)
    if since and date is not None and date < since[0]:
        return since[1]
    return region


def _next_is(ws: list[Word], i: int, prefixes: tuple[str, ...], within: int = 1) -> bool:
    for j in range(i + 1, min(len(ws), i + 1 + within)):
        if ws[j].folded.startswith(prefixes):
            return True
    return False


# «Кызылординский облфилиал», «Рудненский горфилиал»: the branch words in short
OBLAST_WORDS = ("областн", "облфилиал", "облмаслихат", "облакимат", "облсовет")
CITY_WORDS = ("городск", "город", "горфилиал", "горакимат", "гормаслихат")


def _oblast_follows(ws: list[Word], i: int) -> bool:
    """`Атырауской и Мангистауской областей`: «область» after the adjective, maybe via a coordinated one."""
    for j in range(i + 1, min(len(ws), i + 5)):
        f = ws[j].folded
        if f.startswith(("област", "облыс")):
            return True
        if f in ("и", "а также") or f.endswith(("ской", "ская", "ского", "ских")):
            continue
        return False
    return False


_PATRONYMIC_ENDINGS = ("вич", "вича", "вичу", "вичем", "виче", "вна", "вны", "вне", "вну", "вной",
                       "улы", "ұлы", "кызы", "қызы")


def _looks_like_surname(w: Word) -> bool:
    f = w.folded
    if f.endswith(_PATRONYMIC_ENDINGS) or surname_lemma(f):
        return True
    return any({"Surn", "Patr"} & p.tag.grammemes for p in morph().parse(f))


def _is_person(ws: list[Word], i: int) -> bool:
    """A place word that is a person's name here: `Нурсултан Назарбаев`, `Нурсултана
    Абишевича`, `Каныш Сатпаев`, `Абай Кунанбаев`. A person never votes for a place."""
    w = ws[i]
    if not w.cap:
        return False
    nxt = ws[i + 1] if i + 1 < len(ws) else None
    if nxt is not None and nxt.cap and nxt.sentence == w.sentence and _looks_like_surname(nxt):
        return True
    prev = ws[i - 1] if i else None
    if (prev is not None and prev.cap and prev.sentence == w.sentence and len(prev.text) > 2
            and surname_lemma(w.folded)
            and (any("Name" in p.tag for p in morph().parse(prev.folded))
                 or not morph().word_is_known(prev.folded))):
        return True
    return False


def _is_dateline(text: str, w: Word) -> bool:
    """`АКТОБЕ. КАЗИНФОРМ –`: where an item was filed from, not what it is about."""
    if w.index > 1 or not w.text.isupper() or len(w.text) < 3:
        return False
    rest = text[w.end: w.end + 3].lstrip()
    return rest[:1] in (".", ",", "–", "—", "-", "/")


def mentions(text: str, date: str | None) -> list[tuple[str, float, Word]]:
    """(region, weight, where) for every place mention in the text."""
    t = tables()
    text = fix_homoglyphs(text)
    ws = words(text)
    out: list[tuple[str, float, Word]] = []
    skip = set()
    for i, w in enumerate(ws):
        if i in skip:
            continue
        f = w.folded
        prev = ws[i - 1].folded if i else ""
        abbr = w.text if w.text in t.abbr else w.text[:-1] if w.text.endswith("Ф") else None
        if abbr in t.abbr:  # ВКО; ЮКОФ, the branch of ЮКО
            out.append((t.abbr[abbr], 3, w))
            continue
        if f in t.short and prev.startswith("област"):
            out.append((t.short[f], 3, w))
            continue
        if i + 1 < len(ws) and ws[i + 1].folded.startswith("облыс"):
            key = phrase_key(" ".join(x.text for x in ws[max(0, i - 1): i + 1]))
            region = t.kazakh.get(key) or t.kazakh.get(phrase_key(w.text))
            if region:
                out.append((region, 3, w))
                skip.add(i + 1)
                continue
        # district names of the big cities: «района Сарыарка», «в районе Байконыр»
        if f in t.district_names and (prev.startswith("район") or _next_is(ws, i, ("район",))):
            out.append((t.district_names[f], 2, w))
            continue
        if f.startswith("район"):
            continue
        adj = t.adj_forms.get(f)
        if adj:
            kinds = {kind: (stem, region) for kind, stem, region in reversed(adj)}
            if "district" in kinds and _next_is(ws, i, ("район",)):
                out.append((resolve(kinds["district"][1], date), 2, w))
                continue
            if "city" in kinds:
                stem, city = kinds["city"]
                if stem == "столичн" or _next_is(ws, i, CITY_WORDS):
                    out.append((city, 3, w))
                    continue
            if "oblast" in kinds:
                stem, oblast = kinds["oblast"]
                if _oblast_follows(ws, i) or _next_is(ws, i, OBLAST_WORDS):
                    out.append((oblast, 3, w))
                elif _next_is(ws, i, ("район",)):
                    pass  # «Алматинский район» of the capital, «Жамбылский район» of several oblasts
                elif stem != "алматинск":
                    out.append((oblast, 1, w))
                continue
        if f.startswith("столиц"):
            if prev.startswith("южн"):
                out.append(("Алматы", 2, w))
            elif not prev.startswith("бывш"):
                out.append(("Астана", 1.5, w))
            continue
        place = t.places.get(f)
        if place is not None and (w.cap or not place.get("ambiguous")):
            if not (place.get("ambiguous") and not w.cap) and not _is_person(ws, i) \
                    and not _is_dateline(text, w):
                out.append((resolve(place["region"], date), 2, w))
            continue
        for stem, region in t.demonyms:
            if f.startswith(stem):
                out.append((region, 1, w))
                break
    return [(_at_date(r, date), wt, w) for r, wt, w in out]


# What the whole party does: an item about a congress, the political council or the
# central office is national even when it says where the hall stands («в Астане
# пройдет съезд партии»); the capital's name or «столица» alone then names a venue.
_NATIONAL = re.compile(
    r"съезд\w* партии|\w+ съезд\w*|политсовет\w*|политическ\w+ совет\w* партии|"
    r"центральн\w+ аппарат\w*|\bцап\b|республиканск\w+ общественн\w+ приемн\w*|"
    r"во всех регионах|по всей стране|по всему казахстану")
VENUE_WEIGHT = 2  # a city named, or «столица»: what a venue looks like


def is_national(text: str) -> bool:
    return _NATIONAL.search(ru_fold(text)) is not None


def find_regions(title: str, text: str, date: str | None, hints: list[str] = ()) -> list[str]:
    """The best-voted regions; `hints` (regions of office holders named as such) vote
    as plainly as an oblast named with «область»."""
    national = is_national(f"{title} {text}")
    scores: dict[str, float] = {}
    for part, bonus in ((title, 1.0), (text, 0.0)):
        for region, weight, w in mentions(part, date):
            if national and region == "Астана" and weight <= VENUE_WEIGHT:
                continue
            extra = bonus
            if part is text:
                if w.sentence == 0:
                    extra += 0.5
            scores[region] = scores.get(region, 0.0) + weight + extra
    for region in hints:
        scores[region] = scores.get(region, 0.0) + 3
    if not scores:
        return []
    best = max(scores.values())
    return sorted(r for r, s in scores.items() if s >= best - 1e-9)
