"""Did you mean: the closest query that finds more, when a query finds little or nothing.

Each plain word of the query (not an operator, a field's value, a prefix or a range)
that the index does not know gets candidates from the generation's vocabulary
(`spelling.Vocabulary`: typos, Kazakh letters, keyboard layout, transliteration). The
likeliest combinations are counted as whole queries, with the user's filters (a count
only: the same matching as a search, no ranking of a page), and ranked by edits and by
how many items they find. When the query found nothing and one correction clearly wins,
the caller shows its results at once; otherwise it offers the corrections as links.
When no correction finds anything, the relaxations: the query without its filters, or
each word alone.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Callable

from .morphology import WORD_RE, analyze
from .spelling import ROUTE_COST, Candidate, Vocabulary

VERY_LITTLE = 3        # a query finding at most this many items may have a better spelling
RARE_DF = 3            # ... and then its words in at most this many items are looked at
MORE_FACTOR = 5        # such a suggestion must find this many times more
MAX_WORDS = 8          # words corrected at most (a longer query is rarely a typo)
MAX_TRIES = 6          # corrected queries counted at most
MAX_WORDS_ALONE = 6    # single words tried as relaxations
CLEAR_MARGIN = 0.3     # the best correction's score ahead of the next, to apply it unasked
OPERATORS = {"AND", "OR", "NOT", "TO", "ANDNOT", "ANDMAYBE"}
# field:value, field:"a phrase", and ranges [a TO b] / {a TO b}: never corrected
_PROTECTED = re.compile(r'[^\W\d_]+:(?:"[^"]*"?|\S+)|[\[{][^\]}]*[\]}]?')
# a Cyrillic word typed with the Latin layout: its б ю ж э х ъ are , . ; ' [ ] between letters
_LAYOUT_RUN = re.compile(r"[A-Za-z]+(?:[,.;'\[\]]+[A-Za-z]+)+")


@dataclass
class Suggestion:
    """What the search answer says about other spellings and looser queries."""
    query: str | None = None                 # the best corrected query, or None
    apply: bool = False                      # show its results instead (the query found nothing)
    corrections: list[dict] = field(default_factory=list)  # {"word", "to", "how"} of `query`
    links: list[dict] = field(default_factory=list)        # {"query", "total", "filters"}


def _spans(q: str, layout_runs: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, word) of the words a correction may replace; with `layout_runs`, a run
    like `ifr,fnfvjd` (`шкабатамов` typed in Latin) is one word."""
    protected = [m.span() for m in _PROTECTED.finditer(q)]
    runs = [m.span() for m in _LAYOUT_RUN.finditer(q)] if layout_runs else []
    out = [(s, e, q[s:e]) for s, e in runs if not any(a <= s < b for a, b in protected)]
    for m in WORD_RE.finditer(q):
        s, e = m.span()
        if m.group(0) in OPERATORS or any(a <= s < b for a, b in protected + runs):
            continue
        if q[e:e + 1] in ("*", "?", ":") or q[s - 1:s] in ("*", "?"):
            continue
        out.append((s, e, m.group(0)))
    return sorted(out)


def plain_words(q: str) -> list[str]:
    """The query's plain words: what a correction may change, and what `understood` describes."""
    return [w for _, _, w in _spans(q)]


def _cased(like: str, term: str) -> str:
    """A term written the way the user wrote the word (`Искакав` -> `Искаков`)."""
    if len(like) > 1 and like.isupper():
        return term.upper()
    if like[:1].isupper():
        return term[:1].upper() + term[1:]
    return term


def _score(cands: list[Candidate], count: int) -> float:
    """Lower is better: the edits made (by route), less the items found (log)."""
    return sum(c.distance + ROUTE_COST[c.route] for c in cands) - 0.25 * math.log10(1 + count)


