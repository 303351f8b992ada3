"""The one search both the CLI and the web use; answers plain data in SPEC's JSON shape."""
from __future__ import annotations

import math
import os
import re
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from whoosh import query as Q

from . import ranking, store, valuenames
from .corpus import safe_url, valid_date
from .facets import Snapshot
from .hotpostings import HotPostings
from .ranking import Ranker
from .settings import Settings
from .query import MAX_EXPANSION, QueryTooLarge, expand, parse
from .registry import BY_NAME, EXTRACTED, FILTERS, IN_ANSWER, counted_within
from .schema import split_values
from .snippets import marked, snippet
from .suggest import VERY_LITTLE, Suggestion, plain_words, suggest
from .understanding import understood

SORTS = ("relevance", "date_desc", "date_asc")
MAX_PER_PAGE = 100
MAX_PAGE = 1000
DEFAULT_PER_PAGE = 20


class InvalidRequest(ValueError):
    """A parameter a client sent is wrong; the message names it and what is allowed.
    `ru`: the same for the page, in Russian (the API answers in English)."""

    def __init__(self, message: str, ru: str | None = None):
        super().__init__(message)
        self.ru = ru or message


class SearchParams:
    """What a search asks: the query, the facet filters (facet name -> values, OR-ed
    within a facet, AND-ed across facets; any facet of the registry), a date range, the
    order and the page. Filters may also be given by facet name: `SearchParams(region=[…])`.
    `undated`: only the items without a date (the chart's «без даты» bucket)."""

    def __init__(self, q: str = "", filters: dict[str, list[str]] | None = None,
                 date_from: str | None = None, date_to: str | None = None, sort: str = "relevance",
                 page: int = 1, per_page: int = DEFAULT_PER_PAGE, undated: bool = False,
                 exact: bool = False, **by_facet: list[str]):
        unknown = set(by_facet) - set(FILTERS) | set(filters or {}) - set(FILTERS)
        if unknown:
            raise TypeError(f"no such facet: {', '.join(sorted(unknown))}")
        merged = {**(filters or {}), **by_facet}
        self.q = q
        self.filters = {name: list(merged[name]) for name in FILTERS if merged.get(name)}
        self.date_from, self.date_to, self.sort = date_from, date_to, sort
        self.page, self.per_page = page, per_page
        self.undated = undated
        self.exact = exact  # the query as typed: no corrected query's results in its place

    def but(self, **changes) -> "SearchParams":
        """The same search with some parameters changed (`q`, `page`, ...)."""
        args = {"q": self.q, "filters": self.filters, "date_from": self.date_from, "date_to": self.date_to,
                "sort": self.sort, "page": self.page, "per_page": self.per_page, "undated": self.undated,
                "exact": self.exact}
        return SearchParams(**{**args, **changes})

    def values(self, name: str) -> list[str]:
        return self.filters.get(name, [])

    def __repr__(self) -> str:
        return f"SearchParams({self.__dict__!r})"

    def validate(self) -> "SearchParams":
        if self.sort not in SORTS:
            raise InvalidRequest(f"sort must be one of {', '.join(SORTS)}, not {self.sort!r}",
                             "порядок сортировки: «по релевантности», «сначала новые» или «сначала старые»")
        if not isinstance(self.page, int) or not 1 <= self.page <= MAX_PAGE:
            raise InvalidRequest(f"page must be a whole number from 1 to {MAX_PAGE}",
                             f"номер страницы — целое число от 1 до {MAX_PAGE}")
        if not isinstance(self.per_page, int) or not 1 <= self.per_page <= MAX_PER_PAGE:
            raise InvalidRequest(f"per_page must be a whole number from 1 to {MAX_PER_PAGE}",
                             f"результатов на странице — от 1 до {MAX_PER_PAGE}")
        for name, ru in (("date_from", "дата «с»"), ("date_to", "дата «по»")):
            value = getattr(self, name)
            if value in (None, ""):
                setattr(self, name, None)
            elif valid_date(value) is None:
                raise InvalidRequest(f"{name} must be a date YYYY-MM-DD, not {value!r}",
                                 f"{ru}: нужна существующая дата вида ГГГГ-ММ-ДД (например, 2019-03-15)")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InvalidRequest("date_from must not be after date_to", "дата «с» позже даты «по»")
        if self.undated not in (True, False):
            raise InvalidRequest("undated must be true or false", "«без даты»: да или нет")
        dated = [n for n in ("date_from", "date_to") if getattr(self, n)] + \
            [n for n in self.filters if BY_NAME[n].from_date]
        if self.undated and dated:
            raise InvalidRequest(f"undated asks for items without a date: it cannot be combined with {', '.join(dated)}",
                                 "«без даты» нельзя сочетать с датами, годом или месяцем")
        for name, values in self.filters.items():
            f = BY_NAME[name]
            for v in values:
                if f.pattern and not re.fullmatch(f.pattern, v):
                    raise InvalidRequest(f"{name} must match {f.pattern}, not {v!r}",
                                         f"фильтр «{f.label}»: неверное значение «{v[:40]}»"
                                         + (" (нужен год из четырёх цифр)" if f.name == "year" else
                                            " (нужен месяц вида ГГГГ-ММ)" if f.name == "month" else ""))
        return self


