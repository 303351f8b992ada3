"""Extraction must not change when it is made faster: every item's facets, written out and compared.

    python bench/extract_check.py save  bench/out/extract-before.jsonl [--generated 3000]
    python bench/extract_check.py check bench/out/extract-before.jsonl [--generated 3000]

Items: the bundled corpus, ../shared/dev_corpus/dev.jsonl, the first 3,000 items of
bench/out/shared-10000.jsonl (when present) and N items of bench/generate.py; each as read
and with its explicit facet values dropped (so that every extractor runs). Prints the
extraction time and, for `check`, every item whose facets differ.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from indexer.corpus import read_corpus  # noqa: E402
from indexer.extract import extract  # noqa: E402

OUT = ROOT / "bench" / "out"


def sources(generated: int) -> list[Path]:
    paths = [ROOT / "corpus", ROOT.parent / "shared" / "dev_corpus" / "dev.jsonl"]
    shared = OUT / "shared-3000.jsonl"
    if shared.exists():
        paths.append(shared)
    if generated:
        gen = OUT / f"gen-{generated}.jsonl"
        if not gen.exists():
            from generate import generate

            generate(generated, gen)
        paths.append(gen)
    return paths


def facets_of(paths) -> tuple[list[dict], float]:
    rows, seconds = [], 0.0
    for rec in read_corpus(paths):
        for variant, r in (("as read", rec), ("derived", dataclasses.replace(rec, facets={}))):
            t = time.perf_counter()
            f = extract(r)
            seconds += time.perf_counter() - t
            rows.append({"src": rec.source, "id": rec.id, "variant": variant, "date": f.date, "values": f.values})
    return rows, seconds


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=("save", "check"))
    ap.add_argument("path", type=Path)
    ap.add_argument("--generated", type=int, default=3000)
    args = ap.parse_args(argv)
    rows, seconds = facets_of(sources(args.generated))
    print(f"{len(rows)} extractions in {seconds:.1f} s ({len(rows) / seconds:.0f}/s)")
    if args.mode == "save":
        args.path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
        return 0
    before = [json.loads(line) for line in args.path.read_text("utf-8").splitlines()]
    same = lambda a, b: all(a[k] == b[k] for k in ("id", "variant", "date", "values"))  # noqa: E731 - not the path
    bad = [(a, b) for a, b in zip(before, rows) if not same(a, b)]
    if len(before) != len(rows):
        print(f"item count differs: {len(before)} before, {len(rows)} now")
    for a, b in bad[:20]:
        print(f"{a['src']} {a['variant']}:\n  before {a['values']} {a['date']}\n  now    {b['values']} {b['date']}")
    print(f"{len(bad)} of {len(rows)} differ")
    return 1 if bad or len(before) != len(rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
