"""JSON API (SPEC "HTTP"): /api/search, its CSV and JSON Lines exports, /api/doc/<id>, /healthz."""
from __future__ import annotations

import csv
import io
import json

from flask import Blueprint, Response, current_app, jsonify, stream_with_context
from flask import request

from indexer import store
from indexer.search import BadRequest, export, get_document, search

from .openapi import openapi_document
from .params import search_params

bp = Blueprint("api", __name__)


def archive():
    return current_app.extensions["archive"]


def error(status: int, message: str):
    resp = jsonify({"error": message})
    resp.status_code = status
    return resp


@bp.errorhandler(BadRequest)
def _bad_request(exc):
    return error(400, str(exc))


@bp.errorhandler(store.IndexMissing)
def _no_index(exc):
    return error(503, str(exc))


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
        return error(503, str(exc))


EXPORT_COLUMNS = ["id", "date", "title", "region", "projects", "officials", "url", "score", "text"]


def _export_headers(total: int, limit: int, filename: str) -> dict:
    return {
        "X-Total-Count": str(total),
        "X-Export-Limit": str(limit),
        "X-Export-Truncated": "true" if total > limit else "false",
        "Content-Disposition": f'attachment; filename="{filename}"',
    }


@bp.get("/api/search.csv")
def api_export_csv():
    limit = current_app.config["EXPORT_LIMIT"]
    total, rows = export(archive(), search_params(request.args), limit)

    def generate():
        yield "\ufeff"  # BOM: Excel then reads the Cyrillic as UTF-8
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(EXPORT_COLUMNS)
        for row in rows:
            writer.writerow([" | ".join(v) if isinstance(v, list) else ("" if v is None else v)
                             for v in (row[c] for c in EXPORT_COLUMNS)])
            if buf.tell() > 64_000:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()

    return Response(stream_with_context(generate()), mimetype="text/csv; charset=utf-8",
                    headers=_export_headers(total, limit, "newsarchive.csv"))


@bp.get("/api/search.jsonl")
def api_export_jsonl():
    limit = current_app.config["EXPORT_LIMIT"]
    total, rows = export(archive(), search_params(request.args), limit)

    def generate():
        for row in rows:
            yield json.dumps(row, ensure_ascii=False) + "\n"

    return Response(stream_with_context(generate()), mimetype="application/x-ndjson; charset=utf-8",
                    headers=_export_headers(total, limit, "newsarchive.jsonl"))


@bp.get("/api/openapi.json")
def api_openapi():
    return jsonify(openapi_document(current_app.config["EXPORT_LIMIT"]))