class _Served:
    """One open searcher with its caches, and how many requests still use it."""

    def __init__(self, ix, gen_name: str, searcher, settings: Settings):
        self.ix, self.gen_name, self.searcher = ix, gen_name, searcher
        self.facets = Snapshot(searcher)
        self.ranker = Ranker(searcher, self.facets, settings.postings_cache,
                             HotPostings(ix.storage.folder))
        self.users = 0
        self.retired = False
        self._vocabulary = None

    def vocabulary(self):
        """This generation's suggestion dictionary, read (or built) when first needed (call
        it with the archive's `reading` lock held: it may read the lexicon)."""
        if self._vocabulary is None:
            from .spelling import load_or_build

            self._vocabulary = load_or_build(Path(self.ix.storage.folder), self.searcher.reader())
        return self._vocabulary

    def close(self):
        try:
            self.searcher.close()
        except Exception:  # noqa: BLE001
            pass


class Archive:
    """The served index for one process: one searcher, reopened when the index changes.

    Never `searcher.refresh()` (duplicates and ReaderClosed in trials): a new searcher
    is opened when the pointer file names another generation or a commit made a new
    Whoosh generation. Threads (gunicorn's gthread worker) share it:

    - `reading` is held by whoever reads through the searcher: Whoosh reads a segment
      file by `seek` then `read` on one shared file object, and fills the postings and
      facet caches, neither of which is safe from two threads at once;
    - a searcher replaced by a newer one is closed only when the last request that
      leased it (a streamed export, say) is done with it.
    """

    def __init__(self, index_dir: str | Path, settings: Settings | None = None):
        self.index_dir = Path(index_dir)
        self.settings = settings or Settings(index_dir=self.index_dir)
        self._lock = threading.Lock()     # guards which searcher is served
        self.reading = threading.RLock()  # one thread at a time reads through Whoosh
        self._served: _Served | None = None
        self._watcher: int | None = None  # the process whose watcher thread runs

    def watch(self, interval: float = 1.0) -> None:
        """Open and warm a new generation in the background, then switch to it: the first
        request after a reindex is as fast as any (opening a 100k index and building its
        arrays took ~2.4 s of that request). Requests meanwhile keep the searcher they had.
        Once per process (gunicorn's workers call it after the fork)."""
        if self._watcher == os.getpid():
            return
        self._watcher = os.getpid()
        threading.Thread(target=self._watch, args=(interval,), name="index-watcher", daemon=True).start()

    def _watch(self, interval: float) -> None:
        while self._watcher == os.getpid():
            try:
                if self._stale():
                    self._warm()
            except Exception:  # noqa: BLE001 - a half-written index: the next look, or a request, opens it
                pass
            time.sleep(interval)

    def _warm(self) -> None:
        gen = store.current_generation(self.index_dir)
        if gen is None:
            return
        ix = store.open_index(self.index_dir)
        fresh = _Served(ix, gen, ix.searcher(), self.settings)  # the arrays, built off the request path
        with self._lock:
            if self._served is not None and not self._stale():
                fresh.close()  # a request opened it meanwhile
                return
            self._swap(fresh)

    def _swap(self, fresh: "_Served") -> None:
        old, self._served = self._served, fresh
        if old is not None:
            old.retired = True
            if old.users == 0:
                old.close()

    def _stale(self) -> bool:
        served = self._served
        if served is None:
            return True
        if store.current_generation(self.index_dir) != served.gen_name:
            return True
        try:
            return served.ix.latest_generation() != served.searcher.reader().generation()
        except Exception:  # noqa: BLE001 - files of a removed generation: reopen
            return True

    def _fresh(self) -> _Served:
        """The served searcher, reopened if the index changed; call with `_lock` held.
        With a watcher, a searcher that still reads keeps serving until the watcher has
        warmed its successor."""
        if self._stale():
            if self._watcher == os.getpid() and self._served is not None and self._readable(self._served):
                return self._served
            gen = store.current_generation(self.index_dir)
            if gen is None:
                raise store.IndexMissing(f"no index in {self.index_dir}/ (run `newsarchive index` first)")
            ix = store.open_index(self.index_dir)
            self._swap(_Served(ix, gen, ix.searcher(), self.settings))
        return self._served

    def _readable(self, served: _Served) -> bool:
        """Is the served generation still on disk (a rebuild keeps the previous one)?"""
        return (self.index_dir / served.gen_name).is_dir()

    def checkout(self) -> _Served:
        """The current searcher, kept open until `checkin`, even if a newer one is served."""
        with self._lock:
            served = self._fresh()
            served.users += 1
            return served

    def checkin(self, served: _Served) -> None:
        with self._lock:
            served.users -= 1
            if served.retired and served.users == 0:
                served.close()

    @contextmanager
    def lease(self):
        """The served generation (searcher, snapshot, ranker) for the length of a `with` block."""
        served = self.checkout()
        try:
            yield served
        finally:
            self.checkin(served)

    def acquire(self):
        """(searcher, facet cache), fresh if the index changed (one-shot use: CLI, tests)."""
        with self._lock:
            served = self._fresh()
            return served.searcher, served.facets

    def doc_count(self) -> int:
        with self.lease() as served:
            return served.searcher.doc_count()  # segment counts held in memory: no file read

    def close(self):
        self._watcher = None  # the watcher thread ends at its next look
        with self._lock:
            if self._served is not None:
                self._served.close()
            self._served = None


