"""The measuring stick (issue 12): what users see, first asking, against SQLite FTS5 and tantivy.

    python bench/run.py --docs 100000 --corpus-source shared [--queries 24] [--skip-http]

Corpus: `shared` = ../shared/perf_corpus/gen_corpus.py (N items, seed 42, the real Russian
news vocabulary; its region/project/official fields are stripped so that our extraction
runs), `ours` = bench/generate.py. Corpora and indexes live in bench/out/ (never committed).

Build: our index with the project's own CLI (items/s, size, peak memory), an incremental
update of 1,000 changed items, then the stored items are lemmatised once with our analyzer
(timed, and added to both baselines' build time) and fed to SQLite FTS5 and to tantivy.

Queries are *first-asked*: every timed query is asked once, and no timed query shares a
lemma (`analyze(q, "query")`) with any earlier query of the run, the warm-up set included.
The warm-up only builds the per-index arrays (facets, dates, lengths) with other words.
Classes as in the issue: single word in 4 document-frequency bands, two words within 3
positions of a text, phrase of 2-3 consecutive words, rare word or name (1-20 items),
very common word or pair (> 30 % of items), word(s) + one facet filter, browse (empty q +
one filter). Each query = top 20 + counts of region, project, official and year over the
whole match set, on every engine. Ours is timed over HTTP (gunicorn, 2 workers, loopback,
fresh workers) and in-process (a fresh Archive, lemma cache reset); SQLite and tantivy
in-process over the same lemmas. The report is Markdown, with the command and the machine.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from indexer import morphology, store  # noqa: E402
from indexer.morphology import WORD_RE, analyze  # noqa: E402
from indexer.search import Archive, SearchParams, search  # noqa: E402
from tests.background import gunicorn  # noqa: E402

OUT = ROOT / "bench" / "out"
SHARED_GEN = Path(os.environ.get("GEN_CORPUS_SCRIPT") or ROOT.parent / "shared" / "perf_corpus" / "gen_corpus.py")
SHARED_SEED = 42
FACETS = ("region", "project", "official", "year")
GENERATOR_FIELDS = ("region", "project", "official")
FLOOR = 0.005  # seconds: below 5 ms nobody sees a difference (issue 12)
CLASSES = ("single word", "two words", "phrase", "rare word or name", "very common word or pair",
           "word(s) + facet filter", "browse (empty q + filter)")
CLASS_NOTES = {
    "single word": "4 document-frequency bands",
    "two words": "within 3 positions in a text",
    "phrase": "2-3 consecutive words of a text",
    "rare word or name": "1-20 items",
    "very common word or pair": "> 30 % of items",
    "word(s) + facet filter": "one of region, project, official, year",
    "browse (empty q + filter)": "newest first",
}


def fvalues(p: SearchParams, facet: str) -> list[str]:
    """A filter's values, whichever way SearchParams keeps them (attributes, or `values()`)."""
    return p.values(facet) if callable(getattr(p, "values", None)) else getattr(p, facet)


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))] if values else float("nan")


# ------------------------------------------------------------------ corpus

def _strip_generator_fields(src: Path, dst: Path, n: int) -> None:
    """The generator's own facet values override extraction: drop them (its README)."""
    tmp = dst.with_suffix(".tmp")
    with open(src, encoding="utf-8") as fin, open(tmp, "w", encoding="utf-8") as fout:
        for i, line in enumerate(fin):
            if i >= n:
                break
            d = json.loads(line)
            fout.write(json.dumps({k: v for k, v in d.items() if k not in GENERATOR_FIELDS},
                                  ensure_ascii=False) + "\n")
    tmp.rename(dst)


