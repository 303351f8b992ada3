"""Page bytes to text: UTF-8 when the bytes are UTF-8 (whatever the page declares), else the
declared charset when it decodes cleanly, else charset-normalizer's guess (windows-1251 or
KOI8-R pages that declare nothing or the wrong thing)."""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from . import ItemError

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_C1 = re.compile(r"[\x80-\x9f]")
SNIFF_BYTES = 4096
GUESS_BYTES = 65536  # charset-normalizer reads a sample: its cost grows with the input


def declared_charset(raw: bytes) -> str | None:
    m = _DECLARED.search(raw[:SNIFF_BYTES])
    return m.group(1).decode("ascii").lower() if m else None


def _codec(name: str | None) -> str | None:
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return None


# Russian single-byte encodings decode one another's bytes without an error: windows-1251
# read as KOI8-R (a page that declares the wrong one) comes out as capitals with a few
# lower-case letters. Prose is mostly lower case, so the reading with more of it wins.
_CYRILLIC_SINGLE_BYTE = tuple(codecs.lookup(n).name for n in ("cp1251", "koi8-r", "koi8-u", "iso8859-5", "cp866"))


def _lower_cyrillic(text: str) -> int:
    return sum("\u0430" <= c <= "\u045f" for c in text)


def _likelier_cyrillic(raw: bytes, name: str, text: str) -> str:
    if name not in _CYRILLIC_SINGLE_BYTE:
        return text
    upper = sum("\u0400" <= c <= "\u042f" for c in text)
    if upper <= _lower_cyrillic(text):
        return text
    best, lower = text, _lower_cyrillic(text)
    for other in _CYRILLIC_SINGLE_BYTE:
        try:
            candidate = raw.decode(other)
        except UnicodeDecodeError:
            continue
        if not _C1.search(candidate) and _lower_cyrillic(candidate) > lower:
            best, lower = candidate, _lower_cyrillic(candidate)
    return best


def decode(raw: bytes, declared: str | None = None) -> str:
    """The page's text; ItemError when the bytes are not text in any encoding."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace")
    if b"\x00" in raw[:SNIFF_BYTES]:
        raise ItemError("not a text page (binary data)")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for name in (_codec(declared), _codec(declared_charset(raw))):
        if name and name != "utf-8":
            try:
                text = raw.decode(name)
            except UnicodeDecodeError:
                continue
            if not _C1.search(text):
                return _likelier_cyrillic(raw, name, text)
    best = from_bytes(raw[:GUESS_BYTES]).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        raise ItemError("bad encoding: the bytes are in no encoding that could be recognised")
    text = raw.decode(best.encoding, errors="replace")
    if text.count("\ufffd") > len(text) // 100:
        raise ItemError(f"bad encoding: not decodable as {best.encoding}")
    return text
