"""Request arguments -> SearchParams, with a message naming any bad parameter."""
from __future__ import annotations

import re

from indexer.corpus import strip_format
from indexer.registry import FACETS
from indexer.search import DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE, InvalidRequest, SearchParams

MAX_VALUE_CHARS = 200
MAX_VALUES = 50
RU_NAMES = {**{f.name: f.label for f in FACETS}, "page": "номер страницы", "per_page": "результатов на странице"}


def _int(args, name: str, default: int, low: int, high: int) -> int:
    raw = args.get(name)
    if raw in (None, ""):
        return default
    raw = raw.strip()
    if not re.fullmatch(r"-?[0-9]{1,9}", raw):  # ASCII digits: "¹".isdigit() is true
        raise InvalidRequest(f"{name} must be a whole number from {low} to {high}, not {raw[:40]!r}",
                         f"{RU_NAMES.get(name, name)}: целое число от {low} до {high}")
    value = int(raw)
    if not low <= value <= high:
        raise InvalidRequest(f"{name} must be a whole number from {low} to {high}, not {value}",
                         f"{RU_NAMES.get(name, name)}: целое число от {low} до {high}")
    return value


def int_param(args, name: str, default: int, low: int, high: int) -> int:
    """A whole-number parameter from `low` to `high`, or a 400 naming it."""
    return _int(args, name, default, low, high)


def _values(args, name: str) -> list[str]:
    # invisible format characters (RLO, zero-width) are no part of a facet value (as at index time)
    values = [strip_format(v).strip() for v in args.getlist(name) if v and strip_format(v).strip()]
    if len(values) > MAX_VALUES:
        raise InvalidRequest(f"{name}: at most {MAX_VALUES} values",
                         f"фильтр «{RU_NAMES.get(name, name)}»: не больше {MAX_VALUES} значений")
    for v in values:
        if len(v) > MAX_VALUE_CHARS:
            raise InvalidRequest(f"{name}: a value is longer than {MAX_VALUE_CHARS} characters",
                             f"фильтр «{RU_NAMES.get(name, name)}»: значение длиннее {MAX_VALUE_CHARS} знаков")
    return list(dict.fromkeys(values))


def _flag(args, name: str, ru: str) -> bool:
    raw = (args.get(name) or "").strip()
    if raw not in ("", "0", "1"):
        raise InvalidRequest(f"{name} must be 0 or 1, not {raw[:40]!r}", f"{ru}: 0 или 1")
    return raw == "1"


def search_params(args, query_key: str = "q") -> SearchParams:
    """Repeated single-value parameters: the first one counts. `query_key`: the parameter
    holding the query (`query` where `q` is something else, as in /api/facets/<facet>)."""
    return SearchParams(
        q=(args.get(query_key) or "").strip(),
        filters={f.name: _values(args, f.name) for f in FACETS},
        date_from=(args.get("date_from") or "").strip() or None,
        date_to=(args.get("date_to") or "").strip() or None,
        sort=(args.get("sort") or "relevance").strip(),
        page=_int(args, "page", 1, 1, MAX_PAGE),
        per_page=_int(args, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
        undated=_flag(args, "undated", "«без даты»"),
        exact=_flag(args, "exact", "искать как написано (exact)"),
    ).validate()