def suggest(vocabulary: Callable[[], Vocabulary], doc_frequency: Callable[[str], int], q: str,
            total: int, count: Callable[[str, bool], int], has_filters: bool = False) -> Suggestion:
    """`vocabulary()`: the generation's (built when first needed); `doc_frequency(term)`:
    items with an index term; `count(query, with_filters)`: items a query finds (0 once
    the deadline is up)."""
    out = Suggestion()
    if total > VERY_LITTLE or not q.strip():
        return out
    spans = _spans(q, layout_runs=True)
    if len(spans) > MAX_WORDS:
        spans = []
    options: list[tuple[tuple[int, int, str], list[Candidate | None]]] = []
    for span in spans:
        word = span[2]
        run = not WORD_RE.fullmatch(word)  # a layout run: only its layout reading is a word
        df = 0 if run else max((doc_frequency(t) for _, t in analyze(word)), default=0)
        if df and (total == 0 or df > RARE_DF):
            continue
        if not df and not run and _read_specially(word) and count(word, False):
            continue
        cands = vocabulary().candidates(word)
        if run:
            cands = [c for c in cands if c.route == "layout"]
        if cands:
            options.append((span, ([None] if df else []) + cands))  # None: keep the word
    tried = []
    for combo in _likeliest(options):
        chosen = [(span, c) for (span, _), c in zip(options, combo) if c is not None]
        if not chosen:
            continue
        edits = _score([c for _, c in chosen], 0)
        if tried and edits >= min(_score(t[3], 0) for t in tried) + 1:
            continue  # an edit more than a correction that finds items: it cannot win (see _score)
        text, shift = q, 0
        for (s, e, word), c in chosen:
            new = _cased(word, c.form or c.term)
            text = text[:s + shift] + new + text[e + shift:]
            shift += len(new) - (e - s)
        if text.lower() == q.lower():
            continue
        n = count(text, True)
        if n > 0 and n >= (MORE_FACTOR * total if total else 1):
            tried.append((_score([c for _, c in chosen], n), text, n, [c for _, c in chosen], chosen))
    tried.sort(key=lambda t: (t[0], t[1]))
    if tried:
        score, text, n, _, chosen = tried[0]
        out.query = text
        out.corrections = [{"word": word, "to": _cased(word, c.form or c.term),
                            "how": "typo" if c.route == "lemma" else c.route} for (_, _, word), c in chosen]
        out.apply = total == 0 and (len(tried) == 1 or tried[1][0] - score >= CLEAR_MARGIN)
        out.links = [{"query": t, "total": k, "filters": True} for _, t, k, _, _ in tried[:3]]
    elif total == 0:
        out.links = _relaxations(q, spans, count, has_filters)
    return out


def _likeliest(options) -> list[tuple]:
    """The MAX_TRIES cheapest combinations of the words' candidates (a beam, word by word:
    never the whole product of 8 words' lists)."""
    if not options:
        return []

    def cost(combo):
        return sum(c.cost for c in combo if c is not None)

    beam: list[tuple] = [()]
    for _, cands in options:
        beam = sorted((combo + (c,) for combo in beam for c in cands), key=cost)[:MAX_TRIES]
    return beam


def _read_specially(word: str) -> bool:
    """A word the query reads beyond its own terms (a region's or place's name, a
    hyphenated name also searched as its parts): unknown terms, and still it finds items."""
    from . import vocab
    from .query import hyphen_parts

    return bool(vocab.region_named_by(word) or vocab.place_named_by(word) or hyphen_parts(word))


def _relaxations(q: str, spans, count, has_filters: bool) -> list[dict]:
    """The same words without the filters, or each word alone (without the filters)."""
    links = []
    if has_filters and (n := count(q, False)):
        links.append({"query": q, "total": n, "filters": False})
    words = [w for _, _, w in spans]
    if len(words) > 1:
        for w in words[:MAX_WORDS_ALONE]:
            if n := count(w, False):
                links.append({"query": w, "total": n, "filters": False})
    return links
