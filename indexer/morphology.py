"""The analysis chain: tokenizer -> lemma filter, the same for documents and queries.

Each word is indexed under every normal form pymorphy3 offers, all at the word's
position, because its top parse is unstable across the cases of one word
(`Кызылорде` -> `кызылорд`). Known names (regions, cities, officials) override the
dictionary. Words pymorphy3 does not know (Kazakh, Latin, many names) also get a
script-independent key and a Kazakh-stemmed key, so that `Құтты`, `Кутты` and
`Qutty`, and `ардагерлерді` / `ардагерлерге`, meet. Known names and capitalised words
also get the key (`Искаков` = `Iskakov`, `Аманат` = `AMANAT`); lower-case Russian words
do not, so ordinary words keep their meaning.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from whoosh.analysis import Filter, Tokenizer
from whoosh.analysis.acore import Token

from .gazetteer import gazetteer
from .textnorm import fix_homoglyphs, has_kazakh, is_latin, ru_fold, translit_key

WORD_RE = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*")

_morph = None


def morph():
    """One MorphAnalyzer per process (gunicorn --preload shares it across workers)."""
    global _morph
    if _morph is None:
        import pymorphy3
        import pymorphy3.shapes

        pymorphy3.shapes.is_latin_char = _is_latin_char
        _morph = pymorphy3.MorphAnalyzer()
    return _morph


def _is_latin_char(ch: str) -> bool:
    """pymorphy3's own check asks `unicodedata.name`, which raises for letters the Unicode
    tables of this Python name by rule only (Tangut ideographs): a word of them then broke
    every search and every item that held it. A letter without a name is not Latin."""
    return "LATIN" in unicodedata.name(ch, "")


@lru_cache(maxsize=512)
def _agreed(noun: str, n: int) -> str:
    parses = morph().parse(noun)
    p = next((p for p in parses if "NOUN" in p.tag), parses[0])
    agreed = p.make_agree_with_number(n)
    return agreed.word if agreed else noun


def plural(n: int, noun: str) -> str:
    """The number with its noun in the form Russian needs: «1 материал», «22 материала»,
    «25 материалов», «11 материалов» (pymorphy3's agreement; the last two digits decide)."""
    n = int(n)
    return f"{n} {_agreed(noun, abs(n) % 100)}"


# Kazakh endings on the Latin key (case, plural, possessive), longest first.
_KZ_SUFFIXES = sorted(
    """dyn din tyn tin nyn nin ga ge ka ke na ne dy di ty ti ny ni da de ta te nda nde
    dan den tan ten nan nen men ben pen lar ler dar der tar ter sy si yn in ym im y i""".split(),
    key=len, reverse=True,
)


def kazakh_stem(key: str, min_len: int = 4, rounds: int = 3) -> str:
    """Strip Kazakh inflection from a translit key; over-stems consistently, which is fine for matching."""
    for _ in range(rounds):
        for suf in _KZ_SUFFIXES:
            if key.endswith(suf) and len(key) - len(suf) >= min_len:
                key = key[: -len(suf)]
                break
        else:
            break
    return key


# A nominative surname's own lemma from its case forms: Асылбекова, Асылбекову,
# Асылбековым, Асылбекове, Асылбековой -> асылбеков (the masculine nominative, as
# pymorphy3 normalises surnames). pymorphy3 reads many nominatives of surnames built on
# a first name as that name's genitive plural (`Асылбеков` -> `асылбек` only), so the
# nominative and the oblique forms of one surname shared no term.
_SURNAME_STEM = ("ов", "ев", "ёв", "ин", "ын")
_SURNAME_CASE_ENDINGS = ("ым", "ой", "ою", "а", "у", "е")


def surname_lemma(word: str) -> str | None:
    """The -ов/-ев/-ин surname a word form is a case of, or None (lowercased input)."""
    if word.endswith(_SURNAME_STEM):
        stem = word
    else:
        stem = next((word[: -len(e)] for e in _SURNAME_CASE_ENDINGS
                     if word.endswith(e) and word[: -len(e)].endswith(_SURNAME_STEM)), None)
    if stem is None or len(stem) < 5 or not stem.isalpha() or is_latin(stem):
        return None
    return stem.replace("ё", "е")


def _is_name_like(parses) -> bool:
    return any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses)