def _headline_cut(title: str, text: str, limit: int = 110) -> tuple[str, int]:
    """The headline and where the text goes on after what it shows (0 for a titled item)."""
    if title:
        return title, 0
    lead = text.strip()
    skipped = len(text) - len(text.lstrip())
    first = re.split(r"(?<=[.!?])\s", lead, maxsplit=1)[0]
    if len(first) <= limit:
        return first, skipped + len(first)
    cut = first.rfind(" ", 0, limit)
    cut = cut if cut > limit // 2 else limit
    return first[:cut] + " …", skipped + cut


def headline(title: str, text: str, limit: int = 110) -> str:
    """The title, or for untitled items (the TXT format) the text's first sentence, cut short."""
    return _headline_cut(title, text, limit)[0]


def _hit_snippet(stored: dict, terms: frozenset[str]) -> str:
    """An untitled item's headline is its first sentence: the snippet goes on from there
    rather than repeat it, unless the query's words are found only in the headline."""
    text = stored.get("text", "")
    _, after = _headline_cut(stored.get("title", ""), text)
    rest = text[after:].strip()
    if after and rest:
        passage = snippet(rest, terms)
        if not terms or "<mark>" in passage:
            return passage
    return snippet(text, terms)


def _record(stored: dict) -> dict:
    """A stored document as plain data: the fields every answer shares."""
    title, text = stored.get("title", ""), stored.get("text", "")
    return {
        "id": stored["id"],
        "title": title,
        "headline": headline(title, text),
        "date": stored.get("date") or None,
        **{f.hit_key: split_values(stored.get(f.name)) for f in EXTRACTED},
        "url": safe_url(stored.get("url")) or None,  # only http(s), also in older indexes
    }


def _score(score) -> float | None:
    if score is None:
        return None
    score = float(score)
    if not math.isfinite(score):  # never expected (boosts are capped), never sent: not JSON
        score = 0.0 if score != score else math.copysign(3.4e38, score)
    return round(score, 4)


