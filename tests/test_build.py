"""Building and updating the index, from the API and from the `newsarchive` command."""
import json
import subprocess
import sys

import pytest

from indexer import store
from indexer.build import NothingToIndex, build
from indexer.search import Archive, SearchParams, search

from .helpers import ROOT, write_jsonl

ITEMS = [
    {"id": "a", "date": "2019-09-11", "text": "В Кызылорде аким области Куанышбек Искаков провел прием граждан."},
    {"id": "b", "date": "2020-05-13", "text": "Костанайский областной филиал партии «Nur Otan» в рамках проекта «Ардагерлерді ардақтайық» поздравил ветеранов."},
    {"id": "c", "date": "2021-02-24", "text": "В Рудном в рамках проекта «Qutty meken» проверили новый дом."},
]


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "indexer.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_incremental_update_changes_deletes_and_adds(tmp_path):
    corpus = write_jsonl(tmp_path / "c.jsonl", ITEMS)
    ix = tmp_path / "ix"
    first = build([corpus], ix, progress=False)
    assert (first.mode, first.added) == ("rebuild", 3)
    gen = store.current_generation(ix)
    archive = Archive(ix)
    assert search(archive, SearchParams(q="ветеранов"))["total"] == 1

    changed = dict(ITEMS[0], text="В Кызылорде аким области Гульшара Абдыкаликова встретилась с ветеранами.")
    new = {"id": "d", "date": "2022-01-05", "text": "В Павлодаре прошла встреча с ветеранами."}
    write_jsonl(corpus, [changed, ITEMS[1], new])  # c vanished
    s = build([corpus], ix, progress=False)
    assert (s.mode, s.added, s.updated, s.unchanged, s.deleted) == ("update", 1, 1, 1, 1)
    assert store.current_generation(ix) == gen  # updated in place, not rebuilt
    r = search(archive, SearchParams(q="ветеранов", per_page=10))  # the same Archive sees the change
    assert sorted(h["id"] for h in r["hits"]) == ["a", "b", "d"]
    assert search(archive, SearchParams(q="Искаков"))["total"] == 0
    assert search(archive, SearchParams(official=["Гульшара Абдыкаликова"]))["total"] == 1
    assert search(archive, SearchParams(q="новый дом"))["total"] == 0  # c vanished
    facets = search(archive, SearchParams())["facets"]
    assert {f["value"]: f["count"] for f in facets["year"]} == {"2019": 1, "2020": 1, "2022": 1}
    # nothing changed: nothing written
    again = build([corpus], ix, progress=False)
    assert (again.indexed, again.deleted, again.unchanged) == (0, 0, 3)


def test_rebuild_switches_generation_atomically_and_cleans_up(tmp_path):
    corpus = write_jsonl(tmp_path / "c.jsonl", ITEMS)
    ix = tmp_path / "ix"
    build([corpus], ix, progress=False)
    g1 = store.current_generation(ix)
    archive = Archive(ix)
    assert search(archive, SearchParams())["total"] == 3
    (ix / "gen-crashed-leftover").mkdir()
    write_jsonl(corpus, ITEMS[:2])
    build([corpus], ix, rebuild=True, progress=False)
    g2 = store.current_generation(ix)
    assert g2 != g1
    assert search(archive, SearchParams())["total"] == 2  # a worker's Archive follows the pointer
    gens = {p.name for p in ix.iterdir() if p.name.startswith("gen-")}
    assert gens == {g1, g2}  # the previous one is kept for readers; the leftover is gone


