"""A full date stated in the text, for items whose record has none (the TXT format)."""
from __future__ import annotations

import datetime as dt
import re

MONTHS = {m: i for i, m in enumerate(
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(), 1)}
_WORDY = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> str | None:
    """The first complete, valid date in the text as ISO `YYYY-MM-DD`; None if there is none."""
    found = []
    for m in _WORDY.finditer(text):
        found.append((m.start(), _iso(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))))
    for m in _DOTTED.finditer(text):
        found.append((m.start(), _iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))))
    for m in _ISO.finditer(text):
        found.append((m.start(), _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
    for _, iso in sorted(found):
        if iso and "1990-01-01" <= iso <= "2100-01-01":
            return iso
    return None
