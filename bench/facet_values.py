"""Cost of facet value search and of reading filter values, on generated items.

    python bench/facet_values.py [--docs 10000] [--index DIR]

Builds (or reuses) an index of generated items, then prints the median and worst time of
`/api/facets/<facet>`'s work (`facetsearch.facet_values`) for typed prefixes, and of a
search whose filter value names nothing (the nearest values are looked up) or a surname only.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

from indexer.build import build  # noqa: E402
from indexer.facetsearch import facet_values  # noqa: E402
from indexer.search import Archive, SearchParams, search  # noqa: E402

CASES = [("official", "", ""), ("official", "иска", ""), ("official", "Iska", "партии"),
         ("region", "Qyzylorda", ""), ("region", "Нур-Султан", "прием"), ("place", "кызыл", ""),
         ("project", "кутты", "")]
FILTERS = [("official", "Искакав"), ("official", "Искаков"), ("region", "Марс"), ("place", "Рудныйй")]


def timed(fn, runs: int = 15) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--index", type=Path)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="facetbench-"))
    index = args.index or tmp / "index"
    if not (index / "CURRENT").exists():
        corpus = generate(args.docs, tmp / "gen.jsonl", seed=3)
        build([corpus], index, progress=False)
    archive = Archive(index)
    search(archive, SearchParams(q="партии"))  # warm: snapshot, postings
    print(f"{archive.doc_count()} items")
    for facet, prefix, query in CASES:
        r = facet_values(archive, facet, prefix, SearchParams(q=query))
        med, worst = timed(lambda: facet_values(archive, facet, prefix, SearchParams(q=query)))
        print(f"facet_values {facet:8} q={prefix!r:12} query={query!r:10} {r['total']:5} values  "
              f"median {med:6.1f} ms  worst {worst:6.1f} ms")
    base, _ = timed(lambda: search(archive, SearchParams(q="партии")))
    for facet, value in FILTERS:
        med, worst = timed(lambda: search(archive, SearchParams(q="партии", filters={facet: [value]})))
        print(f"search with {facet}={value!r:12} median {med:6.1f} ms  worst {worst:6.1f} ms  "
              f"(without the filter {base:.1f} ms)")


if __name__ == "__main__":
    main()