def _hit(stored: dict, terms: frozenset[str], score) -> dict:
    return {**_record(stored), "snippet": _hit_snippet(stored, terms), "score": _score(score)}


def _date_int(iso: str) -> int:
    return int(iso.replace("-", ""))


def _filter_masks(fc: Snapshot, p: SearchParams, read: valuenames.ReadFilters) -> dict[str, np.ndarray]:
    """One mask per filtered facet (values OR-ed, as `read` resolved them) and one for the date range."""
    masks = {}
    for name, values in read.values.items():
        masks[name] = fc.field(name).mask_any(values)
    if p.date_from or p.date_to:
        d = fc.dates
        m = d > 0
        if p.date_from:
            m &= d >= _date_int(p.date_from)
        if p.date_to:
            m &= d <= _date_int(p.date_to)
        masks["date"] = m
    elif p.undated:
        masks["date"] = fc.dates == 0
    return masks


def _and(base: np.ndarray, masks) -> np.ndarray:
    out = base.copy()
    for m in masks:
        out &= m
    return out


class Deadline:
    """The time a search (or a page of several) may take; `hit` when something was cut."""

    def __init__(self, seconds: float = Settings.time_limit):
        self.seconds = seconds
        self.end = time.monotonic() + self.seconds
        self.hit = False

    def left(self) -> float:
        return max(0.0, self.end - time.monotonic())

    def expired(self) -> bool:
        """True (and `hit` set) once the time is up: the caller stops and answers what it has."""
        if time.monotonic() >= self.end:
            self.hit = True
        return self.hit


_Deadline = Deadline  # the name used before


@dataclass
class _Run:
    """One search over one searcher: the query's matches, the filters, their conjunction."""
    searcher: object
    fc: Snapshot
    q: Q.Query
    notice: str | None
    browse: bool
    base: np.ndarray                 # documents matching the query
    masks: dict[str, np.ndarray]     # one per filtered facet / date range
    matched: np.ndarray              # base AND every filter
    scores: np.ndarray | None        # BM25 per document (None when browsing)
    read: valuenames.ReadFilters     # the filter values as searched, and how they were read

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


def _prepare(served: _Served, p: SearchParams, deadline: Deadline) -> _Run:
    searcher, fc = served.searcher, served.facets
    try:
        q, notice = parse(searcher.schema, p.q)
    except QueryTooLarge as exc:
        raise InvalidRequest(str(exc), exc.ru) from None
    browse = isinstance(q, Q.Every)
    if browse:
        base, scores = fc.live.copy(), None
    else:
        base, scores = served.ranker.evaluate(q, deadline)
    read = valuenames.read_filters(p.filters, fc)
    masks = _filter_masks(fc, p, read)
    return _Run(searcher, fc, q, notice, browse, base, masks, _and(base, masks.values()), scores, read)


def _query_terms(searcher, q, browse, deadline: Deadline) -> frozenset[str]:
    """The content terms a query looks for, prefixes and wildcards expanded: what to mark
    (the expansions ranking made, not made again)."""
    if browse:
        return frozenset()
    reader = searcher.reader()
    out: set[str] = set()
    for leaf in q.leaves():
        if leaf.field() != "content":
            continue
        if isinstance(leaf, Q.MultiTerm):
            texts = expand(leaf, reader, deadline)
        else:
            texts = (t for _, t in leaf.terms(phrases=True))
        out.update(t.decode("utf-8") if isinstance(t, bytes) else t for t in texts)
    return frozenset(out)


def search(archive: Archive, params: SearchParams, deadline: Deadline | None = None) -> dict:
    """One page of results; `deadline` may be shared by everything a page computes."""
    p = params.validate()
    deadline = deadline or Deadline(archive.settings.time_limit)
    with archive.lease() as served, archive.reading:
        return _search(served, p, deadline)


