"""HTML pages: the search page and the item page. They format `indexer.search` answers."""
from __future__ import annotations

from urllib.parse import quote, urlencode

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from markupsafe import Markup, escape

from indexer import store
from indexer.corpus import strip_format
from indexer.registry import BY_NAME, EXTRACTED, FACETS, chart_facet
from indexer.search import (DEFAULT_PER_PAGE, InvalidRequest, Deadline, SearchParams, get_document, reading,
                            search, stats)

from .chart import chart, filled, span
from .facetlists import LISTED, as_searched, facet_lists, list_params
from .params import search_params
from .ru import plural, ru_date, ru_numeric_date

bp = Blueprint("pages", __name__)

FACET_TITLES = LISTED  # the facets the page lists, in the registry's order
SORT_TITLES = {"relevance": "по релевантности", "date_desc": "сначала новые", "date_asc": "сначала старые"}


def _archive():
    return current_app.extensions["archive"]


def _state_pairs(p: SearchParams) -> list[tuple[str, str]]:
    pairs = []
    if p.q:
        pairs.append(("q", p.q))
    for name, values in p.filters.items():
        pairs += [(name, v) for v in values]
    if p.date_from:
        pairs.append(("date_from", p.date_from))
    if p.date_to:
        pairs.append(("date_to", p.date_to))
    if p.undated:
        pairs.append(("undated", "1"))
    if p.sort != "relevance":
        pairs.append(("sort", p.sort))
    if p.per_page != DEFAULT_PER_PAGE:
        pairs.append(("per_page", str(p.per_page)))
    if p.exact:
        pairs.append(("exact", "1"))
    return pairs


class Urls:
    """Links for every change of state; every state is a URL to share."""

    def __init__(self, p: SearchParams):
        self.p = p
        self.pairs = _state_pairs(p)

    def _url(self, pairs, endpoint: str = "pages.index") -> str:
        grouped: dict[str, list[str]] = {}
        for k, v in pairs:
            grouped.setdefault(k, []).append(v)
        return url_for(endpoint, **grouped)

    def export(self, endpoint: str, header: str | None = None) -> str:
        """The export of this very result set (every filter, the order; no page); `header`:
        the CSV's column names (`ru` for the page's link, read in a spreadsheet)."""
        return self._url([kv for kv in self.pairs if kv[0] != "page"] + ([("header", header)] if header else []),
                         endpoint)

    def toggle(self, name: str, value: str) -> str:
        pairs = [kv for kv in self.pairs if kv != (name, value)]
        if len(pairs) == len(self.pairs):
            pairs.append((name, value))
        return self._url(pairs)

    def without(self, *names: str) -> str:
        return self._url([kv for kv in self.pairs if kv[0] not in names])

    def with_query(self, q: str) -> str:
        """The same filters and order with another query (a suggestion), from page 1."""
        return self._url([("q", q)] + [kv for kv in self.pairs if kv[0] not in ("q", "exact")])

    def exact(self) -> str:
        """This search for the query as typed, never a corrected one in its place."""
        return self._url([kv for kv in self.pairs if kv[0] != "exact"] + [("exact", "1")])

    def only_query(self, q: str) -> str:
        return self._url([("q", q)] if q else [])

    def page(self, n: int) -> str:
        return self._url(self.pairs + ([("page", str(n))] if n > 1 else []))

    def sort(self, s: str) -> str:
        return self._url([kv for kv in self.pairs if kv[0] != "sort"] + ([("sort", s)] if s != "relevance" else []))

    def facet_search(self, name: str, value: str) -> str:
        return self._url([(name, value)])

    def _undated_pairs(self):
        """The state without anything about dates (range, years, months, «без даты»)."""
        dated = {"date_from", "date_to", "undated", *(f.name for f in FACETS if f.from_date)}
        return [kv for kv in self.pairs if kv[0] not in dated]

    def dates(self, date_from: str | None, date_to: str | None) -> str:
        """This search over a from–to range instead of any other choice of dates."""
        return self._url(self._undated_pairs() + ([("date_from", date_from)] if date_from else [])
                         + ([("date_to", date_to)] if date_to else []))

    def undated(self) -> str:
        """Only the items without a date (the chart's «без даты»); off again when it is on."""
        return self._url(self._undated_pairs() + ([] if self.p.undated else [("undated", "1")]))

    def more(self, name: str) -> str:
        """The same search with the whole list of one facet («показать все»)."""
        return self._url(self.pairs + [("more", name)]) + f"#facet-{name}"

    def replace(self, name: str, old: str, new: str) -> str:
        """The same search with one filter value swapped for another (a value naming nothing
        for a near one)."""
        return self._url([(k, new if (k, v) == (name, old) else v) for k, v in self.pairs])


