"""JSON API (SPEC "HTTP"): /api/search, its CSV and JSON Lines exports, /api/doc/<id>, /healthz."""
from __future__ import annotations

import csv
import datetime
import io
import json
import re
from urllib.parse import quote

from flask import Blueprint, Response, current_app, jsonify, stream_with_context
from flask import request

from indexer import store
from indexer.corpus import strip_format
from indexer.facetsearch import DEFAULT_LIMIT, MAX_LIMIT, UnknownFacet, facet_values
from indexer.registry import EXTRACTED, FILTERS
from indexer.search import InvalidRequest, export, get_document, search

from .errors import json_error as error
from .openapi import openapi_document
from .params import int_param, search_params

bp = Blueprint("api", __name__)
NO_INDEX = "no index has been built yet (run `newsarchive index`)"  # the path stays in the log


def archive():
    return current_app.extensions["archive"]


@bp.errorhandler(InvalidRequest)
def _bad_request(exc):
    return error(400, str(exc))


@bp.errorhandler(store.IndexMissing)
def _no_index(exc):
    current_app.logger.error("%s", exc)
    return error(503, NO_INDEX)


@bp.get("/api/search")
def api_search():
    return jsonify(search(archive(), search_params(request.args)))


@bp.get("/api/facets/<name>")
def api_facet_values(name: str):
    """Values of one facet matching `q` by any name, counted over the search of the other
    parameters (its query in `query`)."""
    args = request.args
    try:
        return jsonify(facet_values(archive(), name, strip_format(args.get("q") or ""),
                                    search_params(args, query_key="query"),
                                    int_param(args, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)))
    except UnknownFacet:
        return error(404, f"no facet {name[:40]!r}; facets: {', '.join(FILTERS)}")


@bp.get("/api/doc/<path:doc_id>")
def api_doc(doc_id: str):
    doc = get_document(archive(), doc_id)
    if doc is None:
        return error(404, f"no document with id {doc_id!r}")
    return jsonify(doc)


@bp.get("/healthz")
def healthz():
    try:
        return jsonify({"status": "ok", "documents": archive().doc_count()})
    except store.IndexMissing as exc:
        return _no_index(exc)


EXPORT_COLUMNS = ["id", "date", "title", *[f.hit_key for f in EXTRACTED], "url", "score", "text"]
# `header=ru`: the same columns under Russian names (the page's link, for a spreadsheet);
# the English names stay the default, as researchers' scripts read them
RU_COLUMNS = {"id": "id", "date": "дата", "title": "заголовок", **{f.hit_key: f.label for f in EXTRACTED},
              "url": "ссылка", "score": "релевантность", "text": "текст"}
TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
                     "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia",
                     "a", "g", "q", "n", "o", "u", "u", "h", "i"]))
SLUG_CHARS = 40


def export_filename(params, ext: str, today: datetime.date | None = None) -> tuple[str, str]:
    """(UTF-8 name, ASCII name) after the query, or the filters when there is none, and the
    day: `newsarchive-искаков-2026-12-02.csv`, `newsarchive-iskakov-2026-12-02.csv`."""
    words = params.q or " ".join(v for vs in params.filters.values() for v in vs)
    slug = "-".join(re.findall(r"\w+", words.lower()))[:SLUG_CHARS].strip("-_")
    ascii_slug = "-".join(w for w in re.split(r"[^a-z0-9]+", "".join(TRANSLIT.get(c, c) for c in slug)) if w)
    day = (today or datetime.date.today()).isoformat()

    def name(s):
        return f"newsarchive-{s}-{day}.{ext}" if s else f"newsarchive-{day}.{ext}"

    return name(slug), name(ascii_slug[:SLUG_CHARS])


def content_disposition(params, ext: str) -> str:
    """RFC 6266 with RFC 5987's `filename*` for the UTF-8 name and a plain ASCII fallback."""
    utf8, fallback = export_filename(params, ext)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(utf8, safe='')}"
# a cell starting with one of these is a formula to Excel and LibreOffice (OWASP: CSV injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A value as a CSV cell that no spreadsheet runs: text that could start a formula gets `'`."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = " | ".join(value)
    elif not isinstance(value, str):
        return str(value)  # numbers: ours, never a formula
    return "'" + value if value.startswith(FORMULA_START) else value


def _export_headers(exp, disposition: str) -> dict:
    return {
        "X-Total-Count": str(exp.total),
        "X-Export-Limit": str(exp.limit),
        "X-Export-Truncated": "true" if exp.truncated else "false",
        # the time limit stopped the search: the total and the rows may be short
        "X-Export-Partial": "true" if exp.partial else "false",
        "Content-Disposition": disposition,
    }


@bp.get("/api/search.csv")
def api_export_csv():
    params = search_params(request.args)
    header = request.args.get("header", "en")
    if header not in ("en", "ru"):
        raise InvalidRequest(f"header must be en or ru, not {header[:40]!r}")
    exp = export(archive(), params, current_app.config["EXPORT_LIMIT"])

    def generate():
        yield "\ufeff"  # BOM: Excel then reads the Cyrillic as UTF-8
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow([RU_COLUMNS[c] for c in EXPORT_COLUMNS] if header == "ru" else EXPORT_COLUMNS)
        try:
            for row in exp.rows:
                writer.writerow([csv_cell(row[c]) for c in EXPORT_COLUMNS])
                if buf.tell() > 64_000:
                    yield buf.getvalue()
                    buf.seek(0)
                    buf.truncate()
        finally:
            exp.rows.close()
        yield buf.getvalue()

    return Response(stream_with_context(generate()), content_type="text/csv; charset=utf-8",
                    headers=_export_headers(exp, content_disposition(params, "csv")))


@bp.get("/api/search.jsonl")
def api_export_jsonl():
    params = search_params(request.args)
    exp = export(archive(), params, current_app.config["EXPORT_LIMIT"])

    def generate():
        try:
            for row in exp.rows:
                yield json.dumps(row, ensure_ascii=False) + "\n"
        finally:
            exp.rows.close()

    return Response(stream_with_context(generate()), content_type="application/x-ndjson; charset=utf-8",
                    headers=_export_headers(exp, content_disposition(params, "jsonl")))


@bp.get("/api/openapi.json")
def api_openapi():
    return jsonify(openapi_document(current_app.config["EXPORT_LIMIT"]))
