"""An item's publication date: the page's metadata, else its address, else the first date
in its text (Russian forms: «15 марта 2019», 15.03.2019), in that order."""
from __future__ import annotations

import datetime as dt
import json
import re

from ..corpus import valid_date
from ..extract.dates import find_date

_META = ("article:published_time", "datePublished", "date", "pubdate", "publishdate",
         "dc.date", "dc.date.issued", "og:published_time")
_ISO_START = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_URL_YMD = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/._-]|$)")
_URL_STAMP = re.compile(r"(?<!\d)(1[0-9]{9})(?!\d)")  # unix seconds, 2001-2033
MAX_JSONLD = 200_000


def _iso_prefix(value) -> str | None:
    m = _ISO_START.match(value) if isinstance(value, str) else None
    return valid_date("-".join(m.groups())) if m else None


def _jsonld_dates(obj, depth=0):
    if depth > 6:
        return
    if isinstance(obj, list):
        for o in obj:
            yield from _jsonld_dates(o, depth + 1)
    elif isinstance(obj, dict):
        if "datePublished" in obj:
            yield obj["datePublished"]
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in obj:
                yield from _jsonld_dates(obj[key], depth + 1)


def from_metadata(tree) -> str | None:
    """<meta> publication dates, JSON-LD datePublished, then the first <time datetime>."""
    for meta in tree.iterfind(".//meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if name in (m.lower() for m in _META) and (d := _iso_prefix(meta.get("content"))):
            return d
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        if len(script.text) > MAX_JSONLD:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        for value in _jsonld_dates(data):
            if d := _iso_prefix(value):
                return d
    for el in tree.iterfind(".//time"):
        if d := _iso_prefix(el.get("datetime")):
            return d
    return None


def from_url(url: str) -> str | None:
    """/2019/03/15/ in the path, else a unix timestamp in it."""
    m = _URL_YMD.search(url or "")
    if m:
        try:
            return dt.date(*map(int, m.groups())).isoformat()
        except ValueError:
            pass
    m = _URL_STAMP.search(url or "")
    if m:
        return dt.datetime.fromtimestamp(int(m.group(1)), dt.timezone.utc).date().isoformat()
    return None


def page_date(tree, url: str, text: str) -> str | None:
    return (from_metadata(tree) if tree is not None else None) or from_url(url) or find_date(text)
