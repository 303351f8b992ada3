"""HTML-safe snippets: the document text escaped, matched words in <mark>, nothing else.

Whoosh's highlighter re-ran the whole analysis chain over every hit's text and was 60%
of a small query's time; here each word is looked up in the analyzer's lemma cache
(the same `word_lemmas`, so what is marked is what matched) and one passage around the
densest cluster of matches is cut out.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from html import escape

from .morphology import WORD_RE, morph, word_lemmas
from .textnorm import ru_fold, translit_key

SNIPPET_CHARS = 240
BEFORE = 60
_HYPHEN = re.compile(r"[-\u2010\u2011]")


def lead(text: str, limit: int = SNIPPET_CHARS) -> str:
    if len(text) <= limit:
        return escape(text, quote=False)
    cut = text.rfind(" ", 0, limit)
    return escape(text[: cut if cut > limit // 2 else limit], quote=False) + " …"


@lru_cache(maxsize=256)
def _gate(terms: frozenset[str]) -> tuple[frozenset[str], frozenset[str], frozenset[str]] | None:
    """What a word must look like to carry one of the terms, so that only such words are
    analysed (pymorphy3 over every unseen form of 20 hit texts was most of a first-asked
    query's time): a form of a term's own paradigm in pymorphy3's dictionary (suppletive
    ones too: «людей» of «люди», «лучше» of «хороший»), or the first three letters of a term
    in Cyrillic or in the script-independent key (a guessed lemma, a known name's case form,
    a Latin spelling keep them). None when a term is too short to say."""
    if any(len(t) < 3 for t in terms):
        return None
    forms: set[str] = set()
    for t in terms:
        for p in morph().parse(t):
            if p.normal_form.replace("ё", "е") == t:
                forms.update(ru_fold(f.word) for f in p.lexeme)
    latin = frozenset(t[:3] for t in terms if t.isascii())
    return frozenset(forms), frozenset(t[:3] for t in terms), latin


def _may_match(low: str, gate) -> bool:
    if gate is None or "-" in low or "\u2010" in low or "\u2011" in low:
        return True
    forms, prefixes, latin = gate
    folded = ru_fold(low)
    # the key of a word's first letters starts as the key of the word does
    return folded in forms or folded[:3] in prefixes or bool(latin) and translit_key(folded[:5])[:3] in latin


def _matches(word: str, terms: frozenset[str]) -> bool:
    low = word.lower().replace("ё", "е")
    if not _may_match(low, _gate(terms)):
        return False
    if not terms.isdisjoint(word_lemmas(low, word[:1].isupper())):
        return True
    if "-" in low or "\u2010" in low or "\u2011" in low:
        return any(p and not terms.isdisjoint(word_lemmas(p.lower().replace("ё", "е"), p[:1].isupper()))
                   for p in _HYPHEN.split(word))
    return False


def snippet(text: str, terms: frozenset[str]) -> str:
    """A passage of about SNIPPET_CHARS around the most matched words; the lead when none."""
    if not terms:
        return lead(text)
    spans = [(m.start(), m.end()) for m in WORD_RE.finditer(text) if _matches(m.group(0), terms)]
    if not spans:
        return lead(text)
    starts = [s for s, _ in spans]
    best, best_n = 0, 0
    for i, (s, _) in enumerate(spans):  # the window starting at each match: how many fit
        n = bisect_left(starts, s + SNIPPET_CHARS - BEFORE) - i
        if n > best_n:
            best, best_n = i, n
    begin = max(0, spans[best][0] - BEFORE)
    if begin:
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < spans[best][0] else begin
    end = min(len(text), begin + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", spans[best][1], end)
        end = space if space > spans[best][1] else end
    out = ["… " if begin else ""]
    pos = begin
    for s, e in spans:
        if s < begin or e > end:
            continue
        out.append(escape(text[pos:s], quote=False))
        out.append("<mark>" + escape(text[s:e], quote=False) + "</mark>")
        pos = e
    out.append(escape(text[pos:end], quote=False))
    if end < len(text):
        out.append(" …")
    return "".join(out)


def marked(text: str, terms: frozenset[str]) -> list[list[tuple[str, bool]]]:
    """The whole text as paragraphs of (piece, matched) pairs, unescaped: the item page
    marks what the snippet would (the same `_matches`) and formats it itself."""
    out = []
    for para in text.split("\n"):
        if not para.strip():
            continue
        pieces, pos = [], 0
        if terms:
            for m in WORD_RE.finditer(para):
                if _matches(m.group(0), terms):
                    if m.start() > pos:
                        pieces.append((para[pos:m.start()], False))
                    pieces.append((m.group(0), True))
                    pos = m.end()
        if pos < len(para):
            pieces.append((para[pos:], False))
        out.append(pieces)
    return out
