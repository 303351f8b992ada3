"""Precision, recall and F1 of the facet extractors against gold labels.

    python bench/extraction_quality.py CORPUS.jsonl LABELS.json

Values are compared after the labels file's normalisation: casefold, ё->е, quotes,
dashes and spaces, and its alias table; a value in a document's `accept_also` is
neither rewarded nor penalised. Every miss is listed.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from indexer.corpus import ReadReport, read_corpus  # noqa: E402
from indexer.extract import extract  # noqa: E402
from indexer.textnorm import norm_label  # noqa: E402

FACETS = {"region": "region", "project": "projects", "official": "officials"}


def evaluate(corpus: str, labels_path: str, out=sys.stdout) -> dict[str, dict[str, float]]:
    labels = json.loads(Path(labels_path).read_text("utf-8"))
    aliases = {facet: {norm_label(k): norm_label(v) for k, v in table.items()}
               for facet, table in labels.get("aliases", {}).items()}

    def norm(facet: str, value: str) -> str:
        key = norm_label(value)
        return aliases.get(facet, {}).get(key, key)

    counts = {f: {"tp": 0, "fp": 0, "fn": 0} for f in FACETS}
    misses: list[str] = []
    for rec in read_corpus([corpus], ReadReport()):
        gold = labels["docs"].get(rec.id)
        if gold is None:
            continue
        facets = extract(rec)
        for facet, key in FACETS.items():
            predicted = {norm(facet, v) for v in facets[facet]}
            expected = {norm(facet, v) for v in gold.get(key, [])}
            accept = {norm(facet, v) for v in gold.get("accept_also", {}).get(key, [])} \
                if isinstance(gold.get("accept_also"), dict) else set()
            predicted -= accept - expected
            c = counts[facet]
            c["tp"] += len(predicted & expected)
            c["fp"] += len(predicted - expected)
            c["fn"] += len(expected - predicted)
            for v in sorted(predicted - expected):
                misses.append(f"{rec.id} {facet}: extra {v!r}")
            for v in sorted(expected - predicted):
                misses.append(f"{rec.id} {facet}: missed {v!r}")
    scores = {}
    print(f"{'facet':10} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn", file=out)
    for facet, c in counts.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        scores[facet] = {"precision": p, "recall": r, "f1": f1}
        print(f"{facet:10} {p:6.3f} {r:6.3f} {f1:6.3f}  {c['tp']:3} {c['fp']:3} {c['fn']:3}", file=out)
    if misses:
        print("\nmisses:", file=out)
        for m in misses:
            print("  " + m, file=out)
    return scores


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("labels")
    args = ap.parse_args(argv)
    evaluate(args.corpus, args.labels)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
