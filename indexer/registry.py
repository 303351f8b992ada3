"""The facets, defined once. Everything that names a facet (the record reader, the schema,
extraction, filters, counts, the query parser, the API, the exports, the OpenAPI
description, the page and the CLI) derives it from `FACETS`: a new facet is one
definition here, one extractor and its data.

Extractors run in the order of `FACETS`, each seeing what the earlier ones found (the
place facet keeps only places in the regions the item is about).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from . import vocab


@dataclass
class Found:
    """What an extractor sees: the item, its date, and the values found before it."""
    rec: object
    date: str | None
    full: str                       # title and text, as one text
    values: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Facet:
    name: str                # filter parameter, `name:value` query field, index field, key of `facets`
    hit_key: str             # key of the values in hits, documents and export rows
    label: str               # the page's heading for it
    description: str         # for the OpenAPI description and `newsarchive --help`
    extract: Callable[[Found], list[str]]
    canonical: Callable[[str], str | None] | None = None  # a value written any way -> the stored one
    record_key: str | None = None   # a JSONL record may give the values (SPEC); None: always derived
    in_answer: bool = True           # counted in every answer (month: only with one year chosen)
    from_date: bool = False          # derived from the date (year, month): not extracted from text
    under_value: Callable[[str], str | None] | None = None  # the page lists values under this (a place's region)
    pattern: str | None = None       # what a filter value must look like (year: four digits)
    by_value: bool = False           # listed by value, newest first (years), not by count
    quoted: bool = False             # shown in «» (project names)
    chart: str | None = None         # a timeline's bars are this facet's values: "year" or "month" (the page's layout hint)
    within: str | None = None        # counted and charted only when one value of this facet is chosen (month: one year)
    names: Callable[[], dict[str, set[str]]] | None = None  # a value -> its other names (aliases, forms)

    def canonical_value(self, value: str) -> str:
        value = " ".join(value.split())
        if self.canonical is None:
            return value
        return self.canonical(value) or value


# --- extractors (imported late: extraction imports the corpus reader, which imports this
# registry); the canonicalisers are indexer/vocab.py's

def _region(f: Found) -> list[str]:
    from .extract.officials import akim_regions
    from .extract.regions import find_regions

    return find_regions(f.rec.title, f.rec.text, f.date, hints=akim_regions(f.full, f.date))


def _project(f: Found) -> list[str]:
    from .extract.projects import find_projects

    return find_projects(f.full)


def _official(f: Found) -> list[str]:
    from .extract.officials import find_officials

    return find_officials(f.full)


def _place(f: Found) -> list[str]:
    from .extract.places import find_places

    return find_places(f.rec.title, f.rec.text, f.date, f.values.get("region", []))


FACETS: tuple[Facet, ...] = (
    Facet("region", "region", "Регион", "region or city of republican significance (any name, case, script)",
          _region, vocab.canonical_region, record_key="region", names=vocab.region_names),
    Facet("place", "places", "Населённый пункт, район", "town, village or district within the region",
          _place, vocab.canonical_place, record_key="places", under_value=vocab.region_of_place,
          names=vocab.place_names),
    Facet("project", "projects", "Партийный проект", "party project (any script or spelling)",
          _project, vocab.canonical_project, record_key="projects", quoted=True,
          names=vocab.project_names),
    Facet("official", "officials", "Официальное лицо", "official, as «Имя Фамилия» (any case or alias)",
          _official, vocab.canonical_official, record_key="officials", names=vocab.official_names),
    Facet("year", "year", "Год", "year of the item's date, YYYY",
          lambda f: [f.date[:4]] if f.date else [], from_date=True, pattern=r"^[0-9]{4}$", by_value=True,
          chart="year"),
    Facet("month", "month", "Месяц", "month of the item's date, YYYY-MM (counted when one year is chosen)",
          lambda f: [f.date[:7]] if f.date else [], from_date=True, in_answer=False,
          pattern=r"^[0-9]{4}-[0-9]{2}$", by_value=True, chart="month", within="year"),
)

BY_NAME = {f.name: f for f in FACETS}
EXTRACTED = tuple(f for f in FACETS if not f.from_date)     # values from the text or the record
IN_ANSWER = tuple(f.name for f in FACETS if f.in_answer)  # counted in every answer
FILTERS = tuple(f.name for f in FACETS)                     # every facet is a filter


def facet(name: str) -> Facet:
    return BY_NAME[name]


def counted_within(filters: dict[str, list[str]]) -> tuple[str, ...]:
    """The facets counted only inside one chosen value of another (`within`) that these filters open."""
    return tuple(f.name for f in FACETS if f.within and len(filters.get(f.within, [])) == 1)


def chart_facet(filters: dict[str, list[str]]) -> Facet | None:
    """The facet a timeline draws for these filters: the finest `chart` facet open to them
    (the months when one year is chosen, else the years)."""
    open_ = set(counted_within(filters))
    shown = [f for f in FACETS if f.chart and (f.within is None or f.name in open_)]
    return shown[-1] if shown else None
