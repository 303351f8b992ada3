"""Recall@100 of name queries against gold labels: does a journalist who types a person's
surname, or full name, or a project's name, find every item labelled with it?

    python bench/query_recall.py CORPUS.jsonl LABELS.json

Indexes the corpus into a temporary folder, asks each query once, and prints recall per
query kind and every query that missed an item.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from indexer.build import build  # noqa: E402
from indexer.search import Archive, SearchParams, search  # noqa: E402


def queries(labels: dict) -> list[tuple[str, str, set[str]]]:
    """(kind, query, ids that must be found) from the gold labels."""
    want: dict[tuple[str, str], set[str]] = {}
    for doc_id, gold in labels["docs"].items():
        for name in gold.get("officials", []):
            parts = name.split()
            want.setdefault(("surname", parts[-1]), set()).add(doc_id)
            want.setdefault(("full name", name), set()).add(doc_id)
        for project in gold.get("projects", []):
            want.setdefault(("project", f'"{project}"'), set()).add(doc_id)
    return [(kind, q, ids) for (kind, q), ids in sorted(want.items())]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("labels")
    args = ap.parse_args(argv)
    labels = json.loads(Path(args.labels).read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp) / "index"
        build([Path(args.corpus)], index_dir, progress=False)
        archive = Archive(index_dir)
        found = {}
        misses = []
        for kind, q, ids in queries(labels):
            hits = {h["id"] for h in search(archive, SearchParams(q=q, per_page=100))["hits"]}
            got = len(ids & hits)
            f, n = found.get(kind, (0, 0))
            found[kind] = (f + got, n + len(ids))
            if got < len(ids):
                misses.append(f"{kind} {q}: missed {sorted(ids - hits)}")
    total_f = sum(f for f, _ in found.values())
    total_n = sum(n for _, n in found.values())
    for kind, (f, n) in found.items():
        print(f"{kind:10} recall@100 {f / n:.3f}  ({f}/{n})")
    print(f"{'all':10} recall@100 {total_f / total_n:.3f}  ({total_f}/{total_n})")
    for m in misses:
        print("  " + m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
