"""Paths and small helpers the tests share (plain functions; fixtures live in conftest)."""
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


def write_jsonl(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


RU = "абвгдежзийклмнопрстуфхцчшщыьэюя"


def one_edit(word: str, rng: random.Random) -> str:
    """A typo: one letter deleted, inserted, replaced, or two neighbours swapped."""
    i = rng.randrange(len(word))
    kind = rng.choice(["delete", "insert", "replace", "swap"])
    if kind == "delete":
        return word[:i] + word[i + 1:]
    if kind == "insert":
        return word[:i] + rng.choice(RU) + word[i:]
    if kind == "swap" and i < len(word) - 1 and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + rng.choice([c for c in RU if c != word[i]]) + word[i + 1:]
