"""Party projects named in guillemets, in one canonical spelling across scripts.

A known project (data/projects.json) counts wherever it stands in quotes (one that also
names a fund, `needs_cue`, only after «проект…»; one that also names an action, not
after «акция», `not_after`); any other
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
             "организац", "компани", "движени", "общественн", "бизнес-проект", "инвестиц",
             "республиканск", "национальн", "международн")
# «Мерейлі отбасы» («Счастливая семья»): a translation in brackets is the name before it
_GLOSS = re.compile(r"\s*\(\s*")


@lru_cache(maxsize=1)
def _tables():
    data = load_json("projects.json")
    known: dict[str, str] = {}
    needs_cue: set[str] = set()
    not_after: dict[str, tuple[str, ...]] = {}
    for p in data["projects"]:
        for spelling in [p["name"], *p.get("aliases", [])]:
            known[phrase_key(spelling)] = p["name"]
        if p.get("needs_cue"):
            needs_cue.add(p["name"])
        if p.get("not_after"):
            not_after[p["name"]] = tuple(p["not_after"])
    negative = {phrase_key(n) for n in data["not_projects"]}
    return known, negative, needs_cue, not_after


def canonical_project(value: str) -> str:
    """The canonical spelling of a project written in any script or spelling."""
    known = _tables()[0]
    return known.get(phrase_key(value), " ".join(value.strip(" «»\"").split()))


def project_named_by(text: str) -> str | None:
    """The known project a query phrase names in any script, spelling or language
    («Будущее без барьеров», «Kedergisiz keleshek»), or None."""
    return _tables()[0].get(phrase_key(text))


def value_names() -> dict[str, set[str]]:
    """Each known project's other spellings (scripts, languages)."""
    return {p["name"]: set(p.get("aliases", [])) for p in load_json("projects.json")["projects"]}


def _cue_before(text: str, start: int) -> bool:
    """«в рамках проекта «X»», «партийного проекта «X»»: a project word right before the name."""
    before = ru_fold(text[max(0, start - 60): start])
    tail = re.findall(r"[^\W\d_]+", before)[-4:]
    if not any(w.startswith("проект") for w in tail[-2:]):
        return False
    return not any(w.startswith(NOT_PARTY) for w in tail)


def _word_before(text: str, start: int) -> str:
    tail = re.findall(r"[^\W\d_]+", ru_fold(text[max(0, start - 30): start]))
    return tail[-1] if tail else ""


def find_projects(text: str) -> list[str]:
    known, negative, needs_cue, not_after = _tables()
    found: dict[str, None] = {}
    listed_until = -1  # «A», «B» и «C» after one «проектов»: the cue carries along the list
    previous_end, previous_project = -1, False
    for m in QUOTED.finditer(text):
        name = next(g for g in m.groups() if g is not None).strip()
        gloss = previous_end >= 0 and _GLOSS.fullmatch(text[previous_end:m.start()]) is not None
        was_project, previous_end, previous_project = previous_project, m.end(), False
        if gloss and not was_project:
            continue  # the translation of a name that is no project
        key = phrase_key(name)
        in_list = listed_until >= 0 and _LIST_GLUE.fullmatch(text[listed_until:m.start()]) is not None
        listed_until = -1
        if not key or key in negative:
            continue
        if key in known:
            project = known[key]
            if project in not_after and _word_before(text, m.start()).startswith(not_after[project]):
                continue  # «акция «Біз біргеміз»»: the same name for an action
            if project in needs_cue and not (in_list or _cue_before(text, m.start())):
                continue
            found[project] = None
        elif in_list or _cue_before(text, m.start()):
            found[" ".join(name.split())] = None
        else:
            continue
        previous_project = True
        listed_until = m.end()
    return list(found)
