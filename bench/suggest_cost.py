"""What «did you mean» costs (issue 13): the per-generation vocabulary, and each suggestion.

    python bench/suggest_cost.py --docs 100000 [--queries 100] [--corpus-source shared]

The corpus and index are bench/run.py's (bench/out/, never committed; an index of that
size already there is reused). Timed in-process on a fresh Archive:

- the vocabulary: reading the generation's lexicon for its most frequent terms, plus the
  known names' forms, into symspellpy (once per generation and worker);
- (after a warm-up of five other queries that builds the per-searcher arrays)
- per query, the whole suggestion step of a search that found little: looking up each
  word's document frequency, the candidates (typo, Kazakh letters, layout,
  transliteration) and the counts of the corrected queries, under the search deadline;
  and, for reference, the whole search answer (with the corrected page when applied).

Queries, drawn with a fixed seed from the index's own terms (words of 5+ letters): one
word with a random edit (4 document-frequency bands), the same typed with the other
keyboard layout, a Latin transliteration of a name, and a common word + a typo.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import OUT, build_ours, corpus_for, pct  # noqa: E402

from indexer import spelling, store  # noqa: E402
from indexer.morphology import analyze  # noqa: E402
from indexer.search import Archive, Deadline, SearchParams, _counter, _prepare, search  # noqa: E402
from indexer.spelling import layout_swap  # noqa: E402
from indexer.suggest import suggest  # noqa: E402
from indexer.textnorm import translit_key  # noqa: E402
from tests.helpers import RU, one_edit  # noqa: E402

BANDS = ((2, 10), (11, 100), (101, 1000), (1001, 10 ** 9))


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def make_queries(reader, vocabulary, n: int, seed: int = 42) -> dict[str, list[str]]:
    rng = random.Random(seed)

    def known(w):
        return any(reader.doc_frequency("content", t) for _, t in analyze(w))

    words = [(c, t) for t, c in vocabulary.counts.items()
             if len(t) >= 5 and all(ch in RU + "е" for ch in t) and t not in vocabulary.meaning]
    common = [t for c, t in sorted(words, reverse=True)[:200]]

    def typo(word):
        for _ in range(20):
            w = one_edit(word, rng)
            if w != word and not known(w):
                return w
        return None

    out: dict[str, list[str]] = {}
    per_band = max(1, n // len(BANDS))
    single = []
    for lo, hi in BANDS:
        band = [t for c, t in words if lo <= c <= hi]
        for word in rng.sample(band, min(per_band, len(band))):
            if (w := typo(word)):
                single.append(w)
    out["one word, one edit (4 frequency bands)"] = single
    out["one word, other keyboard layout"] = [layout_swap(t) for t in rng.sample([t for _, t in words], min(n, len(words)))]
    names = [t for c, t in words if c >= 2 and t.endswith(("ов", "ев", "ин"))]
    out["Latin transliteration of a name"] = [translit_key(t).capitalize()
                                               for t in rng.sample(names, min(n, len(names)))]
    out["common word + a word with one edit"] = [f"{rng.choice(common)} {w}" for w in
                                                (typo(t) for t in rng.sample([t for _, t in words], n)) if w]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--corpus-source", choices=("ours", "shared"), default="shared")
    ap.add_argument("--queries", type=int, default=100, help="queries per class")
    args = ap.parse_args(argv)
    ix = OUT / f"index-{args.corpus_source}-{args.docs}"
    if store.current_generation(ix) is None:
        corpus = corpus_for(args.docs, args.corpus_source)
        print(f"building our index of {args.docs:,} items ...", file=sys.stderr)
        built = build_ours(corpus, ix)
        print(f"built in {built['seconds']:.0f} s", file=sys.stderr)
    archive = Archive(ix)
    gen = store.current_path(ix)
    with archive.lease() as served, archive.reading:
        reader = served.searcher.reader()
        lexicon = sum(1 for sub, _ in reader.leaf_readers() for _ in sub.lexicon("content"))
        t = time.perf_counter()
        spelling.save(gen, reader)  # what the indexer adds to a build
        build_s = time.perf_counter() - t
        size_mb = (gen / spelling.FILE).stat().st_size / 2**20
        rss = _rss_mb()
        t = time.perf_counter()
        vocabulary = served.vocabulary()  # what a worker pays once per generation
        load_s = time.perf_counter() - t
        rss = _rss_mb() - rss
        docs = served.searcher.doc_count()
        queries = make_queries(reader, vocabulary, args.queries)
    print(f"# Suggestion cost, {docs:,} items ({args.corpus_source} corpus)\n")
    print(f"command: `python bench/suggest_cost.py --docs {args.docs} --corpus-source {args.corpus_source} "
          f"--queries {args.queries}`\n")
    print(f"- content lexicon: {lexicon:,} terms; vocabulary kept: {len(vocabulary):,} terms "
          f"(the {len(vocabulary) - len(vocabulary.meaning):,} most frequent + {len(vocabulary.meaning):,} known-name forms)")
    print(f"- vocabulary built and saved by the indexer (once per generation): {build_s:.2f} s, "
          f"{size_mb:.1f} MB; read by a worker (once per generation): {load_s:.2f} s, "
          f"its resident memory +{rss:.0f} MB\n")
    # warm-up, untimed: the per-searcher arrays (facet ordinals, dates) a first count builds
    for q in ["Кызылорда", "Астана Искакав", "Bcrfrjd", "Nur-Otan", "партиа"]:
        search(archive, SearchParams(q=q))
    print("| class | queries | suggested | applied | suggestion p50 / p95 / max ms | whole answer p50 / p95 ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for cls, qs in queries.items():
        costs, wholes, suggested, applied = [], [], 0, 0
        for q in qs:
            p = SearchParams(q=q).validate()
            with archive.lease() as served, archive.reading:
                deadline = Deadline(archive.settings.time_limit)
                run = _prepare(served, p, deadline)
                total = int(run.matched.sum())
                t = time.perf_counter()
                s = suggest(served.vocabulary, lambda x: run.searcher.doc_frequency("content", x), q, total,
                            _counter(served, run, deadline), has_filters=False)
                costs.append(time.perf_counter() - t)
            suggested += s.query is not None
            applied += s.apply
            t = time.perf_counter()
            search(archive, p)
            wholes.append(time.perf_counter() - t)
        ms = [c * 1000 for c in costs]
        wm = [c * 1000 for c in wholes]
        print(f"| {cls} | {len(qs)} | {suggested} | {applied} | {pct(ms, .5):.1f} / {pct(ms, .95):.1f} / {max(ms):.1f} "
              f"| {pct(wm, .5):.1f} / {pct(wm, .95):.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
