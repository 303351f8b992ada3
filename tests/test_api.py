"""The JSON API through Flask's test client: shape, parameters, errors, exports, OpenAPI."""
import csv
import io
import json

import pytest
from jsonschema import Draft202012Validator



def get_json(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, r.data
    assert r.mimetype == "application/json"
    return r.get_json()


def test_search_answers_spec_shape(client):
    data = get_json(client, "/api/search?q=прием+граждан")
    assert data["query"] == "прием граждан" and data["page"] == 1 and data["per_page"] == 20
    hit = next(h for h in data["hits"] if h["id"] == "seed_snippets-1")
    assert hit["officials"] == ["Куанышбек Искаков"] and hit["region"] == ["Кызылординская область"]
    assert "<mark>прием</mark>" in hit["snippet"]
    assert {"value": "Кызылординская область", "count": 1} in data["facets"]["region"]


def test_repeatable_filters_and_aliases(client):
    one = get_json(client, "/api/search?region=Кызылординская+область")["total"]
    two = get_json(client, "/api/search?region=Кызылординская+область&region=Костанайская+область")["total"]
    kst = get_json(client, "/api/search?region=Костанайская+область")["total"]
    assert two == one + kst
    assert get_json(client, "/api/search?region=Нур-Султан")["total"] == get_json(client, "/api/search?region=Астана")["total"] > 0
    assert get_json(client, "/api/search?project=Құтты+мекен")["total"] == get_json(client, "/api/search?project=Qutty+meken")["total"] > 0


def test_pagination_and_sort(client):
    p1 = get_json(client, "/api/search?sort=date_desc&per_page=5")
    p2 = get_json(client, "/api/search?sort=date_desc&per_page=5&page=2")
    assert p1["total"] == p2["total"] == 52
    assert not {h["id"] for h in p1["hits"]} & {h["id"] for h in p2["hits"]}
    assert p1["hits"][-1]["date"] >= p2["hits"][0]["date"]
    beyond = get_json(client, "/api/search?page=100")
    assert beyond["hits"] == [] and beyond["total"] == 52


@pytest.mark.parametrize("query, name", [
    ("page=0", "page"), ("page=abc", "page"), ("page=-3", "page"), ("per_page=101", "per_page"),
    ("per_page=0", "per_page"), ("sort=random", "sort"), ("date_from=2019-13-01", "date_from"),
    ("date_to=yesterday", "date_to"), ("date_from=2020-01-01&date_to=2019-01-01", "date_from"),
    ("year=19", "year"), ("q=" + "а" * 1001, "q"), ("page=99999999999999", "page"),
])
def test_bad_parameters_are_400_naming_the_parameter(client, query, name):
    data = get_json(client, "/api/search?" + query, 400)
    assert name in data["error"]


def test_doc_and_404(client):
    doc = get_json(client, "/api/doc/dev-024")
    assert doc["officials"] == ["Гульшара Абдыкаликова"] and doc["text"].startswith("Депутаты Кызылординского")
    assert get_json(client, "/api/doc/no-such-id", 404)["error"] == "no document with id 'no-such-id'"


def test_healthz_counts_documents(client):
    assert get_json(client, "/healthz") == {"status": "ok", "documents": 52}


def test_csv_export_is_whole_result_set_with_bom_and_bound(client, app):
    r = client.get("/api/search.csv?q=партии")
    body = r.data.decode("utf-8")
    assert body.startswith("\ufeff") and r.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    total = get_json(client, "/api/search?q=партии")["total"]
    limit = app.config["EXPORT_LIMIT"]
    assert len(rows) == min(total, limit) and total > 20  # more than one page
    assert r.headers["X-Total-Count"] == str(total) and r.headers["X-Export-Limit"] == str(limit)
    assert r.headers["X-Export-Truncated"] == ("true" if total > limit else "false")
    assert any("Кызылординская область" in row["region"] for row in rows)


def test_jsonl_export_matches_search_order(client):
    r = client.get("/api/search.jsonl?region=Астана&sort=date_asc")
    lines = [json.loads(x) for x in r.data.decode("utf-8").splitlines()]
    api = get_json(client, "/api/search?region=Астана&sort=date_asc&per_page=100")
    assert [x["id"] for x in lines] == [h["id"] for h in api["hits"]]
    assert client.get("/api/search.jsonl?per_page=x").status_code == 400


def test_openapi_describes_what_endpoints_return(client):
    spec = get_json(client, "/api/openapi.json")
    assert spec["openapi"].startswith("3.1")
    Draft202012Validator.check_schema(spec["paths"]["/api/search"]["get"]["responses"]["200"]["content"]["application/json"]["schema"])

    def schema(path, status):
        return spec["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"]

    for url in ["/api/search?q=прием+граждан", "/api/search", "/api/search?year=2019",
                "/api/search?q=%22прием", "/api/search?q=Кызылорда&sort=date_desc"]:
        Draft202012Validator(schema("/api/search", "200")).validate(get_json(client, url))
    Draft202012Validator(schema("/api/search", "400")).validate(get_json(client, "/api/search?page=0", 400))
    Draft202012Validator(schema("/api/doc/{id}", "200")).validate(get_json(client, "/api/doc/dev-001"))
    Draft202012Validator(schema("/api/doc/{id}", "404")).validate(get_json(client, "/api/doc/x", 404))
    Draft202012Validator(schema("/healthz", "200")).validate(get_json(client, "/healthz"))
    documented = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    from indexer.registry import FILTERS

    assert documented == {"q", *FILTERS, "date_from", "date_to", "undated", "sort", "page", "per_page", "exact"}


def test_security_headers(client):
    r = client.get("/api/search")
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_missing_index_is_503_json(tmp_path):
    from webapp import create_app

    c = create_app({"INDEX_DIR": str(tmp_path / "none")}).test_client()
    r = c.get("/api/search?q=x")
    assert r.status_code == 503 and "newsarchive index" in r.get_json()["error"]
    # the server's paths are not shown to clients (they stay in the log)
    for url in ("/api/search?q=x", "/healthz", "/api/doc/x", "/", "/doc/x", "/api/search.csv"):
        r = c.get(url)
        assert r.status_code == 503 and str(tmp_path) not in r.get_data(as_text=True), url


def test_scores_with_a_query_in_any_order_null_when_browsing(client):
    by_date = get_json(client, "/api/search?q=партии&sort=date_desc")["hits"]
    assert by_date and all(isinstance(h["score"], float) and h["score"] > 0 for h in by_date)
    assert all(h["score"] is None for h in get_json(client, "/api/search?sort=date_desc")["hits"])


def test_untitled_items_get_their_first_sentence_as_headline(client):
    doc = get_json(client, "/api/doc/seed_snippets-7")
    assert doc["title"] == ""
    # the first sentence, cut at a word boundary when it is long
    assert doc["headline"] == ("Первичные партийные организации «Nur Otan» должны стать местом общения "
                               "партийцев и площадкой для решения …")
    other = get_json(client, "/api/doc/seed_snippets-11")["headline"]
    assert other == ("В Кызылорде состоялись партийные слушания, на которых были рассмотрены два вопроса – "
                     "выполнение в регионе …")
    hit = get_json(client, "/api/search?q=Сарыарка")["hits"][0]
    assert hit["id"] == "seed_snippets-7" and hit["headline"] == doc["headline"]
    titled = get_json(client, "/api/doc/dev-001")
    assert titled["headline"] == titled["title"] == "Студенты Астаны расчистили дворы пожилых людей от снега"


def test_facet_choices_offer_the_other_values_of_a_filtered_facet(client):
    everything = {f["value"]: f["count"] for f in get_json(client, "/api/search?q=проекта")["facets"]["region"]}
    data = get_json(client, "/api/search?q=проекта&region=Астана")
    assert [f["value"] for f in data["facets"]["region"]] == ["Астана"]  # SPEC: over the result set
    assert {f["value"]: f["count"] for f in data["facet_choices"]["region"]} == everything
    assert "project" not in data["facet_choices"]  # only filtered facets


def test_a_workers_lemma_cache_stays_bounded_whatever_users_type(bundled_index):
    """Memory stays flat under any query mix: the serving cache has a fixed bound."""
    from indexer import morphology
    from webapp import create_app

    client = create_app({"INDEX_DIR": str(bundled_index), "TESTING": True, "LEMMA_CACHE": 300}).test_client()
    try:
        assert morphology.cache_info().maxsize == 300
        words = [f"слово{i}" for i in range(1000)]
        for start in range(0, len(words), 25):
            r = client.get("/api/search", query_string={"q": " OR ".join(words[start:start + 25])})
            assert r.status_code == 200
        assert morphology.cache_info().currsize <= 300
    finally:
        morphology.limit_cache(morphology.SERVE_CACHE_SIZE)


def test_the_name_tables_are_built_when_the_app_is_created_not_on_a_first_request(tmp_path):
    """gunicorn preloads the app and then forks: tables built here are shared by every worker."""
    import subprocess
    import sys

    from .helpers import ROOT

    code = ("from webapp import create_app; create_app({'INDEX_DIR': %r}); "
            "from indexer.extract import regions, projects, officials; "
            "print(regions.tables.cache_info().currsize, projects._tables.cache_info().currsize, "
            "officials._tables.cache_info().currsize)" % str(tmp_path / "none"))
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["1", "1", "1"]


def test_month_filter_takes_a_year_and_month_and_refuses_anything_else(client):
    r = client.get("/api/search", query_string={"month": "2019-04"}).get_json()
    assert r["total"] >= 1 and all(h["date"].startswith("2019-04") for h in r["hits"])
    bad = client.get("/api/search", query_string={"month": "сентябрь"})
    assert bad.status_code == 400 and "month" in bad.get_json()["error"]


def test_letters_without_a_unicode_name_are_searched_not_a_500(client, tmp_path):
    # Tangut ideographs have no name in Python's tables: pymorphy3's shape check raised on them
    r = client.get("/api/search", query_string={"q": "партии \U00017000\U00017001"})
    assert r.status_code == 200 and r.get_json()["total"] == 0
    from indexer.corpus import Record
    from indexer.extract import extract

    facets = extract(Record(id="t", text="Партийцы \U00017000 Кызылорды провели субботник."))
    assert facets["region"] == ["Кызылординская область"]
