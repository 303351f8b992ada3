"""Snippets analyse only the words that can carry a query term: the gate must never drop
a word that the full analysis would mark."""
import json
import random
from pathlib import Path

import pytest

from indexer import snippets
from indexer.morphology import WORD_RE, analyze

SHARED_DEV = Path(__file__).resolve().parents[2] / "shared" / "dev_corpus" / "dev.jsonl"
SEED = Path(__file__).resolve().parents[1] / "corpus"


def _texts() -> list[str]:
    texts = []
    for path in sorted(SEED.glob("*.txt")):
        texts += [line for line in path.read_text("utf-8").splitlines() if line.strip()]
    for path in sorted(SEED.glob("*.jsonl")) + ([SHARED_DEV] if SHARED_DEV.exists() else []):
        texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line.strip()]
    return texts


@pytest.fixture(scope="module")
def cases():
    rng = random.Random(7)
    texts = _texts()
    out = []
    for _ in range(400):
        text = rng.choice(texts)
        words = WORD_RE.findall(text)
        query = " ".join(rng.sample(words, min(len(words), rng.choice((1, 1, 2)))))
        # other texts too: a query's forms in an item it was not drawn from
        out.append((rng.choice(texts) if rng.random() < 0.3 else text, query))
    for query in ("люди", "хороший", "Iskakov", "Кызылорда", "Qutty meken", "Нур-Султан", "идти", "я"):
        out += [(t, query) for t in texts[:40]]
    return out


def test_the_gate_marks_exactly_what_full_analysis_marks(cases, monkeypatch):
    gated = [snippets.marked(text, frozenset(t for _, t in analyze(q, "query"))) for text, q in cases]
    monkeypatch.setattr(snippets, "_gate", lambda terms: None)
    full = [snippets.marked(text, frozenset(t for _, t in analyze(q, "query"))) for text, q in cases]
    assert gated == full
    assert sum(any(m for para in p for _, m in para) for p in full) > 200  # the cases do mark words
