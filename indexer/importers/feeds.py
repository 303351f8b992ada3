"""A feed (RSS or Atom, feedparser): each entry is an item, its link (or a guid that is an
address) its id, its text the content or summary with the HTML stripped."""
from __future__ import annotations

import datetime as dt
import email.utils
from pathlib import Path
from typing import Iterator

import feedparser
import lxml.html
import lxml.etree

from . import ItemError
from .html import read_limited
from .urls import normalise


def _plain(html: str) -> str:
    if "<" not in html:
        return html.strip()
    try:
        return " ".join(lxml.html.fromstring(f"<div>{html}</div>").text_content().split())
    except (lxml.etree.ParserError, ValueError):
        return ""


def _date(entry) -> str | None:
    """The date as the feed writes it (a +06:00 evening stays that day), else feedparser's
    UTC reading of it."""
    for key in ("published", "updated", "created"):
        raw = (entry.get(key) or "").strip()
        if not raw:
            continue
        for parse in (email.utils.parsedate_to_datetime, dt.datetime.fromisoformat):
            try:
                return parse(raw.replace("Z", "+00:00")).date().isoformat()
            except (TypeError, ValueError, IndexError):
                pass
        t = entry.get(f"{key}_parsed")
        if t:
            try:
                return dt.date(t.tm_year, t.tm_mon, t.tm_mday).isoformat()
            except ValueError:
                return None
    return None


def read_feed(path: Path) -> Iterator[tuple[int, dict | ItemError]]:
    """(entry number, record dict or error)."""
    try:
        with open(path, "rb") as fh:
            raw = read_limited(fh)
    except ItemError as exc:
        yield 1, exc
        return
    except OSError as exc:
        yield 1, ItemError(f"unreadable file ({exc})")
        return
    feed = feedparser.parse(raw, sanitize_html=False, resolve_relative_uris=False)
    if not feed.entries:
        why = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        yield 1, ItemError(f"not a feed: no entries{why}")
        return
    for n, entry in enumerate(feed.entries, 1):
        url = normalise(entry.get("link")) or normalise(entry.get("id"))
        if not url:
            yield n, ItemError("feed entry without a link (no address to name it by)")
            continue
        body = entry.get("content") or []
        html = next((c.get("value") for c in body if c.get("value")), None) or entry.get("summary") or ""
        yield n, {"id": url, "url": url, "title": _plain(entry.get("title") or ""),
                  "date": _date(entry), "text": _plain(html)}
