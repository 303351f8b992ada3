"""Request arguments -> SearchParams, with a message naming any bad parameter."""
from __future__ import annotations

import re

from indexer.search import MAX_PAGE, MAX_PER_PAGE, BadRequest, SearchParams

MAX_VALUE_CHARS = 200
MAX_VALUES = 50


def _int(args, name: str, default: int, low: int, high: int) -> int:
    raw = args.get(name)
    if raw in (None, ""):
        return default
    raw = raw.strip()
    if not re.fullmatch(r"-?[0-9]{1,9}", raw):  # ASCII digits: "¹".isdigit() is true
        raise BadRequest(f"{name} must be a whole number from {low} to {high}, not {raw[:40]!r}")
    value = int(raw)
    if not low <= value <= high:
        raise BadRequest(f"{name} must be a whole number from {low} to {high}, not {value}")
    return value


def _values(args, name: str) -> list[str]:
    values = [v.strip() for v in args.getlist(name) if v and v.strip()]
    if len(values) > MAX_VALUES:
        raise BadRequest(f"{name}: at most {MAX_VALUES} values")
    for v in values:
        if len(v) > MAX_VALUE_CHARS:
            raise BadRequest(f"{name}: a value is longer than {MAX_VALUE_CHARS} characters")
    return list(dict.fromkeys(values))


def search_params(args) -> SearchParams:
    """Repeated single-value parameters: the first one counts."""
    return SearchParams(
        q=(args.get("q") or "").strip(),
        region=_values(args, "region"), project=_values(args, "project"),
        official=_values(args, "official"), year=_values(args, "year"),
        date_from=(args.get("date_from") or "").strip() or None,
        date_to=(args.get("date_to") or "").strip() or None,
        sort=(args.get("sort") or "relevance").strip(),
        page=_int(args, "page", 1, 1, MAX_PAGE),
        per_page=_int(args, "per_page", 20, 1, MAX_PER_PAGE),
    ).validate()
