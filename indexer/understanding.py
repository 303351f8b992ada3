"""How a query was read (`understood` in the search answer): what each word became.

For every plain word: the index terms searched (its lemmas, all at one position, and
the script-independent key of a name), the known names it stands for (a region with its
other names, a town or district, an official by surname), the words a hyphenated name
is also searched as; for the whole query, a project it names; and the corrections
applied when the results are for a corrected query. Plain data; the page and the CLI
format it.
"""
from __future__ import annotations

from functools import lru_cache

from . import vocab
from .gazetteer import load_json
from .morphology import analyze
from .query import hyphen_parts
from .textnorm import norm_label, ru_fold


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(region -> its other names, surname lemma -> officials of that surname)."""
    data = load_json("regions.json")
    names: dict[str, list[str]] = {}
    for alias, region in data["aliases"].items():
        if " " not in alias:
            names.setdefault(region, []).append(alias)
    for r in data["regions"]:
        for stem in r.get("adj", []):
            adjective = stem + ("ий" if stem[-1:] in "кгх" else "ый")
            names.setdefault(r["name"], []).append(adjective)
    officials: dict[str, list[str]] = {}
    for off in load_json("officials.json")["officials"]:
        surname = off["name"].partition(" ")[2]
        officials.setdefault(ru_fold(surname), []).append(off["name"])
    return names, officials


def _names(word: str, terms: list[str]) -> list[dict]:
    region_names, officials = _tables()
    out = []
    region = vocab.region_named_by(word)
    if region:
        out.append({"facet": "region", "value": region,
                    "also": [n for n in region_names.get(region, []) if norm_label(n) != norm_label(word)]})
    place = vocab.place_named_by(word)
    if place and place != region:
        out.append({"facet": "place", "value": place})
    for name in dict.fromkeys(n for t in terms for n in officials.get(t, [])):
        out.append({"facet": "official", "value": name})
    return out


def understood(q: str, words: list[str], corrections: list[dict] | None = None) -> dict:
    """`words`: the query's plain words (`suggest.plain_words`); `corrections`: applied ones."""
    out_words = []
    for word in words:
        terms = list(dict.fromkeys(t for _, t in analyze(word)))
        entry = {"word": word, "terms": terms, "names": _names(word, terms)}
        parts = hyphen_parts(word)
        if parts:
            entry["also_as"] = " ".join(parts)
        out_words.append(entry)
    answer = {"words": out_words, "corrections": list(corrections or [])}
    project = vocab.project_named_by(q) if q.strip() else None
    if project:
        answer["project"] = project
    return answer