def corpus_for(n: int, source: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    if source == "ours":
        path = OUT / f"gen-{n}.jsonl"
        if not path.exists():
            from generate import generate

            t = time.perf_counter()
            generate(n, path)
            print(f"generated {n} items in {time.perf_counter() - t:.0f} s -> {path}", file=sys.stderr)
        return path
    path = OUT / f"shared-{n}.jsonl"
    if path.exists():
        return path
    # the first N lines of a bigger run equal a run of N (its README): reuse a bigger one
    bigger = sorted((p for p in OUT.glob("shared-raw-*.jsonl") if int(p.stem.split("-")[-1]) >= n),
                    key=lambda p: int(p.stem.split("-")[-1]))
    if bigger:
        raw = bigger[0]
    else:
        raw = OUT / f"shared-raw-{n}.jsonl"
        t = time.perf_counter()
        subprocess.run([sys.executable, str(SHARED_GEN), str(n), str(raw), "--seed", str(SHARED_SEED)],
                       check=True)
        print(f"generated {n} items in {time.perf_counter() - t:.0f} s -> {raw}", file=sys.stderr)
    _strip_generator_fields(raw, path, n)
    return path


# ------------------------------------------------------------------ first-asked queries

@dataclass
class BenchQuery:
    cls: str
    params: SearchParams
    lemmas: frozenset
    note: str = ""
    results: dict = field(default_factory=dict)  # engine -> (seconds, total)

    def label(self) -> str:
        filt = "; ".join(f"{k}={fvalues(self.params, k)[0]}" for k in FACETS if fvalues(self.params, k))
        return (self.params.q or "(empty)") + (f" [{filt}]" if filt else "")


class QueryMaker:
    """Draws queries from items of the index; no query shares a lemma with an earlier one."""

    def __init__(self, ix_dir: Path, corpus: Path, sample: int = 3000, seed: int = 11):
        self.rng = random.Random(seed)
        self.ix = store.open_index(ix_dir)
        self.searcher = self.ix.searcher()
        self.reader = self.searcher.reader()
        self.n = self.searcher.doc_count()
        # the sample by item id from the corpus file, not by document number: two parallel
        # builds number the documents differently, and the same command should draw the same queries
        with open(corpus, encoding="utf-8") as fh:
            ids = [json.loads(line).get("id") for line in fh]
        self.items = []
        for item_id in self.rng.sample(ids, min(sample, len(ids))):
            s = self.searcher.document(id=item_id) if item_id else None
            if s is None:
                continue
            text = (s.get("title", "") + ".\n" if s.get("title") else "") + s.get("text", "")
            sentences = []
            for sent in re.split(r"(?<=[.!?])\s+|\n", text):
                toks = [m.group(0) for m in WORD_RE.finditer(sent)]
                if toks:  # users type a sentence's first word in lower case
                    toks[0] = toks[0].lower()
                    sentences.append(toks)
            facets = {f: [v for v in (s.get(f) or "").split("|") if v] for f in GENERATOR_FIELDS}
            facets["year"] = [s["date"][:4]] if s.get("date") else []
            self.items.append({"sentences": sentences, "facets": facets,
                               "lemmas": {t for _, t in analyze(text, "index")}})
        self.used: set[str] = set()
        self.used_values: set[tuple[str, str]] = set()
        self._lem: dict[str, frozenset] = {}
        self._df: dict[str, int] = {}

    def close(self):
        self.searcher.close()

    def lemmas(self, text: str) -> frozenset:
        if text not in self._lem:
            self._lem[text] = frozenset(t for _, t in analyze(text, "query"))
        return self._lem[text]

    def df(self, word: str) -> int:
        """Items carrying the word: the largest document frequency of its lemmas."""
        out = 0
        for lemma in self.lemmas(word):
            if lemma not in self._df:
                self._df[lemma] = self.reader.doc_frequency("content", lemma)
            out = max(out, self._df[lemma])
        return out

    def fresh(self, *words) -> frozenset | None:
        """The union of the words' lemmas if none was asked before and the words differ."""
        sets = [self.lemmas(w) for w in words]
        if not all(sets):
            return None
        union = frozenset().union(*sets)
        if sum(len(s) for s in sets) != len(union) or union & self.used:
            return None
        return union

    def take(self, lemmas) -> None:
        self.used |= set(lemmas)

    def _sentence(self):
        item = self.rng.choice(self.items)
        return item, (self.rng.choice(item["sentences"]) if item["sentences"] else [])

    @staticmethod
    def _wordlike(w: str, min_len: int = 3) -> bool:
        return w.isalpha() and len(w) >= min_len

    # --- classes -----------------------------------------------------------------

    def very_common(self, k: int) -> list[BenchQuery]:
        """Words in > 30 % of items, alone or in pairs whose sample co-occurrence is > 30 %."""
        limit = 0.3 * self.n
        out, tries = [], 0
        while len(out) < k and tries < 20000:
            tries += 1
            item, sent = self._sentence()
            words = [w for s in item["sentences"] for w in s if w.isalpha() and self.df(w) > limit]
            if not words:
                continue
            if len(out) % 2 == 0:
                w = self.rng.choice(words)
                lem = self.fresh(w)
                if lem:
                    out.append(BenchQuery("very common word or pair", SearchParams(q=w), lem, f"df {self.df(w)}"))
                    self.take(lem)
                continue
            a, b = self.rng.sample(words, 2) if len(words) > 1 else (words[0], words[0])
            lem = self.fresh(a, b)
            if not lem:
                if tries > 5000 and len(out) % 2 == 1:  # no fresh pairs left: singles only
                    w = self.rng.choice(words)
                    lem = self.fresh(w)
                    if lem:
                        out.append(BenchQuery("very common word or pair", SearchParams(q=w), lem,
                                              f"df {self.df(w)}"))
                        self.take(lem)
                continue
            la, lb = self.lemmas(a), self.lemmas(b)
            both = sum(1 for it in self.items if it["lemmas"] & la and it["lemmas"] & lb) / len(self.items)
            if both > 0.3:
                out.append(BenchQuery("very common word or pair", SearchParams(q=f"{a} {b}"), lem,
                                      f"sample share {both:.0%}"))
                self.take(lem)
        return out

    def rare(self, k: int) -> list[BenchQuery]:
        out, tries = [], 0
        while len(out) < k and tries < 50000:
            tries += 1
            _, sent = self._sentence()
            want_name = len(out) % 2 == 0
            words = [w for w in sent if self._wordlike(w) and w[:1].isupper() == want_name]
            if not words:
                continue
            w = self.rng.choice(words)
            d = self.df(w)
            lem = self.fresh(w) if 1 <= d <= 20 else None
            if lem:
                out.append(BenchQuery("rare word or name", SearchParams(q=w), lem, f"df {d}"))
                self.take(lem)
        return out

    def single(self, k: int, band: tuple[int, int], name: str) -> BenchQuery | None:
        lo, hi = band
        for _ in range(20000):
            _, sent = self._sentence()
            words = [w for w in sent if self._wordlike(w)]
            if not words:
                continue
            w = self.rng.choice(words)
            d = self.df(w)
            if lo <= d < hi:
                lem = self.fresh(w)
                if lem:
                    self.take(lem)
                    return BenchQuery("single word", SearchParams(q=w), lem, f"{name}, df {d}")
        return None

    def near_pair(self, sent) -> tuple[str, str] | None:
        idx = [i for i, w in enumerate(sent) if self._wordlike(w)]
        pairs = [(i, j) for i in idx for j in idx if 0 < j - i <= 3]
        if not pairs:
            return None
        i, j = self.rng.choice(pairs)
        return sent[i], sent[j]

    def two_words(self) -> BenchQuery | None:
        for _ in range(20000):
            _, sent = self._sentence()
            pair = self.near_pair(sent)
            lem = self.fresh(*pair) if pair else None
            if lem:
                self.take(lem)
                return BenchQuery("two words", SearchParams(q=" ".join(pair)), lem)
        return None

    def phrase(self, length: int) -> BenchQuery | None:
        for _ in range(20000):
            _, sent = self._sentence()
            if len(sent) < length:
                continue
            i = self.rng.randrange(len(sent) - length + 1)
            words = sent[i:i + length]
            if not all(w.isalpha() for w in words) or not any(len(w) >= 3 for w in words):
                continue
            lem = self.fresh(*words)
            if lem:
                self.take(lem)
                return BenchQuery("phrase", SearchParams(q='"' + " ".join(words) + '"'), lem, f"{length} words")
        return None

    def _value(self, item, facet) -> str | None:
        values = [v for v in item["facets"].get(facet, []) if (facet, v) not in self.used_values]
        return self.rng.choice(values) if values else None

    def _facet_with_values(self, facet: str) -> str | None:
        """The facet, or the next one in FACETS order that still has an unused value (years run out)."""
        i = FACETS.index(facet)
        for f in FACETS[i:] + FACETS[:i]:
            if any((f, v) not in self.used_values for it in self.items for v in it["facets"][f]):
                return f
        return None

    def with_filter(self, facet: str, two: bool) -> BenchQuery | None:
        facet = self._facet_with_values(facet)
        if facet is None:
            return None
        for _ in range(20000):
            item, sent = self._sentence()
            value = self._value(item, facet)
            if value is None:
                continue
            if two:
                words = self.near_pair(sent)
            else:
                cands = [w for w in sent if self._wordlike(w)]
                words = (self.rng.choice(cands),) if cands else None
            lem = self.fresh(*words) if words else None
            if lem:
                self.take(lem)
                self.used_values.add((facet, value))
                return BenchQuery("word(s) + facet filter", SearchParams(q=" ".join(words), **{facet: [value]}),
                                  lem, facet)
        return None

    def browse(self, facet: str) -> BenchQuery | None:
        facet = self._facet_with_values(facet)
        if facet is None:
            return None
        for _ in range(5000):
            item = self.rng.choice(self.items)
            value = self._value(item, facet)
            if value is not None:
                self.used_values.add((facet, value))
                return BenchQuery("browse (empty q + filter)", SearchParams(sort="date_desc", **{facet: [value]}),
                                  frozenset(), facet)
        return None

    def make(self, per_class: int) -> tuple[list[SearchParams], list[BenchQuery]]:
        """(warm-up params, timed queries): the warm-up's words are taken first, so no timed
        query shares a lemma with them; then the scarce classes, then round-robin."""
        mid = (int(0.005 * self.n) + 1, int(0.05 * self.n) + 2)
        warm = []
        for i in range(3):
            q = self.single(1, mid, "warm-up")
            if q:
                warm.append(q.params)
        for facet in FACETS:  # one filter of each facet: masks and value tables, never a timed value
            value = next((v for it in self.items for v in it["facets"][facet]), None)
            if value:
                self.used_values.add((facet, value))
                warm.append(SearchParams(sort="date_desc", **{facet: [value]}))
                if warm and warm[0].q:
                    warm.append(SearchParams(q=warm[0].q, **{facet: [value]}))
        queries = self.very_common(per_class)
        queries += self.rare(per_class)
        edges = np.geomspace(21, max(0.3 * self.n, 22), 5).astype(int)
        bands = [(int(edges[b]), int(edges[b + 1]) + (1 if b == 3 else 0)) for b in range(4)]
        for i in range(per_class):
            b = i * 4 // per_class
            lo, hi = bands[b]
            for q in (self.single(1, bands[b], f"band {b + 1} ({lo}-{hi - 1} items)"),
                      self.two_words(),
                      self.phrase(2 + i % 2),
                      self.with_filter(FACETS[i % 4], two=i % 8 >= 4),
                      self.browse(FACETS[(i + 2) % 4])):
                if q is not None:
                    queries.append(q)
        order = {c: i for i, c in enumerate(CLASSES)}
        queries.sort(key=lambda q: order[q.cls])  # stable: the draw order within a class
        check_first_asked(warm, queries)
        return warm, queries


def check_first_asked(warm, queries) -> None:
    """No timed query shares a lemma with the warm-up or with any other query (so none with an earlier one)."""
    seen = set()
    for p in warm:
        seen |= {t for _, t in analyze(p.q.strip('"'), "query")}
    for q in queries:
        lem = {t for _, t in analyze(q.params.q.strip('"'), "query")}
        assert lem == set(q.lemmas) and not lem & seen, (q.label(), lem & seen)
        seen |= lem


# ------------------------------------------------------------------ our side

def build_ours(corpus: Path, ix: Path) -> dict:
    shutil.rmtree(ix, ignore_errors=True)
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "indexer.cli", "index", "--rebuild", "--quiet",
                        "--corpus", str(corpus), "--index", str(ix)], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if r.returncode:
        raise SystemExit(r.stderr)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far: this build
    size = sum(f.stat().st_size for f in store.current_path(ix).rglob("*") if f.is_file())
    return {"seconds": seconds, "peak_mb": peak / 1024, "size_mb": size / 2**20, "line": r.stdout.strip()}


