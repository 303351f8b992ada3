"""The facet lists of the search page, as plain data for `_facets.html`: the values shown,
«показать все» (`more=<facet>`: the whole list, no JavaScript needed), the type-to-filter
box (`fq=`, a small GET form; with JavaScript it asks /api/facets/<facet> as one types)
and the notes on filter values that name nothing. The values come from the search answer
and `indexer.facetsearch`; nothing here matches names."""
from __future__ import annotations

from flask import url_for

from indexer.facetsearch import MAX_LIMIT, MAX_PREFIX, facet_values
from indexer.registry import FACETS, facet
from indexer.search import InvalidRequest, SearchParams

SHOWN = 12       # values a list shows before «показать все»
FILTER_AT = 15   # a list longer than this gets a filter box
LISTED = {f.name: f.label for f in FACETS if f.in_answer}  # month is the chart's, not a list


def list_params(args) -> tuple[str | None, str]:
    """`more` (the facet whose whole list is shown) and `fq` (the text filtering it), checked."""
    more = (args.get("more") or "").strip() or None
    if more is not None and more not in LISTED:
        raise InvalidRequest(f"more must be one of {', '.join(LISTED)}",
                             "такого списка фильтров нет: " + ", ".join(LISTED.values()))
    fq = " ".join((args.get("fq") or "").split())
    if len(fq) > MAX_PREFIX:
        raise InvalidRequest(f"fq: at most {MAX_PREFIX} characters", f"поиск по списку: не больше {MAX_PREFIX} знаков")
    return more, fq


def as_searched(p: SearchParams, result: dict) -> SearchParams:
    """The parameters with each filter value the search resolved (an alias, a surname only)
    replaced by the value it was searched as: the page's boxes, chips and links then agree."""
    swap = {(n["facet"], n["value"]): n["resolved_to"] for n in result.get("filter_notes", []) if n["resolved_to"]}
    if not swap:
        return p
    filters = {name: list(dict.fromkeys(swap.get((name, v), v) for v in vs)) for name, vs in p.filters.items()}
    return SearchParams(q=p.q, filters=filters, date_from=p.date_from, date_to=p.date_to, sort=p.sort,
                        page=p.page, per_page=p.per_page)


def _api_url(urls, name: str) -> str:
    """/api/facets/<name> for this search (its query as `query`), for the page's script."""
    pairs = [("query" if k == "q" else k, v) for k, v in urls.pairs if k not in ("sort", "per_page", "page")]
    grouped: dict[str, list[str]] = {}
    for k, v in pairs + [("limit", str(MAX_LIMIT))]:
        grouped.setdefault(k, []).append(v)
    return url_for("api.api_facet_values", name=name, **grouped)


def facet_lists(archive, p: SearchParams, result: dict, urls, more: str | None, fq: str) -> list[dict]:
    selected = {name: set(p.values(name)) for name in LISTED}
    notes = result.get("filter_notes", [])
    out = []
    for name, title in LISTED.items():
        f = facet(name)
        values = result["facet_choices"].get(name, result["facets"][name])
        if f.by_value:  # years: newest first
            values = sorted(values, key=lambda v: v["value"], reverse=True)
        expanded = more == name
        found = None
        if expanded:
            found = facet_values(archive, name, fq, p, MAX_LIMIT)
            shown = list(found["values"])
        else:
            shown = values[:SHOWN] + [v for v in values[SHOWN:] if v["value"] in selected[name]]
        shown_values = {v["value"] for v in shown}
        # a ticked value always stays in the form (filtered out or counted 0), or applying would drop it
        shown += [{"value": v, "count": 0} for v in sorted(selected[name]) if v not in shown_values]
        if f.under_value is not None:  # places under their regions
            shown = sorted(({**v, "under": f.under_value(v["value"])} for v in shown),
                           key=lambda v: (v["under"] or "", -v["count"]))
        out.append({
            "name": name, "title": title, "values": shown, "all": len(values),
            "show": bool(shown) or expanded,  # a list filtered to nothing keeps its box
            "more": max(0, len(values) - len(shown)) if not expanded else 0,
            "more_url": urls.more(name), "less_url": urls.page(p.page) + f"#facet-{name}",
            "expanded": expanded, "fq": fq if expanded else "",
            "matching": found["total"] if found else None,
            "cut": max(0, found["total"] - MAX_LIMIT) if found else 0,
            "filter": len(values) > FILTER_AT or (expanded and bool(fq)),
            "api": _api_url(urls, name),
            "notes": [dict(n, urls=[(d, urls.replace(name, n["value"], d["value"])) for d in n["nearest"]])
                      for n in notes if n["facet"] == name and not n["resolved_to"]],
        })
    return out
