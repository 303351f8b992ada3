"""Where a first-asked query's time goes: cProfile per class over the queries of a bench run.

    python bench/profile_first.py bench/out/index-shared-100000 bench/out/queries-shared-100000.json [--top 18]

A fresh process, a fresh `Archive` and a serving worker's lemma cache, the run's own warm-up,
then every query of a class once (first asking, as in bench/run.py) under cProfile; prints per
class the wall time without and with the profiler's overhead and the functions with the most
own time and the most cumulative time. Run it on an index the queries were not asked on.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer import morphology  # noqa: E402
from indexer.search import Archive, SearchParams, search  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("queries", type=Path, help="queries-*.json written by bench/run.py")
    ap.add_argument("--top", type=int, default=18)
    ap.add_argument("--classes", nargs="*", help="only these classes (default: all)")
    ap.add_argument("--times", action="store_true", help="no profiler: p50/p95 per class only")
    ap.add_argument("--no-snippets", action="store_true",
                    help="hits without snippets (what marking the hit texts costs: compare two fresh runs)")
    args = ap.parse_args(argv)
    data = json.loads(args.queries.read_text("utf-8"))
    if args.no_snippets:
        import indexer.search

        indexer.search.snippet = lambda text, terms: ""
    morphology.limit_cache(morphology.SERVE_CACHE_SIZE)
    archive = Archive(args.index)
    for w in data["warm"]:
        search(archive, SearchParams(**w))
    by: dict[str, list[dict]] = {}
    for q in data["queries"]:
        by.setdefault(q["class"], []).append(q)
    for cls, qs in by.items():
        if args.classes and cls not in args.classes:
            continue
        if args.times:
            ms = []
            for q in qs:
                p = SearchParams(q=q["q"], sort=q["sort"], **q["filters"])
                t = time.perf_counter()
                search(archive, p)
                ms.append((time.perf_counter() - t) * 1000)
            ms.sort()
            print(f"| {cls} | {len(ms)} | {ms[len(ms) // 2]:.1f} | {ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]:.1f} |")
            continue
        prof = cProfile.Profile()
        t = time.perf_counter()
        for q in qs:
            p = SearchParams(q=q["q"], sort=q["sort"], **q["filters"])
            prof.enable()
            search(archive, p)
            prof.disable()
        wall = time.perf_counter() - t
        timed = sum(q["results"].get("ours", {}).get("ms", 0) for q in qs)
        out = io.StringIO()
        st = pstats.Stats(prof, stream=out)
        print(f"\n### {cls}: {len(qs)} queries, {timed:.0f} ms in the run, {wall * 1000:.0f} ms under the profiler")
        st.sort_stats("tottime").print_stats(args.top)
        st.sort_stats("cumulative").print_stats(args.top)
        text = out.getvalue()
        print("\n".join(line for line in text.splitlines() if line.strip() and not line.startswith("   Ordered")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
