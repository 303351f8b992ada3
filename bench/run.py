"""The measuring stick: our search against SQLite FTS5 over the same lemmas, same run.

    python bench/run.py --docs 100000 [--queries 40] [--http-requests 600] [--skip-http]

Generates (or reuses) a corpus of N items (bench/out/, not committed), builds the index
with the project's own CLI, and reports items/s, index size and peak memory; an
incremental update of 1,000 changed items; per query class p50/p95/max in-process and
over HTTP against gunicorn (2 workers, loopback only), each with top 20 and all facet
counts; SQLite FTS5 built from the same lemmatized text answering the same queries (facet
counts by GROUP BY over the match set); the ratio us/SQLite per class; and a bounded
mixed load over HTTP (requests/s, errors). Every query is drawn fresh per class; nothing
is answered from a cache of whole answers (there is none).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from indexer import store  # noqa: E402
from indexer.morphology import analyze  # noqa: E402
from indexer.search import Archive, SearchParams, search  # noqa: E402
from webapp.background import gunicorn  # noqa: E402

OUT = ROOT / "bench" / "out"
COMMON = ["партии", "области", "проекта", "филиала", "аким", "члены", "рамках", "мероприятии", "работа",
          "участие", "принял", "ведется", "партия", "филиал", "проект", "области", "акима", "работу"]
FACETS = ("region", "project", "official", "year")


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


# ------------------------------------------------------------------ corpus and queries

def corpus_for(n: int) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"gen-{n}.jsonl"
    if not path.exists():
        from generate import generate

        t = time.perf_counter()
        generate(n, path)
        print(f"generated {n} items in {time.perf_counter() - t:.0f} s -> {path}", file=sys.stderr)
    return path


def load_sample(path: Path, k: int = 3000) -> list[dict]:
    rng = random.Random(5)
    items = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i < k:
                items.append(json.loads(line))
            elif rng.random() < k / (i + 1):
                items[rng.randrange(k)] = json.loads(line)
    return items


def query_set(items: list[dict], per_class: int) -> dict[str, list[SearchParams]]:
    rng = random.Random(11)
    words, pairs, names = [], [], []
    for it in items:
        toks = [w.strip(".,«»") for w in it["text"].split()]
        toks = [w for w in toks if len(w) > 4 and w.isalpha()]
        words += toks
        pairs += [f"{a} {b}" for a, b in zip(toks, toks[1:])]
        names += [w for w in it["text"].split() if w[:1].isupper() and w.isalpha() and len(w) > 5]
    counts: dict[str, int] = {}
    for w in words:
        counts[w.lower()] = counts.get(w.lower(), 0) + 1
    mid = [w for w, c in counts.items() if 3 <= c <= 40]
    rare = [w for w, c in counts.items() if c == 1]
    regions = ["Кызылординская область", "Астана", "Алматы", "Павлодарская область", "Туркестанская область"]
    years = [str(y) for y in range(2015, 2024)]

    def draw(pool, n):
        pool = sorted(set(pool))
        rng.shuffle(pool)
        return pool[:n]

    return {
        "single word": [SearchParams(q=w) for w in draw(mid, per_class)],
        "two words": [SearchParams(q=p) for p in draw([f"{a} {b}" for a, b in zip(draw(mid, per_class * 3), draw(counts, per_class * 3))], per_class)],
        "phrase": [SearchParams(q=f'"{p}"') for p in draw(pairs, per_class)],
        "rare name": [SearchParams(q=w) for w in draw(names + rare, per_class)],
        "very common word": [SearchParams(q=w, page=1 + i % 3) for i, w in enumerate((COMMON * per_class)[:per_class])],
        "with facet filters": [SearchParams(q=w, region=[rng.choice(regions)], year=[rng.choice(years)]) for w in draw(mid, per_class)],
        "browse (empty q)": [SearchParams(region=[rng.choice(regions)], year=[y], sort="date_desc") for y in (years * per_class)[:per_class]],
        "deep page": [SearchParams(q=w, page=50 + i, sort=("relevance", "date_desc")[i % 2]) for i, w in enumerate((COMMON * per_class)[:per_class])],
    }


# ------------------------------------------------------------------ our side

def build_ours(corpus: Path, ix: Path) -> dict:
    shutil.rmtree(ix, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "indexer.cli", "index", "--rebuild", "--quiet",
                        "--corpus", str(corpus), "--index", str(ix)], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if r.returncode:
        raise SystemExit(r.stderr)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    size = sum(f.stat().st_size for f in store.current_path(ix).rglob("*") if f.is_file())
    return {"seconds": seconds, "peak_mb": max(peak, before) / 1024, "size_mb": size / 2**20, "line": r.stdout.strip()}


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
    if r.returncode or f"updated {changed}" not in r.stdout:
        raise SystemExit(r.stdout + r.stderr)
    return seconds


def timed(run, queries) -> dict[str, list[float]]:
    """Seconds of `run(params)` for every query, by class."""
    out = {}
    for cls, qs in queries.items():
        times = []
        for p in qs:
            t = time.perf_counter()
            run(p)
            times.append(time.perf_counter() - t)
        out[cls] = times
    return out


def time_in_process(archive: Archive, queries) -> dict[str, list[float]]:
    search(archive, SearchParams(q="подготовка"))  # open the searcher, build the facet arrays
    search(archive, SearchParams(sort="date_desc", page=2))  # and the date array
    return timed(lambda p: search(archive, p), queries)


def _url(base: str, p: SearchParams) -> str:
    pairs = [("q", p.q), ("page", p.page), ("sort", p.sort)] + [("region", v) for v in p.region] + \
            [("year", v) for v in p.year]
    return base + "/api/search?" + urllib.parse.urlencode(pairs)


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


def time_http(base: str, queries) -> dict[str, list[float]]:
    return timed(lambda p: urllib.request.urlopen(_url(base, p), timeout=60).read(), queries)


def mixed_load(base: str, queries, requests: int, clients: int = 4) -> dict:
    urls = [_url(base, p) for qs in queries.values() for p in qs]
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
    return {"rps": len(urls) / seconds, "errors": len(errors), "requests": len(urls)}


# ------------------------------------------------------------------ SQLite FTS5 baseline

def build_sqlite(corpus: Path, ix: Path, db: Path) -> dict:
    """The same lemmas (our analyzer's index terms) and the same facet values, into FTS5."""
    db.unlink(missing_ok=True)
    archive = Archive(ix)
    searcher, _ = archive.acquire()
    rows, facet_rows = [], []
    t0 = time.perf_counter()
    for d in searcher.all_stored_fields():
        rowid = len(rows) + 1
        lemmas = " ".join(t for _, t in analyze(f"{d.get('title', '')}\n{d['text']}", "index"))
        rows.append((rowid, d["id"], d.get("date") or "", lemmas))
        for facet in ("region", "project", "official"):
            for v in (d.get(facet) or "").split("|"):
                if v:
                    facet_rows.append((rowid, facet, v))
        if d.get("date"):
            facet_rows.append((rowid, "year", d["date"][:4]))
    lemma_seconds = time.perf_counter() - t0
    con = sqlite3.connect(db)
    t = time.perf_counter()
    con.executescript("""
        CREATE VIRTUAL TABLE fts USING fts5(lemmas, tokenize='unicode61 remove_diacritics 0');
        CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT, date TEXT);
        CREATE TABLE facets(rowid INTEGER, facet TEXT, value TEXT);
    """)
    con.executemany("INSERT INTO docs VALUES (?,?,?)", [(r, i, d) for r, i, d, _ in rows])
    con.executemany("INSERT INTO fts(rowid, lemmas) VALUES (?,?)", [(r, lem) for r, _, _, lem in rows])
    con.executemany("INSERT INTO facets VALUES (?,?,?)", facet_rows)
    con.executescript("CREATE INDEX facets_rowid ON facets(rowid); CREATE INDEX facets_fv ON facets(facet, value);"
                      "CREATE INDEX docs_date ON docs(date);")
    con.commit()
    seconds = time.perf_counter() - t
    con.close()
    return {"seconds": seconds, "lemma_seconds": lemma_seconds, "docs": len(rows), "size_mb": db.stat().st_size / 2**20}


def _fts_expr(q: str) -> str | None:
    phrase = q.startswith('"')
    groups = {}
    for pos, term in analyze(q.strip('"'), "query"):
        groups.setdefault(pos, []).append(term.replace('"', ""))
    if not groups:
        return None
    if phrase:
        return '"' + " ".join(g[0] for g in groups.values()) + '"'
    return " AND ".join("(" + " OR ".join(f'"{t}"' for t in g) + ")" for g in groups.values())


def sqlite_search(con, p: SearchParams) -> tuple[int, list]:
    expr = _fts_expr(p.q) if p.q else None
    where, args = [], []
    if expr:
        where.append("d.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
        args.append(expr)
    for facet, values in (("region", p.region), ("year", p.year)):
        if values:
            where.append(f"d.rowid IN (SELECT rowid FROM facets WHERE facet = ? AND value IN ({','.join('?' * len(values))}))")
            args += [facet, *values]
    cond = " AND ".join(where) or "1"
    matched = f"SELECT d.rowid FROM docs d WHERE {cond}"
    total = con.execute(f"SELECT count(*) FROM ({matched})", args).fetchone()[0]
    con.execute(f"SELECT facet, value, count(*) FROM facets WHERE rowid IN ({matched}) GROUP BY facet, value",
                args).fetchall()
    offset = (p.page - 1) * p.per_page
    if expr and p.sort == "relevance":
        extra = "".join(f" AND rowid IN (SELECT rowid FROM facets WHERE facet='{f}' AND value IN ({','.join('?' * len(v))}))"
                        for f, v in (("region", p.region), ("year", p.year)) if v)
        hits = con.execute(f"SELECT rowid FROM fts WHERE fts MATCH ?{extra} ORDER BY bm25(fts) LIMIT ? OFFSET ?",
                           [expr, *p.region, *p.year, p.per_page, offset]).fetchall()
    else:
        hits = con.execute(f"{matched} ORDER BY d.date DESC LIMIT ? OFFSET ?", args + [p.per_page, offset]).fetchall()
    return total, hits


def time_sqlite(db: Path, queries) -> dict[str, list[float]]:
    con = sqlite3.connect(db)
    sqlite_search(con, SearchParams(q="подготовка"))
    out = timed(lambda p: sqlite_search(con, p), queries)
    con.close()
    return out


# ------------------------------------------------------------------ report

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--queries", type=int, default=30, help="distinct queries per class")
    ap.add_argument("--http-requests", type=int, default=600, help="requests in the mixed load")
    ap.add_argument("--skip-http", action="store_true")
    args = ap.parse_args(argv)

    corpus = corpus_for(args.docs)
    ix = OUT / f"index-{args.docs}"
    ours = build_ours(corpus, ix)
    update_s = incremental_update(corpus, ix, min(1000, args.docs // 2))
    sq = build_sqlite(corpus, ix, OUT / f"fts-{args.docs}.sqlite")
    queries = query_set(load_sample(corpus), args.queries)
    inproc = time_in_process(Archive(ix), queries)
    base_t = time_sqlite(OUT / f"fts-{args.docs}.sqlite", queries)
    http, load, rss = {}, None, []
    if not args.skip_http:
        with gunicorn(ix, workers=2, timeout=600) as (proc, base):
            # warm every worker's per-index arrays (facets, dates, lengths): built once per
            # worker and index generation, like a database's buffer cache; not answers
            for _ in range(4):
                for warm in ("q=" + urllib.parse.quote("подготовка"), "sort=date_desc&page=2"):
                    urllib.request.urlopen(base + "/api/search?" + warm, timeout=600).read()
            http = time_http(base, queries)
            load = mixed_load(base, queries, args.http_requests)
            rss = worker_memory_mb(proc)

    ms = 1000
    print(f"\n## {args.docs:,} items, {os.cpu_count()} cores, {args.queries} distinct queries per class\n")
    print("| measure | ours | SQLite FTS5 | ratio us/SQLite |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| index build, items/s | {args.docs / ours['seconds']:,.0f} | {sq['docs'] / sq['seconds']:,.0f} "
          f"(lemmas precomputed: +{sq['lemma_seconds']:.0f} s) | {sq['seconds'] / ours['seconds']:.2f} (speed) |")
    print(f"| index size, MB | {ours['size_mb']:.0f} | {sq['size_mb']:.0f} | {ours['size_mb'] / sq['size_mb']:.2f} |")
    print(f"| peak memory of the build, MB | {ours['peak_mb']:.0f} | | |")
    print(f"| incremental update of {min(1000, args.docs // 2):,} changed items, s | {update_s:.1f} | | |")
    print("\n| query class (top 20 + all facets) | p50 ms | p95 ms | max ms | HTTP p50 | HTTP p95 | HTTP max | SQLite p50 | ratio p50 us/SQLite |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for cls in queries:
        a, b = inproc[cls], base_t[cls]
        h = http.get(cls)
        hcols = (f"{pct(h, .5) * ms:.0f} | {pct(h, .95) * ms:.0f} | {max(h) * ms:.0f}" if h else "– | – | –")
        print(f"| {cls} | {pct(a, .5) * ms:.1f} | {pct(a, .95) * ms:.1f} | {max(a) * ms:.1f} | {hcols} | "
              f"{pct(b, .5) * ms:.1f} | {pct(a, .5) / max(pct(b, .5), 1e-9):.2f} |")
    if load:
        print(f"\nmixed load over HTTP, 2 gunicorn workers, 4 clients: {load['requests']} requests, "
              f"{load['rps']:.0f} requests/s, {load['errors']} errors; per worker after the load, MB: "
              + "; ".join(f"RSS {m['rss']:.0f}, PSS {m['pss']:.0f}, anonymous {m['anon']:.0f}" for m in rss))
    print(f"\nbuild: {ours['line']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