def _chart(result: dict, p: SearchParams, deadline: Deadline) -> dict | None:
    """The timeline of the result set: the facet the registry's `chart` hint names for these
    filters (years, or the months of one chosen year), bars linking to their period, the
    «без даты» bucket, and per-year links setting a from–to range (no JavaScript needed)."""
    f = chart_facet(p.filters)
    if f is None:
        return None
    urls = Urls(p)
    counts = {v["value"]: v["count"] for v in result["facet_choices"].get(f.name, result["facets"].get(f.name, []))}
    year = p.values(f.within)[0] if f.within else None
    c = chart(f"Материалы по месяцам, {year}" if year else "Материалы по годам", f.chart,
              filled(f.chart, counts, year), lambda v: urls.toggle(f.name, v), set(p.values(f.name)),
              result.get("undated", 0), urls.undated(), p.undated, urls.dates(None, None))
    if c and f.chart == "year":
        years = _years_before_the_range(p, deadline) if (p.date_from or p.date_to) else []
        c["ranges"] = [_year_range(urls, p, y) for y in (years or [b["value"] for b in c["bars"]])]
    return c


def _years_before_the_range(p: SearchParams, deadline: Deadline) -> list[str]:
    """Every year of this search without its dates: a chosen range can be widened by the
    same links (the result set itself holds only the years inside the range)."""
    wide = SearchParams(q=p.q, filters={n: v for n, v in p.filters.items() if not BY_NAME[n].from_date}, per_page=1)
    try:
        counts = {v["value"]: v["count"] for v in search(_archive(), wide, deadline)["facets"]["year"]}
    except InvalidRequest:
        return []
    return [y for y, _ in filled("year", counts)]


def _year_range(urls: "Urls", p: SearchParams, year: str) -> dict:
    """The «с <year>» and «по <year>» links: each sets one end and keeps the other if it still fits."""
    first, last = span("year", year)
    return {"year": year,
            "from_url": urls.dates(first, p.date_to if p.date_to and p.date_to >= first else None),
            "to_url": urls.dates(p.date_from if p.date_from and p.date_from <= last else None, last),
            "from_chosen": p.date_from == first, "to_chosen": p.date_to == last}


def _hit_meta(hit: dict) -> list[tuple[str, str, str]]:
    """(facet, value, text) of a hit's meta line, every extracted facet in the registry's order."""
    return [(f.name, v, f"«{v}»" if f.quoted else v) for f in EXTRACTED for v in hit.get(f.hit_key, [])]


def doc_url(doc_id: str, q: str = "") -> str:
    """The item page of an id, every reserved character encoded (`/`, `..`, `?`, `#`);
    with the query of the hit, so the page marks its words."""
    return "/doc/" + quote(doc_id, safe="") + ("?q=" + quote(q, safe="") if q else "")


def citation(doc: dict) -> str:
    """The line a journalist pastes: «Title», date, source (plain text, escaped by the template)."""
    parts = [f"«{doc['headline']}»"]
    if doc.get("date"):
        parts.append(ru_date(doc["date"]))
    if doc.get("url"):
        parts.append(doc["url"])
    return ", ".join(parts)


def marked_paragraphs(paragraphs) -> tuple[list[Markup], int]:
    """The (piece, matched) paragraphs as HTML, every mark numbered id="hitN"."""
    out, n = [], 0
    for para in paragraphs:
        html = []
        for piece, hit in para:
            if hit:
                n += 1
                html.append(Markup('<mark id="hit{}">{}</mark>').format(n, piece))
            else:
                html.append(escape(piece))
        out.append(Markup("").join(html))
    return out, n


HOW_RU = {"typo": "опечатка", "script": "казахские буквы", "translit": "латиница", "layout": "раскладка"}
FACET_RU = {"region": "регион", "place": "населённый пункт", "official": "лицо"}


def _spelling(result: dict, p: SearchParams) -> dict:
    """The search answer's suggestions as links: corrected queries (the filters kept) for
    «Возможно, вы имели в виду», looser ones (without the filters) for «Попробуйте»."""
    urls = Urls(p)
    links = [{"text": s["query"], "count": s["total"],
              "url": urls.with_query(s["query"]) if s["filters"] else urls.only_query(s["query"]),
              "label": s["query"] if s["filters"] or not p.filters else f"«{s['query']}» без фильтров",
              "spelling": s["filters"] and bool(result.get("suggestion"))}
             for s in result.get("suggestions", [])]
    return {"did_you_mean": [x for x in links if x["spelling"]],
            "looser": [x for x in links if not x["spelling"]],
            "applied": result.get("suggestion") if result.get("suggestion_applied") else None,
            "exact_url": urls.exact()}


def _understood_lines(result: dict) -> list[str]:
    """«как понят запрос»: one plain line a word, then the corrections applied."""
    u = result.get("understood") or {}
    lines = []
    for w in u.get("words", []):
        parts = [f"«{w['word']}» — искали: {', '.join(w['terms'])}"]
        if w.get("also_as"):
            parts.append(f"и отдельные слова «{w['also_as']}»")
        for n in w.get("names", []):
            also = f" (и все его названия: {', '.join(n['also'])})" if n.get("also") else ""
            parts.append(f"{FACET_RU.get(n['facet'], n['facet'])} «{n['value']}»{also}")
        lines.append("; ".join(parts))
    if u.get("project"):
        lines.append(f"проект «{u['project']}» под любым его названием")
    for c in u.get("corrections", []):
        lines.append(f"исправлено: «{c['word']}» → «{c['to']}» ({HOW_RU.get(c['how'], c['how'])})")
    return lines


