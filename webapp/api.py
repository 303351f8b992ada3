"""JSON API (SPEC "HTTP"): /api/search, its CSV and JSON Lines exports, /api/doc/<id>, /healthz."""
from __future__ import annotations

import csv
import io
import json

from flask import Blueprint, Response, current_app, jsonify, stream_with_context
from flask import request

from indexer import store
from indexer.registry import EXTRACTED
from indexer.search import InvalidRequest, export, get_document, search

from .errors import json_error as error
from .openapi import openapi_document
from .params import search_params

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


def _export_headers(exp, filename: str) -> dict:
    return {
        "X-Total-Count": str(exp.total),
        "X-Export-Limit": str(exp.limit),
        "X-Export-Truncated": "true" if exp.truncated else "false",
        # the time limit stopped the search: the total and the rows may be short
        "X-Export-Partial": "true" if exp.partial else "false",
        "Content-Disposition": f'attachment; filename="{filename}"',
    }


@bp.get("/api/search.csv")
def api_export_csv():
    exp = export(archive(), search_params(request.args), current_app.config["EXPORT_LIMIT"])

    def generate():
        yield "\ufeff"  # BOM: Excel then reads the Cyrillic as UTF-8
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(EXPORT_COLUMNS)
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
                    headers=_export_headers(exp, "newsarchive.csv"))


@bp.get("/api/search.jsonl")
def api_export_jsonl():
    exp = export(archive(), search_params(request.args), current_app.config["EXPORT_LIMIT"])

    def generate():
        try:
            for row in exp.rows:
                yield json.dumps(row, ensure_ascii=False) + "\n"
        finally:
            exp.rows.close()

    return Response(stream_with_context(generate()), content_type="application/x-ndjson; charset=utf-8",
                    headers=_export_headers(exp, "newsarchive.jsonl"))


@bp.get("/api/openapi.json")
def api_openapi():
    return jsonify(openapi_document(current_app.config["EXPORT_LIMIT"]))
