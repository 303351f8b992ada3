"""/feed?<search parameters>: the newest items of any search as Atom (RFC 4287), so a feed
reader becomes an alert service. It formats the `indexer.search` answer, sorted by date."""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, request, url_for

from indexer.search import InvalidRequest, search

from .errors import page_error
from .pages import doc_url
from .params import search_params

bp = Blueprint("feeds", __name__)
ATOM = "http://www.w3.org/2005/Atom"
# characters XML 1.0 forbids (a hostile record must not break the feed)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
EPOCH = "1970-01-01T00:00:00Z"


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text or "")


def _stamp(date: str | None) -> str | None:
    return f"{date}T00:00:00Z" if date else None


def _sub(parent, tag: str, text: str | None = None, **attrs):
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        el.text = xml_text(text)
    return el


def atom(result: dict, self_url: str, page_url: str, base: str) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    q = result["query"]
    _sub(feed, "id", self_url)
    _sub(feed, "title", f"Архив новостей: {q}" if q else "Архив новостей: новые материалы")
    dated = [h["date"] for h in result["hits"] if h["date"]]
    updated = _stamp(max(dated)) if dated else EPOCH
    _sub(feed, "updated", updated)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=page_url)
    _sub(feed, "author").append(_name("Архив новостей"))
    for h in result["hits"]:
        entry = _sub(feed, "entry")
        link = base + doc_url(h["id"])
        _sub(entry, "id", link)
        _sub(entry, "title", h["headline"] or h["id"])
        _sub(entry, "updated", _stamp(h["date"]) or updated)
        _sub(entry, "link", rel="alternate", type="text/html", href=link)
        plain = html.unescape(re.sub(r"</?mark>", "", h["snippet"]))
        _sub(entry, "summary", plain, type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _name(text: str):
    el = ET.Element(f"{{{ATOM}}}name")
    el.text = text
    return el


@bp.get("/feed")
def feed():
    args = [(k, v) for k, v in request.args.items(multi=True) if k not in ("sort", "page")]
    try:
        p = search_params(request.args)
        p.sort, p.page, p.exact = "date_desc", 1, True  # a subscription follows the words as typed
        result = search(current_app.extensions["archive"], p)
    except InvalidRequest as exc:
        return page_error(400, f"Ошибка в запросе: {exc.ru}")
    base = request.host_url.rstrip("/")
    query = urlencode(args)
    body = atom(result, base + url_for("feeds.feed") + ("?" + query if query else ""),
                base + url_for("pages.index") + ("?" + urlencode(args + [("sort", "date_desc")])), base)
    return Response(body, content_type="application/atom+xml; charset=utf-8")