def _search(served: _Served, p: SearchParams, deadline: Deadline) -> dict:
    """The page, with `suggestion` (a better spelling, or null), `suggestions` (links: the
    corrections, else looser queries, with their counts) and `understood`. When the query
    finds nothing and one correction clearly wins (and `exact` is not asked), the results
    are the corrected query's, and `suggestion_applied` says so."""
    answer, run = _page(served, p, deadline)
    found = Suggestion()
    if not run.browse and not deadline.hit and answer["total"] <= VERY_LITTLE and not _SYNTAX.search(p.q):
        found = suggest(served.vocabulary, lambda t: run.searcher.doc_frequency("content", t), p.q,
                        answer["total"], _counter(served, run, deadline),
                        has_filters=bool(run.masks))
    applied = found.apply and not p.exact
    if applied:
        answer, _ = _page(served, p.but(q=found.query), deadline)
        answer.update(query=p.q, suggestion_applied=True)
    answer["suggestion"] = found.query
    answer["suggestions"] = found.links
    answer["understood"] = understood(found.query if applied else p.q,
                                      plain_words(found.query if applied else p.q),
                                      found.corrections if applied else [])
    return answer


# wildcards, ranges, fields and boosts: a query written in the syntax is meant as written,
# and re-counting its corrections would expand its patterns again, past the time limit
_SYNTAX = re.compile(r"[*?\[\]{}:^]")


def _counter(served: _Served, run: "_Run", deadline: Deadline):
    """count(query, with_filters): the items a query finds, by the same matching as a
    search (no page, no facets); 0 once the deadline is up."""
    def count(text: str, with_filters: bool) -> int:
        if deadline.expired():
            return 0
        try:
            q, _ = parse(run.searcher.schema, text)
        except QueryTooLarge:
            return 0
        if isinstance(q, Q.Every):
            return 0
        base = served.ranker.matches(q, deadline)
        n = int((_and(base, run.masks.values()) if with_filters else base).sum())
        return 0 if deadline.hit else n
    return count


def _page(served: _Served, p: SearchParams, deadline: Deadline) -> tuple[dict, "_Run"]:
    run = _prepare(served, p, deadline)
    total = int(run.matched.sum())

    def counts(name, mask):
        return [{"value": v, "count": c} for v, c in run.fc.field(name).counts(mask)]

    counted = IN_ANSWER + counted_within(p.filters)  # months: when one year is chosen
    facets = {name: counts(name, run.matched) for name in counted}
    # extension: for a filtered facet, the counts without its own filter, i.e. what ticking
    # one more value (OR) would add; the page lists these so other values stay choosable
    choices = {name: counts(name, _and(run.base, [m for k, m in run.masks.items() if k != name]))
               for name in counted if name in run.masks}
    start = (p.page - 1) * p.per_page
    hits_docs = run.ordered(p, start, p.per_page) if start < total else []
    terms = _query_terms(run.searcher, run.q, run.browse, deadline)
    hits = [_hit(run.searcher.stored_fields(d), terms, s) for d, s in hits_docs]
    notice = run.notice
    capped = [leaf for leaf in ([] if run.browse else run.q.leaves()) if getattr(leaf, "capped", False)]
    if capped:
        notice = ((notice + " ") if notice else "") + \
            f"Шаблон или диапазон охватывает больше {MAX_EXPANSION} слов: учтены первые {MAX_EXPANSION}."
    answer = {"query": p.q, "total": total, "page": p.page, "per_page": p.per_page,
              "hits": hits, "facets": facets, "facet_choices": choices,
              "undated": int((run.fc.dates[run.matched] == 0).sum())}  # extension: the chart's «без даты»
    if run.read.notes:  # extension: filter values read as another value, or naming none
        answer["filter_notes"] = run.read.notes
        notice = ((notice + " ") if notice else "") + run.read.notice()
    if deadline.hit:
        answer["partial"] = True
        notice = ((notice + " ") if notice else "") + \
            f"Поиск остановлен через {deadline.seconds:g} с: показано то, что найдено к этому времени."
    if notice:
        answer["notice"] = notice
    return answer, run


def facet_counts(archive: Archive, params: SearchParams, name: str,
                 deadline: Deadline | None = None) -> tuple[list[tuple[str, int]], list[str], bool]:
    """One facet's (value, count) over the result set of `params` without that facet's own
    filter (as `facet_choices`: every value stays choosable), the facet's values as
    searched, and whether the time limit cut the search."""
    p = params.validate()
    deadline = deadline or Deadline(archive.settings.time_limit)
    with archive.lease() as served, archive.reading:
        run = _prepare(served, p, deadline)
        counts = run.fc.field(name).counts(_and(run.base, [m for k, m in run.masks.items() if k != name]))
    return counts, run.read.values.get(name, []), deadline.hit


