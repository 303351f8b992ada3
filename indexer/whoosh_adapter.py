"""Every use of a private Whoosh name, in one place, pinned to whoosh-reloaded < 2.8.

Three things Whoosh does not offer publicly and the archive needs for speed:

- `read_postings`: a term's postings a block at a time as numpy arrays (its matchers
  decode one posting per Python call); a matcher of another kind takes the slow generic
  path, counted in `PATHS` so a test can prove the fast one is taken;
- `read_positions`: a term's positions in chosen documents only, skipping the blocks
  that hold none of them (phrase verification on candidates);
- `candidates` and `ExpandedTerms`: the index terms a prefix, wildcard or range stands
  for, scanned by us (capped, under a deadline) and handed back to Whoosh;
- `install`: the per-document reader remembers a missing length column (it called
  `stat` once per posting for fields without lengths: 18% of indexing time);
- `RecordWriter`: Whoosh's multi-process writer fed records instead of documents, so
  that the work of turning a record into fields (facet extraction) runs in the writer
  processes beside analysis instead of in one parent process that the writers wait for.
"""
from __future__ import annotations

import re
from bisect import bisect_right
import pickle
import queue
from collections import Counter

import numpy as np
from whoosh import query as Q
from whoosh.codec import whoosh3
from whoosh.matching import wrappers
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.util import random_name

PATHS: Counter = Counter()  # "fast" / "generic": which way postings were read


def _leaf(m):
    while isinstance(m, wrappers.WrappingMatcher):
        m = m.child
    return m


def read_postings(reader, field: str, text) -> tuple[np.ndarray, np.ndarray]:
    """(docnums, weights) of one term in one segment."""
    try:
        m = _leaf(reader.postings(field, text))
    except Exception:  # noqa: BLE001 - term not in this segment
        return np.zeros(0, np.int32), np.zeros(0, np.float32)
    ids_parts, w_parts = [], []
    if hasattr(m, "_read_ids") and hasattr(m, "_next_block"):
        PATHS["fast"] += 1
        while m.is_active():
            if m._byteids:
                m._read_ids()
                ids = np.asarray(m._ids, dtype=np.int64)
            else:  # the stored deltas summed by numpy (Whoosh's own decoding is a generator)
                if m._data is None:
                    m._read_data()
                ids = np.cumsum(np.asarray(m._data[0], dtype=np.int64))
            m._read_weights()
            ids_parts.append(ids)
            w_parts.append(np.asarray(m._weights, dtype=np.float32)[: len(ids)])
            m._next_block()
    else:  # another matcher type: the slow generic path
        PATHS["generic"] += 1
        items = list(m.items_as("weight")) if hasattr(m, "items_as") else [(i, 1.0) for i in m.all_ids()]
        if items:
            ids_parts.append(np.array([i for i, _ in items], dtype=np.int64))
            w_parts.append(np.array([w for _, w in items], dtype=np.float32))
    if not ids_parts:
        return np.zeros(0, np.int32), np.zeros(0, np.float32)
    return np.concatenate(ids_parts), np.concatenate(w_parts)


def frequent_terms(reader, field: str, min_df: int):
    """(term bytes, document frequency) of the terms of one segment's field in at least
    `min_df` documents: the lexicon's raw entries, the frequency read from their header
    (Whoosh's `iter_field` builds a TermInfo object for each of ~500k terms)."""
    terms = getattr(reader, "_terms", None)
    tindex = getattr(terms, "_tindex", None)
    if tindex is None or not hasattr(terms, "_keycoder") or not hasattr(whoosh3.W3TermInfo, "_struct"):
        for btext, info in reader.iter_field(field):
            if info.doc_frequency() >= min_df:
                yield btext, info.doc_frequency()
        return
    prefix = terms._keycoder(field, b"")
    head = whoosh3.W3TermInfo._struct
    cut = len(prefix)
    for key, value in tindex.items_from(prefix):
        if not key.startswith(prefix):
            return
        df = head.unpack_from(value)[2]
        if df >= min_df:
            yield key[cut:], df


def read_positions(reader, field: str, text, docs) -> dict[int, list[int]]:
    """Positions of one term in the given documents of one segment (`docs`: sorted segment
    docnums): blocks holding none of them are skipped unread, a block holding some is
    decoded once, and only the wanted postings' positions are unpacked."""
    try:
        m = _leaf(reader.postings(field, text))
    except Exception:  # noqa: BLE001 - term not in this segment
        return {}
    out: dict[int, list[int]] = {}
    if not (hasattr(m, "_read_ids") and hasattr(m, "_maxid") and hasattr(m, "_next_block")):
        PATHS["generic"] += 1
        for d in docs:
            if not m.is_active():
                break
            m.skip_to(d)
            if m.is_active() and m.id() == d:
                out[d] = list(m.value_as("positions"))
        return out
    PATHS["fast"] += 1
    decode = m.format.decode_positions
    wanted = np.asarray(docs, dtype=np.int64)
    i, n = 0, len(docs)
    while i < n and m.is_active():
        if docs[i] > m._maxid:  # nothing wanted in this block: its header only was read
            m._next_block()
            continue
        k = bisect_right(docs, m._maxid, i)
        if m._byteids:
            m._read_ids()
            ids = np.asarray(m._ids, dtype=np.int64)
        else:  # the stored deltas, summed by numpy
            if m._data is None:
                m._read_data()
            ids = np.cumsum(np.asarray(m._data[0], dtype=np.int64))
        want = wanted[i:k]
        at = np.minimum(np.searchsorted(ids, want), ids.size - 1)
        hit = np.flatnonzero(ids[at] == want)
        if hit.size:
            m._read_values()
            values = m._values
            for j in hit.tolist():
                out[docs[i + j]] = decode(values[int(at[j])])
        i = k
        m._next_block()
    return out


