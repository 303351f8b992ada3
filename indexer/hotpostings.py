"""Postings of each segment's frequent terms as numpy arrays beside the index, memory-mapped.

A first-asked common word decoded its Whoosh postings block by block in Python (each block
unpickled and unzipped with its positions: ~70% of a >30%-of-items query at 100k items).
After every commit the build writes, for every segment that has none yet, the document
numbers and term frequencies of its `content` and `pairs` terms found in at least
`min_df` of its documents into `hot/<segment>.*`; a searcher maps them read-only (the
workers share the pages). A Whoosh segment never changes its postings once written
(deletions are a separate list, applied by the ranker as before), so the files stay valid
as long as the segment exists; a merge makes a new segment, which gets its own files at
the end of the same commit. A term not in the files is read from Whoosh as before.
"""
from __future__ import annotations

import json
import multiprocessing
import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from whoosh import index as windex

from .whoosh_adapter import frequent_terms, read_postings

FIELDS = ("content", "pairs")
MIN_DF = 1000    # documents of a segment: below this Whoosh's own decoding costs < 1 ms
DIR = "hot"
USED: Counter = Counter()  # "hot" / "whoosh": where the ranker's postings came from


def _segment_id(reader) -> str:
    return reader.segment().segment_id()


def _files(folder: Path, segid: str) -> tuple[Path, Path, Path]:
    return folder / f"{segid}.ids.npy", folder / f"{segid}.tf.npy", folder / f"{segid}.terms.json"


def write(ix, min_df: int | None = None) -> int:
    """Write the arrays of every segment of `ix` without them; drop those of segments gone.
    Returns the number of segments written."""
    min_df = MIN_DF if min_df is None else min_df
    folder = Path(ix.storage.folder) / DIR
    folder.mkdir(exist_ok=True)
    with ix.reader() as reader:
        segids = [_segment_id(sub) for sub, _ in reader.leaf_readers()]
    todo = [s for s in segids if not _files(folder, s)[2].exists()]
    for f in folder.iterdir():
        if f.name.split(".", 1)[0] not in segids:
            f.unlink(missing_ok=True)
    procs = min(len(todo), os.cpu_count() or 1)
    if procs > 1:  # one process per segment: decoding Whoosh's blocks is pure Python
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(procs, mp_context=ctx) as pool:
            list(pool.map(_write_one, [(ix.storage.folder, ix.indexname, s, min_df) for s in todo]))
    else:
        for s in todo:
            _write_one((ix.storage.folder, ix.indexname, s, min_df))
    return len(todo)


def _write_one(job) -> None:
    folder, indexname, segid, min_df = job
    ix = windex.open_dir(folder, indexname=indexname)
    with ix.reader() as reader:
        sub = next(sub for sub, _ in reader.leaf_readers() if _segment_id(sub) == segid)
        _write_segment(sub, min_df, *_files(Path(folder) / DIR, segid))


def _write_segment(sub, min_df: int, ids_path: Path, tf_path: Path, terms_path: Path) -> None:
    terms: dict[str, dict[str, list[int]]] = {}
    ids_parts, tf_parts, at = [], [], 0
    for field in FIELDS:
        if field not in sub.schema:
            continue
        index = terms[field] = {}
        for btext, _ in frequent_terms(sub, field, min_df):
            ids, tf = read_postings(sub, field, btext)
            ids_parts.append(ids.astype(np.int32))
            tf_parts.append(tf.astype(np.float32))
            text = btext.decode("utf-8") if isinstance(btext, bytes) else btext
            index[text] = [at, at + ids.size]
            at += ids.size
    ids = np.concatenate(ids_parts) if ids_parts else np.zeros(0, np.int32)
    tf = np.concatenate(tf_parts) if tf_parts else np.zeros(0, np.float32)
    small = tf.astype(np.uint16)
    if np.array_equal(small, tf):  # frequencies: whole numbers, half the bytes
        tf = small
    for path, arr in ((ids_path, ids), (tf_path, tf)):
        tmp = path.with_name(path.name + ".tmp.npy")
        np.save(tmp, arr)
        os.replace(tmp, path)
    tmp = terms_path.with_name(terms_path.name + ".tmp")
    tmp.write_text(json.dumps(terms, ensure_ascii=False), "utf-8")
    os.replace(tmp, terms_path)  # last: its presence says the segment's files are complete


class HotPostings:
    """The arrays of one searcher's segments, loaded on first use of each segment."""

    def __init__(self, index_path: str | Path):
        self.folder = Path(index_path) / DIR
        self._segments: dict[str, tuple | None] = {}

    def _load(self, segid: str):
        if segid not in self._segments:
            ids_path, tf_path, terms_path = _files(self.folder, segid)
            try:
                terms = json.loads(terms_path.read_text("utf-8"))
                loaded = (np.load(ids_path, mmap_mode="r"), np.load(tf_path, mmap_mode="r"), terms)
            except (OSError, ValueError):  # none written (an older index) or unreadable: Whoosh's
                loaded = None
            self._segments[segid] = loaded
        return self._segments[segid]

    def get(self, sub_reader, field: str, text) -> tuple[np.ndarray, np.ndarray] | None:
        """(segment docnums, term frequencies) of a frequent term, or None: ask Whoosh."""
        loaded = self._load(_segment_id(sub_reader))
        if loaded is None:
            USED["whoosh"] += 1
            return None
        ids, tf, terms = loaded
        text = text.decode("utf-8") if isinstance(text, bytes) else text
        span = terms.get(field, {}).get(text)
        if span is None:
            USED["whoosh"] += 1
            return None
        USED["hot"] += 1
        return ids[span[0]:span[1]], tf[span[0]:span[1]]
