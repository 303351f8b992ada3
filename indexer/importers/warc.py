"""A web archive (WARC, warcio): every HTML response record is a page as html.py reads it,
its target URI its address; revisits, requests, metadata and non-HTML responses are
skipped and counted. A truncated or corrupt archive: what was read before stays."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from . import ItemError
from .html import page_items, read_limited
from .urls import normalise

_BROKEN = (ArchiveLoadFailed, EOFError, OSError, ValueError)


def _is_html(record) -> bool:
    ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
    return ctype.split(";")[0].strip().lower() in ("text/html", "application/xhtml+xml")


def _charset(record) -> str | None:
    ctype = record.http_headers.get_header("Content-Type") or ""
    for part in ctype.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip('"') or None
    return None


def _html_targets(path: Path) -> set[str]:
    """Normalised addresses of the archive's HTML pages (a first pass, headers only): a
    section list's entry that is archived as a page of its own is left to that page."""
    out: set[str] = set()
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type == "response" and _is_html(record):
                    out.add(normalise(record.rec_headers.get_header("WARC-Target-URI")))
    except _BROKEN:
        pass  # reported by the second pass
    return out


def read_warc(path: Path) -> Iterator[tuple[int, dict | ItemError]]:
    """(record number, record dict or error); the number counts WARC records from 1."""
    pages = _html_targets(path)
    n = 0
    try:
        with open(path, "rb") as fh:
            for n, record in enumerate(ArchiveIterator(fh), 1):
                kind = record.rec_type
                if kind in ("warcinfo", "request", "metadata"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                if kind != "response":
                    yield n, ItemError(f"{kind} record skipped ({uri[:200]})")
                    continue
                if not _is_html(record):
                    yield n, ItemError(f"not an HTML response, skipped ({uri[:200]})")
                    continue
                if not normalise(uri):
                    yield n, ItemError(f"not an http(s) target URI: {uri[:200]!r}")
                    continue
                try:
                    raw = read_limited(record.content_stream())
                    if getattr(record.raw_stream, "limit", 0) > 0:  # the file ends inside it
                        raise ItemError("unreadable archive: truncated record, rest skipped")
                    items = list(page_items(raw, uri, _charset(record), has_page=pages.__contains__))
                except ItemError as exc:
                    yield n, ItemError(f"{exc} ({uri[:200]})")
                    continue
                for item in items:
                    yield n, item
    except _BROKEN as exc:
        yield n + 1, ItemError(f"unreadable archive, rest skipped ({type(exc).__name__}: {exc})")
