"""Frequent terms' postings read from the arrays written beside the index: the same answers."""
import json
import shutil

import pytest

from indexer import hotpostings, store
from indexer.build import build
from indexer.search import Archive, SearchParams, search

from .helpers import CORPUS, write_jsonl

QUERIES = [
    SearchParams(q="прием граждан"),
    SearchParams(q="Кызылорда OR Семей"),
    SearchParams(q="Кызылорда NOT прием"),
    SearchParams(q='"в Кызылорде состоялись"'),
    SearchParams(q="область", per_page=100),
    SearchParams(q="область", sort="date_desc", page=2, per_page=5),
    SearchParams(q="район", filters={"year": ["2019", "2020"]}),
    SearchParams(q="провел*"),
    SearchParams(q=""),
]


def answers(index_dir):
    archive = Archive(index_dir)
    try:
        return [search(archive, p) for p in QUERIES]
    finally:
        archive.close()


@pytest.fixture()
def every_term_hot(monkeypatch):
    monkeypatch.setattr(hotpostings, "MIN_DF", 1)  # the bundled corpus has no term in 1,000 items


def drop_hot(index_dir):
    shutil.rmtree(store.current_path(index_dir) / hotpostings.DIR)


def test_answers_from_the_arrays_equal_whooshs(tmp_path, every_term_hot):
    ix = tmp_path / "ix"
    build([CORPUS], ix, progress=False)
    hotpostings.USED.clear()
    with_arrays = answers(ix)
    assert hotpostings.USED["hot"] > 0 and hotpostings.USED["whoosh"] == 0
    assert any(a["total"] > 3 for a in with_arrays)
    drop_hot(ix)
    hotpostings.USED.clear()
    assert answers(ix) == with_arrays  # hits, scores, totals, facet counts
    assert hotpostings.USED["hot"] == 0


def test_an_update_writes_arrays_for_its_segment_and_finds_the_change(tmp_path, every_term_hot):
    items = [{"id": f"u{i}", "date": "2020-03-0%d" % (1 + i % 9),
              "title": f"Встреча номер {i}", "text": "Депутаты провели прием граждан в районе."}
             for i in range(12)]
    corpus = write_jsonl(tmp_path / "c.jsonl", items)
    ix = tmp_path / "ix"
    build([corpus], ix, progress=False)
    items[3]["text"] = "Жители села Сарыбулак обсудили ремонт дороги."
    del items[5]
    write_jsonl(corpus, items)
    assert build([corpus], ix, progress=False).mode == "update"
    gen = store.current_path(ix)
    index = store.open_index(ix)
    with index.reader() as reader:
        segments = {r.segment().segment_id() for r, _ in reader.leaf_readers()}
    index.close()
    assert len(segments) >= 2  # the update wrote a segment of its own
    written = {f.name.split(".", 1)[0] for f in (gen / hotpostings.DIR).iterdir()}
    assert written == segments  # every segment has arrays, none of a segment merged away
    archive = Archive(ix)
    assert [h["id"] for h in search(archive, SearchParams(q="ремонт дороги"))["hits"]] == ["u3"]
    assert search(archive, SearchParams(q="прием граждан"))["total"] == 10
    archive.close()
    with_arrays = [search(Archive(ix), SearchParams(q=q)) for q in ("прием граждан", "встреча", "ремонт")]
    drop_hot(ix)
    assert [search(Archive(ix), SearchParams(q=q)) for q in ("прием граждан", "встреча", "ремонт")] == with_arrays