def _no_index(exc):
    current_app.logger.error("%s", exc)  # the server's path goes to the log, not to the page
    return render_template("error.html", message="Архив пока недоступен: индекс ещё не построен."), 503


def _archive_summary() -> dict:
    """What the archive holds, for the home page: the search layer's `stats`."""
    st = stats(_archive(), top=100)
    return {"documents": st["documents"], "undated": st["undated"],
            "first_year": (st["date_from"] or "")[:4], "last_year": (st["date_to"] or "")[:4],
            "regions": st["facets"]["region"]}


def _without_empty_args():
    """An address with empty fields (`q=&date_from=`, a form sent without JavaScript) is
    redirected to the same search without them: a shared URL carries only what was chosen."""
    pairs = list(request.args.items(multi=True))
    if all(v.strip() for _, v in pairs):
        return None
    kept = urlencode([(k, v) for k, v in pairs if v.strip()])  # not url_for: a key may be `_anchor`
    return redirect(url_for("pages.index") + ("?" + kept if kept else ""), code=303)


@bp.get("/")
def index():
    cleaned = _without_empty_args()
    if cleaned is not None:
        return cleaned
    deadline = Deadline(_archive().settings.time_limit)  # one for everything the page computes
    error = None
    try:
        p = search_params(request.args)
    except InvalidRequest as exc:
        error, p = exc.ru, SearchParams()
    try:
        try:
            result = search(_archive(), p, deadline)
        except InvalidRequest as exc:  # the query itself is over the limits (length, words)
            error, p = exc.ru, SearchParams()
            result = search(_archive(), p, deadline)
    except store.IndexMissing as exc:
        return _no_index(exc)
    pages = max(1, -(-result["total"] // p.per_page))
    p = as_searched(p, result)  # an alias or a surname only: boxes and links use the value searched
    selected = {name: set(p.values(name)) for name in FACET_TITLES}
    try:
        more, fq = list_params(request.args)
    except InvalidRequest as exc:
        error, more, fq = error or exc.ru, None, ""
    facets = facet_lists(_archive(), p, result, Urls(p), more, fq)
    chips = [(FACET_TITLES.get(n, n), v, Urls(p).toggle(n, v)) for n, vs in p.filters.items() for v in vs]
    if p.undated:
        chips.append(("Даты", "без даты", Urls(p).without("undated")))
    if p.date_from or p.date_to:
        chips.append(("Даты", f"{ru_numeric_date(p.date_from) or '…'} — {ru_numeric_date(p.date_to) or '…'}",
                      Urls(p).without("date_from", "date_to")))
    status = 400 if error else 200
    home = not error and not (p.q or p.filters or p.date_from or p.date_to or p.undated) and p.page == 1
    return render_template(
        "search.html", p=p, result=result, error=error, urls=Urls(p), facets=facets, selected=selected,
        chips=chips, pages=pages, chart=_chart(result, p, deadline), sort_titles=SORT_TITLES,
        spelling=_spelling(result, p), understood_lines=_understood_lines(result) if p.q and not error else [],
        hit_q=result["suggestion"] if result.get("suggestion_applied") else p.q,
        doc_url=doc_url, hit_meta=_hit_meta, home=home, archive=_archive_summary() if home else None,
        snippet=lambda s: Markup(s),  # snippets are built escaped, only <mark> is markup
    ), status


@bp.app_template_filter("ru_date")
def _ru_date_filter(iso):
    return ru_date(iso)


@bp.app_template_filter("ru_numeric_date")
def _ru_numeric_date_filter(iso):
    return ru_numeric_date(iso)


@bp.app_template_filter("plural")
def _plural_filter(n, noun):
    """`{{ n|plural("материал") }}` -> «21 материал», «5 материалов»."""
    return plural(n, noun)


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page links: the same SVG icon."""
    return current_app.send_static_file("favicon.svg")


@bp.get("/doc/<path:doc_id>")
def document(doc_id: str):
    try:
        q = strip_format(request.args.get("q") or "").strip()
        doc = reading(_archive(), doc_id, q)
    except store.IndexMissing as exc:
        return _no_index(exc)
    if doc is None:
        return render_template("error.html", message=f"Материал «{doc_id}» не найден."), 404
    back = request.referrer if request.referrer and request.referrer.startswith(request.host_url) else "/"
    from indexer.similar import similar

    from .story import entity_url

    paragraphs, marks = marked_paragraphs(doc["paragraphs"])
    return render_template("doc.html", doc=doc, urls=Urls(SearchParams()), back=back,
                           paragraphs=paragraphs, marks=marks, citation=citation(doc),
                           date_text=ru_date(doc["date"]),
                           doc_facets=[(f.name, f.hit_key, f.label) for f in EXTRACTED],
                           similar=(similar(_archive(), doc_id) or {}).get("similar", []),
                           entity_url=entity_url, doc_url=doc_url)
