"""Script folding shared by the analyzer, the gazetteer and the extractors.

Kazakh appears in three spellings in this archive: Kazakh Cyrillic («Құтты мекен»),
the Russian keyboard («Кутты мекен») and the party's 2018 Latin («Qutty meken»).
`ru_fold` maps Kazakh letters to the conventional Russian ones; `translit_key` maps
every script to one plain Latin key so that all three spellings meet.
"""
from __future__ import annotations

import re

KAZAKH_LETTERS = set("әғқңөұүһі")

_RU_FOLD = str.maketrans({
    "ё": "е", "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о",
    "ұ": "у", "ү": "у", "һ": "х", "і": "и",
})

_CYR_TO_LAT = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e",
    "ё": "e", "ж": "j", "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k",
    "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "iu", "я": "ia",
}

# Latin Kazakh of 2018 and 2021 and English transcriptions, folded to the same key.
_LAT_FOLD = str.maketrans({
    "á": "a", "ä": "a", "ǵ": "g", "ğ": "g", "ı": "i", "ń": "n", "ñ": "n",
    "ó": "o", "ö": "o", "ú": "u", "ü": "u", "ū": "u", "ý": "u", "ş": "sh",
    "q": "k", "w": "u", "x": "h", "c": "ts", "é": "e",
})
_LAT_DIGRAPHS = [("zh", "j"), ("kh", "h"), ("yu", "iu"), ("ya", "ia"), ("iy", "i")]

_DASHES = re.compile(r"[\u2010-\u2015\u2212-]")
_SPACES = re.compile(r"\s+")
_QUOTES = re.compile(r"[«»\"“”„'‘’]")


def ru_fold(text: str) -> str:
    """Lowercase, ё -> е, Kazakh letters -> their usual Russian spelling."""
    return text.lower().translate(_RU_FOLD)


def has_kazakh(text: str) -> bool:
    return any(ch in KAZAKH_LETTERS for ch in text.lower())


def is_latin(word: str) -> bool:
    return any("a" <= ch <= "z" or "\u00c0" <= ch <= "\u024f" for ch in word.lower())


def translit_key(text: str) -> str:
    """One Latin key for a word in any of the three scripts (`Құтты` = `Qutty` = `Кутты`)."""
    out = []
    for ch in text.lower():
        out.append(_CYR_TO_LAT.get(ch, ch))
    key = "".join(out).translate(_LAT_FOLD)
    for a, b in _LAT_DIGRAPHS:
        key = key.replace(a, b)
    return key


def norm_label(text: str) -> str:
    """Comparison form of a facet label: casefold, ё->е, uniform dashes, quotes and spaces."""
    text = _QUOTES.sub("", text)
    text = _DASHES.sub("-", text)
    text = re.sub(r"\s*-\s*", " - ", text) if " -" in text or "- " in text else text
    return _SPACES.sub(" ", text).strip().casefold().replace("ё", "е")


def phrase_key(text: str) -> str:
    """Script-independent key of a multi-word name: translit of each word, dashes dropped."""
    words = re.findall(r"[^\W_]+", text.lower())
    return " ".join(translit_key(w) for w in words)


# Latin and Greek letters that look like Cyrillic ones, as typed or OCRed inside Cyrillic
# words («Нурлaн» with a Latin «a», «Аκмола» with a Greek «κ»). A Latin «i» inside a
# Cyrillic word is the Kazakh «і» written with the wrong key.
_HOMOGLYPHS = str.maketrans(
    "aceopxyiABCEHIKMOPTX" "οκαερτιχΟΚΑΒΕΗΜΡΤΧΙ",
    "асеорхуіАВСЕНІКМОРТХ" "окаертіхОКАВЕНМРТХІ",
)
# words first, then their letters: a pattern that looked for a Latin letter inside a word
# backtracked over every start of a long one (a 20,000-letter word took 6 s)
_LETTERS = re.compile(r"[^\W\d_]+")
_LATIN_OR_GREEK = re.compile(r"[a-zA-Z\u0370-\u03ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def fix_homoglyphs(text: str) -> str:
    """Cyrillic look-alikes inside words that mix scripts; same length, so offsets hold.

    A word wholly in Latin («Nur Otan», «Qutty») is left alone: only a word that also
    has Cyrillic letters is taken for a Cyrillic word with stray look-alikes."""
    out = None
    for m in _LETTERS.finditer(text):
        word = m.group(0)
        if _LATIN_OR_GREEK.search(word) and _CYRILLIC.search(word):
            if out is None:
                out = list(text)
            out[m.start(): m.end()] = word.translate(_HOMOGLYPHS)
    return text if out is None else "".join(out)
