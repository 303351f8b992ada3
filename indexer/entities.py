"""One official, project, region or place over time: what an entity page shows, as plain data.

The kinds are the registry's extracted facets (a new facet gets its page for free). The
counts come from the searcher's snapshot (the same numpy ordinals the facet counts use);
the latest items come from `search` itself, so a page never disagrees with the search.
"""
from __future__ import annotations

from . import valuenames, vocab
from .registry import BY_NAME, EXTRACTED
from .search import Archive, Deadline, SearchParams, search

KINDS = tuple(f.name for f in EXTRACTED)
MAX_NAME_CHARS = 200
LATEST = 10
RELATED = 8
MAX_MONTHS = 360


class UnknownKind(KeyError):
    pass


def canonical(kind: str, name: str) -> str:
    """The stored value for `name` written any way (alias, case, script); `name` itself,
    whitespace-collapsed, when no table knows it."""
    if kind not in KINDS:
        raise UnknownKind(kind)
    return vocab.canonical(kind, " ".join(name.split()))


def _iso(v: int) -> str:
    s = str(int(v))
    return f"{s[:4]}-{s[4:6]}-{s[6:]}"


def nearest(archive: Archive, kind: str, name: str, n: int = 5) -> list[dict]:
    """Indexed values of `kind` closest to `name` by any of their names, with their counts."""
    with archive.lease() as served, archive.reading:
        fc = served.facets
        counts = fc.field(kind).counts(fc.live)
    return valuenames.nearest(kind, counts, name[:MAX_NAME_CHARS], n)


def entity(archive: Archive, kind: str, name: str, latest: int = LATEST) -> dict | None:
    """Everything an entity page shows for the canonical value `name`; None when no item names it."""
    value = canonical(kind, name)
    deadline = Deadline(archive.settings.time_limit)
    with archive.lease() as served, archive.reading:
        fc = served.facets
        mask = fc.field(kind).mask_any([value])
        total = int(mask.sum())
        if not total:
            return None
        dates = fc.dates[mask]
        known = dates[dates > 0]
        months = sorted(fc.field("month").counts(mask))
        years = sorted(fc.field("year").counts(mask))
        related = {}
        for f in EXTRACTED:
            values = [(v, c) for v, c in fc.field(f.name).counts(mask) if not (f.name == kind and v == value)]
            related[f.name] = [{"value": v, "count": c} for v, c in values[:RELATED]]
    result = search(archive, SearchParams(filters={kind: [value]}, sort="date_desc", per_page=latest), deadline)
    return {
        "kind": kind,
        "value": value,
        "label": BY_NAME[kind].label,
        "total": total,
        "first": _iso(known.min()) if known.size else None,
        "last": _iso(known.max()) if known.size else None,
        "undated": int(total - known.size),
        "timeline": _timeline(months),
        "years": [{"value": y, "count": int(c)} for y, c in years],
        "related": related,
        "latest": result["hits"],
    }


def _timeline(months: list[tuple[str, int]]) -> list[dict]:
    """Every month from the first mention to the last, empty months included (a gap is news too)."""
    if not months:
        return []
    have = dict(months)
    first, last = months[0][0], months[-1][0]
    if (int(last[:4]) - int(first[:4])) * 12 > MAX_MONTHS:  # a stray date decades off: no empty run
        return [{"month": k, "count": int(c)} for k, c in months]
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        key = f"{y:04d}-{m:02d}"
        out.append({"month": key, "count": int(have.get(key, 0))})
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


__all__ = ["KINDS", "UnknownKind", "canonical", "entity", "nearest"]
