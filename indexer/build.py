"""Builds the index from the corpus: a full rebuild into a new generation, or an
incremental update of the served one (new and changed ids re-indexed, vanished removed)."""
from __future__ import annotations

import hashlib
import os
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from itertools import chain, islice
from typing import Iterable

from whoosh import index as windex

from . import hotpostings, spelling, store, whoosh_adapter
from .manifest import Manifest
from .corpus import ReadReport, Record, Unchanged, corpus_files, read_corpus
from .extract import EXTRACTION_VERSION, extract
from .morphology import common_lemmas
from .registry import FACETS
from .schema import build_schema, join_values

WRITER_LIMIT_MB = 256
# Whoosh's posting code is pure Python: a full rebuild of a large corpus runs it in one
# process per core, each writing its own segment (multisegment: no single-threaded final
# merge). Measured 2.5x at 20k items on 2 cores; small corpora stay in one process.
PARALLEL_MIN_BYTES = 4_000_000


def _die_with_parent() -> None:
    """Writer processes forked for a parallel rebuild end when the build is killed (kill -9),
    instead of lingering forever on their job queue."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return


_fork_hook_installed = False


def _install_fork_hook() -> None:
    global _fork_hook_installed
    if not _fork_hook_installed:
        os.register_at_fork(after_in_child=_die_with_parent)
        _fork_hook_installed = True


def _record_writer(ix, procs: int):
    """Writer processes that make documents of records and write a segment each."""
    _install_fork_hook()
    return whoosh_adapter.RecordWriter(ix, to_document, procs, limitmb=WRITER_LIMIT_MB, compound=False,
                                       subargs={"compound": False, "limitmb": WRITER_LIMIT_MB})


def _writer_procs(corpus_paths) -> int:
    from .corpus import corpus_files

    size = sum(f.stat().st_size for f in corpus_files(corpus_paths))
    return min(os.cpu_count() or 1, 4) if size >= PARALLEL_MIN_BYTES else 1


@dataclass
class BuildSummary:
    mode: str                    # "rebuild" or "update"
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    seconds: float = 0.0
    report: ReadReport = field(default_factory=ReadReport)
    generation: str = ""

    @property
    def indexed(self) -> int:
        return self.added + self.updated

    @property
    def skipped(self) -> int:
        return self.report.skipped

    def line(self) -> str:
        rate = self.indexed / self.seconds if self.seconds > 0 else 0.0
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(self.report.reasons().items()))
        skipped = f"skipped {self.skipped}" + (f" ({reasons})" if reasons else "")
        return (f"{self.mode}: indexed {self.indexed} (added {self.added}, updated {self.updated}), "
                f"unchanged {self.unchanged}, deleted {self.deleted}, {skipped}; "
                f"{self.seconds:.1f} s, {rate:.0f} docs/s")


class NothingToIndex(RuntimeError):
    def __init__(self, message: str, report: ReadReport | None = None):
        super().__init__(message)
        self.report = report or ReadReport()  # why: the bad records, for the user


def fingerprint(rec: Record) -> str:
    payload = json.dumps([EXTRACTION_VERSION, rec.id, rec.text, rec.date, rec.title, rec.url,
                          sorted(rec.facets.items())], ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def to_document(rec: Record, fp: str | None = None) -> dict:
    f = extract(rec)
    doc = {
        "id": rec.id,
        "content": f"{rec.title}\n{rec.text}" if rec.title else rec.text,
        "pairs": f"{rec.title}\n{rec.text}" if rec.title else rec.text,
        "title": rec.title,
        "text": rec.text,
        "url": rec.url,
        "date": f.date or "",
        "idhash": f"{rec.id}\t{fp or fingerprint(rec)}",
    }
    for facet in FACETS:
        if facet.from_date:
            if f[facet.name]:
                doc[facet.name] = f[facet.name][0]
        else:
            doc[facet.name] = join_values(f[facet.name])
    return doc


def _progress(records: Iterable[Record], show: bool | None):
    if show is None:
        show = sys.stderr.isatty()
    if not show:
        return records
    from tqdm import tqdm

    return tqdm(records, unit=" docs", desc="indexing", file=sys.stderr)


def _existing_fingerprints(ix) -> dict[str, str]:
    """id -> fingerprint of every live item, from the `idhash` column."""
    with ix.searcher() as s:
        reader = s.reader()
        col = reader.column_reader("idhash")
        out = {}
        for docnum in reader.all_doc_ids():
            value = col[docnum]
            value = value.decode("utf-8") if isinstance(value, bytes) else value
            rid, _, fp = value.rpartition("\t")
            out[rid] = fp
        return out


def _schema_current(index_dir: Path) -> bool:
    try:
        ix = store.open_index(index_dir)
    except Exception:  # noqa: BLE001 - unreadable: rebuild
        return False
    names = set(ix.schema.names())
    ix.close()
    return names == set(build_schema().names())  # field names; the common-lemma list is per index


def build(corpus_paths: Iterable[str | Path], index_dir: str | Path, rebuild: bool = False,
          progress: bool | None = None) -> BuildSummary:
    """Index the corpus; raises NothingToIndex (index untouched) when no record is usable."""
    whoosh_adapter.install()  # before any segment is written (forked writers inherit it)
    index_dir = Path(index_dir)
    corpus_paths = list(corpus_paths)
    start = time.perf_counter()
    with store.build_lock(index_dir):
        store.clean_leftovers(index_dir)
        has_index = store.current_generation(index_dir) is not None
        if has_index and not rebuild and not _schema_current(index_dir):
            rebuild = True  # an index of an older layout: updating it would mix two layouts
        if rebuild or not has_index:
            summary = _rebuild(corpus_paths, index_dir, progress)
        else:
            summary = _update(corpus_paths, index_dir, progress)
    summary.seconds = time.perf_counter() - start
    return summary


SAMPLE = 3000  # records read ahead to choose the common lemmas whose pairs are indexed
POSITIONAL_CANDIDATES = 5000  # a phrase checked by positions should have at most this many


def _pair_share(corpus_paths, head: list[Record]) -> float:
    """The document share above which a lemma's phrases become pair terms: a phrase with a
    rarer word is checked by positions over at most ~5,000 candidates, at any corpus size
    (3% at 100k items, 0.5% at 1M). The corpus size is estimated from its bytes."""
    from .corpus import corpus_files

    if not head:
        return 0.03
    per_record = sum(len(r.text.encode()) + len(r.title.encode()) + 60 for r in head) / len(head)
    estimate = sum(f.stat().st_size for f in corpus_files(corpus_paths)) / per_record
    gz = any(str(f).endswith(".gz") for f in corpus_files(corpus_paths))
    estimate *= 4 if gz else 1
    return min(0.03, max(0.005, POSITIONAL_CANDIDATES / max(estimate, 1.0)))


def _rebuild(corpus_paths, index_dir: Path, progress) -> BuildSummary:
    summary = BuildSummary(mode="rebuild")
    gen = store.new_generation_path(index_dir)
    try:
        files = corpus_files(corpus_paths)
        manifest, by_file = Manifest(), {}
        records = iter(_progress(_owned(read_corpus(files, summary.report), by_file), progress))
        head = list(islice(records, SAMPLE))
        common = common_lemmas((f"{r.title}\n{r.text}" for r in head),
                               min_share=_pair_share(corpus_paths, head))
        ix = windex.create_in(str(gen), build_schema(common))
        procs = _writer_procs(corpus_paths)
        if procs > 1:  # extraction runs in the writer processes too: the parent only reads
            writer = _record_writer(ix, procs)
            add = writer.add_record
        else:
            writer = ix.writer(limitmb=WRITER_LIMIT_MB, compound=False)
            add = lambda rec: writer.add_document(**to_document(rec))  # noqa: E731
        try:
            for rec in chain(head, records):
                add(rec)
                summary.added += 1
        except BaseException:
            writer.cancel()
            raise
        if summary.added == 0:
            writer.cancel()
            raise NothingToIndex("no valid records in the corpus; the served index is unchanged",
                                 summary.report)
        writer.commit()
        with ix.reader() as reader:
            spelling.save(gen, reader)
        hotpostings.write(ix)  # before the switch: the first search of a common word is fast
        ix.close()
        for f in files:
            manifest.record(f, *by_file.get(str(f), ([], [])))
        manifest.save(gen)
    except BaseException:
        store.clean_leftovers(index_dir)  # the half-built generation is not served; drop it
        raise
    store.switch_to(index_dir, gen)
    summary.generation = gen.name
    store.clean_leftovers(index_dir)
    return summary


VOCABULARY_REFRESH = 0.05  # an update changing this share of the items rewrites the vocabulary


def _vocabulary_stale(gen: Path, summary: BuildSummary, before: int) -> bool:
    """Suggestions rank by the vocabulary's counts, and count the corrected query on the live
    index: an update of a few items keeps the generation's vocabulary (rewriting it costs
    seconds at 100k items), a larger one, or a missing file, rewrites it."""
    changed = summary.added + summary.updated + summary.deleted
    return not (gen / spelling.FILE).exists() or changed >= VOCABULARY_REFRESH * max(before, 1)


def _owned(records, by_file: dict[str, tuple[list[str], list[str]]]):
    """Pass records on, noting which file gave each id and line digest (for the manifest)."""
    for rec in records:
        ids, lines = by_file.setdefault(rec.source.rpartition(":")[0], ([], []))
        ids.append(rec.id)
        lines.append(rec.line)
        yield rec


def _update_writer(ix, to_read):
    """The writer of an update and how it indexes a changed record. The changed items of a
    large corpus are indexed by writer processes, as in a rebuild (the parent deletes their
    old versions): in one process, analysing them and writing their postings took 9 of the
    18 s of an update of 1,000 of 10,000 items (profiled). A small corpus stays in one process."""
    procs = _writer_procs(to_read) if to_read else 1
    if procs == 1:
        writer = ix.writer(limitmb=WRITER_LIMIT_MB, compound=False)

        def index_changed(rec, fp, replaces):
            writer.update_document(**to_document(rec, fp))
        return writer, index_changed
    writer = _record_writer(ix, procs)

    def index_changed(rec, fp, replaces):
        if replaces:
            writer.delete_by_term("id", rec.id)
        writer.add_record(rec)
    return writer, index_changed


def _update(corpus_paths, index_dir: Path, progress) -> BuildSummary:
    summary = BuildSummary(mode="update")
    gen = store.current_path(index_dir)
    manifest = Manifest.load(gen)
    files = corpus_files(corpus_paths)
    to_read, kept = [], {}
    for f in files:
        ids = manifest.unchanged_ids(f)
        if ids is None:
            to_read.append(f)
        else:
            kept.update((rid, f"{f} (unchanged, not read)") for rid in ids)
    summary.report.files += len(files) - len(to_read)
    summary.unchanged += len(kept)
    ix = store.open_index(index_dir)
    existing = _existing_fingerprints(ix)
    # lines of the changed files indexed before byte for byte (and still in the index)
    known_lines = {str(f): {d: rid for d, rid in manifest.known_lines(f).items() if rid in existing}
                   for f in to_read}
    seen: set[str] = set(kept)
    by_file: dict[str, tuple[list[str], list[str]]] = {}
    writer, index_changed = _update_writer(ix, to_read)
    try:
        records = _owned(read_corpus(to_read, summary.report, known=kept, known_lines=known_lines), by_file)
        for rec in _progress(records, progress):
            seen.add(rec.id)
            if isinstance(rec, Unchanged):
                summary.unchanged += 1
                continue
            fp = fingerprint(rec)
            old = existing.get(rec.id)
            if old == fp:
                summary.unchanged += 1
                continue
            index_changed(rec, fp, old is not None)
            if old is None:
                summary.added += 1
            else:
                summary.updated += 1
        if not seen:
            raise NothingToIndex("no valid records in the corpus; the served index is unchanged",
                                 summary.report)
        for rid in existing.keys() - seen:
            writer.delete_by_term("id", rid)
            summary.deleted += 1
    except BaseException:
        writer.cancel()
        raise
    if summary.indexed or summary.deleted:
        writer.commit()
        if _vocabulary_stale(gen, summary, len(existing)):
            with ix.reader() as reader:
                spelling.save(gen, reader)
    else:
        writer.cancel()
    hotpostings.write(ix)  # the new segment's arrays (and those of an older index: once)
    for f in to_read:
        manifest.record(f, *by_file.get(str(f), ([], [])))
    manifest.keep_only(files)
    manifest.save(gen)
    summary.generation = store.current_generation(index_dir) or ""
    ix.close()
    return summary