def test_nothing_to_index_leaves_served_index(tmp_path):
    corpus = write_jsonl(tmp_path / "c.jsonl", ITEMS)
    ix = tmp_path / "ix"
    build([corpus], ix, progress=False)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{broken\n", "utf-8")
    with pytest.raises(NothingToIndex):
        build([bad], ix, rebuild=True, progress=False)
    assert search(Archive(ix), SearchParams())["total"] == 3


def test_second_build_is_refused_while_one_runs(tmp_path):
    ix = tmp_path / "ix"
    with store.build_lock(ix):
        with pytest.raises(store.BuildLocked, match="another `newsarchive index` is running"):
            build([write_jsonl(tmp_path / "c.jsonl", ITEMS)], ix, progress=False)


def test_cli_index_names_bad_lines_and_summarises(tmp_path):
    lines = [json.dumps(ITEMS[0], ensure_ascii=False), "{not json", json.dumps({"id": "z"}),
             json.dumps(ITEMS[1], ensure_ascii=False)]
    corpus = tmp_path / "mixed.jsonl"
    corpus.write_text("\n".join(lines) + "\n", "utf-8")
    ix = tmp_path / "ix"
    r = run_cli("index", "--corpus", str(corpus), "--index", str(ix))
    assert r.returncode == 0, r.stderr
    assert f"{corpus}:2: malformed JSON" in r.stderr
    assert f"{corpus}:3: no text" in r.stderr
    assert "indexed 2" in r.stdout and "skipped 2" in r.stdout and "docs/s" in r.stdout
    out = run_cli("search", "прием граждан", "--json", "--index", str(ix))
    data = json.loads(out.stdout)
    assert [h["id"] for h in data["hits"]] == ["a"]
    assert data["hits"][0]["officials"] == ["Куанышбек Искаков"]
    table = run_cli("search", "Искаков", "--index", str(ix))
    assert "1 found" in table.stdout and "[Искакова]" not in table.stdout
    stats = run_cli("stats", "--index", str(ix))
    assert "documents: 2" in stats.stdout and "2019-09-11 .. 2020-05-13" in stats.stdout


def test_cli_errors_are_clear_and_non_zero(tmp_path):
    r = run_cli("search", "прием", "--index", str(tmp_path / "none"))
    assert r.returncode != 0 and "run `newsarchive index` first" in r.stderr
    r = run_cli("index", "--corpus", str(tmp_path / "missing"), "--index", str(tmp_path / "ix"))
    assert r.returncode != 0 and "corpus path not found" in r.stderr
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", "utf-8")
    r = run_cli("index", "--corpus", str(empty), "--index", str(tmp_path / "ix"))
    assert r.returncode != 0 and "no valid records" in r.stderr
    r = run_cli("search", "прием", "--from", "2019-13-01", "--index", str(tmp_path / "ix"))
    assert r.returncode != 0


def test_writing_an_index_does_not_stat_the_disk_per_posting(tmp_path, monkeypatch):
    # Whoosh asked the file system for a missing length column once per posting of every
    # field without lengths (ids, facets, pair terms): 18% of indexing time
    import os

    corpus = write_jsonl(tmp_path / "c.jsonl", [
        {"id": f"d{i}", "date": "2020-01-01", "text": f"В Кызылорде аким области провел прием граждан номер {i}."}
        for i in range(300)])
    calls = []
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda *a, **k: calls.append(a) or real_stat(*a, **k))
    build([corpus], tmp_path / "ix", progress=False)
    assert len(calls) < 300  # about 30 with the fix, about 4,800 without


def test_ranking_reads_postings_by_the_fast_path(tmp_path):
    """Whoosh's private block reader is what `whoosh_adapter` relies on; if an upgrade
    changes it, ranking silently falls to the slow generic path: this says so."""
    from indexer import whoosh_adapter

    build([write_jsonl(tmp_path / "c.jsonl", ITEMS)], tmp_path / "ix", progress=False)
    assert whoosh_adapter.installed()
    whoosh_adapter.PATHS.clear()
    assert search(Archive(tmp_path / "ix"), SearchParams(q="прием граждан OR Кызылорда"))["total"] >= 1
    assert whoosh_adapter.PATHS["fast"] > 0 and whoosh_adapter.PATHS["generic"] == 0


def test_an_index_of_an_older_layout_is_rebuilt_not_updated(tmp_path):
    from whoosh import fields, index as windex

    ix = tmp_path / "ix"
    old = store.new_generation_path(ix)  # an index written before the `pairs` and `idhash` fields
    w = windex.create_in(str(old), fields.Schema(id=fields.ID(stored=True), text=fields.STORED())).writer()
    w.add_document(id="a", text="старый")
    w.commit()
    store.switch_to(ix, old)
    summary = build([write_jsonl(tmp_path / "c.jsonl", ITEMS)], ix, progress=False)
    assert summary.mode == "rebuild" and store.current_generation(ix) != old.name
    assert search(Archive(ix), SearchParams(q="прием граждан"))["total"] == 1


