"""Facets from the text: one extractor per facet; explicit record values win."""
from __future__ import annotations

from dataclasses import dataclass

from ..corpus import Record
from .dates import find_date
from .officials import akim_regions, canonical_official, find_officials
from .projects import canonical_project, find_projects
from .regions import canonical_region, find_regions

# Bump when extraction changes: incremental indexing then refreshes every item.
EXTRACTION_VERSION = "4"


@dataclass
class Facets:
    date: str | None
    region: list[str]
    projects: list[str]
    officials: list[str]


def _dedup(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def extract(rec: Record) -> Facets:
    date = rec.date or find_date(rec.text)
    full = f"{rec.title}. {rec.text}" if rec.title else rec.text
    if rec.region is not None:
        region = _dedup(canonical_region(v) or v for v in rec.region)
    else:
        region = find_regions(rec.title, rec.text, date, hints=akim_regions(full, date))
    projects = (_dedup(canonical_project(v) for v in rec.projects) if rec.projects is not None
                else find_projects(full))
    officials = (_dedup(canonical_official(v) for v in rec.officials) if rec.officials is not None
                 else find_officials(full))
    return Facets(date=date, region=region, projects=projects, officials=officials)


__all__ = ["Facets", "extract", "EXTRACTION_VERSION", "canonical_region", "canonical_project",
           "canonical_official", "find_date"]
