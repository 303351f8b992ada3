"""The towns, villages and districts an item is about, each under one canonical name.

The same mentions that vote for the region name places (`regions.mentions`); a place
counts when it lies in a region the item is about, so a passing mention of another
oblast's town does not become a facet value. A name that two regions share («Есильский
район» of Акмолинская and Северо-Казахстанская области) carries its region in brackets.
"""
from __future__ import annotations

from functools import lru_cache

from ..textnorm import norm_label
from .regions import UNDATED_AS, mentions, resolve, tables


@lru_cache(maxsize=1)
def _units() -> dict[str, set[str]]:
    """Every place name of the tables -> the regions it lies in."""
    t = tables()
    out: dict[str, set[str]] = {}

    def add(name, spec):
        if name and spec is not None:
            out.setdefault(name, set()).add(resolve(spec, UNDATED_AS))

    for kind, stem_pairs in (("district", t.district_adj), ("town", t.town_adj)):
        for stem, spec in stem_pairs:
            add(t.unit_of_stem.get((kind, stem)), spec)
    for folded, spec in t.district_names.items():
        add(t.district_unit.get(folded), spec)
    for place in t.places.values():
        if place["name"] != resolve(place["region"], UNDATED_AS):
            add(place["name"], place["region"])
    return out


def place_value(name: str, region: str) -> str:
    """The facet value of a place: its name, with the region where the name is shared."""
    return f"{name} ({region})" if len(_units().get(name, ())) > 1 else name


def find_places(title: str, text: str, date: str | None, regions: list[str]) -> list[str]:
    found: dict[str, None] = {}
    for part in (title, text):
        for m in mentions(part, date):
            if m.unit and m.region in regions:
                found[place_value(m.unit, m.region)] = None
    return list(found)


@lru_cache(maxsize=1)
def _by_key() -> dict[str, str]:
    out: dict[str, str] = {}
    for name, regions in _units().items():
        for region in regions:
            value = place_value(name, region)
            out.setdefault(norm_label(value), value)
            out.setdefault(norm_label(name), value)
    return out


def canonical_place(value: str) -> str | None:
    """The facet value for a place written any way a user or a record may write it."""
    key = norm_label(value)
    if key in _by_key():
        return _by_key()[key]
    place = tables().places.get(key)
    if place is not None:
        return place_value(place["name"], resolve(place["region"], UNDATED_AS))
    return None


def region_of(value: str) -> str | None:
    """The region of a place value (to list places under their regions)."""
    name, _, bracket = value.partition(" (")
    if bracket:
        return bracket.rstrip(")")
    regions = _units().get(name)
    return next(iter(regions)) if regions and len(regions) == 1 else None


def place_named_by(word: str) -> str | None:
    """The place one query word names in any case (`Саумалколе`, `Лисаковска`), or None;
    a town whose name is also a word (`Алга`, `Шу`) only capitalised."""
    place = tables().places.get(word.lower().replace("ё", "е"))
    if place is None or (place.get("ambiguous") and not word[:1].isupper()):
        return None
    region = resolve(place["region"], UNDATED_AS)
    return None if place["name"] == region else place_value(place["name"], region)


def value_names() -> dict[str, set[str]]:
    """Each place value's names: its bare name and every spelling and case form the tables know."""
    out: dict[str, set[str]] = {}
    for name, regions in _units().items():
        for region in regions:
            out.setdefault(place_value(name, region), set()).add(name)
    for form, place in tables().places.items():
        region = resolve(place["region"], UNDATED_AS)
        if place["name"] != region:
            out.setdefault(place_value(place["name"], region), set()).add(form)
    return out
