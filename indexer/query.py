"""From what a user types to a Whoosh query.

Whoosh's parser gives AND by default, quotes, OR/NOT, `field:value` and `word*`; two
things are ours: a word with several lemmas becomes an OR of them at one position
(also inside phrases, where Whoosh's own Phrase would read them as successive
words), and facet fields take values in any spelling (`region:Нур-Султан`).
"""
from __future__ import annotations

import re
from itertools import groupby

from whoosh import query as Q
from whoosh.qparser import AndGroup, QueryParser, plugins
from whoosh.qparser.plugins import attach

from . import vocab
from .morphology import WORD_RE, analyze, pair_filter, plural, word_lemmas
from .registry import EXTRACTED, FACETS
from .textnorm import is_latin
from .whoosh_adapter import ExpandedTerms, candidates

MAX_QUERY_CHARS = 1000
MAX_WORDS = 50
MAX_EXPANSION = 1000  # index terms one prefix or wildcard may stand for
MAX_BOOST = 1000.0   # `word^N`: a larger N would overflow the float32 scores to Infinity
# `region:Нур-Султан`, `place:Рудный`: extracted facets take a value in any spelling
FACET_QUERY_FIELDS = tuple(f.name for f in EXTRACTED)
TEXT_ALIASES = {"title": "content", "text": "content", "content": "content"}
KEY_FIELDS = tuple(f.name for f in FACETS if f.from_date) + ("date", "id")


class QueryTooLarge(ValueError):
    def __init__(self, message: str, ru: str):
        super().__init__(message)
        self.ru = ru  # for the page


CHECK_EVERY = 256  # index terms scanned between two looks at the deadline


def expand(q: Q.Query, ixreader, deadline=None) -> list:
    """The index terms a prefix, wildcard or range stands for: at most MAX_EXPANSION (`а*`
    or `[а TO я]` would be most of the lexicon; `q.capped` says when more were left out),
    the deadline checked while the lexicon is scanned (`*x*` reads all of it). Computed
    once per query object and reader: ranking and highlighting share it."""
    cached = q.__dict__.get("_expansion")
    if cached is not None and cached[0] is ixreader:
        return cached[1]
    out: list = []
    q.capped = False
    try:
        for n, btext in enumerate(candidates(q, ixreader)):
            if n % CHECK_EVERY == 0 and deadline is not None and deadline.expired():
                break
            if btext is None:
                continue
            if len(out) >= MAX_EXPANSION:
                q.capped = True
                break
            out.append(btext)
    except (KeyError, ValueError):  # a field without a lexicon; a bound the field cannot read
        out = []
    q._expansion = (ixreader, out)
    return out


class LimitedPrefix(ExpandedTerms, Q.Prefix):
    """A prefix standing for at most MAX_EXPANSION index terms (see `expand`)."""

    def index_terms(self, ixreader):
        return expand(self, ixreader)


class LimitedWildcard(ExpandedTerms, Q.Wildcard):
    def index_terms(self, ixreader):
        return expand(self, ixreader)


class LimitedRange(ExpandedTerms, Q.TermRange):
    """`[a TO b]`: at most MAX_EXPANSION index terms (`id:[0 TO]` was every id)."""

    def index_terms(self, ixreader):
        return expand(self, ixreader)


canonical_facet_value = vocab.canonical


def _position_groups(text: str, mode: str = "query") -> list[list[str]]:
    tokens = analyze(text, mode)
    return [list(dict.fromkeys(term for _, term in grp)) for _, grp in groupby(tokens, key=lambda x: x[0])]


def _alternatives(fieldname: str, terms: list[str], boost: float = 1.0) -> Q.Query:
    if len(terms) == 1:
        return Q.Term(fieldname, terms[0], boost=boost)
    return Q.Or([Q.Term(fieldname, t) for t in terms], boost=boost)


_HYPHEN = re.compile(r"[-\u2010\u2011]")


def hyphen_parts(word: str) -> list[str] | None:
    """The parts of a hyphenated name, written in Latin or each part capitalised
    (`Nur-Otan`, `Нур-Отан`), which texts also write as separate words; else None. (A
    known place, `Нур-Султан`, is searched by its own case forms instead.)"""
    parts = _HYPHEN.split(word.strip())
    if len(parts) < 2 or not all(p.isalpha() for p in parts):
        return None
    if vocab.region_named_by(word.strip()) or vocab.place_named_by(word.strip()):
        return None
    if all(is_latin(p) for p in parts) or all(p[:1].isupper() for p in parts):
        return parts
    return None


