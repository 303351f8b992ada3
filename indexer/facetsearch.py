"""One facet's values matching a typed prefix by any name (`indexer/valuenames.py`), with
counts over the current result set: the answer of `GET /api/facets/<facet>` and of the
page's full facet lists («показать все», the type-to-filter box)."""
from __future__ import annotations

from .registry import BY_NAME
from .search import InvalidRequest, SearchParams, facet_counts
from .valuenames import search_values

MAX_PREFIX = 200
MAX_LIMIT = 1000
DEFAULT_LIMIT = 100


class UnknownFacet(KeyError):
    pass


def facet_values(archive, name: str, prefix: str = "", params: SearchParams | None = None,
                 limit: int = DEFAULT_LIMIT) -> dict:
    """{"facet", "label", "q", "total", "limit", "values": [{"value", "count", "selected",
    "matched"?, "under"?}]}: the values with items in the current results (without the
    facet's own filter, so any can be added), those matching `prefix` by any of their
    names, best match first, then by count (years: newest first); at most `limit`."""
    if name not in BY_NAME:
        raise UnknownFacet(name)
    prefix = " ".join(prefix.split())
    if len(prefix) > MAX_PREFIX:
        raise InvalidRequest(f"q: at most {MAX_PREFIX} characters", f"фильтр списка: не больше {MAX_PREFIX} знаков")
    if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise InvalidRequest(f"limit must be a whole number from 1 to {MAX_LIMIT}",
                             f"число значений — от 1 до {MAX_LIMIT}")
    f = BY_NAME[name]
    counts, selected, partial = facet_counts(archive, params or SearchParams(), name)
    if f.by_value:
        counts = sorted(counts, reverse=True)
    found = search_values(name, counts, prefix)
    chosen = set(selected)
    values = [{**d, "selected": d["value"] in chosen,
               **({"under": f.under_value(d["value"])} if f.under_value else {})} for d in found[:limit]]
    answer = {"facet": name, "label": f.label, "q": prefix, "total": len(found), "limit": limit, "values": values}
    if partial:
        answer["partial"] = True
    return answer


__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "MAX_PREFIX", "UnknownFacet", "facet_values"]