def _word_lemmas(word: str, capitalized: bool = False, query: bool = False) -> tuple[str, ...]:
    """All index terms of one word form (lowercased input).

    An ambiguous name in lower case (`семей`: families, or the city Семей) is read as
    the common word in a document, and as both in a query, where case is not typed.
    """
    word = fix_homoglyphs(word)
    folded = ru_fold(word)
    g = gazetteer()
    known = g.lemma_override.get(folded)
    if known and (capitalized or folded not in g.ambiguous):
        # a known name is also found by its Latin spelling (`Iskakov`, `Kyzylorda`)
        return tuple(dict.fromkeys([*sorted(known), *sorted(translit_key(k) for k in known)]))
    out: dict[str, None] = {}
    if word.isdigit():
        return (word,)
    if is_latin(word):
        out[word] = None
        key = translit_key(word)
    else:
        m = morph()
        parses = m.parse(folded)
        for p in parses:
            out[p.normal_form.replace("ё", "е")] = None
        if known and query:
            out.update(dict.fromkeys(known))
        surname = surname_lemma(folded)
        if surname and (capitalized or (query and (_is_name_like(parses)
                                                   or not m.word_is_known(folded)))):
            out[surname] = None
        if not has_kazakh(word) and folded not in g.key_words and m.word_is_known(folded):
            if capitalized:  # a name that is also a word (`Аманат`) meets its Latin spelling
                out[translit_key(word)] = None
            return tuple(out)
        out[folded] = None
        key = translit_key(word)
    out[key] = None
    out[kazakh_stem(key)] = None
    return tuple(out)


# Indexing wants a big cache (a word form recurs across documents: ~90% hits); a
# serving worker's cache only fills with the words of queries and of the hits it
# snippets, and must stay small so that a worker's memory stays flat whatever users
# type (400k entries grew a worker from ~100 to ~270 MB over 6,000 random queries).
INDEX_CACHE_SIZE = 400_000
SERVE_CACHE_SIZE = 20_000
_cached = lru_cache(maxsize=INDEX_CACHE_SIZE)(_word_lemmas)


def word_lemmas(word: str, capitalized: bool = False, query: bool = False) -> tuple[str, ...]:
    return _cached(word, capitalized, query)


def limit_cache(size: int) -> None:
    """Bound the lemma cache of this process (a serving worker)."""
    global _cached, _index_cached
    _cached = lru_cache(maxsize=size)(_word_lemmas)
    _index_cached = lru_cache(maxsize=size)(_index_terms)


def cache_info():
    return _cached.cache_info()


def _index_terms(original: str) -> tuple[str, ...]:
    """Every index term of one word as written, in LemmaFilter's order: its lemmas, then
    those of its hyphenated parts not already given."""
    lower = original.lower().replace("ё", "е")
    out = dict.fromkeys(word_lemmas(lower, original[:1].isupper()))
    if "-" in lower:
        for part in re.split(r"[-\u2010\u2011]", original):
            if part:
                out.update(dict.fromkeys(word_lemmas(part.lower().replace("ё", "е"), part[:1].isupper())))
    return tuple(out)


_index_cached = lru_cache(maxsize=INDEX_CACHE_SIZE)(_index_terms)


def index_terms(original: str) -> tuple[str, ...]:
    return _index_cached(original)


