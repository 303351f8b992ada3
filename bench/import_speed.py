"""Share of HTML extraction in indexing a mirror: N generated pages (tests/importsite.py's
shapes under N different addresses), timed reading+extracting vs. the whole index build.

    python bench/import_speed.py --pages 500
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from indexer.build import build  # noqa: E402
from indexer.corpus import ReadReport, read_corpus  # noqa: E402
from tests import importsite  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=500)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "mirror"
        base = importsite.pages()
        n = 0
        while n < args.pages:
            for rel, data in base.items():
                dest = root / rel.replace("/news/", f"/news/copy{n}/", 1)
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(data.replace(b"/news/", f"/news/copy{n}/".encode()))
            n += len(base)
        t0 = time.perf_counter()
        records = list(read_corpus([root], ReadReport()))
        extract = time.perf_counter() - t0
        # the same items as JSONL: what indexing them costs without any HTML
        jsonl = Path(tmp) / "items.jsonl"
        jsonl.write_text("".join(json.dumps(r.__dict__, ensure_ascii=False) + "\n" for r in records), "utf-8")
        t0 = time.perf_counter()
        build([jsonl], Path(tmp) / "ix-jsonl")
        indexing = time.perf_counter() - t0
        t0 = time.perf_counter()
        summary = build([root], Path(tmp) / "ix")
        total = time.perf_counter() - t0
    print(f"{n} pages -> {len(records)} items; reading+extraction {extract:.2f} s "
          f"({1000 * extract / n:.1f} ms/page); indexing the same items from JSONL {indexing:.2f} s; "
          f"whole build from the pages {total:.2f} s; extraction share of it "
          f"{100 * extract / total:.0f}%; {summary.line()}")

if __name__ == "__main__":
    main()
