"""JSON for following a story: /api/<kind>/<name> for every entity kind of the registry,
/api/doc/<id>/similar. They format indexer.entities / indexer.similar answers."""
from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, current_app, jsonify, redirect, request

from indexer.entities import KINDS, MAX_NAME_CHARS, canonical, entity, nearest
from indexer.similar import MAX_LIMIT, similar

from .errors import json_error

bp = Blueprint("story", __name__)
KIND_RULE = "any(" + ", ".join(KINDS) + ")"


def _archive():
    return current_app.extensions["archive"]


def _clean(name: str) -> str | None:
    """The name without control characters; None when it is too long to be any name."""
    name = "".join(ch for ch in name if ch.isprintable() or ch == " ")
    return None if len(name) > MAX_NAME_CHARS else " ".join(name.split())


@bp.get(f"/api/<{KIND_RULE}:kind>/<path:name>")
def api_entity(kind: str, name: str):
    clean = _clean(name)
    if not clean:
        return json_error(400, f"{kind}: a name of 1 to {MAX_NAME_CHARS} printable characters")
    value = canonical(kind, clean)
    if value != name:  # an alias or another spelling: one URL per entity
        return redirect(f"/api/{kind}/" + quote(value, safe=""), 308)
    e = entity(_archive(), kind, value)
    if e is None:
        resp = jsonify({"error": f"no item names {kind} {value!r}",
                        "nearest": nearest(_archive(), kind, value)})
        resp.status_code = 404
        return resp
    return jsonify(e)


@bp.get("/api/doc/<path:doc_id>/similar")
def api_similar(doc_id: str):
    raw = request.args.get("limit", "5").strip()
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        return json_error(400, f"limit must be a whole number from 1 to {MAX_LIMIT}")
    s = similar(_archive(), doc_id, int(raw))
    if s is None:
        return json_error(404, f"no document with id {doc_id!r}")
    return jsonify(s)


def entity_url(kind: str, value: str, api: bool = False) -> str:
    return ("/api/" if api else "/") + kind + "/" + quote(value, safe="")


@bp.get(f"/<{KIND_RULE}:kind>/<path:name>")
def entity_page(kind: str, name: str):
    from flask import render_template, url_for

    from indexer.registry import BY_NAME

    from .pages import doc_url

    clean = _clean(name)
    if not clean:
        return render_template("error.html", message=f"Имя — от 1 до {MAX_NAME_CHARS} печатных знаков."), 400
    value = canonical(kind, clean)
    if value != name:
        return redirect(entity_url(kind, value), 308)
    e = entity(_archive(), kind, value)
    if e is None:
        return render_template("entity_missing.html", value=value, near=nearest(_archive(), kind, value),
                               url=lambda v: entity_url(kind, v)), 404
    from .chart import chart, span

    def search_url(**more):
        return url_for("pages.index", **{kind: value}, **more)

    timeline = chart("Упоминания по месяцам", "month", [(m["month"], m["count"]) for m in e["timeline"]],
                     lambda month: search_url(month=month), undated=e["undated"],
                     undated_url=search_url(undated="1"), range_base=search_url(),
                     width=max(4, min(24, 720 // max(1, len(e["timeline"])))))
    if timeline:  # a year in one click: the search over its range
        timeline["years"] = [{**y, "url": search_url(date_from=span("year", y["value"])[0],
                                                     date_to=span("year", y["value"])[1])} for y in e["years"]]
    return render_template(
        "entity.html", e=e, chart=timeline,
        related=[(n, BY_NAME[n].label, vs) for n, vs in e["related"].items()],
        combined=lambda n, v: url_for("pages.index", **({kind: value, n: [value, v]} if n == kind else {kind: value, n: v})),
        doc_url=doc_url, all_url=url_for("pages.index", **{kind: value, "sort": "date_desc"}),
        feed_url=url_for("feeds.feed", **{kind: value}))
