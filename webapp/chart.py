"""The timeline as plain numbers for an SVG (templates/_chart.html), the same on the search
page and on the entity pages: one bar per year or month (the registry's `chart` hint of the
facet drawn), each with its count, a link and its date range; a «без даты» bucket; links
that set a from–to range without JavaScript (app.js adds dragging across the bars)."""
from __future__ import annotations

import calendar
from typing import Callable

from .ru import MONTHS_SHORT, plural, ru_month

TOP = 100          # the tallest bar, px
HEAD = 16          # room above it for the count
BASE = HEAD + TOP  # the bars' foot
HEIGHT = BASE + 18  # the axis labels under it
GAP = 14           # between the dated bars and «без даты»
UNDATED_WIDTH = 60
DIGIT = 7          # px a digit of the count label takes (11 px font)


def span(kind: str, value: str) -> tuple[str, str]:
    """The first and last day a bar stands for: 2019 -> 2019-01-01…2019-12-31."""
    if kind == "year":
        return f"{value}-01-01", f"{value}-12-31"
    y, m = int(value[:4]), int(value[5:7])
    return f"{value}-01", f"{value}-{calendar.monthrange(y, m)[1]:02d}"


def filled(kind: str, counts: dict[str, int], year: str | None = None) -> list[tuple[str, int]]:
    """Every bar of the range, empty ones included (a gap is news too): the years from the
    first to the last, the twelve months of `year`, or every month from the first to the last."""
    if not counts and year is None:
        return []
    if kind == "year":
        keys = [str(y) for y in range(int(min(counts)), int(max(counts)) + 1)]
    elif year is not None:
        keys = [f"{year}-{m:02d}" for m in range(1, 13)]
    else:
        first, last = min(counts), max(counts)
        keys = [f"{y:04d}-{m:02d}" for y in range(int(first[:4]), int(last[:4]) + 1) for m in range(1, 13)]
        keys = [k for k in keys if first <= k <= last]
    return [(k, counts.get(k, 0)) for k in keys]


def _axis_label(kind: str, value: str, i: int, width: int) -> str:
    if kind == "year":
        return value
    if width >= 24:
        return MONTHS_SHORT[int(value[5:7]) - 1]
    return value[:4] if value.endswith("-01") or i == 0 else ""  # narrow months: the year at January


def chart(title: str, kind: str, bars: list[tuple[str, int]], url: Callable[[str], str],
          chosen: set[str] = frozenset(), undated: int = 0, undated_url: str | None = None,
          undated_chosen: bool = False, range_base: str | None = None, width: int = 36) -> dict | None:
    """`bars`: (value, count) in order; `url(value)`: a bar's link; `range_base`: the
    address a dragged range adds date_from/date_to to (None: no dragging)."""
    if not bars and not undated:
        return None
    top = max([c for _, c in bars] + [undated]) or 1
    out = []
    for i, (value, count) in enumerate(bars):
        h = round(TOP * count / top)
        first, last = span(kind, value)
        name = value if kind == "year" else ru_month(value)
        out.append({"value": value, "count": count, "x": i * width, "h": h, "y": BASE - h,
                    "title": f"{name}: {plural(count, 'материал')}", "url": url(value),
                    "axis": _axis_label(kind, value, i, width), "from": first, "to": last,
                    "chosen": value in chosen, "label": count > 0 and len(str(count)) * DIGIT <= width})
    dated_width = width * len(bars)
    bucket = None
    if undated:
        h = round(TOP * undated / top)
        bucket = {"count": undated, "x": dated_width + (GAP if bars else 0), "w": UNDATED_WIDTH, "h": h,
                  "y": BASE - h, "title": f"без даты: {plural(undated, 'материал')}", "url": undated_url,
                  "chosen": undated_chosen}
    return {"title": title, "kind": kind, "bars": out, "undated": bucket, "bar_width": width,
            "height": HEIGHT, "base": BASE, "range_base": range_base,
            "width": dated_width + ((GAP if bars else 0) + UNDATED_WIDTH if bucket else 0)}
