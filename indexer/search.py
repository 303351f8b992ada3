"""The one search both the CLI and the web use; answers plain data in SPEC's JSON shape."""
from __future__ import annotations

import os
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from whoosh import query as Q

from . import ranking, store
from .corpus import valid_date
from .facets import FacetCache
from .query import QueryTooLarge, canonical_facet_value, parse
from .schema import split_values
from .snippets import snippet

SORTS = ("relevance", "date_desc", "date_asc")
MAX_PER_PAGE = 100
TIME_LIMIT = float(os.environ.get("NEWSARCHIVE_TIME_LIMIT", "5"))  # seconds per search, then partial
MAX_PAGE = 1000
FACETS_IN_ANSWER = ("region", "project", "official", "year")


class BadRequest(ValueError):
    """A parameter a client sent is wrong; the message names it and what is allowed."""


@dataclass
class SearchParams:
    q: str = ""
    region: list[str] = field(default_factory=list)
    project: list[str] = field(default_factory=list)
    official: list[str] = field(default_factory=list)
    year: list[str] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20

    def validate(self) -> "SearchParams":
        if self.sort not in SORTS:
            raise BadRequest(f"sort must be one of {', '.join(SORTS)}, not {self.sort!r}")
        if not isinstance(self.page, int) or not 1 <= self.page <= MAX_PAGE:
            raise BadRequest(f"page must be a whole number from 1 to {MAX_PAGE}")
        if not isinstance(self.per_page, int) or not 1 <= self.per_page <= MAX_PER_PAGE:
            raise BadRequest(f"per_page must be a whole number from 1 to {MAX_PER_PAGE}")
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value in (None, ""):
                setattr(self, name, None)
            elif valid_date(value) is None:
                raise BadRequest(f"{name} must be a date YYYY-MM-DD, not {value!r}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise BadRequest("date_from must not be after date_to")
        for y in self.year:
            if not re.fullmatch(r"[0-9]{4}", y):
                raise BadRequest(f"year must be four digits, not {y!r}")
        return self


class Archive:
    """The served index for one process: one searcher, reopened when the index changes.

    Never `searcher.refresh()` (duplicates and ReaderClosed in trials): a new searcher
    is opened when the pointer file names another generation or a commit made a new
    Whoosh generation.
    """

    def __init__(self, index_dir: str | Path):
        self.index_dir = Path(index_dir)
        self._lock = threading.Lock()
        self._gen_name = None
        self._ix = None
        self._searcher = None
        self._facets = None

    def _stale(self) -> bool:
        if self._searcher is None:
            return True
        if store.current_generation(self.index_dir) != self._gen_name:
            return True
        try:
            return self._ix.latest_generation() != self._searcher.reader().generation()
        except Exception:  # noqa: BLE001 - files of a removed generation: reopen
            return True

    def acquire(self):
        """(searcher, facet cache), fresh if the index changed since the last call."""
        with self._lock:
            if self._stale():
                old = self._searcher
                gen = store.current_generation(self.index_dir)
                if gen is None:
                    raise store.IndexMissing(f"no index in {self.index_dir}/ (run `newsarchive index` first)")
                ix = store.open_index(self.index_dir)
                self._ix, self._gen_name = ix, gen
                self._searcher = ix.searcher()
                self._facets = FacetCache(self._searcher)
                if old is not None:
                    try:
                        old.close()
                    except Exception:  # noqa: BLE001
                        pass
            return self._searcher, self._facets

    def doc_count(self) -> int:
        searcher, _ = self.acquire()
        return searcher.doc_count()

    def close(self):
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None


def headline(title: str, text: str, limit: int = 110) -> str:
    """The title, or for untitled items (the TXT format) the text's first sentence, cut short."""
    if title:
        return title
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    if len(first) <= limit:
        return first
    cut = first.rfind(" ", 0, limit)
    return first[: cut if cut > limit // 2 else limit] + " …"


def _record(stored: dict) -> dict:
    """A stored document as plain data: the fields every answer shares."""
    title, text = stored.get("title", ""), stored.get("text", "")
    return {
        "id": stored["id"],
        "title": title,
        "headline": headline(title, text),
        "date": stored.get("date") or None,
        "region": split_values(stored.get("region")),
        "projects": split_values(stored.get("project")),
        "officials": split_values(stored.get("official")),
        "url": stored.get("url") or None,
    }


def _score(score) -> float | None:
    return None if score is None else round(float(score), 4)


def _hit(stored: dict, terms: frozenset[str], score) -> dict:
    return {**_record(stored), "snippet": snippet(stored.get("text", ""), terms), "score": _score(score)}


def _date_int(iso: str) -> int:
    return int(iso.replace("-", ""))


def _filter_masks(fc: FacetCache, p: SearchParams) -> dict[str, np.ndarray]:
    """One mask per filtered facet (values OR-ed) and one for the date range."""
    masks = {}
    for facet, values in (("region", p.region), ("project", p.project),
                          ("official", p.official), ("year", p.year)):
        if values:
            masks[facet] = fc.field(facet).mask_any([canonical_facet_value(facet, v) for v in values])
    if p.date_from or p.date_to:
        d = fc.dates
        m = d > 0
        if p.date_from:
            m &= d >= _date_int(p.date_from)
        if p.date_to:
            m &= d <= _date_int(p.date_to)
        masks["date"] = m
    return masks


def _and(base: np.ndarray, masks) -> np.ndarray:
    out = base.copy()
    for m in masks:
        out &= m
    return out


class _Deadline:
    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds
        self.hit = False

    def left(self) -> float:
        return max(0.0, self.end - time.monotonic())


@dataclass
class _Run:
    """One search over one searcher: the query's matches, the filters, their conjunction."""
    searcher: object
    fc: FacetCache
    q: Q.Query
    notice: str | None
    browse: bool
    base: np.ndarray                 # documents matching the query
    masks: dict[str, np.ndarray]     # one per filtered facet / date range
    matched: np.ndarray              # base AND every filter
    scores: np.ndarray | None        # BM25 per document (None when browsing)

    def ordered(self, p: SearchParams, start: int, count: int) -> list[tuple[int, float | None]]:
        """(docnum, score) of the result list from `start`, `count` long, in the asked order."""
        if p.sort == "relevance" and not self.browse:
            return ranking.top(self.scores, self.matched, start, count)
        docs = np.flatnonzero(self.matched)
        dates = self.fc.dates[docs]
        order = np.lexsort((docs, dates)) if p.sort == "date_asc" else np.lexsort((docs, -dates))
        page = docs[order][start:start + count]
        if self.scores is None:  # browsing: nothing to score
            return [(int(d), None) for d in page]
        return [(int(d), float(self.scores[d])) for d in page]


def _prepare(archive: Archive, p: SearchParams, deadline: _Deadline) -> _Run:
    searcher, fc = archive.acquire()
    try:
        q, notice = parse(searcher.schema, p.q)
    except QueryTooLarge as exc:
        raise BadRequest(str(exc)) from None
    browse = isinstance(q, Q.Every)
    if browse:
        base, scores = fc.live.copy(), None
    else:
        base, scores = fc.ranker.evaluate(q, deadline)
    masks = _filter_masks(fc, p)
    return _Run(searcher, fc, q, notice, browse, base, masks, _and(base, masks.values()), scores)


def _query_terms(searcher, q, browse) -> frozenset[str]:
    """The content terms a query looks for, prefixes and wildcards expanded: what to mark."""
    if browse:
        return frozenset()
    reader = searcher.reader()
    out: set[str] = set()
    for leaf in q.leaves():
        if leaf.field() != "content":
            continue
        if isinstance(leaf, (Q.Prefix, Q.Wildcard)):
            texts = leaf._btexts(reader)
        else:
            texts = (t for _, t in leaf.terms(phrases=True))
        out.update(t.decode("utf-8") if isinstance(t, bytes) else t for t in texts)
    return frozenset(out)


def search(archive: Archive, params: SearchParams) -> dict:
    p = params.validate()
    deadline = _Deadline(TIME_LIMIT)
    run = _prepare(archive, p, deadline)
    total = int(run.matched.sum())

    def counts(name, mask):
        return [{"value": v, "count": c} for v, c in run.fc.field(name).counts(mask)]

    facets = {name: counts(name, run.matched) for name in FACETS_IN_ANSWER}
    if len(p.year) == 1:
        facets["month"] = counts("month", run.matched)
    # extension: for a filtered facet, the counts without its own filter, i.e. what ticking
    # one more value (OR) would add; the page lists these so other values stay choosable
    choices = {name: counts(name, _and(run.base, [m for k, m in run.masks.items() if k != name]))
               for name in FACETS_IN_ANSWER if name in run.masks}
    start = (p.page - 1) * p.per_page
    hits_docs = run.ordered(p, start, p.per_page) if start < total else []
    terms = _query_terms(run.searcher, run.q, run.browse)
    hits = [_hit(run.searcher.stored_fields(d), terms, s) for d, s in hits_docs]
    notice = run.notice
    answer = {"query": p.q, "total": total, "page": p.page, "per_page": p.per_page,
              "hits": hits, "facets": facets, "facet_choices": choices}
    if deadline.hit:
        answer["partial"] = True
        notice = ((notice + " ") if notice else "") + \
            f"Поиск остановлен через {TIME_LIMIT:g} с: показано то, что найдено к этому времени."
    if notice:
        answer["notice"] = notice
    return answer


def export(archive: Archive, params: SearchParams, limit: int):
    """(total, rows): the whole result set in order, at most `limit` rows, as plain dicts."""
    p = params.validate()
    deadline = _Deadline(TIME_LIMIT * 4)
    run = _prepare(archive, p, deadline)
    total = int(run.matched.sum())
    ordered = run.ordered(p, 0, min(total, limit))
    searcher = run.searcher

    def rows():
        for docnum, score in ordered:
            d = searcher.stored_fields(docnum)
            yield {**_record(d), "score": _score(score), "text": d.get("text", "")}

    return total, rows()


def get_document(archive: Archive, doc_id: str) -> dict | None:
    searcher, _ = archive.acquire()
    stored = searcher.document(id=doc_id)
    if stored is None:
        return None
    return {**_record(stored), "text": stored.get("text", "")}


def stats(archive: Archive, top: int = 10) -> dict:
    searcher, fc = archive.acquire()
    dates = fc.dates[fc.live]
    known = dates[dates > 0]

    def iso(v: int) -> str:
        s = str(int(v))
        return f"{s[:4]}-{s[4:6]}-{s[6:]}"

    return {
        "documents": fc.live_count,
        "date_from": iso(known.min()) if known.size else None,
        "date_to": iso(known.max()) if known.size else None,
        "undated": int((dates == 0).sum()),
        "facets": {name: [{"value": v, "count": c} for v, c in fc.field(name).counts(fc.live)[:top]]
                   for name in FACETS_IN_ANSWER},
    }


__all__ = ["Archive", "SearchParams", "BadRequest", "search", "export", "get_document", "stats"]
