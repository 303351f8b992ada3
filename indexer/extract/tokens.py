"""Words of a text with their offsets and sentence numbers, for the extractors."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..morphology import WORD_RE
from ..textnorm import ru_fold

_SENTENCE_END = re.compile(r"[.!?]\s+(?=[«\"(]?[А-ЯЁӘҒҚҢӨҰҮҺІA-Z])")


@dataclass(frozen=True)
class Word:
    text: str       # as written
    folded: str     # lowercase, ё->е, Kazakh letters folded to Russian
    start: int
    end: int
    sentence: int
    index: int

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


def words(text: str) -> list[Word]:
    bounds = [m.end() for m in _SENTENCE_END.finditer(text)]
    out: list[Word] = []
    sent = 0
    for i, m in enumerate(WORD_RE.finditer(text)):
        while sent < len(bounds) and m.start() >= bounds[sent]:
            sent += 1
        out.append(Word(m.group(0), ru_fold(m.group(0)), m.start(), m.end(), sent, i))
    return out


ADJ_ENDINGS = ("ий", "ый", "ая", "ое", "ой", "ого", "ому", "ым", "ом", "ую", "ие", "ые",
               "их", "ых", "им", "ими", "ыми", "ей", "его", "ему", "ем", "яя", "юю")


def adjective_of(folded: str, stem: str) -> bool:
    """`кызылординской` is an adjective form of the stem `кызылординск`."""
    return folded.startswith(stem) and folded[len(stem):] in ADJ_ENDINGS
