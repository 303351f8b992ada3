"""One spelling per article address, so a page seen in a mirror, a WARC and a feed is one item.

courlan (trafilatura's own URL library) lowercases scheme and host, drops the fragment and
tracking parameters (utm_*, fbclid, ...); on top: https for http, no trailing slash, no
`index.html`, which a mirror writes for a folder address, and no `.html` suffix, which
`wget -E` adds to an address without one."""
from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from courlan import normalize_url

from ..corpus import safe_url


def normalise(url: str | None) -> str:
    """The canonical spelling of an http(s) address; "" if `url` is not one."""
    url = safe_url(url)
    if not url:
        return ""
    try:
        url = normalize_url(url, strict=True)
    except ValueError:
        return ""
    parts = urlsplit(url)
    path = parts.path
    for index in ("/index.html", "/index.htm"):
        if path.endswith(index):
            path = path[: -len(index) + 1]
    # `wget -E` saves `/news/slug` as `slug.html`: the page's address with or without the
    # suffix is one article, whichever of the mirror, the WARC and the feed spelled it
    for suffix in (".html", ".htm"):
        if path.endswith(suffix) and len(path) > len(suffix) + 1:
            path = path[: -len(suffix)]
    path = path.rstrip("/")
    return urlunsplit(("https", parts.netloc.lower(), path, parts.query, ""))
