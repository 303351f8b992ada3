"""Word-level corrections from one index generation's own vocabulary (symspellpy).

A `Vocabulary` holds the index's most frequent content terms (lemmas, their Latin keys)
with their document frequencies, and the case forms of the known names (officials,
places from indexer/data) whose lemma the index has. `candidates(word)` gives the terms
one word may have meant, by four routes:

- a typo: Damerau-Levenshtein (optimal string alignment) within 1 edit for words of up
  to 5 letters, 2 for longer ones, by symspellpy's symmetric-delete lookup (~0.4 ms a
  word; scanning the vocabulary with rapidfuzz was ~80 ms);
- Kazakh and Russian letters: the word is folded as the index folds (ұ/у, қ/к, ғ/г, ә/а,
  ө/о, ү/у, і/и, һ/х, ң/н), so `Қызылордп` is one edit from `кызылорда`;
- the wrong keyboard layout, both ways (`Bcrfrjd` -> `искаков`, `ghbtv` -> `прием`);
- Latin transliteration, both ways: a Latin word is spelt in Cyrillic (`Iskakof` ->
  `искакоф`, one edit from `искаков`), and any word is compared by its
  script-independent key (`Кутты` meets `qutty`).
"""
from __future__ import annotations

import math
import os
import pickle
import re
from dataclasses import dataclass
from pathlib import Path

from .gazetteer import gazetteer
from .textnorm import fix_homoglyphs, is_latin, ru_fold, translit_key

MAX_TERMS = 50_000      # the most frequent terms of a generation kept for suggestions
FILE = "suggest.pickle"  # a generation's vocabulary, written by the indexer
FORMAT = 1              # bump when Vocabulary's attributes change: older files are rebuilt
SHORT_WORD = 5          # up to this many letters: 1 edit, longer: 2
PER_WORD = 4            # candidates kept per word
PREFIX = 5              # symspellpy's prefix length (memory against lookup time)

# ЙЦУКЕН and QWERTY, key by key (a word typed with the other layout switched on)
_QWERTY = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
_JCUKEN = "йцукенгшщзхъфывапролджэячсмитьбюё"
_TO_CYR = str.maketrans(_QWERTY + _QWERTY.upper(), _JCUKEN + _JCUKEN.upper())
_TO_LAT = str.maketrans(_JCUKEN + _JCUKEN.upper(), _QWERTY + _QWERTY.upper())

# Latin (English transcription, Kazakh Latin of 2018/2021) -> Russian Cyrillic
_LAT_MULTI = [("shch", "щ"), ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"),
              ("yu", "ю"), ("iu", "ю"), ("ya", "я"), ("ia", "я"), ("yo", "е"), ("ye", "е")]
_LAT_ONE = str.maketrans({
    "a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "e": "е", "z": "з", "i": "и", "j": "ж",
    "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т",
    "u": "у", "f": "ф", "h": "х", "c": "ц", "y": "ы", "q": "к", "w": "у", "x": "х",
    "á": "а", "ä": "а", "ǵ": "г", "ğ": "г", "ı": "ы", "ń": "н", "ñ": "н", "ó": "о", "ö": "о",
    "ú": "у", "ü": "у", "ū": "у", "ý": "у", "ş": "ш", "é": "е",
})
_WORD_ONLY = re.compile(r"[^\W\d_]+")

# how far each route stands from a plain typo (added to the edit distance)
ROUTE_COST = {"typo": 0.0, "script": 0.0, "translit": 0.25, "layout": 0.5, "lemma": 0.5}


def layout_swap(word: str) -> str:
    """The word as the other keyboard layout would have typed it."""
    latin = sum(1 for ch in word.lower() if "a" <= ch <= "z")
    return word.translate(_TO_CYR) if latin * 2 >= len(word) else word.translate(_TO_LAT)


def latin_to_cyrillic(word: str) -> str:
    w = word.lower()
    for a, b in _LAT_MULTI:
        w = w.replace(a, b)
    return w.translate(_LAT_ONE)


def _lemma_guesses(folded: str, most: int = 2) -> list[str]:
    """pymorphy3's normal forms of an unknown word (`ветиранами` -> `ветиран`), other than itself."""
    from .morphology import word_lemmas

    out = [t for t in word_lemmas(folded, query=True)
           if t != folded and _WORD_ONLY.fullmatch(t) and not is_latin(t)]
    return out[:most]


def _inflected(term: str, like: str) -> str:
    """`term` in the case and number pymorphy3 reads in `like` (`ветеран` like `ветиранами`
    -> `ветеранами`), or "" when it cannot say."""
    from .morphology import morph

    m = morph()
    guess = m.parse(like)[0]
    wanted = {g for g in (guess.tag.case, guess.tag.number) if g}
    for p in m.parse(term):
        if p.normal_form == term and p.tag.POS == guess.tag.POS and wanted:
            form = p.inflect(wanted)
            if form is not None:
                return form.word.replace("ё", "е")
    return ""


def max_edits(word: str) -> int:
    return 1 if len(word) <= SHORT_WORD else 2


def fold(word: str) -> str:
    """A word as the index spells its terms: homoglyphs fixed, lower case, ё -> е, Kazakh
    letters as Russian ones."""
    return ru_fold(fix_homoglyphs(word))


@dataclass(frozen=True)
class Candidate:
    term: str          # an index term (or a known name's form) the word may have meant
    distance: int      # edits from the word (after the route's rewriting)
    route: str         # typo, script, translit, layout, or lemma (a typo found by its lemma)
    count: int         # items with that term
    form: str = ""     # the term in the typed word's case and number, when found by its lemma

    @property
    def cost(self) -> float:
        """Lower is likelier: edits first, then a frequent term over a rare one."""
        return self.distance + ROUTE_COST[self.route] - 0.25 * math.log10(1 + self.count)


