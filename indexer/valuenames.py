"""A facet value found by any of its names: what a type-to-filter box matches, and how a
filter value that names nothing known is read.

Every name (the value itself, and what the registry's `names` tables give it: aliases,
spellings in other scripts, case forms, a region's cities) is compared as one
script-independent key (`textnorm.phrase_key`), so `иска`, `Iska` and `Иска` all find
«Куанышбек Искаков», `Qyzylorda` finds «Кызылординская область» and `Нур-Султан` finds
«Астана». Only values the index holds are answered; the tables are read once.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache

from . import vocab
from .registry import BY_NAME
from .textnorm import norm_label, phrase_key

MAX_NEAREST = 5
CLOSE = 0.7  # difflib ratio of a near spelling (`Искакав` ~ `Искаков` 0.86; `Марс` ~ `Аральск` 0.6 is not)


@lru_cache(maxsize=200_000)
def key(text: str) -> str:
    return phrase_key(text)


@lru_cache(maxsize=None)
def _names(facet_name: str) -> dict[str, tuple[tuple[str, str], ...]]:
    """Canonical value -> ((key, name), ...) of its other names, from the registry's table."""
    table = BY_NAME[facet_name].names
    if table is None:
        return {}
    return {value: tuple(sorted({(key(n), n) for n in names if key(n)} - {(key(value), value)}))
            for value, names in table().items()}


def _at_word(k: str, prefix: str) -> bool:
    """`prefix` starts `k` or one of its words."""
    return k.startswith(prefix) or f" {prefix}" in f" {k}"


def _has_word(k: str, word: str) -> bool:
    return word in k.split(" ")


def match(facet_name: str, value: str, prefix_key: str, typed: str = "") -> tuple[int, str | None] | None:
    """How `value` matches a typed prefix: (0, None) its own name begins with it, (1, None)
    a word of its own name does, (2, name) one of its other names does (the one written
    most like `typed`, then the shortest); None: no match."""
    own = key(value)
    if own.startswith(prefix_key):
        return 0, None
    if _at_word(own, prefix_key):
        return 1, None
    hits = [n for k, n in _names(facet_name).get(value, ()) if _at_word(k, prefix_key)]
    typed = typed.casefold()
    return (2, min(hits, key=lambda n: (not n.casefold().startswith(typed), len(n), n))) if hits else None


def search_values(facet_name: str, counts: list[tuple[str, int]], prefix: str) -> list[dict]:
    """The counted values matching `prefix` by any name, best match first, then by count;
    each {"value", "count"} and, when another name matched, "matched": that name."""
    pk = key(prefix)
    if not pk:
        return [{"value": v, "count": c} for v, c in counts]
    found = []
    for i, (v, c) in enumerate(counts):
        m = match(facet_name, v, pk, prefix.strip())
        if m is not None:
            found.append((m[0], i, {"value": v, "count": c, **({"matched": m[1]} if m[1] else {})}))
    return [d for _, _, d in sorted(found, key=lambda t: t[:2])]


def _named_exactly(facet_name: str, values, typed: str) -> list[str]:
    """Values one of whose names is `typed` whole, or, for one typed word, has it as a word
    (a surname only: `Искаков`; a town without «район»)."""
    tk = key(typed)
    if not tk:
        return []
    single = " " not in tk
    out = []
    for v in values:
        keys = [key(v), *(k for k, _ in _names(facet_name).get(v, ()))]
        if tk in keys or (single and any(_has_word(k, tk) for k in keys)):
            out.append(v)
    return out


def nearest(facet_name: str, counts: list[tuple[str, int]], typed: str, n: int = MAX_NEAREST) -> list[dict]:
    """The counted values closest to `typed`: named by it (a surname of several people),
    then beginning with it, then spelled closest (difflib over the keys of every name)."""
    count = dict(counts)
    picked = _named_exactly(facet_name, count, typed)
    picked += [d["value"] for d in search_values(facet_name, counts, typed) if d["value"] not in picked]
    if len(picked) < n:
        tk = key(typed)[:200]
        by_key: dict[str, str] = {}
        for v in count:
            for k in [key(v), *key(v).split(" "), *(k for k, _ in _names(facet_name).get(v, ()))]:
                by_key.setdefault(k, v)
        for k in difflib.get_close_matches(tk, list(by_key), n=4 * n, cutoff=CLOSE):
            if by_key[k] not in picked:
                picked.append(by_key[k])
    return [{"value": v, "count": count[v]} for v in picked[:n]]


@dataclass
class ReadFilters:
    """The filter values as searched (canonical), and a note for each value read otherwise."""
    values: dict[str, list[str]] = field(default_factory=dict)
    notes: list[dict] = field(default_factory=list)

    def notice(self) -> str:
        """The notes in one Russian sentence each, for the answer's `notice`."""
        out = []
        for note in self.notes:
            label = BY_NAME[note["facet"]].label
            if note["resolved_to"]:
                out.append(f"Фильтр «{label}»: «{note['value']}» понято как «{note['resolved_to']}».")
            elif note["nearest"]:
                near = ", ".join(f"«{d['value']}»" for d in note["nearest"])
                out.append(f"Фильтр «{label}»: значения «{note['value']}» в архиве нет. Ближайшие: {near}.")
            else:
                out.append(f"Фильтр «{label}»: значения «{note['value']}» в архиве нет, похожих тоже нет "
                           "(все значения — в списке фильтра).")
        return " ".join(out)


def read_filters(filters: dict[str, list[str]], fc) -> ReadFilters:
    """Each filter value as searched, over the snapshot `fc` (`indexer.facets.Snapshot`).
    A value the tables canonicalise to a value the index holds is searched as it (noted
    when it was written another way than the value's own); one that names exactly one held
    value (a surname only, an alias) resolves to it; anything else is noted with its
    nearest values and stays in the filter (it finds nothing, as asked)."""
    out = ReadFilters()
    for name, values in filters.items():
        held = fc.field(name).index
        searched = []
        for v in values:
            canon = vocab.canonical(name, v)
            named = [canon] if canon in held else _named_exactly(name, held, v)
            if len(named) == 1:
                if norm_label(named[0]) != norm_label(v):
                    out.notes.append({"facet": name, "value": v, "resolved_to": named[0], "nearest": []})
                searched.append(named[0])
            else:
                out.notes.append({"facet": name, "value": v, "resolved_to": None,
                                  "nearest": nearest(name, fc.field(name).counts(fc.live), v)})
                searched.append(canon)
        out.values[name] = list(dict.fromkeys(searched))
    return out


def warm() -> None:
    """Read every facet's name table now (about 0.1 s), e.g. before a server forks its workers."""
    for name in BY_NAME:
        _names(name)


__all__ = ["ReadFilters", "warm", "key", "match", "nearest", "read_filters", "search_values"]
