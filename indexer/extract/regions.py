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
from typing import NamedTuple
from functools import lru_cache

from ..gazetteer import decline, load_json
from ..morphology import morph, surname_lemma
from ..textnorm import norm_label, phrase_key, ru_fold
from .dates import MONTHS
from .tokens import ADJ_ENDINGS, PATRONYMIC_ENDINGS, SENTENCE_END, Word, adjective_of, capitalise, parses, words

CANONICAL = [
    "Акмолинская область", "Актюбинская область", "Алматинская область", "Атырауская область",
    "Восточно-Казахстанская область", "Жамбылская область", "Западно-Казахстанская область",
    "Карагандинская область", "Костанайская область", "Кызылординская область",
    "Мангистауская область", "Павлодарская область", "Северо-Казахстанская область",
    "Туркестанская область", "Астана", "Алматы", "Шымкент",
    "Абайская область", "Жетысуская область", "Улытауская область",
]


# An undated item is read by the division in force for most of the archive's years
# (2014-2022): after Shymkent left its oblast in June 2018, before the oblasts of June 2022.
UNDATED_AS = "2021-12-31"


def resolve(spec, date: str | None) -> str:
    """A region spec from the data (a name or a dated list) at the item's date."""
    if isinstance(spec, str):
        return spec
    date = date or UNDATED_AS
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
    town_adj: list[tuple[str, object]] = field(default_factory=list)  # Лисаковской, Талдыкорганской
    district_names: dict[str, str] = field(default_factory=dict)
    demonyms: list[tuple[str, str]] = field(default_factory=list)
    demonym_stems: dict[str, str] = field(default_factory=dict)   # one lookup per stem length
    demonym_lengths: list[int] = field(default_factory=list)
    since: dict[str, tuple[str, str]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    # every inflected form of every adjective above -> [(kind, stem, region spec)]:
    # one dict lookup per word instead of a scan over all stems
    adj_forms: dict[str, list[tuple[str, str, object]]] = field(default_factory=dict)
    # the place a district or town adjective or a district name stands for (the place facet)
    unit_of_stem: dict[tuple[str, str], str] = field(default_factory=dict)
    phrases: dict[str, list[tuple[tuple[str, ...], str, float]]] = field(default_factory=dict)  # by 1st stem
    district_unit: dict[str, str] = field(default_factory=dict)


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
        for stem in d["adj"]:
            t.unit_of_stem[("district", stem)] = capitalise(stem + "ий") + " район"
    for d in data["district_names"]:
        for n in d["names"]:
            t.district_names[ru_fold(n)] = d["region"]
            t.district_unit[ru_fold(n)] = "район " + n
    for alias, name in data.get("aliases", {}).items():
        t.aliases[norm_label(alias)] = name
    for ph in data.get("phrases", []):
        t.phrases.setdefault(ph["words"][0][:3], []).append((tuple(ph["words"]), ph["region"], ph.get("weight", 2)))
    _add_admin_units(t, load_json("admin_units.json"))
    t.demonym_stems = dict(t.demonyms)
    t.demonym_lengths = sorted({len(stem) for stem, _ in t.demonyms}, reverse=True)
    for kind, pairs in (("district", t.district_adj), ("city", t.city_adj), ("town", t.town_adj),
                        ("oblast", t.oblast_adj)):
        for stem, region in pairs:
            for ending in ADJ_ENDINGS:
                t.adj_forms.setdefault(stem + ending, []).append((kind, stem, region))
    return t


def _add_admin_units(t: Tables, data: dict) -> None:
    """Every district and town (admin_units.json): adjectives of districts (a stem that
    names districts of two regions decides nothing), district names («район Биржан сал»),
    towns and district centres in their case forms, town adjectives. A town already in
    regions.json keeps that entry; towns do not widen queries (only regions.json places do)."""
    regions_by_stem: dict[str, list] = {}
    for d in data["districts"]:
        if d.get("city_district"):
            continue  # the capital's and Almaty's districts are regions.json's district_names
        for stem in [*d.get("adj", []), *d.get("former_adj", [])]:
            regions_by_stem.setdefault(stem, []).append(d["region"])
            t.unit_of_stem.setdefault(("district", stem), d["name"])
        for n in d.get("names", []):
            if " " not in n and "." not in n:
                t.district_names.setdefault(ru_fold(n), d["region"])
                t.district_unit.setdefault(ru_fold(n), d["name"])
    known_district = {stem for stem, _ in t.district_adj}
    for stem, specs in regions_by_stem.items():
        if stem in known_district:
            continue
        if all(spec == specs[0] for spec in specs):
            t.district_adj.append((stem, specs[0]))
        else:
            t.district_adj.append((stem, None))  # Жамбылский район: of three oblasts
    for town in data["towns"]:
        spellings = [town["name"], *town.get("alt", [])]
        if any(" " in sp for sp in spellings[:1]):
            continue  # «Толе би», «Отеген батыр»: names of people first
        place = {"name": town["name"], "region": town["region"], "admin": True}
        if town.get("ambiguous"):
            place["ambiguous"] = True
            place["foreign"] = town["ambiguous"] == "foreign"
        forms = {form for sp in spellings if " " not in sp for form in decline(sp, town["decl"])}
        forms |= set(town.get("forms", []))
        for form in forms:
            t.places.setdefault(ru_fold(form), place)
        if not town.get("shared"):
            t.town_adj.extend((stem, town["region"]) for stem in town.get("adj", []))
            for stem in town.get("adj", []):
                t.unit_of_stem.setdefault(("town", stem), town["name"])


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
    if place is None or place.get("admin") or (place.get("ambiguous") and not word[:1].isupper()):
        return None
    return resolve(place["region"], None)


def value_names() -> dict[str, set[str]]:
    """Each region's other names, for finding a value by any of them: aliases and former
    names (`Нур-Султан`), abbreviations, short and Kazakh names (`Qyzylorda oblysy`), the
    case forms of its oblast adjective, and the cities of regions.json in it (at any date)."""
    t = tables()
    data = load_json("regions.json")
    out: dict[str, set[str]] = {}
    for r in data["regions"]:
        out.setdefault(r["name"], set()).update([*r.get("abbr", []), *r.get("short", []), *r.get("kazakh", [])])
    for alias, name in data.get("aliases", {}).items():
        out.setdefault(name, set()).add(alias)
    for p in data["places"]:
        spec = p["region"]
        for region in [spec] if isinstance(spec, str) else [e["region"] for e in spec]:
            out.setdefault(region, set()).update([p["name"], *p.get("alt", [])])
    for form, entries in t.adj_forms.items():
        for kind, _, spec in entries:
            if kind == "oblast":
                out.setdefault(resolve(spec, None), set()).add(form)
    return out


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
        if f in ("и", "а", "также") or (f.endswith(ADJ_ENDINGS) and "ск" in f[-7:]):
            continue  # «Актюбинскую и Атыраускую области»
        return False
    return False


_PATRONYMIC_ENDINGS = PATRONYMIC_ENDINGS + ("улы", "ұлы", "кызы", "қызы")


def _looks_like_surname(w: Word) -> bool:
    f = w.folded
    if f in tables().adj_forms:
        return False  # «Саумалколь Айыртауского района»: a district, not a Достоевский
    if f.endswith(_PATRONYMIC_ENDINGS) or surname_lemma(f):
        return True
    return any({"Surn", "Patr"} & p.tag.grammemes for p in parses(f))


_SETTLEMENT_WORDS = {"с", "село", "селе", "села", "селом", "поселок", "поселке", "поселка", "пос", "п",
                     "г", "город", "городе", "города", "городом", "аул", "ауле", "аула", "станция",
                     "станции", "райцентр", "райцентре", "райцентра", "центр", "центре"}


def _settlement_before(ws: list[Word], i: int) -> bool:
    """`в селе Глубокое`, `г. Шу`: a town whose name is also a word counts only so."""
    return any(ws[k].folded in _SETTLEMENT_WORDS for k in (i - 1, i - 2) if k >= 0)


def _is_person(ws: list[Word], i: int, place: dict | None = None) -> bool:
    """A place word that is a person's name here: `Нурсултан Назарбаев`, `Нурсултана
    Абишевича`, `Каныш Сатпаев`, `Абай Кунанбаев`. A person never votes for a place."""
    w = ws[i]
    if not w.cap:
        return False
    nxt = ws[i + 1] if i + 1 < len(ws) else None
    if nxt is not None and nxt.cap and nxt.sentence == w.sentence and _looks_like_surname(nxt):
        return True
    prev = ws[i - 1] if i else None
    if prev is not None and prev.cap and prev.sentence == w.sentence and len(prev.text) > 2:
        prev_is_name = any("Name" in p.tag for p in parses(prev.folded))
        unknown = not morph().word_is_known(prev.folded)
        if prev_is_name or (unknown and (surname_lemma(w.folded) or (place or {}).get("ambiguous"))):
            return True  # Каныш Сатпаев, Аманжола Әлтая
    return False


def _phrase_at(ws: list[Word], i: int, t: Tables):
    """(region, weight, words) of a phrase of regions.json starting at word i: «в Западном Казахстане»."""
    for stems, region, weight in t.phrases.get(ws[i].folded[:3], ()):
        if i + len(stems) <= len(ws) and all(ws[i + k].folded.startswith(st) for k, st in enumerate(stems)):
            return region, weight, len(stems)
    return None


# «Алматы, 11 ноября 2011 года.», «Костанай, 05.03.2019»: a caption's or a dateline's place and date
_PLACE_DATE = re.compile(r",\s*(?:\d{1,2}\s+(?:" + "|".join(MONTHS) + r")|\d{1,2}\.\d{1,2}\.\d{2,4})",
                         re.IGNORECASE)


def _is_dateline(text: str, w: Word, ws: list[Word] | None = None) -> bool:
    """`АКТОБЕ. КАЗИНФОРМ –`, or a place and a date opening a sentence (a photo caption,
    `Алматы, 11 ноября`): where an item was filed or pictured, not what it is about."""
    if ws is not None and (w.index == 0 or ws[w.index - 1].sentence != w.sentence) \
            and _PLACE_DATE.match(text, w.end):
        return True
    if w.index > 1 or not w.text.isupper() or len(w.text) < 3:
        return False
    rest = text[w.end: w.end + 3].lstrip()
    return rest[:1] in (".", ",", "–", "—", "-", "/")


def _honorary(ws: list[Word], i: int) -> bool:
    """«Почетный гражданин Карагандинской области»: a person's title, not a place of the story."""
    return i >= 2 and ws[i - 2].folded.startswith("почетн") and ws[i - 1].folded.startswith("граждан") \
        or i >= 3 and ws[i - 3].folded.startswith("почетн") and ws[i - 2].folded.startswith("граждан")


@lru_cache(maxsize=200_000)
def _may_mention(text: str) -> bool:
    """Whether a word, as written, can start a mention by itself (a superset of what
    `mentions` accepts, decided once per word form): the others are skipped without
    running the branches (a word before «облысы» is checked by the caller)."""
    t = tables()
    f = ru_fold(text)
    return (text in t.abbr or (text.endswith("Ф") and text[:-1] in t.abbr) or f in t.short
            or f in t.district_names or f in t.adj_forms or f[:3] in t.phrases or f in t.places
            or f.startswith("столиц") or "ц" in f or "чан" in f)


class Mention(NamedTuple):
    region: str
    weight: float
    word: Word
    unit: str | None = None  # the town or district named, for the place facet


@lru_cache(maxsize=16)
def mentions(text: str, date: str | None) -> tuple[Mention, ...]:
    """Every place mention in the text: its region, weight, word, and the town or district
    it names (None for a region named as such). The last few are kept: the region and the
    place extractors read the same item's mentions."""
    t = tables()
    ws = words(text)
    out: list[Mention] = []
    skip = set()
    n_words = len(ws)
    for i, w in enumerate(ws):
        if i in skip:
            continue
        if not _may_mention(w.text) and not (i + 1 < n_words and ws[i + 1].folded.startswith("облыс")):
            continue  # most words: no table knows them, no branch below can fire
        if _honorary(ws, i):
            continue
        f = w.folded
        prev = ws[i - 1].folded if i else ""
        abbr = w.text if w.text in t.abbr else w.text[:-1] if w.text.endswith("Ф") else None
        if abbr in t.abbr:  # ВКО; ЮКОФ, the branch of ЮКО
            out.append(Mention(t.abbr[abbr], 3, w))
            continue
        if f in t.short and prev.startswith("област"):
            out.append(Mention(t.short[f], 3, w))
            continue
        if i + 1 < len(ws) and ws[i + 1].folded.startswith("облыс"):
            key = phrase_key(" ".join(x.text for x in ws[max(0, i - 1): i + 1]))
            region = t.kazakh.get(key) or t.kazakh.get(phrase_key(w.text))
            if region:
                out.append(Mention(region, 3, w))
                skip.add(i + 1)
                continue
        # district names of the big cities: «района Сарыарка», «в районе Байконыр»
        if f in t.district_names and (prev.startswith("район") or _next_is(ws, i, ("район",))):
            out.append(Mention(resolve(t.district_names[f], date), 2, w, t.district_unit.get(f)))
            continue
        if f.startswith("район"):
            continue
        adj = t.adj_forms.get(f)
        if adj:
            kinds = {kind: (stem, region) for kind, stem, region in reversed(adj)}
            if "district" in kinds and _next_is(ws, i, ("район",)):
                stem, spec = kinds["district"]
                if spec is not None:
                    out.append(Mention(resolve(spec, date), 2, w, t.unit_of_stem.get(("district", stem))))
                continue
            if "city" in kinds:
                stem, city = kinds["city"]
                if stem == "столичн" or _next_is(ws, i, CITY_WORDS):
                    out.append(Mention(city, 3, w))
                    continue
            if "town" in kinds and "oblast" not in kinds and "city" not in kinds:
                stem, spec = kinds["town"]
                out.append(Mention(resolve(spec, date), 2, w, t.unit_of_stem.get(("town", stem))))
                continue
            if "oblast" in kinds:
                stem, oblast = kinds["oblast"]
                if _oblast_follows(ws, i) or _next_is(ws, i, OBLAST_WORDS + CITY_WORDS):
                    out.append(Mention(oblast, 3, w))  # also «Атырауский городской филиал»: the oblast's centre
                elif _next_is(ws, i, ("район",)):
                    pass  # «Алматинский район» of the capital, «Жамбылский район» of several oblasts
                elif stem != "алматинск":
                    out.append(Mention(oblast, 1, w))
                continue
        phrase = _phrase_at(ws, i, t)
        if phrase:
            region, weight, n = phrase
            out.append(Mention(region, weight, w))
            skip.update(range(i + 1, i + n))
            continue
        if f.startswith("столиц"):
            if not prev.startswith("бывш"):
                out.append(Mention("Астана", 1.5, w))
            continue
        place = t.places.get(f)
        if place is not None and (w.cap or not place.get("ambiguous")):
            if not (place.get("ambiguous") and not w.cap) and not _is_person(ws, i, place) \
                    and not _is_dateline(text, w, ws) \
                    and not (place.get("admin") and place.get("ambiguous") and not _settlement_before(ws, i)):
                region = resolve(place["region"], date)
                out.append(Mention(region, 1 if place.get("foreign") else 2, w,
                                   place["name"] if place["name"] != region else None))
            continue
        for n in t.demonym_lengths if ("ц" in f or "чан" in f) else ():
            region = t.demonym_stems.get(f[:n])
            if region is not None:
                out.append(Mention(region, 1, w))
                break
    if date is None and any(m.region in t.since for m in out):
        announced = _announcing_sentences(ws)
        return tuple(m._replace(region=t.since[m.region][1] if m.region in t.since and m.word.sentence in announced
                                else _at_date(m.region, date)) for m in out)
    return tuple(m._replace(region=_at_date(m.region, date)) for m in out)


# «будет образована», «станет центром», «о создании трех новых областей»: a reform announced
_ANNOUNCE = ("образуют", "образова", "создани", "созда", "станет", "будет", "появит", "новых област",
             "новой област", "новая област")


def _announcing_sentences(ws: list[Word]) -> set[int]:
    sentences: dict[int, list[str]] = {}
    for w in ws:
        sentences.setdefault(w.sentence, []).append(w.folded)
    return {n for n, fs in sentences.items() if any(p in " ".join(fs) for p in _ANNOUNCE)}


# What the whole party does: an item about a congress, the political council or the
# central office is national even when it says where the hall stands («в Астане
# пройдет съезд партии»); the capital's name or «столица» alone then names a venue.
# «партии», or the party's name in its place («заседание Политического совета «Nur Otan»»)
_PARTY = r"(?:партии|«?(?:nur otan|нур отан|amanat|аманат)»?)"
_NATIONAL = re.compile(
    r"съезд\w* " + _PARTY + r"|\b[xviхі]+ (?:\w+ )?съезд\w*|(?:внеочередн|очередн)\w+ съезд\w*|"
    r"(?<!член )(?<!члены )(?<!членов )(?<!члена )(?<!членами )"
    r"(?:политсовет\w* " + _PARTY + r"|бюро политсовет\w*|политическ\w+ совет\w* " + _PARTY + r")|"
    r"центральн\w+ аппарат\w*|\bцап\b|республиканск\w+ общественн\w+ приемн\w*|"
    # a presidential campaign's headquarters and its candidate: where the hall stands is a venue
    r"республиканск\w+ (?:\w+ )?штаб\w*|штаб\w* кандидат\w* в президент\w*")
# weaker: the item tells of the whole country (a nationwide campaign, the party's press
# service or secretary), but a region may still be what it is about
_NATIONWIDE = re.compile(
    r"во всех регионах|по всей стране|по всему казахстану|регионов страны|"
    r"внутрипартийн\w+|пресс-служб\w+ партии\b|секретар\w+ партии\b|"
    r"школ\w+ политического менеджмента")
VENUE_WEIGHT = 2  # a city named, or «столица»: what a venue looks like


NATIONAL_MIN = 3.5  # in a national item: an oblast named in the first sentence, or two mentions


# «на региональном бюро политсовета», «областной политсовет»: a branch's own body
_LOCAL_BODY = re.compile(r"(?:регионал|областн|городск|районн|филиал)\w*\s+$")


def _national_in(folded: str) -> bool:
    return any(not _LOCAL_BODY.search(folded[max(0, m.start() - 20): m.start()])
               for m in _NATIONAL.finditer(folded))


def _national_sentences(text: str) -> set[int]:
    """Numbers of the sentences (as `words` counts them) that name a national body or event."""
    folded = ru_fold(text)
    if not _national_in(folded):
        return set()
    if len(folded) != len(text):  # a letter whose lower case is longer: fold sentence by sentence
        folded = None
    out, n, start = set(), 0, 0
    for m in [*SENTENCE_END.finditer(text), None]:
        end = m.end() if m else len(text)
        if _national_in(folded[start:end] if folded is not None else ru_fold(text[start:end])):
            out.add(n)
        n, start = n + 1, end
    return out


def _where(ws: list[Word], w: Word) -> bool:
    """`в Астане`, `в столице`: the place where something happens (not `в Астану`, `помощь Астане`)."""
    return w.folded.endswith(("е", "и")) and any(x.folded in ("в", "во") for x in ws[max(0, w.index - 2): w.index])


# an office word right before a region: «акимов Жетысуской области», «председателя
# Алматинского областного филиала» name someone's office, not what a national item is about
_OFFICE_BEFORE = ("аким", "председател", "депутат", "руководител", "заместител", "секретар", "глав")
SECONDARY_SHARE = 0.5  # a second region plainly named with half the best's votes is kept


def find_regions(title: str, text: str, date: str | None, hints: list[str] = ()) -> list[str]:
    """The best-voted regions; `hints` (regions of office holders named as such) vote
    as plainly as an oblast named with «область».

    In a national item (a congress, the political council, the central office) the
    capital named where the national event is told («в Астане пройдет съезд») is its
    venue, a region in an office title there is the office's, and any region needs
    NATIONAL_MIN (also in a nationwide campaign). A second region with half the best's
    votes stays when it is named plainly (as an oblast or in the title): aid sent from one
    oblast to another, a roundup of two regions. An undated item that names an oblast of
    June 2022 as a fact is read at that date."""
    if date is None:
        date = _implied_date(title, text)
    scores: dict[str, float] = {}
    plain: set[str] = set()
    national = False
    venues = {part: _national_sentences(part) for part in (title, text)}
    # an item about a congress, the political council or the central office says so at once
    congress = bool(venues[title]) or 0 in venues[text]
    for part, is_title in ((title, True), (text, False)):
        venue = venues[part]
        national = national or bool(venue) or _NATIONWIDE.search(ru_fold(part)) is not None
        ws = words(part)
        for region, weight, w, _ in mentions(part, date):
            if region == "Астана" and weight <= VENUE_WEIGHT and w.sentence in venue and _where(ws, w):
                continue
            if congress and _in_office_title(ws, w):
                continue  # «исключить из политсовета акимов Жетысуской области»: their office
            extra = 1.0 if is_title else 0.5 if w.sentence == 0 else 0.0
            if is_title or weight >= 3:
                plain.add(region)
            scores[region] = scores.get(region, 0.0) + weight + extra
    for region in hints:
        scores[region] = scores.get(region, 0.0) + 3
        plain.add(region)
    for region in _enumerated(title, text, date, hints):
        scores.pop(region, None)
    if national:
        for region in _examples(text, date):
            scores.pop(region, None)
        scores = {r: v for r, v in scores.items() if v >= NATIONAL_MIN}
    if not scores:
        return []
    best = max(scores.values())
    tied = [r for r, v in scores.items() if v >= best - 1e-9]
    if len(tied) > 2 and best <= VENUE_WEIGHT + 0.5 and not (plain & set(tied)):
        return []  # three places named once each: where people came from, not what it is about
    return sorted(r for r, v in scores.items()
                  if v >= best - 1e-9 or (r in plain and v >= best * SECONDARY_SHARE))


# «Так, в Восточно-Казахстанской области …», «Например, в Жезказгане …»: a national report's example
_EXAMPLE_LEADS = (("так",), ("например",), ("в", "частности"), ("к", "примеру"))


def _examples(text: str, date: str | None) -> set[str]:
    """Regions a national item first names in a sentence that opens as an example: the
    report is about the country, the region illustrates it."""
    ws = words(text)
    starts: dict[int, int] = {}
    for w in ws:
        starts.setdefault(w.sentence, w.index)
    example_sentences = set()
    for sentence, k in starts.items():
        for lead in _EXAMPLE_LEADS:
            end = k + len(lead)
            if tuple(x.folded for x in ws[k:end]) == lead and end <= len(ws) \
                    and text[ws[end - 1].end: ws[end - 1].end + 1] == ",":
                example_sentences.add(sentence)
    if not example_sentences:
        return set()
    first: dict[str, int] = {}
    for m in mentions(text, date):
        first.setdefault(m.region, m.word.sentence)
    return {region for region, sentence in first.items() if sentence in example_sentences}


ENUMERATION = 3  # regions named in one sentence: a list of where, not what the item is about


def _enumerated(title: str, text: str, date: str | None, hints) -> set[str]:
    """Regions that the item names only in one list of three or more («в Акмолинской,
    Восточно-Казахстанской областях, в городе Астана и в Актюбинской области»), never in
    its title, its first sentence or elsewhere, and no office holder's: a nationwide
    report's list."""
    by_sentence: dict[int, set[str]] = {}
    ms = mentions(text, date)
    for m in ms:
        by_sentence.setdefault(m.word.sentence, set()).add(m.region)
    lists = [(n, regions) for n, regions in by_sentence.items() if len(regions) >= ENUMERATION]
    if not lists:
        return set()
    elsewhere = {m.region for m in mentions(title, date)} | set(hints) | \
        {m.region for m in ms if m.word.sentence == 0}
    out = set()
    for n, regions in lists:
        out |= {r for r in regions - elsewhere
                if all(m.word.sentence == n for m in ms if m.region == r)}
    return out


def _in_office_title(ws: list[Word], w: Word) -> bool:
    """«акима Жетысуской области», «акимов Жетысуской и Улытауской областей»: an office's region."""
    k = w.index - 1
    while k >= 0 and w.index - k <= 4 and (ws[k].folded in ("и", "а") or (
            ws[k].folded.endswith(ADJ_ENDINGS) and "ск" in ws[k].folded[-7:])):
        k -= 1  # a coordinated region adjective before this one
    return any(x.folded.startswith(_OFFICE_BEFORE) for x in ws[max(0, k - 1): k + 1])


def _implied_date(title: str, text: str) -> str | None:
    """An undated item that names an oblast created in June 2022 as existing is from after it."""
    t = tables()
    for part in (title, text):
        ms = mentions(part, None)
        if any(m.region in t.since for m in ms):
            return max(t.since[m.region][0] for m in ms if m.region in t.since)
    return None
