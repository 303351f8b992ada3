"""A saved news page to items: its main text by trafilatura (menus, share buttons, "read
also" blocks and cookie notices are not text), or, on a section page of short dated news,
one item per entry when every entry has its own link, date and text."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urljoin

import lxml.etree
import lxml.html
import trafilatura

from . import MAX_PAGE_BYTES, ItemError
from .dates import from_metadata, from_url, page_date
from .encoding import decode
from .urls import normalise
from ..extract.dates import find_date

MIN_TEXT = 80           # characters of main text below which a page is not an article
MIN_ENTRIES = 3         # a section list has at least this many entries...
MIN_ENTRY_WORDS = 6     # ...each with this many words besides its title
LIST_SHARE = 0.5        # ...and together most of the page's visible text
_CHROME = {"nav", "header", "footer", "aside", "form", "script", "style", "noscript", "template"}
_WS = re.compile(r"\s+")
_HOST = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$", re.IGNORECASE)


def read_limited(fh) -> bytes:
    raw = fh.read(MAX_PAGE_BYTES + 1)
    if len(raw) > MAX_PAGE_BYTES:
        raise ItemError(f"page too large (over {MAX_PAGE_BYTES} bytes), not read")
    return raw


def mirror_url(path: Path) -> str:
    """The address a `wget --mirror` file was saved from: its folders from the host on."""
    parts = path.parts
    for i in range(len(parts) - 2, -1, -1):
        if _HOST.match(parts[i]):
            return "https://" + "/".join(parts[i:])
    return ""


def _squash(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _meta(tree, *names: str) -> str:
    for meta in tree.iterfind(".//meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in names and meta.get("content"):
            return _squash(meta.get("content"))
    return ""


def _canonical(tree) -> str:
    for link in tree.iterfind(".//link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            return link.get("href").strip()
    return _meta(tree, "og:url")


def _title(tree) -> str:
    h1 = tree.find(".//h1")
    return (_meta(tree, "og:title") or (_squash(h1.text_content()) if h1 is not None else "")
            or _squash(tree.findtext(".//title") or ""))


def _content_elements(el) -> Iterator:
    """Elements outside navigation, header, footer and scripts, parents first: one walk
    that skips a chrome subtree at its root instead of asking every element's ancestors."""
    stack = [el]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(child for child in reversed(node) if isinstance(child.tag, str) and child.tag not in _CHROME)


def _visible_text(el) -> str:
    """Text outside navigation, header, footer and scripts."""
    out: list[str] = []

    def walk(node):
        out.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _CHROME:
                walk(child)
            out.append(child.tail or "")
    walk(el)
    return _squash(" ".join(out))


def _entry(el, page_url: str) -> dict | None:
    """A list entry as an item: one link, a date, and text besides the title; else None."""
    links = {a.get("href").strip() for a in el.iterfind(".//a[@href]")
             if a.get("href", "").strip()[:1] not in ("", "#") and _squash(a.text_content())}
    if len(links) != 1:
        return None
    url = normalise(urljoin(page_url, links.pop()))
    if not url or url == normalise(page_url):
        return None
    heading = next(el.iter("h2", "h3", "h4"), None)
    link = next(a for a in el.iterfind(".//a[@href]") if _squash(a.text_content()))
    title = _squash((heading if heading is not None else link).text_content())
    full = _squash(el.text_content())
    date = from_metadata(el) or find_date(full) or from_url(url)
    for t in el.iter("time"):
        full = full.replace(_squash(t.text_content()), " ", 1) if _squash(t.text_content()) else full
    text = _squash(full.replace(title, " ", 1))
    if date is None or len(text.split()) < MIN_ENTRY_WORDS:
        return None
    return {"id": url, "url": url, "title": title, "date": date, "text": text}


def _section_entries(tree, page_url: str) -> list[dict] | None:
    """Entries of the largest run of alike siblings (same tag and class) that are all dated,
    linked news; None when no such run holds most of the page's text."""
    body = tree.find(".//body")
    if body is None:
        return None
    best: list[dict] = []
    for parent in _content_elements(body):
        groups: dict[tuple, list] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag not in _CHROME:
                groups.setdefault((child.tag, child.get("class")), []).append(child)
        for members in groups.values():
            if len(members) < MIN_ENTRIES or len(members) <= len(best):
                continue
            entries = [_entry(m, page_url) for m in members]
            if all(entries) and len({e["id"] for e in entries}) == len(entries):
                best = entries
    if not best:
        return None
    listed = sum(len(e["title"]) + len(e["text"]) for e in best)
    return best if listed >= LIST_SHARE * len(_visible_text(body)) else None


def parse(raw: bytes, charset: str | None = None):
    text = decode(raw, charset)
    try:
        tree = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ItemError(f"not an HTML page ({exc})") from None
    return tree


def page_items(raw: bytes, url: str, charset: str | None = None,
               has_page: Callable[[str], bool] = lambda u: False) -> Iterator[dict]:
    """Record dicts of one page (`url`: where it was saved from; a canonical link wins).
    Entries of a section list whose link is a page of its own in the same mirror or WARC
    are left to that page (ItemError after the others)."""
    tree = parse(raw, charset)
    page_url = normalise(urljoin(url, _canonical(tree))) or normalise(url)
    # a page that says it is one article (og:type, its publication time) is no section list
    single = _meta(tree, "og:type") == "article" or bool(_meta(tree, "article:published_time"))
    entries = None if single else _section_entries(tree, page_url or url)
    if entries is not None:
        own = [e for e in entries if has_page(e["id"])]
        yield from (e for e in entries if not has_page(e["id"]))
        if own:
            raise ItemError(f"section list: {len(own)} entries left to their own pages")
        return
    doc = trafilatura.bare_extraction(tree, url=page_url or None, favor_precision=True, fast=True,
                                      include_comments=False, include_tables=False,
                                      with_metadata=False, deduplicate=False)
    text = (doc.text if doc is not None else "") or ""
    if len(text) < MIN_TEXT:
        raise ItemError("not an article: no main text (a navigation or empty page)")
    title = _title(tree)
    if title and text.startswith(title):
        text = text[len(title):].lstrip()
    yield {"id": page_url, "url": page_url, "title": title,
           "date": page_date(tree, page_url, text), "text": text}


def read_html(path: Path) -> Iterator[tuple[int, dict | ItemError]]:
    """(position, record or error) for a saved page; position 1 is the page, then entries."""
    try:
        with open(path, "rb") as fh:
            raw = read_limited(fh)
        url = mirror_url(path)
        root = path.parts[: len(path.parts) - len(Path(url.removeprefix("https://")).parts)] if url else ()
        has_page = _mirror_lookup(Path(*root)) if root else (lambda u: False)
        for n, item in enumerate(page_items(raw, url, has_page=has_page), 1):
            if not item["id"]:
                item["id"] = str(path)
            yield n, item
    except ItemError as exc:
        yield 1, exc
    except OSError as exc:
        yield 1, ItemError(f"unreadable file ({exc})")


def _mirror_lookup(root: Path) -> Callable[[str], bool]:
    """Is a (normalised) address saved as a file under the mirror's root? wget writes a
    folder address as `index.html` and may add `.html` (-E)."""
    def has(url: str) -> bool:
        rest = url.removeprefix("https://").split("?", 1)[0]
        base = root / rest
        return any(p.is_file() for p in (base, base / "index.html", base.with_name(base.name + ".html")))
    return has
