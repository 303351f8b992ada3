"""Following a story: entity summaries and similar items (indexer/entities.py, indexer/similar.py)."""
import json

import pytest

from indexer.entities import canonical, entity, nearest
from indexer.search import SearchParams, search
from indexer.similar import similar

from .helpers import SHARED


def test_an_alias_in_another_case_is_the_same_official(archive):
    assert canonical("official", "Куанышбека Искакова") == "Куанышбек Искаков"
    e = entity(archive, "official", "куанышбек  искаков")
    assert e["value"] == "Куанышбек Искаков"
    assert e["total"] == search(archive, SearchParams(official=["Куанышбек Искаков"]))["total"] > 0


def test_timeline_and_undated_add_up_to_the_total(archive):
    e = entity(archive, "project", "Құтты мекен")
    assert e["value"] == "Qutty meken"
    assert sum(m["count"] for m in e["timeline"]) + e["undated"] == e["total"]
    assert e["timeline"][0]["month"] == e["first"][:7] and e["timeline"][-1]["month"] == e["last"][:7]
    dates = [h["date"] for h in e["latest"] if h["date"]]
    assert dates == sorted(dates, reverse=True)
    assert "Qutty meken" not in [v["value"] for v in e["related"]["project"]]


def test_an_unknown_name_has_no_page_but_near_names(archive):
    assert entity(archive, "official", "Куанышбек Искаковв") is None
    assert "Куанышбек Искаков" in [v["value"] for v in nearest(archive, "official", "Куанышбек Искаковв")]
    assert entity(archive, "place", "ж" * 5000) is None


def test_similar_leaves_out_the_item_itself_and_says_why(archive):
    s = similar(archive, "dev-024", limit=5)
    ids = [x["id"] for x in s["similar"]]
    assert "dev-024" not in ids and len(ids) == len(set(ids)) > 0
    assert all(x["reason"].startswith("общие: ") for x in s["similar"])
    assert similar(archive, "нет-такого") is None


def test_similar_items_share_the_story_on_the_dev_set(archive):
    labels = SHARED / "dev_corpus" / "dev_labels.json"
    if not labels.exists():
        pytest.skip(f"{labels} is absent (the shared dev set sits beside the repo)")
    docs = json.loads(labels.read_text("utf-8"))["docs"]
    ok = cases = 0
    for doc_id, gold in docs.items():
        officials, projects = set(gold.get("officials", [])), set(gold.get("projects", []))
        others = [o for k, o in docs.items() if k != doc_id]
        if not any(officials & set(o.get("officials", [])) for o in others) or \
                not any(projects & set(o.get("projects", [])) for o in others):
            continue
        cases += 1
        top = similar(archive, doc_id, limit=3)["similar"]
        if any(officials & set(docs.get(x["id"], {}).get("officials", []))
               or projects & set(docs.get(x["id"], {}).get("projects", [])) for x in top):
            ok += 1
    assert cases >= 3, "the dev set should have items sharing an official and a project"
    assert ok / cases >= 0.8, f"{ok} of {cases}"


def test_cli_since_lists_newer_items_newest_first(bundled_index, capsys):
    from indexer.cli import main

    assert main(["search", "--index", str(bundled_index), "--since", "2021-01-01", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    dates = [h["date"] for h in hits]
    assert hits and all(d >= "2021-01-01" for d in dates) and dates == sorted(dates, reverse=True)
    assert main(["search", "--index", str(bundled_index), "--since", "вчера"]) == 2


def test_cli_undated_lists_only_items_without_a_date(bundled_index, capsys):
    from indexer.cli import main

    assert main(["search", "--index", str(bundled_index), "--undated", "--per-page", "100", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["hits"] and all(h["date"] is None for h in answer["hits"])
    assert answer["total"] == answer["undated"]
    assert main(["search", "--index", str(bundled_index), "--undated", "--from", "2019-01-01"]) == 2
