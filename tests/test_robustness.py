"""Nothing lost, nothing broken: hostile input, crashes, concurrent builds, reindex under load."""
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from indexer import store
from indexer.build import build
from indexer.search import Archive, SearchParams, search

from .helpers import ROOT, write_jsonl
from tests.background import gunicorn

sys.path.insert(0, str(ROOT / "bench"))

# ---------------------------------------------------------------- hostile input

NASTY = ["", " ", "AND", "OR", "NOT", "*", "?", "field:", "region:", ":", '"', '""', "(", ")", "((", "[", "]",
         "{", "}", "^", "~", "\\", "<script>alert(1)</script>", "' OR 1=1 --", "'; DROP TABLE docs; --",
         "прием граждан", "Кызылорда", "Құтты мекен", "Нур-Султан", "-1", "0", "1", "100", "101",
         "99999999999999999999", "2019-02-30", "2019-13-01", "2020-01-01", "1e9", "NaN", "\x00", "\u202e",
         "date:[2019 TO", "year:abc", "id:*", "a" * 300, "<mark>", "&amp;", "%", "%zz", "провел*", "*ов"]
from indexer.registry import FILTERS  # noqa: E402  (every facet of the registry is a parameter)

PARAMS = ["q", *FILTERS, "date_from", "date_to", "undated", "sort", "page", "per_page", "more", "fq", "query", "limit"]
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=60), st.text(alphabet="()\"*:~^[]{} ANDORTа-я", max_size=30))
requests = st.lists(st.tuples(st.sampled_from(PARAMS + ["junk"]), values), max_size=8)
ENDPOINTS = ["/api/search", "/", "/api/search.jsonl", "/api/search.csv", "/api/facets/official", "/api/facets/place"]


def _no_markup_but_mark(text: str) -> bool:
    return "<" not in text.replace("<mark>", "").replace("</mark>", "")


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(endpoint=st.sampled_from(ENDPOINTS), pairs=requests)
def test_any_parameters_never_5xx_nor_unescaped_markup(client, endpoint, pairs):
    # the page redirects an address with empty fields to the same one without them
    r = client.get(endpoint, query_string=pairs, follow_redirects=endpoint == "/")
    assert r.status_code in (200, 400), (endpoint, pairs, r.data[:300])
    assert len(r.history) <= 1
    if r.status_code == 400 and endpoint.startswith("/api"):
        assert r.get_json()["error"]
    if endpoint.startswith("/api/facets/") and r.status_code == 200:
        assert all(_no_markup_but_mark(v["value"]) for v in r.get_json()["values"])
    if endpoint == "/api/search" and r.status_code == 200:
        for h in r.get_json()["hits"]:
            assert _no_markup_but_mark(h["snippet"])
    if endpoint == "/":
        html = r.data.decode()
        for _, v in pairs:
            if "<script>" in v:
                assert "<script>alert" not in html


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=80))
def test_raw_query_strings_invalid_utf8_and_percent_encoding(client, raw):
    for path in ("/api/search?", "/?"):
        r = client.get(path + urllib.parse.quote_from_bytes(raw, safe="=&%+"), follow_redirects=path == "/?")
        assert r.status_code in (200, 400) and len(r.history) <= 1, (raw, r.status_code)


def test_limits_answer_400_with_a_reason(client):
    assert "at most 50" in client.get("/api/search?q=" + "+".join(["слово"] * 51)).get_json()["error"]
    assert "at most 1000" in client.get("/api/search?q=" + "я" * 1001).get_json()["error"]
    assert "at most 50 values" in client.get("/api/search?" + "&".join(f"region=r{i}" for i in range(51))).get_json()["error"]
    assert client.get("/api/search?page=1001").status_code == 400


def test_prefix_expansion_is_capped(archive, monkeypatch):
    from indexer import query

    searcher, _ = archive.acquire()
    q, _ = query.parse(searcher.schema, "к*")
    full = len(q.existing_terms(searcher.reader(), expand=True))
    monkeypatch.setattr(query, "MAX_EXPANSION", 5)
    q, _ = query.parse(searcher.schema, "к*")
    assert len(q.existing_terms(searcher.reader(), expand=True)) <= 10 < full


# ---------------------------------------------------------------- a bigger corpus

@pytest.fixture(scope="module")
def big_corpus(generated_corpus):
    # big enough that a parallel rebuild takes seconds, so kill -9 lands mid-way
    return generated_corpus


def test_time_limit_answers_partial(tmp_path, big_corpus, monkeypatch):
    build([big_corpus], tmp_path / "ix", progress=False)
    archive = Archive(tmp_path / "ix")
    phrase = '"принял участие"~2'  # a phrase with slop: Whoosh's positional matcher, under the deadline
    full = search(archive, SearchParams(q=phrase))
    assert not full.get("partial") and full["total"] > 1000
    monkeypatch.setattr(archive, "settings", archive.settings.but(time_limit=0.0))
    cut = search(archive, SearchParams(q=phrase))
    assert cut["partial"] is True and "остановлен" in cut["notice"]
    assert cut["total"] <= full["total"]


