"""Facets from the text: one extractor per facet (indexer/registry.py); explicit record values win."""
from __future__ import annotations

from dataclasses import dataclass

from ..corpus import Record
from ..registry import FACETS, Found
from .dates import find_date
from .officials import canonical_official
from .projects import canonical_project
from .regions import canonical_region

# Bump when extraction changes: incremental indexing then refreshes every item.
EXTRACTION_VERSION = "7"


@dataclass
class Facets:
    date: str | None
    values: dict[str, list[str]]  # facet name -> values, for every facet of the registry

    def __getitem__(self, name: str) -> list[str]:
        return self.values[name]


def _dedup(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def extract(rec: Record) -> Facets:
    date = rec.date or find_date(rec.text)
    found = Found(rec, date, f"{rec.title}. {rec.text}" if rec.title else rec.text)
    for facet in FACETS:
        explicit = rec.facets.get(facet.name)
        if explicit is not None and not facet.from_date:
            found.values[facet.name] = _dedup(facet.canonical_value(v) for v in explicit)
        else:
            found.values[facet.name] = _dedup(facet.extract(found))
    return Facets(date=date, values=found.values)


__all__ = ["Facets", "extract", "EXTRACTION_VERSION", "canonical_region", "canonical_project",
           "canonical_official", "find_date"]