def words_query(fieldname: str, text: str, boost: float = 1.0) -> Q.Query | None:
    """Each word: an OR of its lemmas. A word naming a region's place also finds the items
    about its region, however they name it (`Нур-Султан` finds «в Астане», «столичный
    филиал»); a word naming a town or district finds the items of that place. A
    hyphenated name also finds its parts written apart (`Nur-Otan` = `Nur Otan`)."""
    groups = _position_groups(text)
    if not groups:
        return None
    subs = [_alternatives(fieldname, g, boost) for g in groups]
    parts = hyphen_parts(text) if len(subs) == 1 else None
    if parts:
        apart = [words_query(fieldname, part, boost) for part in parts]
        subs = [Q.Or([subs[0], Q.And([a for a in apart if a is not None])], boost=boost)]
    if fieldname == "content" and len(subs) == 1:
        also = []
        region = vocab.region_named_by(text.strip())
        if region:
            also.append(Q.Term("region", region))
        place = vocab.place_named_by(text.strip())
        if place:  # every case form the tables know, whatever pymorphy3 guesses
            also.append(Q.Term("place", place))
        if also:
            subs = [Q.Or([subs[0], *also], boost=boost)]
    return subs[0] if len(subs) == 1 else Q.And(subs)


def phrase_query(fieldname: str, text: str, slop: int = 1, boost: float = 1.0,
                 common: frozenset = frozenset()) -> Q.Query | None:
    """A phrase of common words only: each adjacent pair is one `pairs` term (any lemma
    combination), plus the words for ranking and highlighting. Otherwise Whoosh's
    positional phrase, whose candidates a rarer word keeps few."""
    groups = _position_groups(text)
    if not groups:
        return None
    if len(groups) == 1:
        return _alternatives(fieldname, groups[0], boost)
    all_common = all(any(t in common for t in g) for g in groups)
    if slop <= 1 and fieldname == "content" and all_common:
        groups = [[t for t in g if t in common] for g in groups]
        pairs = [Q.Or([Q.Term("pairs", f"{a} {b}") for a in g1 for b in g2])
                 for g1, g2 in zip(groups, groups[1:])]
        return Q.And(pairs + [_alternatives(fieldname, g) for g in groups], boost=boost)
    if all(len(g) == 1 for g in groups):
        return Q.Phrase(fieldname, [g[0] for g in groups], slop=slop, boost=boost)
    return Q.Sequence([_alternatives(fieldname, g) for g in groups], slop=slop, boost=boost)


def _or_project(q: Q.Query, text: str) -> Q.Query:
    """A phrase naming a known project also finds the items of that project, however they
    name it («Кедергісіз келешек» finds «Будущее без барьеров»)."""
    project = vocab.project_named_by(text)
    return Q.Or([q, Q.Term("project", canonical_facet_value("project", project))]) if project else q


class MorphPhrasePlugin(plugins.PhrasePlugin):
    class PhraseNode(plugins.PhrasePlugin.PhraseNode):
        def query(self, parser):
            fieldname = TEXT_ALIASES.get(self.fieldname or parser.fieldname, self.fieldname or parser.fieldname)
            if fieldname in FACET_QUERY_FIELDS or fieldname in KEY_FIELDS:
                q = Q.Term(fieldname, canonical_facet_value(fieldname, self.text))
            else:
                pf = pair_filter(parser.schema)
                q = phrase_query(fieldname, self.text, slop=self.slop, boost=self.boost,
                                 common=pf.common if pf else frozenset()) or Q.NullQuery
                if fieldname == "content":
                    q = _or_project(q, self.text)
            return attach(q, self)

    class PhraseTagger(plugins.PhrasePlugin.PhraseTagger):
        def create(self, parser, match):
            slopstr = match.group("slop")
            return MorphPhrasePlugin.PhraseNode(match.group("text"), match.start("text"),
                                                int(slopstr) if slopstr else 1)

    def taggers(self, parser):
        return [(self.PhraseTagger(self.expr), 0)]


