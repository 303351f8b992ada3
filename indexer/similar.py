"""Items like a given one: its most distinctive words and its facets, as plain data.

Whoosh's `more_like` scores every candidate in a Python loop and reads a term vector
the schema does not store; here the item's own text is analysed once (bounded), each of
its lemmas weighted by BM25 against the whole index, and the top lemmas become one OR
query for the numpy ranker the search uses. Shared officials, projects and places then
weigh more than any word: a journalist follows a story by its people and projects.
"""
from __future__ import annotations

import re
from collections import Counter

import numpy as np
from whoosh import query as Q

from .morphology import WORD_RE, morph, word_lemmas
from .ranking import K1
from .registry import EXTRACTED
from .search import Archive, Deadline, _record, _score

MAX_TEXT_CHARS = 20_000   # the part of a long item that is read for its words
TERMS = 12                # its most distinctive lemmas form the query
MAX_LIMIT = 20
# what one shared value of a facet adds to a candidate's score (its words add at most 1)
FACET_WEIGHT = {"official": 1.0, "project": 1.0, "place": 0.6, "region": 0.3}
# grammatical classes that carry no topic: prepositions, conjunctions, particles, pronouns...
STOP_POS = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO", "PRED", "NUMR", "ADVB", "COMP"})


def _stop(word: str) -> bool:
    if len(word) < 3 or word.isdigit():
        return True
    if re.search(r"[a-zA-Zәғқңөұүһі]", word):  # Latin or Kazakh: pymorphy3 knows nothing of it
        return False
    return morph().parse(word)[0].tag.POS in STOP_POS


def _lemma_counts(text: str) -> Counter:
    counts: Counter = Counter()
    for m in WORD_RE.finditer(text[:MAX_TEXT_CHARS]):
        word = m.group(0)
        low = word.lower().replace("ё", "е")
        if _stop(low):
            continue
        for lemma in set(word_lemmas(low, word[:1].isupper())):
            counts[lemma] += 1
    return counts


def _norm_text(stored: dict) -> str:
    return " ".join((stored.get("title", "") + " " + stored.get("text", "")).casefold().split())


def similar(archive: Archive, doc_id: str, limit: int = 5) -> dict | None:
    """Up to `limit` items most like `doc_id` (itself and exact copies left out), each with
    what it shares; None for an unknown id."""
    limit = max(1, min(limit, MAX_LIMIT))
    deadline = Deadline(archive.settings.time_limit)
    with archive.lease() as served, archive.reading:
        searcher, fc, ranker = served.searcher, served.facets, served.ranker
        docnum = searcher.document_number(id=doc_id)
        if docnum is None:
            return None
        stored = searcher.stored_fields(docnum)
        own = _norm_text(stored)
        n = float(fc.live_count)
        weighted = []
        for lemma, tf in _lemma_counts(stored.get("title", "") + "\n" + stored.get("text", "")).items():
            df = ranker.postings("content", lemma)[0].size
            if df <= 1:  # in this item only: matches nothing else
                continue
            idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
            weighted.append((idf * tf * (K1 + 1) / (tf + K1), lemma, tf))
        weighted.sort(reverse=True)
        terms = [(lemma, tf) for _, lemma, tf in weighted[:TERMS]]
        scores = np.zeros(fc.ndocs, dtype=np.float32)
        if terms:
            q = Q.Or([Q.Term("content", lemma, boost=tf / (tf + K1)) for lemma, tf in terms])
            _, scores = ranker.evaluate(q, deadline)
            top = float(scores.max()) or 1.0
            scores = scores / top
        shared_masks = []  # (facet, value, mask)
        for f in EXTRACTED:
            for v in _record(stored)[f.hit_key]:
                m = fc.field(f.name).mask_any([v])
                scores = scores + FACET_WEIGHT.get(f.name, 0.3) * m
                shared_masks.append((f, v, m))
        scores = np.where(fc.live, scores, 0.0)
        scores[docnum] = 0.0
        order = np.argsort(-scores, kind="stable")
        out, seen = [], {own}
        for d in order[: limit * 4]:  # a few more than asked: exact copies are skipped
            if scores[d] <= 0 or len(out) >= limit:
                break
            cand = searcher.stored_fields(int(d))
            text = _norm_text(cand)
            if text in seen:
                continue
            seen.add(text)
            facets = [(f, v) for f, v, m in shared_masks if m[d]]
            words = [lemma for lemma, _ in terms if _has(ranker, lemma, int(d))][:4]
            shown = [f"«{v}»" if f.quoted else v for f, v in facets][:4] + words[: max(1, 5 - len(facets))]
            out.append({**_record(cand), "score": _score(scores[d]),
                        "shared": {**{f.name: [v for g, v in facets if g is f] for f in EXTRACTED}, "terms": words},
                        "reason": "общие: " + ", ".join(shown) if shown else ""})
    return {"id": doc_id, "terms": [lemma for lemma, _ in terms], "similar": out}


def _has(ranker, lemma: str, docnum: int) -> bool:
    ids = ranker.postings("content", lemma)[0]
    i = np.searchsorted(ids, docnum)
    return bool(i < ids.size and ids[i] == docnum)
