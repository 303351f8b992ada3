"""Matching and BM25 ranking with numpy over postings read block by block from Whoosh.

Whoosh scores every matching document in a Python loop (~0.5 s for a word in half of
100k items) and its matcher yields document numbers one by one. Here a term's postings
are read a block at a time into arrays (cached per searcher, bounded), boolean queries
become mask arithmetic, and BM25 becomes vector arithmetic. Phrases and anything else
positional still go through Whoosh's own matcher for the document set.
"""
from __future__ import annotations

from collections import OrderedDict
from itertools import islice

import numpy as np
from whoosh import query as Q

from .registry import BY_NAME
from .whoosh_adapter import read_positions, read_postings

K1, B = 1.2, 0.75


class Ranker:
    """Per searcher: cached postings arrays, document lengths, and the query evaluator."""

    def __init__(self, searcher, snapshot, postings_budget: int, hot=None):
        """`postings_budget`: postings kept cached (Settings.postings_cache); `hot`: the
        index's precomputed arrays of frequent terms (hotpostings.HotPostings), if any."""
        self.searcher = searcher
        self.hot = hot
        self.fc = snapshot
        self.ndocs = snapshot.ndocs
        self.budget = postings_budget
        self._cache: OrderedDict = OrderedDict()
        self._cached = 0
        self._lengths = None
        self._avg = 1.0

    @property
    def lengths(self) -> np.ndarray:
        if self._lengths is None:
            reader = self.searcher.reader()
            out = np.ones(self.ndocs, dtype=np.float32)
            for d in reader.all_doc_ids():
                out[d] = reader.doc_field_length(d, "content") or 1
            self._lengths = out
            live = out[self.fc.live]
            self._avg = float(live.mean()) if live.size else 1.0
        return self._lengths

    def postings(self, field: str, text) -> tuple[np.ndarray, np.ndarray]:
        key = (field, text)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        ids_parts, w_parts = [], []
        for sub, offset in self.searcher.leaf_searchers():
            found = self.hot.get(sub.reader(), field, text) if self.hot is not None else None
            ids, w = found if found is not None else read_postings(sub.reader(), field, text)
            if ids.size:
                ids_parts.append(ids + offset)
                w_parts.append(w)
        ids = np.concatenate(ids_parts).astype(np.int32) if ids_parts else np.zeros(0, np.int32)
        w = np.concatenate(w_parts) if w_parts else np.zeros(0, np.float32)
        if ids.size:
            keep = self.fc.live[ids]  # deleted documents keep their postings until a merge
            ids, w = ids[keep], w[keep]
        self._cache[key] = (ids, w)
        self._cached += ids.size
        while self._cached > self.budget and len(self._cache) > 1:
            _, (old, _) = self._cache.popitem(last=False)
            self._cached -= old.size
        return ids, w

    # --- evaluation ---------------------------------------------------------------

    def evaluate(self, q, deadline) -> tuple[np.ndarray, np.ndarray]:
        """(mask, scores) of a parsed query over all documents (`scores` None in `_eval`: only
        the mask is wanted)."""
        scores = np.zeros(self.ndocs, dtype=np.float32)
        mask = self._eval(q, scores, deadline)
        return mask & self.fc.live, scores

    def matches(self, q, deadline) -> np.ndarray:
        """The mask of a parsed query without scoring it (a count: no document lengths read)."""
        return self._eval(q, None, deadline) & self.fc.live

    def _term(self, field, text, boost, scores) -> np.ndarray:
        mask = np.zeros(self.ndocs, dtype=bool)
        if field != "content":
            if field in BY_NAME:  # a facet: its ordinal arrays, not its postings
                return self.fc.field(field).mask_any([text])
            ids, _ = self.postings(field, text)
            mask[ids] = True
            return mask
        ids, tf = self.postings(field, text)
        if ids.size == 0 or scores is None:
            mask[ids] = True
            return mask
        mask[ids] = True
        n = float(self.fc.live_count)
        idf = np.log(1.0 + (n - ids.size + 0.5) / (ids.size + 0.5))
        lengths = self.lengths[ids]
        scores[ids] += boost * idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths / self._avg))
        return mask

    def _eval(self, q, scores, deadline) -> np.ndarray:
        if isinstance(q, Q.Term):
            return self._term(q.fieldname, q.text, q.boost, scores)
        if isinstance(q, Q.Every):
            return self.fc.live.copy()
        if isinstance(q, Q.qcore._NullQuery):
            return np.zeros(self.ndocs, dtype=bool)
        if isinstance(q, Q.Not):
            return self.fc.live & ~self._eval(q.query, None, deadline)
        if isinstance(q, Q.AndNot):
            pos = self._eval(q.a, scores, deadline)
            return pos & ~self._eval(q.b, None, deadline)
        if isinstance(q, Q.AndMaybe):
            required = self._eval(q.a, scores, deadline)
            self._eval(q.b, scores, deadline)
            return required
        if isinstance(q, Q.And) and not isinstance(q, Q.Sequence):
            mask = None
            for sub in q.subqueries:
                m = self._eval(sub, scores, deadline)
                mask = m if mask is None else mask & m
            return mask if mask is not None else np.zeros(self.ndocs, dtype=bool)
        if isinstance(q, (Q.Or, Q.DisjunctionMax)):
            mask = np.zeros(self.ndocs, dtype=bool)
            for sub in q.subqueries:
                mask |= self._eval(sub, scores, deadline)
            return mask
        if isinstance(q, Q.TermRange) and q.fieldname in DATE_FIELDS:
            return self._date_range(q)
        if isinstance(q, Q.MultiTerm):  # prefixes, wildcards, ranges: capped, under the deadline
            from .query import expand

            reader = self.searcher.reader()
            mask = np.zeros(self.ndocs, dtype=bool)
            for text in expand(q, reader, deadline):
                if deadline.expired():
                    break
                mask |= self._term(q.fieldname, text, q.boost, scores)
            return mask
        # phrases and sequences: the documents with every word, then their positions checked;
        # a slop or anything else positional: Whoosh decides the set. Terms inside give the score
        if deadline.expired():
            return np.zeros(self.ndocs, dtype=bool)
        groups = phrase_groups(q)
        mask = self._phrase_docs(groups, deadline) if groups else self._whoosh_docs(q, deadline)
        if scores is None:
            return mask
        extra = np.zeros(self.ndocs, dtype=np.float32)
        for field, text in q.terms():
            if field == "content":
                self._term(field, text, q.boost, extra)
        scores += np.where(mask, extra, 0)
        return mask

    def _date_range(self, q) -> np.ndarray:
        """`date:[2019-01 TO 2019-06-30]`, `year:[2019 TO]`: one comparison over the date of
        every document (a range over the date terms could stand for thousands of days)."""
        d = self.fc.dates
        mask = d > 0
        low = _date_bound(q.start, last=q.startexcl)  # {2019 TO: after the last day of 2019
        high = _date_bound(q.end, last=not q.endexcl)  # TO 2019}: before its first day
        if low is not None:
            mask &= (d > low) if q.startexcl else (d >= low)
        if high is not None:
            mask &= (d < high) if q.endexcl else (d <= high)
        return mask

    def _phrase_docs(self, groups: list[list[str]], deadline) -> np.ndarray:
        """Documents where group i (any of its lemmas) is at position p + i for some p.
        Candidates are the documents holding every group (postings arrays); positions are
        then read for them only, rarest group first, dropping a candidate as soon as no
        start is left (Whoosh walks every posting of the commonest word in Python)."""
        sets = []
        for g in groups:
            m = np.zeros(self.ndocs, dtype=bool)
            for text in g:
                m[self.postings("content", text)[0]] = True
            sets.append(m)
        order = sorted(range(len(groups)), key=lambda i: int(sets[i].sum()))
        cand = np.logical_and.reduce(sets)
        out = np.zeros(self.ndocs, dtype=bool)
        for sub, offset in self.searcher.leaf_searchers():
            reader = sub.reader()
            local = np.flatnonzero(cand[offset:offset + reader.doc_count_all()])
            starts: dict[int, set[int]] | None = None
            for i in order:
                if local.size == 0 or deadline.expired():
                    break
                docs = local.tolist()
                found: dict[int, set[int]] = {}
                for text in groups[i]:
                    for d, positions in read_positions(reader, "content", text, docs).items():
                        found.setdefault(d, set()).update(p - i for p in positions)
                if starts is None:
                    starts = found
                else:
                    starts = {d: s & found[d] for d, s in starts.items() if d in found}
                    starts = {d: s for d, s in starts.items() if s}
                local = np.array(sorted(starts), dtype=np.int64)
            if starts is not None and not deadline.hit:
                out[local + offset] = True
        return out

    def _whoosh_docs(self, q, deadline) -> np.ndarray:
        ids = q.matcher(self.searcher, self.searcher.boolean_context()).all_ids()
        mask = np.zeros(self.ndocs, dtype=bool)
        while True:
            if deadline.left() == 0:
                deadline.hit = True
                break
            chunk = np.fromiter(islice(ids, 4096), dtype=np.int64)
            mask[chunk] = True
            if chunk.size < 4096:
                break
        return mask