class Vocabulary:
    """The suggestion dictionary of one index generation (built once, kept with it)."""

    def __init__(self, counts: dict[str, int], meaning: dict[str, str] | None = None):
        """`counts`: term -> items; `meaning`: a known name's case form -> its lemma (forms
        of one name are one candidate, shown in the form nearest to what was typed)."""
        from symspellpy import SymSpell
        from symspellpy.editdistance import DistanceAlgorithm, EditDistance

        self.counts = counts
        self.meaning = meaning or {}
        # prefix 5: a worker holds ~13 MB for 50k terms (prefix 7: ~150 MB), lookups ~0.4 ms
        # editdistpy's compiled Damerau-OSA: the same distances as the pure-Python one, 3x faster
        self.speller = SymSpell(max_dictionary_edit_distance=2, prefix_length=PREFIX,
                                distance_comparer=EditDistance(DistanceAlgorithm.DAMERAU_OSA_FAST))
        self.by_key: dict[str, str] = {}
        for term, n in counts.items():
            self.speller.create_dictionary_entry(term, n)
            key = translit_key(term)
            best = self.by_key.get(key)
            # a key stands for its most frequent spelling, Cyrillic before Latin on a tie
            if best is None or (n, not is_latin(term)) > (counts[best], not is_latin(best)):
                self.by_key[key] = term

    @classmethod
    def from_reader(cls, reader, most: int = MAX_TERMS) -> "Vocabulary":
        """The `most` most frequent content terms of a reader, and the known names' forms.
        Segment by segment: Whoosh's multi-segment `iter_field` merges in Python, 4x slower."""
        import heapq

        df: dict[str, int] = {}
        for sub, _ in reader.leaf_readers():
            for btext, info in sub.iter_field("content"):
                text = btext.decode("utf-8") if isinstance(btext, bytes) else btext
                if _WORD_ONLY.fullmatch(text) and len(text) > 1:
                    df[text] = df.get(text, 0) + info.doc_frequency()
        top = heapq.nlargest(most, df.items(), key=lambda kv: (kv[1], kv[0]))
        counts = dict(top)
        meaning = {}
        for form, lemmas in gazetteer().lemma_override.items():
            n, lemma = max(((counts.get(lemma, 0), lemma) for lemma in lemmas), default=(0, ""))
            if n and form not in counts and _WORD_ONLY.fullmatch(form):
                counts[form], meaning[form] = n, lemma
        return cls(counts, meaning)

    def __len__(self) -> int:
        return len(self.counts)

    def _lookup(self, text: str, route: str, distance: int) -> list[Candidate]:
        from symspellpy import Verbosity

        return [Candidate(s.term, s.distance, route, s.count)
                for s in self.speller.lookup(text, Verbosity.ALL, max_edit_distance=distance)]

    def candidates(self, word: str, limit: int = PER_WORD) -> list[Candidate]:
        """The terms `word` may have meant, likeliest first (never the word itself)."""
        folded = fold(word)
        if not folded or len(folded) > 40:
            return []
        routes = [(folded, "script" if folded != word.lower().replace("ё", "е") else "typo")]
        if is_latin(word):
            routes.append((latin_to_cyrillic(folded), "translit"))
        swapped = fold(layout_swap(word))
        if swapped != folded:
            routes.append((swapped, "layout"))
        if not is_latin(folded):  # an inflected typo is far from its lemma: compare lemma guesses
            routes += [(lemma, "lemma") for lemma in _lemma_guesses(folded)]
        found: dict[str, Candidate] = {}

        def add(c: Candidate):
            meant = self.meaning.get(c.term, c.term)
            if c.term != folded and meant != folded and (meant not in found or c.cost < found[meant].cost):
                found[meant] = c

        for text, route in routes:
            if route == "lemma":
                for c in self._lookup(text, "lemma", max_edits(text)):
                    add(Candidate(c.term, c.distance, "lemma", c.count, _inflected(c.term, folded)))
                continue
            by_key = self.by_key.get(translit_key(text))
            if by_key is not None:
                add(Candidate(by_key, 0, route if route != "typo" else "translit", self.counts[by_key]))
            # a Cyrillic word typed in the Latin layout may also carry a typo; the other way
            # (a Latin name typed in the Russian layout) only its key is looked up
            if _WORD_ONLY.fullmatch(text) and (route != "layout" or not is_latin(text)):
                for c in self._lookup(text, route, max_edits(text)):
                    add(c)
        return sorted(found.values(), key=lambda c: (c.cost, c.term))[:limit]


def save(gen_path: Path, reader) -> Vocabulary:
    """Build a generation's vocabulary and keep it beside the index (written whole, then
    renamed: a reader never sees half a file). Read back with `load_or_build`."""
    vocabulary = Vocabulary.from_reader(reader)
    tmp = Path(gen_path) / (FILE + ".tmp")
    with open(tmp, "wb") as f:
        pickle.dump((FORMAT, vocabulary), f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, Path(gen_path) / FILE)
    return vocabulary


def load_or_build(gen_path: Path, reader) -> Vocabulary:
    """The vocabulary the indexer kept for this generation (~0.3 s to read, against seconds
    to build), else one built now (an index written before this file existed), and saved
    when the folder can be written.
    The file is the indexer's own, like Whoosh's pickled table of contents beside it."""
    try:
        with open(Path(gen_path) / FILE, "rb") as f:
            fmt, vocabulary = pickle.load(f)
        if fmt == FORMAT and isinstance(vocabulary, Vocabulary):
            return vocabulary
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        pass
    try:  # kept for the other workers, where the index folder may be written to
        return save(gen_path, reader)
    except OSError:
        return Vocabulary.from_reader(reader)