def cli(*args, **kw):
    return subprocess.Popen([sys.executable, "-m", "indexer.cli", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def test_kill_9_during_rebuild_and_update_never_loses_the_served_index(tmp_path, big_corpus):
    ix = tmp_path / "ix"
    small = write_jsonl(tmp_path / "small.jsonl", [
        {"id": f"s{i}", "date": "2019-09-11", "text": f"В Кызылорде прошел прием граждан номер {i}."} for i in range(20)])
    build([small], ix, progress=False)
    served = store.current_generation(ix)
    for mode, delay in [("--rebuild", 0.3), ("--rebuild", 1.0), ("--rebuild", 1.8), ("", 0.8), ("", 2.5)]:
        p = cli("index", "--corpus", str(big_corpus), "--index", str(ix), "--quiet", *([mode] if mode else []))
        time.sleep(delay)
        if p.poll() is not None:
            pytest.fail(f"the build finished before kill at {delay}s: make the corpus bigger")
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        assert store.current_generation(ix) == served
        r = search(Archive(ix), SearchParams(q="прием граждан"))
        assert r["total"] == 20, (mode, delay)
    done = cli("index", "--corpus", str(big_corpus), "--index", str(ix), "--rebuild", "--quiet")
    out, err = done.communicate(timeout=300)
    assert done.returncode == 0, err
    assert search(Archive(ix), SearchParams())["total"] == 6000
    gens = {d.name for d in ix.iterdir() if d.name.startswith("gen-")}
    assert gens == {served, store.current_generation(ix)}  # crashed leftovers removed


def test_two_builds_at_once_one_refuses_neither_corrupts(tmp_path, big_corpus):
    ix = tmp_path / "ix"
    a = cli("index", "--corpus", str(big_corpus), "--index", str(ix), "--quiet")
    lock = ix / store.LOCK
    deadline = time.time() + 30  # start the second one once the first holds the lock
    while not (lock.exists() and lock.read_text().strip() == str(a.pid)) and time.time() < deadline:
        time.sleep(0.05)
    b = cli("index", "--corpus", str(big_corpus), "--index", str(ix), "--quiet")
    out_b, err_b = b.communicate(timeout=60)
    out_a, err_a = a.communicate(timeout=300)
    assert a.returncode == 0, err_a
    assert b.returncode != 0 and "another `newsarchive index` is running" in err_b
    assert search(Archive(ix), SearchParams())["total"] == 6000


# ---------------------------------------------------------------- reindex under load

def _corpus(path, word, year, n):
    return write_jsonl(path, [{"id": f"{word}-{i}", "date": f"{year}-05-0{1 + i % 9}",
                               "text": f"Кызылординский областной филиал провел встречу {word} номер {i}."}
                              for i in range(n)])


def _load(base: str, valid, seen: list, failures: list, stop: threading.Event) -> None:
    """Searches until stopped (at most 5,000); each answer must come wholly from one index."""
    n = 0
    while not stop.is_set() and n < 5000:
        n += 1
        try:
            with urllib.request.urlopen(base + "/api/search?per_page=100&q=" + urllib.parse.quote("встречу"),
                                        timeout=10) as resp:
                data = json.loads(resp.read())
            words = {h["id"].split("-")[0] for h in data["hits"]}
            years = {f["value"]: f["count"] for f in data["facets"]["year"]}
            (word,) = words
            (year,) = years
            state = (data["total"], word, year)
            assert state in valid and years[year] == data["total"] == len(data["hits"]), data
            seen.append(state)
        except Exception as exc:  # noqa: BLE001 - every failure is counted and shown
            failures.append(repr(exc)[:300])


def _wait_for(seen: list, word: str, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while not any(s[1] == word for s in seen[-50:]) and time.time() < deadline:
        time.sleep(0.05)


def test_reindex_under_load_every_answer_from_one_index(tmp_path):
    ix = tmp_path / "ix"
    build([_corpus(tmp_path / "old.jsonl", "альфа", 2019, 30)], ix, progress=False)
    valid = {(30, "альфа", "2019"), (40, "бета", "2020"), (40, "гамма", "2021")}
    seen, failures = [], []
    stop = threading.Event()
    with gunicorn(ix, workers=2) as (_, base):
        t = threading.Thread(target=_load, args=(base, valid, seen, failures, stop))
        t.start()
        try:
            _wait_for(seen, "альфа")
            for args, word, year in ((["--rebuild"], "бета", 2020), ([], "гамма", 2021)):
                corpus = _corpus(tmp_path / "new.jsonl", word, year, 40)
                r = subprocess.run([sys.executable, "-m", "indexer.cli", "index", "--quiet", "--index", str(ix),
                                    "--corpus", str(corpus), *args], cwd=ROOT, capture_output=True, text=True,
                                   timeout=120)
                assert r.returncode == 0, r.stderr
                _wait_for(seen, word)  # the load goes on until it has seen the new index
        finally:
            stop.set()
            t.join(timeout=60)
    assert failures == []
    assert {s[1] for s in seen} == {"альфа", "бета", "гамма"}, "the load did not span both reindexes"