@dataclass
class Export:
    total: int          # the whole result set (as far as the time limit let it be found)
    limit: int
    partial: bool       # the time limit cut the search: total and rows may be short
    rows: object        # an iterator of plain dicts, at most `limit`

    @property
    def truncated(self) -> bool:
        return self.total > self.limit


EXPORT_BATCH = 200  # rows read under the reading lock at a time


def export(archive: Archive, params: SearchParams, limit: int) -> Export:
    """The whole result set in order, at most `limit` rows, as plain dicts. The searcher
    stays leased until the rows are read (or the iterator is closed)."""
    p = params.validate()
    deadline = Deadline(archive.settings.time_limit * 4)
    served = archive.checkout()
    try:
        with archive.reading:
            run = _prepare(served, p, deadline)
            total = int(run.matched.sum())
            ordered = run.ordered(p, 0, min(total, limit))
    except BaseException:
        archive.checkin(served)
        raise
    return Export(total, limit, deadline.hit, _Rows(archive, served, ordered))


class _Rows:
    """Export rows read in batches under the reading lock; gives the lease back when done,
    closed, or dropped (a client that went away)."""

    def __init__(self, archive: Archive, served: _Served, ordered):
        self.archive, self.served, self.ordered = archive, served, ordered
        self.open = True

    def __iter__(self):
        try:
            for i in range(0, len(self.ordered), EXPORT_BATCH):
                with self.archive.reading:
                    batch = [(self.served.searcher.stored_fields(d), score)
                             for d, score in self.ordered[i:i + EXPORT_BATCH]]
                for d, score in batch:
                    yield {**_record(d), "score": _score(score), "text": d.get("text", "")}
        finally:
            self.close()

    def close(self):
        if self.open:
            self.open = False
            self.archive.checkin(self.served)

    def __del__(self):
        self.close()


def get_document(archive: Archive, doc_id: str) -> dict | None:
    with archive.lease() as served, archive.reading:
        stored = served.searcher.document(id=doc_id)
    if stored is None:
        return None
    return {**_record(stored), "text": stored.get("text", "")}


def reading(archive: Archive, doc_id: str, q: str = "") -> dict | None:
    """An item for reading after a hit: its record, text, and `paragraphs` of
    (piece, matched) with the words of `q` the way the snippets mark them. A `q` over the
    search's limits marks nothing and says why in `notice` (the item is still shown)."""
    notice, terms = None, frozenset()
    with archive.lease() as served, archive.reading:
        stored = served.searcher.document(id=doc_id)
        if stored is None:
            return None
        if q.strip():
            try:
                parsed, _ = parse(served.searcher.schema, q)
            except QueryTooLarge as exc:
                notice = exc.ru
            else:
                terms = _query_terms(served.searcher, parsed, isinstance(parsed, Q.Every),
                                     Deadline(archive.settings.time_limit))
    text = stored.get("text", "")
    out = {**_record(stored), "text": text, "paragraphs": marked(text, terms)}
    if notice:
        out["notice"] = notice
    return out


def stats(archive: Archive, top: int = 10) -> dict:
    """What the archive holds (the CLI's `stats`, the home page): a lease, so a page
    asking while the index is replaced keeps its generation to the end."""
    with archive.lease() as served, archive.reading:
        fc = served.facets
        live_count = fc.live_count
        dates = fc.dates[fc.live]
        known = dates[dates > 0]
        counts = {name: fc.field(name).counts(fc.live)[:top] for name in IN_ANSWER}

    def iso(v: int) -> str:
        s = str(int(v))
        return f"{s[:4]}-{s[4:6]}-{s[6:]}"

    return {
        "documents": live_count,
        "date_from": iso(known.min()) if known.size else None,
        "date_to": iso(known.max()) if known.size else None,
        "undated": int((dates == 0).sum()),
        "facets": {name: [{"value": v, "count": c} for v, c in pairs] for name, pairs in counts.items()},
    }


__all__ = ["Archive", "Deadline", "SearchParams", "InvalidRequest", "Export", "search", "export", "facet_counts", "get_document", "reading", "stats"]
