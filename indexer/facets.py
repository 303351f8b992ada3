"""Facet counts and filters as numpy arrays, built once per searcher generation.

Whoosh's `groupedby` was 93% of a common-word query's time at 100k items and
ignores `limit` (DEPENDENCY_NOTES). Instead each facet field is read once into
(document, value) ordinal pairs; counting a result set is then one `np.bincount`,
and a facet filter is one boolean mask.
"""
from __future__ import annotations

import numpy as np


class FieldOrdinals:
    """The (doc, value) pairs of one facet field, several values per doc allowed."""

    def __init__(self, reader, fieldname: str, ndocs: int):
        values: list[str] = []
        docs: list[np.ndarray] = []
        vals: list[np.ndarray] = []
        for term in reader.field_terms(fieldname):
            ids = np.fromiter(reader.postings(fieldname, term).all_ids(), dtype=np.int64)
            if ids.size == 0:  # only deleted documents carried it
                continue
            docs.append(ids)
            vals.append(np.full(ids.size, len(values), dtype=np.int32))
            values.append(term if isinstance(term, str) else term.decode("utf-8"))
        self.values = values
        self.index = {v: i for i, v in enumerate(values)}
        self.pair_doc = np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64)
        self.pair_val = np.concatenate(vals) if vals else np.zeros(0, dtype=np.int32)
        self.ndocs = ndocs

    def counts(self, mask: np.ndarray) -> list[tuple[str, int]]:
        """(value, count) over the documents in `mask`, most frequent first."""
        if not self.values:
            return []
        c = np.bincount(self.pair_val[mask[self.pair_doc]], minlength=len(self.values))
        nz = np.flatnonzero(c)
        order = sorted(nz, key=lambda i: (-c[i], self.values[i]))
        return [(self.values[i], int(c[i])) for i in order]

    def mask_any(self, wanted) -> np.ndarray:
        """Documents carrying any of the wanted values (OR within one facet)."""
        ids = [self.index[v] for v in wanted if v in self.index]
        mask = np.zeros(self.ndocs, dtype=bool)
        if ids:
            sel = np.isin(self.pair_val, ids)
            mask[self.pair_doc[sel]] = True
        return mask


class Snapshot:
    """One index generation as numpy arrays, built once per searcher: which documents are
    live, their dates, and every facet's (document, value) ordinals. The ranker and the
    facet counter read it; nothing here reads stored fields."""

    def __init__(self, searcher):
        reader = searcher.reader()
        self.ndocs = reader.doc_count_all()
        self.live = np.zeros(self.ndocs, dtype=bool)
        self.live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
        self.live_count = int(self.live.sum())
        self._reader = reader
        self._fields = {}
        self._dates = None

    def field(self, name: str) -> FieldOrdinals:
        if name not in self._fields:
            self._fields[name] = FieldOrdinals(self._reader, name, self.ndocs)
        return self._fields[name]

    @property
    def dates(self) -> np.ndarray:
        """Date of each document as an int YYYYMMDD (0 when unknown), for sorting and ranges."""
        if self._dates is None:
            col = self._reader.column_reader("date")
            out = np.zeros(self.ndocs, dtype=np.int32)
            for docnum in range(self.ndocs):
                v = col[docnum]
                if v:
                    v = v.decode() if isinstance(v, bytes) else v
                    out[docnum] = int(v.replace("-", ""))
            self._dates = out
        return self._dates


FacetCache = Snapshot  # the name before the snapshot was made explicit