class NewsQueryParser(QueryParser):
    def __init__(self, schema):
        super().__init__("content", schema, group=AndGroup)
        self.remove_plugin_class(plugins.PhrasePlugin)
        self.add_plugin(MorphPhrasePlugin())

    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):
        fieldname = TEXT_ALIASES.get(fieldname, fieldname)
        if fieldname in FACET_QUERY_FIELDS:
            return Q.Term(fieldname, canonical_facet_value(fieldname, text), boost=boost)
        if fieldname == "content" and termclass is Q.Term and tokenize:
            return words_query(fieldname, text, boost)
        if fieldname not in self.schema:
            return words_query("content", text, boost)
        if fieldname == "content" and termclass is Q.Prefix:
            # terms are lemmas: `провел*` also means the words whose lemma `провел` has
            stem = text.lower().replace("ё", "е")
            alts = [LimitedPrefix("content", stem)]
            alts += [LimitedPrefix("content", lemma) for lemma in word_lemmas(stem, query=True)
                     if lemma != stem and not lemma.isascii()]
            return alts[0] if len(alts) == 1 else Q.Or(alts, boost=boost)
        if termclass is Q.Prefix:
            termclass = LimitedPrefix
        elif termclass is Q.Wildcard:
            termclass = LimitedWildcard
        return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)


def plain_words_query(text: str) -> Q.Query:
    """The fallback for a query the parser cannot read: every word, ANDed."""
    words = WORD_RE.findall(text)
    subs = [words_query("content", w) for w in words]
    subs = [s for s in subs if s is not None]
    if not subs:
        return Q.NullQuery
    return subs[0] if len(subs) == 1 else Q.And(subs)


def parse(schema, text: str) -> tuple[Q.Query, str | None]:
    """(query, notice): notice says when the text was read as plain words instead."""
    text = (text or "").strip()
    if len(text) > MAX_QUERY_CHARS:
        raise QueryTooLarge(f"q is too long: {len(text)} characters, at most {MAX_QUERY_CHARS}",
                            f"запрос слишком длинный: {plural(len(text), 'знак')}, можно не больше {MAX_QUERY_CHARS}")
    if not text:
        return Q.Every(), None
    words = len(WORD_RE.findall(text))
    if words > MAX_WORDS:
        raise QueryTooLarge(f"q has too many words: {words}, at most {MAX_WORDS}",
                            f"в запросе {plural(words, 'слово')}, можно не больше {MAX_WORDS}")
    notice = None
    try:
        q = NewsQueryParser(schema).parse(text)
        bad = (q is None or isinstance(q, Q.qcore._NullQuery) or text.count('"') % 2 == 1
               or any(getattr(x, "error", None) or isinstance(x, Q.qcore._NullQuery)
                      for x in [q, *q.leaves()]))
    except Exception:  # noqa: BLE001 - a query the parser chokes on is answered, not crashed on
        bad = True
        q = None
    if bad:
        q = plain_words_query(text)
        notice = "Запрос прочитан как простые слова: синтаксис не распознан."
    q = _bounded(q)
    return q, notice


def _bounded(q: Q.Query) -> Q.Query:
    """Every boost into [0, MAX_BOOST] (NaN: 1), so scores stay finite and answers JSON;
    every range (Whoosh's parser makes them itself) a LimitedRange."""
    if type(q) is Q.TermRange:
        q = LimitedRange(q.fieldname, q.start, q.end, q.startexcl, q.endexcl, boost=q.boost,
                         constantscore=q.constantscore)
    boost = getattr(q, "boost", 1.0)
    if not 0.0 <= boost <= MAX_BOOST:
        q.boost = 1.0 if boost != boost else min(max(boost, 0.0), MAX_BOOST)
    if isinstance(q, Q.Not):
        q.query = _bounded(q.query)
    elif hasattr(q, "subqueries"):
        q.subqueries = [_bounded(sub) for sub in q.subqueries]
    elif hasattr(q, "a") and hasattr(q, "b"):  # AndNot, AndMaybe, Require
        q.a, q.b = _bounded(q.a), _bounded(q.b)
    elif hasattr(q, "child"):
        q.child = _bounded(q.child)
    return q

