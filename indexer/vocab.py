"""The archive's names and their aliases, for whoever must read a value a user wrote: the
facet filters (through the registry's canonicalisers), the query parser (`region:Нур-Султан`,
a place word, a quoted project). The tables themselves are the extractors' (built from
indexer/data/), so what a filter accepts is exactly what extraction emits; they are
imported when first asked (extraction imports the corpus reader, which imports the registry)."""
from __future__ import annotations


def canonical(facet_name: str, value: str) -> str:
    """The stored value of a facet for a value written any way (any alias, case, script)."""
    from .registry import BY_NAME

    value = value.strip()
    return BY_NAME[facet_name].canonical_value(value) if facet_name in BY_NAME else value


def canonical_region(value: str) -> str | None:
    from .extract.regions import canonical_region as f
    return f(value)


def canonical_project(value: str) -> str | None:
    from .extract.projects import canonical_project as f
    return f(value)


def canonical_official(value: str) -> str | None:
    from .extract.officials import canonical_official as f
    return f(value)


def canonical_place(value: str) -> str | None:
    from .extract.places import canonical_place as f
    return f(value)


def region_of_place(value: str) -> str | None:
    """The region of a place value (the page lists places under their regions)."""
    from .extract.places import region_of as f
    return f(value)


def region_named_by(word: str) -> str | None:
    """The region one query word names (`Нур-Султан`, `ВКО`), or None."""
    from .extract.regions import region_named_by as f
    return f(word)


def place_named_by(word: str) -> str | None:
    """The town, village or district one query word names in any case, or None."""
    from .extract.places import place_named_by as f
    return f(word)


def project_named_by(text: str) -> str | None:
    """The known project a phrase names in any script, spelling or language, or None."""
    from .extract.projects import project_named_by as f
    return f(text)


def region_names() -> dict[str, set[str]]:
    """Each region's other names (aliases, abbreviations, Kazakh names, its cities)."""
    from .extract.regions import value_names as f
    return f()


def place_names() -> dict[str, set[str]]:
    from .extract.places import value_names as f
    return f()


def project_names() -> dict[str, set[str]]:
    from .extract.projects import value_names as f
    return f()


def official_names() -> dict[str, set[str]]:
    from .extract.officials import value_names as f
    return f()


def warm() -> None:
    """Build every name table now (about 0.1 s), e.g. before a server forks its workers."""
    region_named_by("Астана")
    place_named_by("Рудный")
    project_named_by("Qutty meken")
    canonical_official("Куанышбек Искаков")
    canonical_place("Рудный")