def candidates(q: Q.Query, ixreader):
    """The index terms `q` may stand for, in lexicon order; None for a term scanned that
    does not match (a wildcard looks at every term after its fixed prefix)."""
    if isinstance(q, Q.Prefix):
        yield from ixreader.expand_prefix(q.fieldname, q.text)
    elif isinstance(q, Q.Wildcard):
        from_bytes = ixreader.schema[q.fieldname].from_bytes
        exp = re.compile(q._get_pattern())
        prefix = q._find_prefix(q.text)
        scan = ixreader.expand_prefix(q.fieldname, prefix) if prefix else ixreader.lexicon(q.fieldname)
        for btext in scan:
            yield btext if exp.match(from_bytes(btext)) else None
    elif isinstance(q, Q.TermRange):  # every term it yields matches
        yield from Q.TermRange._btexts(q, ixreader)
    else:
        yield from q._btexts(ixreader)


class ExpandedTerms:
    """Mixin for Whoosh's multi-term queries: the terms they stand for come from
    `index_terms` (ours: capped and under the deadline), not from Whoosh's own scan."""

    def index_terms(self, ixreader) -> list:
        raise NotImplementedError

    def _btexts(self, ixreader):  # Whoosh asks a multi-term query for its terms here
        return iter(self.index_terms(ixreader))


_original_cached_reader = whoosh3.W3PerDocReader._cached_reader


def _cached_reader(self, fieldname, column):
    if fieldname in self._readers:
        return self._readers[fieldname]
    reader = _original_cached_reader(self, fieldname, column)
    self._readers[fieldname] = reader  # also None: "this segment has no such column"
    return reader


def install() -> None:
    """Apply the length-column fix (idempotent); called before an index is written."""
    whoosh3.W3PerDocReader._cached_reader = _cached_reader


def installed() -> bool:
    return whoosh3.W3PerDocReader._cached_reader is _cached_reader


class _RecordTask(SubWriterTask):
    """A writer process: each job is a file of pickled records, turned into documents here."""

    def __init__(self, *args, to_document=None):
        super().__init__(*args)
        self.to_document = to_document  # a module-level function: inherited by fork, picklable

    def _process_file(self, filename, doc_count):
        writer = self.writer
        tempstorage = writer.temp_storage()
        with tempstorage.open_file(filename).raw_file() as f:
            for _ in range(doc_count):
                writer.add_document(**self.to_document(pickle.load(f)))
        tempstorage.delete_file(filename)


class WriterProcessFailed(RuntimeError):
    pass


class _GuardedQueue:
    """The writers' job queue: a put waiting on a full queue checks that the writers still
    live (jobs, and the end marks of the commit), so a dead writer fails the build instead
    of leaving it waiting forever."""

    def __init__(self, jobs, check):
        self.jobs, self.check = jobs, check

    def get(self, *args, **kwargs):
        return self.jobs.get(*args, **kwargs)

    def put(self, item) -> None:
        while True:
            try:
                self.jobs.put(item, timeout=1)
                return
            except queue.Full:
                self.check()


class RecordWriter(MpWriter):
    """`add_record(rec)`: the document `to_document(rec)` is made and indexed by one of
    `procs` writer processes, each writing its own segment. A writer process that fails
    fails the commit (Whoosh alone would commit without its segment)."""

    def __init__(self, ix, to_document, procs: int, **kwargs):
        super().__init__(ix, procs=procs, multisegment=True, **kwargs)
        self.to_document = to_document
        self.jobqueue = _GuardedQueue(self.jobqueue, self._check_tasks)

    def add_record(self, rec) -> None:
        self.docbuffer.append(rec)
        if len(self.docbuffer) >= self.batchsize:
            self._enqueue()
        self._added_sub = True

    def _new_task(self):
        task = _RecordTask(self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs,
                           True, to_document=self.to_document)
        self.tasks.append(task)
        task.start()
        return task

    def _check_tasks(self) -> None:
        failed = [t.exitcode for t in self.tasks if t.exitcode not in (None, 0)]
        if failed:
            raise WriterProcessFailed(f"a writer process failed (exit code {failed[0]}; its error is above)")

    def _enqueue(self):
        filename = "%s.doclist" % random_name()
        with self.temp_storage().create_file(filename).raw_file() as f:
            for rec in self.docbuffer:
                pickle.dump(rec, f, pickle.HIGHEST_PROTOCOL)
        if len(self.tasks) < self.procs:
            self._new_task()
        job = (filename, len(self.docbuffer))
        self.docbuffer = []
        self.jobqueue.put(job)

    def _commit_toc(self, segments):
        self._check_tasks()  # the writers have been joined: each one's segment is in, or this fails
        super()._commit_toc(segments)
