"""Build rate of ours against SQLite FTS5 with the same lemmatiser, in one run (issue 12).

    python bench/build_rate.py --docs 10000 [--corpus-source shared] [--code DIR] [--update]

Builds our index with the CLI (a full rebuild), lemmatises the stored items with our
analyzer and builds SQLite FTS5 from the lemmas (bench/run.py's baseline: lemmatising
timed and added to SQLite's time), and prints items/s of both and their ratio. `--update`
also times `newsarchive index` after 1,000 items changed. `--code DIR`: build with the
code of another checkout (before/after figures under the same load).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import run  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--corpus-source", choices=("ours", "shared"), default="shared")
    ap.add_argument("--code", type=Path, help="a checkout whose indexer builds our index")
    ap.add_argument("--update", action="store_true", help="also time an update of 1,000 changed items")
    args = ap.parse_args(argv)
    corpus = run.corpus_for(args.docs, args.corpus_source)
    tag = f"rate-{args.corpus_source}-{args.docs}"
    ix = run.OUT / f"index-{tag}"
    code = (args.code or ROOT).resolve()
    load = os.getloadavg()[0]
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "indexer.cli", "index", "--rebuild", "--quiet",
                        "--corpus", str(corpus), "--index", str(ix)], cwd=code, capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(code)})
    ours = time.perf_counter() - t
    if r.returncode:
        raise SystemExit(r.stderr)
    update = None
    if args.update:
        run.ROOT = code  # the update runs the same code
        update = run.incremental_update(corpus, ix, min(1000, args.docs // 2))
    lem_path = run.OUT / f"lemmas-{tag}.jsonl"
    lem = run.lemmatise(ix, lem_path)
    sq = run.build_sqlite(lem_path, run.OUT / f"fts-{tag}.sqlite")
    lem_path.unlink(missing_ok=True)
    sqlite = lem["seconds"] + sq["seconds"]
    n = args.docs
    print(f"code {code}, {n:,} items ({args.corpus_source}), load {load:.1f} -> {os.getloadavg()[0]:.1f}")
    print(f"ours: {ours:.1f} s, {n / ours:.0f} items/s   ({r.stdout.strip()})")
    print(f"SQLite FTS5, same lemmatiser: {sqlite:.1f} s (lemmas {lem['seconds']:.1f} s), {n / sqlite:.0f} items/s")
    print(f"ratio ours / SQLite: {sqlite / ours:.2f}")
    if update is not None:
        print(f"update of {min(1000, n // 2)} changed items: {update:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