def incremental_update(corpus: Path, ix: Path, changed: int = 1000) -> float:
    tmp = OUT / f"changed-{corpus.stem}.jsonl"
    with open(corpus, encoding="utf-8") as src, open(tmp, "w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i < changed:
                d = json.loads(line)
                d["text"] += " Материал обновлен."
                line = json.dumps(d, ensure_ascii=False) + "\n"
            dst.write(line)
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "indexer.cli", "index", "--quiet", "--corpus", str(tmp),
                        "--index", str(ix)], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - t
    tmp.unlink(missing_ok=True)
    if r.returncode or f"updated {changed}" not in r.stdout:
        raise SystemExit(r.stdout + r.stderr)
    return seconds


def _url(base: str, p: SearchParams) -> str:
    pairs = [("q", p.q), ("page", p.page), ("sort", p.sort)] + \
            [(f, v) for f in FACETS for v in fvalues(p, f)]
    return base + "/api/search?" + urllib.parse.urlencode(pairs)


def time_queries(engine: str, run, queries: list[BenchQuery], total=lambda r: r) -> None:
    """Each query once, in order; `total(run(params))` is the number of matches (outside the timing)."""
    for bq in queries:
        t = time.perf_counter()
        answer = run(bq.params)
        seconds = time.perf_counter() - t
        bq.results[engine] = (seconds, total(answer))


