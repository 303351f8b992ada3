"""Words of a text with their offsets and sentence numbers, for the extractors."""
from __future__ import annotations

import re
from functools import lru_cache

from ..morphology import WORD_RE
from ..textnorm import fix_homoglyphs, ru_fold

# a period after a one-letter word is an initial or an abbreviation («Д. Ахметов»,
# «г. Нур-Султан», «с. Саумалколь»), not the end of a sentence
SENTENCE_END = re.compile(r"(?<!\b\w)[.!?]\s+(?=[«\"(]?[А-ЯЁӘҒҚҢӨҰҮҺІA-Z])")


class Word:
    """A word as written, its folded form (lowercase, ё->е, Kazakh letters -> Russian),
    offsets and sentence number. A plain slotted class: extraction makes millions."""

    __slots__ = ("text", "folded", "start", "end", "sentence", "index", "cap")

    def __init__(self, text: str, folded: str, start: int, end: int, sentence: int, index: int,
                 cap: bool | None = None):
        self.text, self.folded, self.start, self.end = text, folded, start, end
        self.sentence, self.index = sentence, index
        self.cap = text[:1].isupper() if cap is None else cap

    def __repr__(self) -> str:
        return f"Word({self.text!r}@{self.index})"


_fold = lru_cache(maxsize=200_000)(ru_fold)
# Latin or Greek look-alikes inside a Cyrillic word («Нурлaн»): the word as meant
_fix = lru_cache(maxsize=200_000)(fix_homoglyphs)


@lru_cache(maxsize=100_000)
def parses(word: str) -> tuple:
    """pymorphy3's parses of a lower-case word, cached: the extractors ask about the same
    names and office words in item after item."""
    from ..morphology import morph

    return tuple(morph().parse(word))


def pos_of(folded: str) -> str | None:
    """The part of speech of pymorphy3's first parse of a word."""
    return parses(folded)[0].tag.POS


@lru_cache(maxsize=8)
def words(text: str) -> list[Word]:
    """The words of a text; the last few are kept, since every extractor reads the same item.
    Callers must not change the list."""
    return _words(text)


@lru_cache(maxsize=200_000)
def _form(raw: str) -> tuple[str, str, bool]:
    """A word as written -> (as meant, folded, capitalised): one cache lookup per word."""
    w = _fix(raw)
    return w, _fold(w), w[:1].isupper()


def _words(text: str) -> list[Word]:
    bounds = [m.end() for m in SENTENCE_END.finditer(text)]
    bounds.append(len(text) + 1)  # a sentinel: no word starts there
    out: list[Word] = []
    append = out.append
    sent = 0
    next_bound = bounds[0]
    form = _form
    for i, m in enumerate(WORD_RE.finditer(text)):
        start, end = m.span()
        while start >= next_bound:
            sent += 1
            next_bound = bounds[sent]
        w, folded, cap = form(m.group())
        append(Word(w, folded, start, end, sent, i, cap))
    return out


ADJ_ENDINGS = ("ий", "ый", "ая", "ое", "ой", "ого", "ому", "ым", "ом", "ую", "ие", "ые",
               "их", "ых", "им", "ими", "ыми", "ей", "его", "ему", "ем", "яя", "юю")


def adjective_of(folded: str, stem: str) -> bool:
    """`кызылординской` is an adjective form of the stem `кызылординск`."""
    return folded.startswith(stem) and folded[len(stem):] in ADJ_ENDINGS


def capitalise(word: str) -> str:
    """`касым-жомарт` -> `Касым-Жомарт`: every part of a hyphenated name."""
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


# Russian patronymics in their case forms (Абишевича, Маратовну); Kazakh -улы/-кызы are
# surnames of their own and live in the extractors that treat them so
PATRONYMIC_ENDINGS = ("вич", "вича", "вичу", "вичем", "виче", "вна", "вны", "вне", "вну", "вной", "вною")