def test_pair_term_share_shrinks_as_the_corpus_grows(tmp_path):
    from indexer.build import _pair_share
    from indexer.corpus import read_corpus

    small = write_jsonl(tmp_path / "small.jsonl", ITEMS * 1)
    head = list(read_corpus([small]))
    assert _pair_share([small], head) == 0.03  # a few items: only the commonest words pair up
    big = tmp_path / "big.jsonl"
    with open(big, "wb") as fh:  # sparse: a two-million-item corpus by size, nothing read
        fh.truncate(len(small.read_bytes()) // 3 * 2_000_000)
    assert _pair_share([small, big], head) == 0.005  # positional checks stay under ~5,000 candidates


def _stored(ix):
    with store.open_index(ix).searcher() as s:
        return {d["id"]: {k: v for k, v in d.items()} for d in s.all_stored_fields()}


def test_a_rebuild_in_writer_processes_gives_what_one_process_gives(tmp_path, monkeypatch):
    import indexer.build as b

    corpus = ROOT / "corpus"
    build([corpus], tmp_path / "one", progress=False)
    monkeypatch.setattr(b, "_writer_procs", lambda paths: 2)  # the large-corpus path, on the small corpus
    build([corpus], tmp_path / "two", progress=False)
    one, two = _stored(tmp_path / "one"), _stored(tmp_path / "two")
    assert one and one == two  # every item, with the facets extracted in the writer processes
    for q in ("ветеранов", "аким области", '"в рамках проекта"'):
        assert search(Archive(tmp_path / "one"), SearchParams(q=q))["total"] == \
            search(Archive(tmp_path / "two"), SearchParams(q=q))["total"] > 0


def _writers_failing_on(monkeypatch, rid: str) -> None:
    """Two writer processes, and making the document of item `rid` raises in one of them."""
    import indexer.build as b

    real = b.to_document

    def broken(rec, fp=None):
        if rec.id == rid:
            raise RuntimeError("extraction broke")
        return real(rec, fp)

    monkeypatch.setattr(b, "_writer_procs", lambda paths: 2)
    monkeypatch.setattr(b, "to_document", broken)


def test_a_failing_writer_process_fails_the_build_and_keeps_the_served_index(tmp_path, monkeypatch):
    corpus = write_jsonl(tmp_path / "c.jsonl", ITEMS * 1 + [dict(ITEMS[0], id=f"x{i}") for i in range(400)])
    ix = tmp_path / "ix"
    build([corpus], ix, progress=False)
    gen = store.current_generation(ix)
    _writers_failing_on(monkeypatch, "x350")
    with pytest.raises(RuntimeError):
        build([corpus], ix, rebuild=True, progress=False)
    assert store.current_generation(ix) == gen  # not an index missing the failed process's items
    assert search(Archive(ix), SearchParams(q="Кызылорде"))["total"] == 401


def test_writer_processes_that_all_fail_end_the_build_instead_of_hanging(tmp_path, monkeypatch):
    import indexer.build as b

    corpus = write_jsonl(tmp_path / "c.jsonl", [dict(ITEMS[0], id=f"x{i}") for i in range(2500)])

    def broken(rec, fp=None):
        raise RuntimeError("extraction broke")

    monkeypatch.setattr(b, "_writer_procs", lambda paths: 2)
    monkeypatch.setattr(b, "to_document", broken)
    with pytest.raises(RuntimeError, match="writer process failed"):
        build([corpus], tmp_path / "ix", progress=False)  # more jobs than the queue holds
    assert store.current_generation(tmp_path / "ix") is None


def test_a_watching_worker_warms_a_rebuilt_index_before_any_request(tmp_path):
    """After a rebuild, the watcher opens the new generation and builds its arrays before a
    user asks; until then requests are answered from the previous generation."""
    import time

    corpus = write_jsonl(tmp_path / "c.jsonl", ITEMS)
    index_dir = tmp_path / "index"
    build([corpus], index_dir, progress=False)
    archive = Archive(index_dir)
    before = search(archive, SearchParams(q="Кызылорда"))["total"]
    archive.watch(interval=0.05)
    first = store.current_generation(index_dir)
    more = ITEMS + [{"id": "new-1", "date": "2021-03-01",
                     "text": "Партийцы Кызылорды открыли новую общественную приемную в микрорайоне."}]
    build([write_jsonl(tmp_path / "c.jsonl", more)], index_dir, rebuild=True, progress=False)
    second = store.current_generation(index_dir)
    assert second != first
    for _ in range(200):  # the watcher switches on its own, within a few intervals
        if archive._served.gen_name == second:
            break
        time.sleep(0.05)
    assert archive._served.gen_name == second  # warm: no request has asked yet
    assert search(archive, SearchParams(q="Кызылорда"))["total"] == before + 1
    archive.close()


@pytest.mark.parametrize("procs", [1, 2])
def test_an_update_in_writer_processes_replaces_changed_items_and_keeps_the_rest(tmp_path, monkeypatch, procs):
    """A large corpus's update indexes its changed items in writer processes: the old version
    of each changed item is gone, the new one is found by its words and its facets, and the
    unchanged, the added and the deleted come out as in one process."""
    import indexer.build as b

    items = [dict(ITEMS[i % len(ITEMS)], id=f"x{i}") for i in range(300)]
    corpus = write_jsonl(tmp_path / "c.jsonl", items)
    ix = tmp_path / "ix"
    build([corpus], ix, progress=False)
    monkeypatch.setattr(b, "_writer_procs", lambda paths: procs)
    changed = [dict(it, text="Депутаты маслихата Павлодара обсудили ремонт дорог в Экибастузе.")
               if i < 150 else it for i, it in enumerate(items)]
    write_jsonl(corpus, changed[:-10] + [{"id": "new", "date": "2021-04-02",
                                          "text": "В Кокшетау партийцы посадили сквер у вокзала."}])
    s = build([corpus], ix, progress=False)
    assert (s.updated, s.added, s.deleted, s.unchanged) == (150, 1, 10, 140)
    archive = Archive(ix)
    assert search(archive, SearchParams())["total"] == 291
    assert search(archive, SearchParams(q="Экибастуз"))["total"] == 150
    assert search(archive, SearchParams(region=["Павлодарская область"]))["total"] == 150
    assert search(archive, SearchParams(q="Кокшетау"))["total"] == 1
    ids = [h["id"] for page in (1, 2) for h in
           search(archive, SearchParams(q="Экибастуз", per_page=100, page=page))["hits"]]
    assert sorted(ids) == sorted(f"x{i}" for i in range(150))  # each once: its old version deleted
    kept = sum(1 for i in range(150, 290) if i % 3 == 0)  # unchanged copies of item "a"
    assert search(archive, SearchParams(official=["Куанышбек Искаков"]))["total"] == kept
    archive.close()


def test_a_writer_process_failing_in_an_update_leaves_the_index_as_it_was(tmp_path, monkeypatch):
    """The parent's deletions of the old versions are not committed when a writer process
    fails: no changed item is lost, none half-updated."""
    items = [dict(ITEMS[0], id=f"x{i}") for i in range(200)]
    corpus = write_jsonl(tmp_path / "c.jsonl", items)
    ix = tmp_path / "ix"
    build([corpus], ix, progress=False)
    _writers_failing_on(monkeypatch, "x120")
    write_jsonl(corpus, [dict(it, text="Партийцы Семея провели субботник на набережной Иртыша.") for it in items])
    with pytest.raises(RuntimeError):
        build([corpus], ix, progress=False)
    archive = Archive(ix)
    assert search(archive, SearchParams(q="Кызылорде"))["total"] == 200
    assert search(archive, SearchParams(q="субботник"))["total"] == 0
    archive.close()
