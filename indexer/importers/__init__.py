"""Readers for web material (saved pages, WARC, feeds): each yields the same record dicts
a JSONL line holds, with its position in the file, or raises ItemError for one bad item."""
from __future__ import annotations

MAX_PAGE_BYTES = 5_000_000  # a page larger than this is not a news item: refused, never parsed


class ItemError(ValueError):
    """One bad item: the reader goes on with the next one."""
