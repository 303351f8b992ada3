"""Deterministic generator of realistic archive items for benchmarks and load tests.

    python bench/generate.py N OUT.jsonl [--seed 1]

Items look like the seed: a regional branch, a city in some case, an official in some
case, a party project in guillemets, dates 2015-2023, and running text drawn from real
lemmas inflected by pymorphy3. The vocabulary has a Zipf head (the words of the bundled
corpus) and a long dictionary tail, so distinct word forms keep growing with size.
Output is generated on demand and never committed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import re
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer.gazetteer import decline, load_json, official_name_forms  # noqa: E402
from indexer.morphology import morph  # noqa: E402

CASES = ["nomn", "gent", "datv", "accs", "ablt", "loct"]
VERBS = ["провел", "обсудил", "проверил", "открыл", "посетил", "вручил", "рассмотрел", "поддержал",
         "осмотрел", "организовал", "подвел", "встретился", "поручил", "наградил", "представил"]
OPENERS = ["В {city_loct}", "В рамках проекта «{project}»", "{branch}", "Члены партии «Nur Otan»",
           "Партийцы {region_gen}", "Депутаты маслихата от партии «Nur Otan»"]
BRANCH_ADJ = {"Акмолинская область": "Акмолинский", "Актюбинская область": "Актюбинский",
              "Алматинская область": "Алматинский", "Атырауская область": "Атырауский",
              "Восточно-Казахстанская область": "Восточно-Казахстанский", "Жамбылская область": "Жамбылский",
              "Западно-Казахстанская область": "Западно-Казахстанский", "Карагандинская область": "Карагандинский",
              "Костанайская область": "Костанайский", "Кызылординская область": "Кызылординский",
              "Мангистауская область": "Мангистауский", "Павлодарская область": "Павлодарский",
              "Северо-Казахстанская область": "Северо-Казахстанский", "Туркестанская область": "Туркестанский"}


def _corpus_words() -> list[str]:
    words: list[str] = []
    for f in sorted((ROOT / "corpus").glob("*")):
        text = f.read_text("utf-8")
        words += re.findall(r"[а-яё]{4,}", text.lower())
    return sorted(set(words))


@lru_cache(maxsize=1)
def _tail(size: int) -> list:
    """Dictionary nouns and adjectives, in the dictionary's own (stable) order."""
    out = []
    for p in itertools.islice(morph().iter_known_word_parses(""), 200_000, None):
        tag = p.tag
        if p.score < 0.5 or tag.case != "nomn" or tag.number != "sing":
            continue
        if any(g in tag for g in ("Name", "Surn", "Geox", "Abbr", "Patr", "Orgn", "Infr", "Slng", "Erro")):
            continue
        if tag.POS in ("NOUN", "ADJF") and "-" not in p.word:
            out.append(p)
            if len(out) >= size:
                break
    return out


class Generator:
    def __init__(self, n: int, seed: int = 1):
        self.rng = random.Random(seed)
        m = morph()
        self.head = [m.parse(w)[0] for w in _corpus_words()]
        self.tail = list(_tail(min(200_000, max(2_000, n // 4)))) if n > 2_000 else []
        self.rng.shuffle(self.head)  # which words are frequent: random, but fixed by the seed
        self.rng.shuffle(self.tail)
        data = load_json("regions.json")
        self.places = [p for p in data["places"] if isinstance(p["region"], str) and p["decl"] != "indecl"]
        self.officials = load_json("officials.json")["officials"]
        self.projects = [p["name"] for p in load_json("projects.json")["projects"]]
        self.projects += [a for p in load_json("projects.json")["projects"] for a in p.get("aliases", [])[:1]]

    def _word(self) -> str:
        rng = self.rng
        pool = self.head if (not self.tail or rng.random() < 0.7) else self.tail
        p = pool[int(len(pool) * rng.random() ** 3)]  # skewed: a few words common, most rare
        form = p.inflect({rng.choice(CASES)}) if p.tag.POS in ("NOUN", "ADJF") else None
        return (form or p).word

    def _place(self):
        place = self.rng.choice(self.places)
        forms = sorted(decline(place["name"], place["decl"]))
        loct = next((f for f in forms if f.endswith(("е", "и"))), place["name"])
        return place, loct

    def _official(self) -> str:
        off = self.rng.choice(self.officials)
        firsts, lasts = official_name_forms(off["name"], off.get("f", False))
        return f"{self.rng.choice(sorted(firsts))} {self.rng.choice(sorted(lasts))}"

    def item(self, i: int) -> dict:
        rng = self.rng
        place, loct = self._place()
        region = place["region"]
        adj = BRANCH_ADJ.get(region)
        branch = f"{adj} областной филиал партии «Nur Otan»" if adj else "Столичный филиал партии «Nur Otan»"
        project = rng.choice(self.projects)
        opener = rng.choice(OPENERS).format(city_loct=loct, project=project, branch=branch,
                                            region_gen=place["name"])
        sentences = [f"{opener} {rng.choice(VERBS)} " + " ".join(self._word() for _ in range(rng.randint(6, 14))) + "."]
        if rng.random() < 0.6:
            sentences.append(f"В мероприятии принял участие аким области {self._official()}, "
                             + " ".join(self._word() for _ in range(rng.randint(5, 10))) + ".")
        if rng.random() < 0.5:
            sentences.append(f"Работа ведется в рамках проекта «{project}» "
                             + " ".join(self._word() for _ in range(rng.randint(4, 10))) + ".")
        for _ in range(rng.randint(1, 3)):
            words = " ".join(self._word() for _ in range(rng.randint(8, 18)))
            sentences.append(words[:1].upper() + words[1:] + ".")
        date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(9 * 365))
        title = f"В {loct} " + " ".join(self._word() for _ in range(rng.randint(3, 6)))
        return {"id": f"gen-{i:07d}", "date": date.isoformat(), "title": title, "text": " ".join(sentences)}


def generate(n: int, out: Path, seed: int = 1) -> Path:
    g = Generator(n, seed)
    with open(out, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(g.item(i), ensure_ascii=False) + "\n")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    generate(args.n, args.out, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