def time_in_process(ix: Path, warm, queries) -> None:
    morphology.limit_cache(morphology.SERVE_CACHE_SIZE)  # a serving worker's fresh lemma cache
    archive = Archive(ix)
    for p in warm:
        search(archive, p)
    time_queries("ours", lambda p: search(archive, p), queries, lambda a: a["total"])
    archive.close()


def warm_http(base: str, warm, workers: int = 2, rounds: int = 3) -> None:
    """Every worker builds its per-index arrays: concurrent rounds of the warm-up set."""
    for _ in range(rounds):
        for p in warm:
            threads = [threading.Thread(target=lambda: urllib.request.urlopen(_url(base, p), timeout=600).read())
                       for _ in range(workers)]
            for th in threads:
                th.start()
            for th in threads:
                th.join()


def http_get(base: str, p: SearchParams) -> bytes:
    with urllib.request.urlopen(_url(base, p), timeout=120) as r:
        return r.read()


def worker_memory_mb(proc) -> list[dict]:
    """Per worker: RSS, PSS (shared pages split) and anonymous (private heap) memory.
    RSS overstates: index files are memory-mapped and pages read count as resident."""
    out = []
    for child in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split():
        fields = {}
        for line in Path(f"/proc/{child}/smaps_rollup").read_text().splitlines()[1:]:
            name, value = line.split(":", 1)
            fields[name] = int(value.split()[0]) / 1024
        out.append({"rss": fields.get("Rss", 0), "pss": fields.get("Pss", 0), "anon": fields.get("Anonymous", 0)})
    return out


