"""What hostile records and requests turn into on the page, in exports and in JSON."""
import csv
import io
import json

import pytest

from indexer.build import build
from webapp import create_app

from .helpers import write_jsonl


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    corpus = write_jsonl(tmp / "hostile.jsonl", [
        {"id": "formula", "title": "=HYPERLINK(\"http://evil/\",\"click\")", "date": "2019-05-01",
         "text": "+cmd|' /C calc'!A0 В Кызылорде прошла встреча.", "url": "https://example.org/a",
         "projects": ["@SUM(1+1)"], "officials": ["-2+3 Иванов"]},
        {"id": "js-link", "text": "В Павлодаре прошла встреча с ветеранами.", "url": "javascript:alert(1)"},
        {"id": "data-link", "text": "В Павлодаре прошла встреча с молодежью.", "url": "data:text/html,<b>x</b>"},
        {"id": "a/../b?c#d e", "text": "В Костанае прошла встреча активистов."},
        {"id": "rlo", "text": "В Караганде прошла встреча депутатов.",
         "region": ["Караганда\u202e"], "projects": ["\u200bQutty\u200d meken\u2066"], "title": "Загол\u200bовок\u202e"},
        {"id": "tab\tid", "text": "В Атырау прошла встреча."},
        {"id": "nul\x00id", "text": "В Атырау прошла встреча."},
        {"id": "ok", "text": "партии партии партии", "url": "http://example.org/ok"},
    ])
    ix = tmp / "ix"
    summary = build([corpus], ix, progress=False)
    app = create_app({"INDEX_DIR": str(ix), "TESTING": True})
    c = app.test_client()
    c.summary = summary
    return c


def test_csv_cells_never_start_a_formula(hostile_client):
    r = hostile_client.get("/api/search.csv?q=встреча")
    assert r.headers["Content-Type"] == "text/csv; charset=utf-8"  # charset once
    rows = list(csv.DictReader(io.StringIO(r.data.decode("utf-8").lstrip("\ufeff"))))
    row = next(x for x in rows if x["id"] == "formula")
    assert row["title"] == "'=HYPERLINK(\"http://evil/\",\"click\")"
    assert row["text"].startswith("'+cmd")
    assert row["projects"] == "'@SUM(1+1)" and row["officials"] == "'-2+3 Иванов"
    for x in rows:
        for value in x.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), x


def test_export_content_types_and_partial_header(hostile_client):
    r = hostile_client.get("/api/search.jsonl?q=встреча")
    assert r.headers["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert r.headers["X-Export-Partial"] == "false"


def test_export_cut_by_the_time_limit_says_so(hostile_client, monkeypatch):
    archive = hostile_client.application.extensions["archive"]
    monkeypatch.setattr(archive, "settings", archive.settings.but(time_limit=0.0))
    r = hostile_client.get("/api/search.csv?q=встре*")
    assert r.status_code == 200 and r.headers["X-Export-Partial"] == "true"
    r = hostile_client.get("/api/search.jsonl?q=встре*")
    assert r.headers["X-Export-Partial"] == "true"


def test_only_http_and_https_links(hostile_client):
    for doc_id in ("js-link", "data-link"):
        assert hostile_client.get(f"/api/doc/{doc_id}").get_json()["url"] is None
        html = hostile_client.get(f"/doc/{doc_id}").data.decode()
        assert "javascript:" not in html and "data:text" not in html and "источник" not in html
    assert 'href="https://example.org/a"' in hostile_client.get("/doc/formula").data.decode()


def test_ids_with_slashes_and_dots_are_encoded_in_links(hostile_client):
    html = hostile_client.get("/?q=Костанае").data.decode()
    assert 'href="/doc/a%2F..%2Fb%3Fc%23d%20e?q=' in html
    r = hostile_client.get("/doc/a%2F..%2Fb%3Fc%23d%20e")
    assert r.status_code == 200 and "активистов" in r.data.decode()
    assert hostile_client.get("/api/doc/a%2F..%2Fb%3Fc%23d%20e").get_json()["id"] == "a/../b?c#d e"


def test_ids_with_control_characters_are_rejected_at_index_time(hostile_client):
    reasons = [p.reason for p in hostile_client.summary.report.problems]
    assert sum("control character" in r for r in reasons) == 2, reasons
    ids = {h["id"] for h in hostile_client.get("/api/search?q=Атырау").get_json()["hits"]}
    assert ids == set()


def test_invisible_format_characters_are_stripped_at_index_time(hostile_client):
    doc = hostile_client.get("/api/doc/rlo").get_json()
    assert doc["region"] == ["Карагандинская область"]
    assert doc["projects"] == ["Qutty meken"] and doc["title"] == "Заголовок"
    # a filter value sent with them is the value without them
    assert hostile_client.get("/api/search?region=Караганда%E2%80%AE&region=%E2%80%8B").get_json()["total"] == \
        hostile_client.get("/api/search?region=Караганда").get_json()["total"] == 1
    facets = hostile_client.get("/api/search").get_json()["facets"]
    for values in facets.values():
        for v in values:
            assert not any(ch in v["value"] for ch in "\u202e\u200b\u200d\u2066"), v


@pytest.mark.parametrize("boost", ["1" + "0" * 40, "99999999999999999999999999999999999999999", "1" + "0" * 400])
def test_scores_stay_finite_json(client, boost):
    r = client.get(f"/api/search?q=партии^{boost}")
    assert r.status_code == 200 and r.get_json()["total"] > 0
    text = r.data.decode()
    assert "Infinity" not in text and "NaN" not in text
    json.loads(text, parse_constant=lambda c: pytest.fail(f"not JSON: {c}"))
    assert all(isinstance(h["score"], float) for h in r.get_json()["hits"])
    r = client.get(f"/api/search.jsonl?q=партии^{boost}")
    assert "Infinity" not in r.data.decode()
    r = client.get(f"/api/search?q=партии^{boost} OR партии^{boost} OR партии")
    assert "Infinity" not in r.data.decode()


@pytest.mark.parametrize("method, url, status", [
    ("GET", "/api/nothing-here", 404), ("POST", "/api/search", 405), ("DELETE", "/api/doc/dev-001", 405),
    ("GET", "/api/", 404), ("PUT", "/healthz", 405),
])
def test_errors_under_api_are_json(client, method, url, status):
    r = client.open(url, method=method)
    assert r.status_code == status and r.mimetype == "application/json"
    assert r.get_json()["error"]


def test_unknown_pages_are_russian_html(client):
    r = client.get("/no/such/page")
    assert r.status_code == 404 and r.mimetype == "text/html" and "не найдена" in r.data.decode()


@pytest.mark.parametrize("query, reason", ids=["51 words", "1001 chars", "51 values"], argvalues=[
    ("q=" + "+".join(["слово"] * 51), "слов"), ("q=" + "я" * 1001, "знак"),
    ("region=" + "&region=".join(f"r{i}" for i in range(51)), "значений"),
])
def test_the_page_answers_400_in_russian_for_queries_over_the_limits(client, query, reason):
    r = client.get("/?" + query)
    assert r.status_code == 400 and r.mimetype == "text/html"
    html = r.data.decode()
    assert reason in html and "Ошибка в запросе" in html
    assert client.get("/api/search?" + query).status_code == 400  # the API: English JSON
    assert "at most" in client.get("/api/search?" + query).get_json()["error"]
