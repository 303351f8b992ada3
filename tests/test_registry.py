"""One definition per facet: every facet of the registry reaches every surface, and the
place facet (the one added through the registry) works end to end."""
import csv
import io
import subprocess
import sys

import pytest

from indexer.registry import EXTRACTED, FACETS, IN_ANSWER

from .helpers import ROOT


def test_every_facet_reaches_the_api_the_openapi_description_the_page_and_exports(client):
    answer = client.get("/api/search", query_string={"q": "партии"}).get_json()
    spec = client.get("/api/openapi.json").get_json()
    params = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    result = spec["paths"]["/api/search"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    page = client.get("/?q=партии").get_data(as_text=True)
    header = next(csv.reader(io.StringIO(client.get("/api/search.csv?q=партии").get_data(as_text=True).lstrip("\ufeff"))))
    hit = answer["hits"][0]
    doc = client.get(f"/api/doc/{hit['id']}").get_json()
    for f in FACETS:
        assert f.name in params, f.name
        assert f.name in result["properties"]["facets"]["properties"], f.name
        if f.in_answer:
            assert f.name in answer["facets"], f.name
            assert f'id="facet-{f.name}"' in page, f.name
    for f in EXTRACTED:
        assert f.hit_key in hit and f.hit_key in doc and f.hit_key in header, f.name
        assert f.hit_key in result["properties"]["hits"]["items"]["required"], f.name
    assert set(IN_ANSWER) <= set(answer["facets"])


def test_every_facet_is_a_cli_filter():
    out = subprocess.run([sys.executable, "-m", "indexer.cli", "search", "--help"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    for f in FACETS:
        assert f"--{f.name}" in out


# --- the place facet ----------------------------------------------------------------

@pytest.mark.parametrize("value", ["Рудный", "рудный", "в Рудном".split()[1], "РУДНЫЙ"])
def test_place_filter_takes_any_case_and_form(client, value):
    r = client.get("/api/search", query_string={"place": value}).get_json()
    assert r["total"] >= 1
    assert all("Рудный" in h["places"] for h in r["hits"])
    assert all("Костанайская область" in h["region"] for h in r["hits"])


def test_place_counts_and_page_show_places_under_their_region(client):
    r = client.get("/api/search", query_string={"region": "Костанайская область"}).get_json()
    places = {v["value"] for v in r["facets"]["place"]}
    assert "Рудный" in places
    page = client.get("/?region=Костанайская+область").get_data(as_text=True)
    fieldset = page[page.index('id="facet-place"'):]
    fieldset = fieldset[: fieldset.index("</fieldset>")]
    assert "Костанайская область" in fieldset and "Рудный" in fieldset
    assert fieldset.index("Костанайская область") < fieldset.index("Рудный")


def test_item_page_links_its_places(client):
    r = client.get("/api/search", query_string={"place": "Рудный"}).get_json()
    page = client.get(f"/doc/{r['hits'][0]['id']}").get_data(as_text=True)
    assert "/?place=%D0%A0%D1%83%D0%B4%D0%BD%D1%8B%D0%B9" in page


def test_place_in_queries_and_the_cli(bundled_index):
    out = subprocess.run([sys.executable, "-m", "indexer.cli", "search", "--place", "рудный", "--json",
                          "--index", str(bundled_index)], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    import json

    hits = json.loads(out)["hits"]
    assert hits and all("Рудный" in h["places"] for h in hits)


def test_place_query_field(client):
    a = client.get("/api/search", query_string={"q": "place:Рудном"}).get_json()
    b = client.get("/api/search", query_string={"place": "Рудный"}).get_json()
    assert a["total"] == b["total"] >= 1