class WordTokenizer(Tokenizer):
    """Words of any script; a hyphenated name stays one token (`Нур-Султан`)."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="", **kw):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kw)
        t.untokenized = not tokenize
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        for pos, m in enumerate(WORD_RE.finditer(value)):
            t.text = t.original = m.group(0)
            t.boost = 1.0
            t.stopped = False
            t.pos = start_pos + pos  # always: the pair filter groups by position
            if chars:
                t.startchar, t.endchar = start_char + m.start(), start_char + m.end()
            yield t


class LemmaFilter(Filter):
    """Replaces each word with all its lemmas at the same position.

    At index time a hyphenated word is also indexed by its parts (`султан` finds
    `Нур-Султан`); at query time only the whole word is looked up. Untokenized input
    (prefix, wildcard, range queries) is only case- and ё-folded.
    """

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, tokens):
        for t in tokens:
            original = t.text
            if t.untokenized:
                t.text = original.lower().replace("ё", "е")
                yield t
                continue
            if t.mode == "index":  # one cache lookup per word as written (a build's hot loop)
                for lemma in index_terms(original):
                    t.text = lemma
                    yield t
                continue
            cap = original[:1].isupper()
            lower = original.lower().replace("ё", "е")
            emitted = set()
            for lemma in word_lemmas(lower, cap, t.mode == "query"):
                emitted.add(lemma)
                t.text = lemma
                yield t
            if "-" in lower and t.mode != "query":
                for part in re.split(r"[-\u2010\u2011]", original):
                    if not part:
                        continue
                    for lemma in word_lemmas(part.lower().replace("ё", "е"), part[:1].isupper()):
                        if lemma not in emitted:
                            emitted.add(lemma)
                            t.text = lemma
                            yield t


class PairFilter(Filter):
    """Adjacent pairs of *common* lemmas (`принять участие`) as single terms, for phrases.

    Whoosh checks a phrase by reading every candidate's positions in Python: fine when a
    rarer word bounds the candidates, 0.6 s for «принял участие» at 100k items. So only
    pairs of two common lemmas (chosen per index from a sample, kept in the schema) are
    indexed; every combination of their lemma alternatives is emitted.
    """

    def __init__(self, common=frozenset()):
        self.common = frozenset(common)

    def __eq__(self, other):
        return type(self) is type(other) and self.common == other.common

    def __call__(self, tokens):
        common = self.common
        prev: list[str] = []
        cur: list[str] = []
        pos = None
        t = None
        for t in tokens:
            text, tpos = t.text, t.pos  # read before yielding: the token object is reused
            if tpos != pos:
                if cur and prev:
                    yield from self._pairs(t, prev, cur)
                prev, cur, pos = cur, [], tpos
            if text in common:
                cur.append(text)
        if cur and prev:
            yield from self._pairs(t, prev, cur)

    @staticmethod
    def _pairs(t, prev, cur):
        for a in dict.fromkeys(prev):
            for b in dict.fromkeys(cur):
                t.text = f"{a} {b}"
                yield t


def NewsAnalyzer():
    return WordTokenizer() | LemmaFilter()


def PairAnalyzer(common=frozenset()):
    return WordTokenizer() | LemmaFilter() | PairFilter(common)


def common_lemmas(texts, min_share: float = 0.03, most: int = 2000) -> frozenset[str]:
    """Lemmas in at least `min_share` of the sample texts: the phrase words worth pairing."""
    df: dict[str, int] = {}
    n = 0
    for text in texts:
        n += 1
        terms: set[str] = set()  # what NewsAnalyzer indexes for the text, one lookup per distinct word
        for word in set(WORD_RE.findall(text)):
            terms.update(index_terms(word))
        for term in terms:
            df[term] = df.get(term, 0) + 1
    if n < 200:  # too small a sample (and too small a corpus) to need pairs
        return frozenset()
    ranked = sorted((c, term) for term, c in df.items() if c >= min_share * n)
    return frozenset(term for _, term in ranked[-most:])


def pair_filter(schema) -> "PairFilter | None":
    field = schema["pairs"] if "pairs" in schema.names() else None
    analyzer = getattr(field, "analyzer", None)
    for item in getattr(analyzer, "items", []):
        if isinstance(item, PairFilter):
            return item
    return None


def analyze(text: str, mode: str = "query") -> list[tuple[int, str]]:
    """(position, term) pairs; a convenience for tests and the query builder."""
    return [(t.pos, t.text) for t in NewsAnalyzer()(text, positions=True, mode=mode)]
