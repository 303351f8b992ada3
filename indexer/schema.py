"""The Whoosh schema: what is searched, what is stored, what is counted as a facet."""
from __future__ import annotations

from whoosh import fields
from whoosh.analysis import RegexTokenizer

from .morphology import NewsAnalyzer, PairAnalyzer
from .registry import FACETS

FACET_SEP = "|"


def facet_analyzer():
    """Exact values separated by `|`: several officials per item, spaces kept."""
    return RegexTokenizer(r"[^|]+")


def facet_field(facet):
    """A facet's index field: exact values; those from the date are not stored (the date is)."""
    if facet.from_date:
        return fields.ID()
    return fields.KEYWORD(stored=True, analyzer=facet_analyzer())


def build_schema(common_lemmas=frozenset()) -> fields.Schema:
    """`common_lemmas`: the words whose adjacent pairs are indexed for phrases (per index).
    One field per facet of the registry, named as the facet."""
    return fields.Schema(
        **{f.name: facet_field(f) for f in FACETS},
        id=fields.ID(stored=True, unique=True),
        # title + text, morphology-analysed; the stored copies below are for display
        content=fields.TEXT(analyzer=NewsAnalyzer(), phrase=True),
        # adjacent lemma pairs of the same text: a phrase is one lookup per word pair
        pairs=fields.KEYWORD(analyzer=PairAnalyzer(common_lemmas), scorable=False),
        title=fields.STORED(),
        text=fields.STORED(),
        url=fields.STORED(),
        date=fields.ID(stored=True, sortable=True),
        # "id<TAB>hash of the record and the extraction version", as a column: an update
        # reads every item's fingerprint without unpickling stored texts
        idhash=fields.ID(sortable=True),
    )


def join_values(values) -> str:
    return FACET_SEP.join(v.replace(FACET_SEP, " ") for v in values)


def split_values(stored: str | None) -> list[str]:
    return [v for v in (stored or "").split(FACET_SEP) if v]
