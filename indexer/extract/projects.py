"""Party projects named in guillemets, in one canonical spelling across scripts.

A known project (data/projects.json) counts wherever it stands in quotes; any other
quoted name counts only when the text calls it a project just before it and does not
call it a state programme, a contest, a private project or an organisation.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import load_json
from ..textnorm import phrase_key, ru_fold

_LIST_GLUE = re.compile(r"\s*(,|и|а также)?\s*")
QUOTED = re.compile(r"«([^«»]{2,80})»|\"([^\"]{2,80})\"|„([^„“”]{2,80})[“”]")
NOT_PARTY = ("государствен", "госпрограм", "программ", "частн", "конкурс", "акци", "фонд",
             "организац", "компани", "движени", "общественн", "бизнес-проект", "инвестиц")


@lru_cache(maxsize=1)
def _tables():
    data = load_json("projects.json")
    known: dict[str, str] = {}
    for p in data["projects"]:
        for spelling in [p["name"], *p.get("aliases", [])]:
            known[phrase_key(spelling)] = p["name"]
    negative = {phrase_key(n) for n in data["not_projects"]}
    return known, negative


def canonical_project(value: str) -> str:
    """The canonical spelling of a project written in any script or spelling."""
    known, _ = _tables()
    return known.get(phrase_key(value), " ".join(value.strip(" «»\"").split()))


def _cue_before(text: str, start: int) -> bool:
    """«в рамках проекта «X»», «партийного проекта «X»»: a project word right before the name."""
    before = ru_fold(text[max(0, start - 60): start])
    tail = re.findall(r"[^\W\d_]+", before)[-4:]
    if not any(w.startswith("проект") for w in tail[-2:]):
        return False
    return not any(w.startswith(NOT_PARTY) for w in tail)


def find_projects(text: str) -> list[str]:
    known, negative = _tables()
    found: dict[str, None] = {}
    listed_until = -1  # «A», «B» и «C» after one «проектов»: the cue carries along the list
    for m in QUOTED.finditer(text):
        name = next(g for g in m.groups() if g is not None).strip()
        key = phrase_key(name)
        in_list = listed_until >= 0 and _LIST_GLUE.fullmatch(text[listed_until:m.start()]) is not None
        listed_until = -1
        if not key or key in negative:
            continue
        if key in known:
            found[known[key]] = None
        elif in_list or _cue_before(text, m.start()):
            found[" ".join(name.split())] = None
        else:
            continue
        listed_until = m.end()
    return list(found)