DATE_FIELDS = ("date", "year", "month")


def phrase_groups(q) -> list[list[str]] | None:
    """The lemma alternatives of each word of an exact content phrase (`Phrase`, or a
    `Sequence` of terms and ORs of terms, slop 1); None for anything else."""
    if isinstance(q, Q.Phrase):
        if q.fieldname != "content" or q.slop != 1 or not q.words:
            return None
        return [[w] for w in q.words]
    if not isinstance(q, Q.Sequence) or q.slop != 1 or not q.ordered or not q.subqueries:
        return None
    groups = []
    for sub in q.subqueries:
        subs = sub.subqueries if type(sub) is Q.Or else [sub]
        if not subs or not all(type(t) is Q.Term and t.fieldname == "content" for t in subs):
            return None
        groups.append([t.text for t in subs])
    return groups


def _date_bound(text, last: bool) -> int | None:
    """`2019`, `2019-06`, `2019-06-30` as YYYYMMDD: the first day it covers, or the last."""
    digits = "".join(ch for ch in (text or "") if ch.isascii() and ch.isdigit())[:8]
    if not digits:
        return None
    return int(digits.ljust(8, "9" if last else "0"))


def top(scores: np.ndarray, matched: np.ndarray, start: int, count: int) -> list[tuple[int, float]]:
    """(docnum, score) of ranks start..start+count, best first, ties by document number,
    the same order whatever the page (so pages never overlap)."""
    docs = np.flatnonzero(matched)
    if docs.size == 0 or start >= docs.size:
        return []
    s = scores[docs]
    k = min(docs.size, start + count)
    if k < docs.size:
        kth = np.partition(s, docs.size - k)[docs.size - k]  # the k-th largest score
        above = np.flatnonzero(s > kth)
        ties = np.flatnonzero(s == kth)[: k - above.size]      # by docnum: docs are sorted
        sel = np.concatenate([above, ties])
        docs, s = docs[sel], s[sel]
    order = np.lexsort((docs, -s))[start:k]
    return [(int(docs[i]), float(s[i])) for i in order]
