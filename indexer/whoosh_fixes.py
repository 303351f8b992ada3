"""A workaround for a Whoosh cost, applied once on import.

Writing a segment asks every posting's field length; for a field without lengths (IDs,
facets, the pair terms) Whoosh's per-document reader does not remember that the length
column is missing and checks the file system again: one `stat` per posting, 15% of
indexing time. Remembering the miss changes no result.
"""
from whoosh.codec import whoosh3

_original = whoosh3.W3PerDocReader._cached_reader


def _cached_reader(self, fieldname, column):
    if fieldname in self._readers:
        return self._readers[fieldname]
    reader = _original(self, fieldname, column)
    self._readers[fieldname] = reader  # also None: "this segment has no such column"
    return reader


if not getattr(whoosh3.W3PerDocReader._cached_reader, "_newsarchive", False):
    _cached_reader._newsarchive = True
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
