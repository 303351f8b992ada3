"""Phrases checked on their candidates' positions: the same items as Whoosh's own matcher."""
import random

import numpy as np
from whoosh import query as Q

from indexer import whoosh_adapter
from indexer.morphology import WORD_RE
from indexer.query import parse
from indexer.ranking import phrase_groups
from indexer.search import Deadline, SearchParams, search


def phrases_of(archive, n_docs=40, seed=5):
    """2- and 3-word runs of consecutive words of the bundled items, and a few out of order."""
    searcher, _ = archive.acquire()
    rnd = random.Random(seed)
    texts = [d.get("text", "") for d in searcher.all_stored_fields()]
    out = []
    for text in rnd.sample(texts, min(n_docs, len(texts))):
        words = WORD_RE.findall(text)
        for length in (2, 3):
            if len(words) > length:
                i = rnd.randrange(len(words) - length)
                out.append(" ".join(words[i:i + length]))
        if len(words) > 3:
            out.append(f"{words[2]} {words[0]}")  # reversed: usually no match
    return out


def test_phrase_sets_equal_whooshs_positional_matcher(archive):
    searcher, _ = archive.acquire()
    with archive.lease() as served:
        ranker = served.ranker
        checked = found = 0
        for text in phrases_of(archive):
            q, _ = parse(searcher.schema, f'"{text}"')
            for leaf in [q, *(q.subqueries if isinstance(q, Q.Or) else [])]:
                groups = phrase_groups(leaf)
                if not groups:
                    continue
                ours = ranker._phrase_docs(groups, Deadline(10)) & served.facets.live
                whooshs = ranker._whoosh_docs(leaf, Deadline(10)) & served.facets.live
                assert np.array_equal(ours, whooshs), text
                checked += 1
                found += int(ours.any())
    assert checked >= 40 and found >= 30


def test_a_phrase_keeps_order_and_adjacency_in_any_word_form(archive):
    whoosh_adapter.PATHS.clear()
    hits = search(archive, SearchParams(q='"в Кызылорде состоялись"'))["hits"]
    assert [h["id"] for h in hits] == ["seed_snippets-11"]
    assert whoosh_adapter.PATHS["generic"] == 0
    assert search(archive, SearchParams(q='"состоялись в Кызылорде"'))["total"] == 0
