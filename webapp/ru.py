"""Russian as the pages write it: dates, month names, and a noun agreeing with its number."""
from __future__ import annotations

from indexer.morphology import plural  # noqa: F401  (the pages' filter; the search's messages use it too)

MONTHS_GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                   "октября", "ноября", "декабря"]
MONTHS_NOMINATIVE = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
                     "октябрь", "ноябрь", "декабрь"]
MONTHS_SHORT = ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]


def ru_date(iso: str | None) -> str:
    """2019-03-15 -> «15 марта 2019», as a Russian reader writes it."""
    if not iso or len(iso) != 10:
        return iso or ""
    return f"{int(iso[8:])} {MONTHS_GENITIVE[int(iso[5:7]) - 1]} {iso[:4]}"


def ru_numeric_date(iso: str | None) -> str:
    """2019-03-15 -> 15.03.2019 (the form of a date field in Russian)."""
    return f"{iso[8:]}.{iso[5:7]}.{iso[:4]}" if iso and len(iso) == 10 else (iso or "")


def ru_month(key: str) -> str:
    """2019-03 -> «март 2019»."""
    return f"{MONTHS_NOMINATIVE[int(key[5:7]) - 1]} {key[:4]}"