def mixed_load(base: str, queries: list[BenchQuery], requests: int, clients: int = 4) -> dict:
    """Throughput with repeats (not first asking): the timed queries shuffled, 4 clients."""
    urls = [_url(base, q.params) for q in queries]
    random.Random(3).shuffle(urls)
    urls = (urls * (requests // max(1, len(urls)) + 1))[:requests]
    errors = []
    lock = threading.Lock()
    it = iter(urls)

    def client():
        while True:
            with lock:
                url = next(it, None)
            if url is None:
                return
            try:
                with urllib.request.urlopen(url, timeout=60) as r:
                    r.read()
            except Exception as exc:  # noqa: BLE001
                errors.append(repr(exc))

    t = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    seconds = time.perf_counter() - t
    return {"rps": len(urls) / seconds, "errors": len(errors), "requests": len(urls), "clients": clients}


# ------------------------------------------------------------------ the same lemmas for both baselines

def lemmatise(ix: Path, path: Path) -> dict:
    """Every live item of our index, analysed once with our analyzer (index mode), to a file:
    one JSON line per item with its id, date, facet values and position groups of lemmas."""
    morphology.limit_cache(morphology.INDEX_CACHE_SIZE)  # cold, as in a build: drawing queries filled it
    ixo = store.open_index(ix)
    searcher = ixo.searcher()
    seconds, n = 0.0, 0
    with open(path, "w", encoding="utf-8") as fh:
        for d in searcher.all_stored_fields():
            content = f"{d['title']}\n{d['text']}" if d.get("title") else d.get("text", "")
            t = time.perf_counter()
            groups: dict[int, list[str]] = {}
            for pos, term in analyze(content, "index"):
                groups.setdefault(pos, []).append(term)
            seconds += time.perf_counter() - t
            facets = {f: [v for v in (d.get(f) or "").split("|") if v] for f in GENERATOR_FIELDS}
            facets["year"] = [d["date"][:4]] if d.get("date") else []
            fh.write(json.dumps({"id": d["id"], "date": d.get("date") or "", "facets": facets,
                                 "groups": [[p, g] for p, g in sorted(groups.items())]}, ensure_ascii=False) + "\n")
            n += 1
    searcher.close()
    return {"seconds": seconds, "docs": n}


def _rows(path: Path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


# ------------------------------------------------------------------ SQLite FTS5

def build_sqlite(lemmas: Path, db: Path) -> dict:
    """Column `lemmas`: every lemma (all alternatives); column `first`: the first lemma of each
    position, so that FTS5 phrases keep the words' positions. Facets in a side table."""
    db.unlink(missing_ok=True)
    con = sqlite3.connect(db)
    con.executescript("""
        CREATE VIRTUAL TABLE fts USING fts5(lemmas, first, tokenize='unicode61 remove_diacritics 0');
        CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT, date TEXT);
        CREATE TABLE facets(rowid INTEGER, facet TEXT, value TEXT);
    """)
    seconds, n = 0.0, 0
    batch_docs, batch_fts, batch_facets = [], [], []

    def flush():
        con.executemany("INSERT INTO docs VALUES (?,?,?)", batch_docs)
        con.executemany("INSERT INTO fts(rowid, lemmas, first) VALUES (?,?,?)", batch_fts)
        con.executemany("INSERT INTO facets VALUES (?,?,?)", batch_facets)
        batch_docs.clear(), batch_fts.clear(), batch_facets.clear()

    t = time.perf_counter()
    for r in _rows(lemmas):
        n += 1
        batch_docs.append((n, r["id"], r["date"]))
        batch_fts.append((n, " ".join(t for _, g in r["groups"] for t in g), " ".join(g[0] for _, g in r["groups"])))
        batch_facets += [(n, f, v) for f, vs in r["facets"].items() for v in vs]
        if len(batch_docs) >= 2000:
            flush()
    flush()
    con.executescript("CREATE INDEX facets_rowid ON facets(rowid); CREATE INDEX facets_fv ON facets(facet, value);"
                      "CREATE INDEX docs_date ON docs(date);")
    con.commit()
    seconds = time.perf_counter() - t
    con.close()
    return {"seconds": seconds, "docs": n, "size_mb": db.stat().st_size / 2**20}


def query_groups(q: str) -> tuple[bool, list[list[str]]]:
    """(phrase?, lemma alternatives per position): what our parser looks for, for the baselines."""
    phrase = q.startswith('"')
    groups: dict[int, list[str]] = {}
    for pos, term in analyze(q.strip('"'), "query"):
        groups.setdefault(pos, []).append(term)
    return phrase, list(groups.values())


def query_words(q: str) -> list[tuple[list[str], str | None]]:
    """Outside phrases, each word: (its lemmas, the region it names or None). Our parser ORs a
    word naming a place with its region's items (indexer/query.py words_query)."""
    from indexer.extract.regions import region_named_by

    out = []
    for word in q.split():
        lemmas = list(dict.fromkeys(t for _, t in analyze(word, "query")))
        if lemmas:
            out.append((lemmas, region_named_by(word.strip())))
    return out


def _fts_group(lemmas) -> str:
    return "(" + " OR ".join(f'lemmas : "{t}"' for t in lemmas) + ")"


def _fts_conditions(q: str) -> tuple[str | None, list[str], list]:
    """(one FTS5 expression or None, SQL conditions, their arguments)."""
    phrase, groups = query_groups(q)
    if not groups:
        return None, ["0"], []
    if phrase and len(groups) > 1:
        expr = 'first : "' + " ".join(g[0].replace('"', "") for g in groups) + '"'
        return expr, ["d.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)"], [expr]
    words = query_words(q.strip('"'))
    if not any(region for _, region in words):
        expr = " AND ".join(_fts_group(g) for g, _ in words)
        return expr, ["d.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)"], [expr]
    conds, args = [], []
    for lemmas, region in words:
        c = "d.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)"
        args.append(_fts_group(lemmas))
        if region:
            c = f"({c} OR d.rowid IN (SELECT rowid FROM facets WHERE facet = 'region' AND value = ?))"
            args.append(region)
        conds.append(c)
    return None, conds, args


def sqlite_search(con, p: SearchParams) -> int:
    expr, where, args = _fts_conditions(p.q) if p.q else (None, [], [])
    for facet in FACETS:
        values = fvalues(p, facet)
        if values:
            where.append(f"d.rowid IN (SELECT rowid FROM facets WHERE facet = ? AND value IN ({','.join('?' * len(values))}))")
            args += [facet, *values]
    cond = " AND ".join(where) or "1"
    matched = f"SELECT d.rowid FROM docs d WHERE {cond}"
    total = con.execute(f"SELECT count(*) FROM ({matched})", args).fetchone()[0]
    # driven by the match set (CROSS JOIN fixes the order): left to itself SQLite scanned the
    # whole facets table by (facet, value) to save the sort, 2-6 s for a 1-hit filtered query
    con.execute(f"SELECT f.facet, f.value, count(*) FROM ({matched}) m CROSS JOIN facets f ON f.rowid = m.rowid "
                "GROUP BY f.facet, f.value", args).fetchall()
    if expr and p.sort == "relevance":
        extra, fargs = "", []
        for facet in FACETS:
            values = fvalues(p, facet)
            if values:
                extra += (" AND" if extra else " WHERE") + \
                    f" h.rowid IN (SELECT rowid FROM facets WHERE facet = ? AND value IN ({','.join('?' * len(values))}))"
                fargs += [facet, *values]
        if extra:  # the match set first: with the filter inside MATCH's WHERE, SQLite ran the MATCH per
            # candidate of the filter (0.1-2 s at 100k)
            con.execute("WITH h AS MATERIALIZED (SELECT rowid, bm25(fts) AS score FROM fts WHERE fts MATCH ?) "
                        f"SELECT d.id FROM h CROSS JOIN docs d ON d.rowid = h.rowid{extra} ORDER BY h.score LIMIT ?",
                        [expr, *fargs, p.per_page]).fetchall()
        else:
            con.execute("SELECT d.id FROM (SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT ?) h "
                        "JOIN docs d ON d.rowid = h.rowid", [expr, p.per_page]).fetchall()
    else:  # browsing, or a word naming a region (no single MATCH): newest first
        con.execute(f"SELECT d.id FROM docs d WHERE {cond} ORDER BY d.date DESC LIMIT ?",
                    args + [p.per_page]).fetchall()
    return total


def time_sqlite(db: Path, warm, queries) -> None:
    con = sqlite3.connect(db)
    for p in warm:
        sqlite_search(con, p)
    time_queries("sqlite", lambda p: sqlite_search(con, p), queries)
    con.close()


# ------------------------------------------------------------------ tantivy

def build_tantivy(lemmas: Path, path: Path, facet_sizes: dict) -> dict:
    """Lemmas pre-tokenized with their positions (alternatives of a word at one position, as
    in our index); facets as raw text fast fields; the date as an integer fast field."""
    import tantivy

    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("lemmas", tokenizer_name="raw", index_option="position")
    for f in FACETS:
        sb.add_text_field(f, tokenizer_name="raw", fast=True, index_option="basic")
    sb.add_integer_field("date", fast=True, indexed=True)
    schema = sb.build()
    index = tantivy.Index(schema, path=str(path))
    t = time.perf_counter()
    writer = index.writer(200_000_000, 0)
    Token, Pre, Document = tantivy.Token, tantivy.PreTokenizedString, tantivy.Document
    n = 0
    for r in _rows(lemmas):
        n += 1
        doc = Document()
        doc.add_text("id", r["id"])
        toks = [Token(term, pos, 0) for pos, g in r["groups"] for term in g]
        doc.add_pre_tokenized_text("lemmas", Pre("", toks))
        for f, vs in r["facets"].items():
            for v in vs:
                doc.add_text(f, v)
        doc.add_integer("date", int(r["date"].replace("-", "")) if r["date"] else 0)
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - t
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return {"seconds": seconds, "docs": n, "size_mb": size / 2**20}


class TantivySearch:
    def __init__(self, path: Path, facet_sizes: dict):
        import tantivy

        self.t = tantivy
        self.index = tantivy.Index.open(str(path))
        self.schema = self.index.schema
        self.searcher = self.index.searcher()
        self.aggs = {f: {"terms": {"field": f, "size": max(10, facet_sizes.get(f, 1000))}} for f in FACETS}

    def _text_query(self, q: str):
        T = self.t
        phrase, groups = query_groups(q)
        if not groups:
            return T.Query.empty_query()
        if phrase and len(groups) > 1:
            # every combination of the words' lemma alternatives, as our phrase allows
            combos = [[]]
            for g in groups:
                combos = [c + [t] for c in combos for t in g][:64]
            subs = [T.Query.phrase_query(self.schema, "lemmas", c) for c in combos]
            return subs[0] if len(subs) == 1 else T.Query.boolean_query([(T.Occur.Should, s) for s in subs])
        musts = []
        for lemmas, region in query_words(q.strip('"')):
            alts = [T.Query.term_query(self.schema, "lemmas", t, index_option="freq") for t in lemmas]
            if region:
                alts.append(T.Query.term_query(self.schema, "region", region))
            musts.append(alts[0] if len(alts) == 1 else T.Query.boolean_query([(T.Occur.Should, a) for a in alts]))
        return musts[0] if len(musts) == 1 else T.Query.boolean_query([(T.Occur.Must, m) for m in musts])

    def __call__(self, p: SearchParams) -> int:
        T = self.t
        clauses = []
        if p.q:
            clauses.append((T.Occur.Must, self._text_query(p.q)))
        for f in FACETS:
            values = fvalues(p, f)
            if values:
                alts = [T.Query.term_query(self.schema, f, v) for v in values]
                fq = alts[0] if len(alts) == 1 else T.Query.boolean_query([(T.Occur.Should, a) for a in alts])
                clauses.append((T.Occur.Must, T.Query.const_score_query(fq, 0.0)))
        if not clauses:
            query = T.Query.all_query()
        elif len(clauses) == 1:
            query = clauses[0][1]
        else:
            query = T.Query.boolean_query(clauses)
        if p.q and p.sort == "relevance":
            res = self.searcher.search(query, p.per_page)
        else:
            res = self.searcher.search(query, p.per_page, order_by_field="date", order=T.Order.Desc)
        for _, addr in res.hits:
            self.searcher.doc(addr)
        self.searcher.aggregate(query, self.aggs)
        return res.count


def time_tantivy(path: Path, facet_sizes, warm, queries) -> None:
    ts = TantivySearch(path, facet_sizes)
    for p in warm:
        ts(p)
    time_queries("tantivy", ts, queries)


# ------------------------------------------------------------------ report

START_LOAD = os.getloadavg()


def machine() -> str:
    model = ""
    try:
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")))
        mem = f", {kb / 2**20:.0f} GiB RAM"
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores ({model}){mem}, Python {platform.python_version()}, load average at start " \
           + " ".join(f"{x:.2f}" for x in START_LOAD)


def git_rev() -> str:
    r = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "indexer", "webapp", "bench"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return (r.stdout.strip() or "?") + (" (uncommitted changes)" if dirty else "")


def fmt(s: float) -> str:
    ms = s * 1000
    return f"{ms:.1f}" if ms < 10 else f"{ms:.0f}"


def ratio(a: list[float], b: list[float]) -> str:
    if not a or not b:
        return "–"
    return f"{max(pct(a, .5), FLOOR) / max(pct(b, .5), FLOOR):.2f}"


def report(args, n, source, corpus, ours, update_s, changed, lem, sq, tv, queries, load, mem, started) -> str:
    engines = [e for e in ("http", "ours", "sqlite", "tantivy") if any(e in q.results for q in queries)]
    by = {c: [q for q in queries if q.cls == c] for c in CLASSES}
    secs = {(c, e): [q.results[e][0] for q in qs if e in q.results] for c, qs in by.items() for e in engines}
    lines = []
    w = lines.append
    cmd = "PYTHONPATH=. python bench/run.py " + " ".join(sys.argv[1:] if args.argv is None else args.argv)
    w(f"## Benchmark: {n:,} items ({source} corpus), first asking, {args.queries} queries per class\n")
    w(f"- command: `{cmd}` (code {git_rev()}, {started:%Y-%m-%d %H:%M} UTC)")
    w(f"- machine: {machine()}; at the end " + " ".join(f"{x:.2f}" for x in os.getloadavg())
      + " (other jobs on the machine show here)")
    w(f"- corpus: `{corpus.relative_to(ROOT)}`" + (f" = `gen_corpus.py {n} … --seed {SHARED_SEED}` without its "
                                                   "region/project/official fields (our extraction runs)"
                                                   if source == "shared" else " = `bench/generate.py`"))
    w("- every query asked once per engine; no query shares a lemma with any earlier query of the run (checked), "
      "the warm-up included; the warm-up (other words, and one filter value per facet that no timed query uses) "
      "only builds the per-index arrays and value tables. Queries are drawn from 3,000 random items of the fresh "
      "index (chosen by id, seed 11; document frequencies from its reader); then 1,000 items are updated; then every engine is timed. "
      "Each query: top 20 + counts of region, project, official, year over the whole match set. HTTP: gunicorn, "
      "2 sync workers, loopback, fresh workers, asked first; in-process: a fresh `Archive` and lemma cache in the "
      "benchmark's process, asked after HTTP; SQLite and tantivy in-process after that (the OS file cache is warm "
      "for every engine: the indexes were just written)\n")

    rate = lambda docs, s: f"{docs / s:,.0f}" if s else "–"  # noqa: E731
    w("| build | ours | SQLite FTS5 | tantivy |")
    w("| --- | ---: | ---: | ---: |")
    sq_all, tv_all = lem["seconds"] + sq["seconds"], lem["seconds"] + tv["seconds"]
    w(f"| items/s, same pymorphy3 lemmatiser | **{rate(n, ours['seconds'])}** | **{rate(sq['docs'], sq_all)}** | "
      f"**{rate(tv['docs'], tv_all)}** |")
    w(f"| seconds | {ours['seconds']:.0f} | {sq_all:.0f} = {lem['seconds']:.0f} lemmatising + {sq['seconds']:.1f} "
      f"engine | {tv_all:.0f} = {lem['seconds']:.0f} lemmatising + {tv['seconds']:.1f} engine |")
    w(f"| items/s of the engine alone | | {rate(sq['docs'], sq['seconds'])} | {rate(tv['docs'], tv['seconds'])} |")
    w(f"| ratio of build rates, ours / baseline | | {sq_all / ours['seconds']:.2f} | {tv_all / ours['seconds']:.2f} |")
    w(f"| index size, MB | {ours['size_mb']:.0f} | {sq['size_mb']:.0f} | {tv['size_mb']:.0f} |")
    w(f"| build peak memory, MB | {ours['peak_mb']:.0f} | | |")
    w(f"| incremental update, {changed:,} changed items, s | {update_s:.1f} | | |")
    w(f"\nLemmatising: {lem['docs']:,} stored items analysed once by our analyzer in one process "
      f"({lem['seconds']:.0f} s, {lem['docs'] / max(lem['seconds'], 1e-9):,.0f} items/s, cold lemma cache) and "
      "added to each baseline's build time. Ours also extracts regions, projects and officials and indexes "
      "pair terms; the baselines take our extracted values. tantivy's writer uses its own threads (auto).\n")

    heads = {"http": "ours HTTP", "ours": "ours in-process", "sqlite": "SQLite FTS5", "tantivy": "tantivy"}
    w("| query class (top 20 + 4 facet counts) | n | " + " | ".join(f"{heads[e]} p50 / p95 / max ms" for e in engines)
      + " | median hits |")
    w("| --- | ---: | " + " | ".join("---:" for _ in engines) + " | ---: |")
    main_e = "http" if "http" in engines else "ours"
    for c in CLASSES:
        if not by[c]:
            continue
        cells = []
        for e in engines:
            s = secs[(c, e)]
            cell = f"{fmt(pct(s, .5))} / {fmt(pct(s, .95))} / {fmt(max(s))}" if s else "–"
            cells.append(f"**{cell}**" if e == main_e else cell)
        hits = [q.results[main_e][1] for q in by[c] if main_e in q.results]
        w(f"| {c} ({CLASS_NOTES[c]}) | {len(by[c])} | " + " | ".join(cells) + f" | {int(np.median(hits)):,} |")

    singles = by["single word"]
    bands = sorted({q.note.split(",")[0] for q in singles})
    if bands:
        w("\n| single word by band | n | " + " | ".join(f"{heads[e]} p50 / p95 ms" for e in engines) + " | median hits |")
        w("| --- | ---: | " + " | ".join("---:" for _ in engines) + " | ---: |")
        for b in bands:
            qs = [q for q in singles if q.note.split(",")[0] == b]
            cells = []
            for e in engines:
                s = [q.results[e][0] for q in qs if e in q.results]
                cells.append(f"{fmt(pct(s, .5))} / {fmt(pct(s, .95))}" if s else "–")
            hits = [q.results[main_e][1] for q in qs if main_e in q.results]
            w(f"| {b} | {len(qs)} | " + " | ".join(cells) + f" | {int(np.median(hits)):,} |")

    w("\n| p50 ratio, floored at 5 ms | ours HTTP / SQLite | ours HTTP / tantivy | in-process / SQLite | "
      "in-process / tantivy | p95 <= 100 ms (HTTP) |")
    w("| --- | ---: | ---: | ---: | ---: | :---: |")
    for c in CLASSES:
        if not by[c]:
            continue
        h, o = secs.get((c, "http"), []), secs.get((c, "ours"), [])
        s, t = secs.get((c, "sqlite"), []), secs.get((c, "tantivy"), [])
        ok = ("yes" if pct(h, .95) <= 0.1 else "**no**") if h else "–"
        w(f"| {c} | {ratio(h, s)} | {ratio(h, t)} | {ratio(o, s)} | {ratio(o, t)} | {ok} |")

    # same lemmas, same answers? the match counts of each baseline against ours
    agree = []
    for e in ("sqlite", "tantivy"):
        pairs = [(q.results[main_e][1], q.results[e][1]) for q in queries if main_e in q.results and e in q.results]
        if pairs:
            same = sum(1 for a, b in pairs if a == b)
            close = sum(1 for a, b in pairs if abs(a - b) <= 0.02 * max(a, b, 1))
            agree.append(f"{heads[e]} {same}/{len(pairs)} equal, {close}/{len(pairs)} within 2 %")
    if agree:
        w("\nMatch counts against ours (same queries): " + "; ".join(agree) + ".")
    slow = sorted((q for q in queries if main_e in q.results), key=lambda q: -q.results[main_e][0])[:8]
    w(f"\nSlowest queries ({heads[main_e]}): " + "; ".join(
        f"{q.cls}: `{q.label()}` {q.results[main_e][1]:,} hits {fmt(q.results[main_e][0])} ms" for q in slow) + ".")
    if load:
        w(f"\nMixed load over HTTP (the timed queries again, shuffled: repeats, not first asking), 2 gunicorn workers, "
          f"{load['clients']} clients: {load['requests']} requests, **{load['rps']:.0f} requests/s**, "
          f"{load['errors']} errors. Per worker after the load, MB: "
          + "; ".join(f"RSS {m['rss']:.0f}, PSS {m['pss']:.0f}, anonymous {m['anon']:.0f}" for m in mem) + ".")
    w(f"\nOur build: {ours['line']}")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--corpus-source", choices=("ours", "shared"), default="shared",
                    help="shared: ../shared/perf_corpus/gen_corpus.py (seed 42); ours: bench/generate.py")
    ap.add_argument("--queries", type=int, default=24, help="timed queries per class")
    ap.add_argument("--http-requests", type=int, default=600, help="requests in the mixed load")
    ap.add_argument("--skip-http", action="store_true")
    ap.add_argument("--report", type=Path, help="also write the Markdown report here")
    args = ap.parse_args(argv)
    args.argv = argv
    started = dt.datetime.now(dt.timezone.utc)
    n, source = args.docs, args.corpus_source

    corpus = corpus_for(n, source)
    tag = f"{source}-{n}"
    ix = OUT / f"index-{tag}"
    print(f"building our index of {n:,} items ...", file=sys.stderr)
    ours = build_ours(corpus, ix)
    # queries drawn from the fresh index: document frequencies count no deleted items yet
    maker = QueryMaker(ix, corpus)
    facet_sizes = {f: len(list(maker.reader.field_terms(f))) for f in FACETS}
    warm, queries = maker.make(args.queries)
    maker.close()
    changed = min(1000, n // 2)
    update_s = incremental_update(corpus, ix, changed)
    print(f"ours: {ours['seconds']:.0f} s, update {update_s:.1f} s; lemmatising for the baselines ...", file=sys.stderr)
    lem_path = OUT / f"lemmas-{tag}.jsonl"
    lem = lemmatise(ix, lem_path)
    sq = build_sqlite(lem_path, OUT / f"fts-{tag}.sqlite")
    tv = build_tantivy(lem_path, OUT / f"tantivy-{tag}", facet_sizes)
    lem_path.unlink(missing_ok=True)
    print(f"baselines built (lemmas {lem['seconds']:.0f} s, SQLite {sq['seconds']:.0f} s, tantivy {tv['seconds']:.0f} s)",
          file=sys.stderr)

    load, mem = None, []
    if not args.skip_http:
        with gunicorn(ix, workers=2, timeout=600) as (proc, base):
            warm_http(base, warm)
            time_queries("http", lambda p: http_get(base, p), queries, lambda b: json.loads(b)["total"])
            load = mixed_load(base, queries, args.http_requests)
            mem = worker_memory_mb(proc)
    time_in_process(ix, warm, queries)
    time_sqlite(OUT / f"fts-{tag}.sqlite", warm, queries)
    time_tantivy(OUT / f"tantivy-{tag}", facet_sizes, warm, queries)

    text = report(args, n, source, corpus, ours, update_s, changed, lem, sq, tv, queries, load, mem, started)
    print("\n" + text)
    if args.report:
        args.report.write_text(text, "utf-8")
    raw = [{"class": q.cls, "q": q.params.q, "filters": {f: fvalues(q.params, f) for f in FACETS if fvalues(q.params, f)},
            "sort": q.params.sort, "note": q.note, "lemmas": sorted(q.lemmas),
            "results": {e: {"ms": round(s * 1000, 2), "total": t} for e, (s, t) in q.results.items()}}
           for q in queries]
    (OUT / f"queries-{tag}.json").write_text(json.dumps({"warm": [vars(p) for p in warm], "queries": raw},
                                                        ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
