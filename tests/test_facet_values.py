"""Every facet value reachable: /api/facets/<facet> by any form, script or alias with counts
over the current results, the page's «показать все» and filter form without JavaScript, and
filter values that name nothing known (a notice with the nearest) or a surname only (resolved)."""
import re
from urllib.parse import quote

import pytest
from jsonschema import Draft202012Validator

from indexer.build import build
from indexer.search import Archive, SearchParams, search

from .helpers import write_jsonl


def get_json(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, r.data[:300]
    assert r.mimetype == "application/json"
    return r.get_json()


def values(data):
    return [v["value"] for v in data["values"]]


# ------------------------------------------------------------------ the API

@pytest.mark.parametrize("facet, typed, wanted", [
    ("official", "иска", "Куанышбек Искаков"),          # the start of a surname
    ("official", "Iskak", "Куанышбек Искаков"),         # in Latin
    ("official", "Искакова", "Куанышбек Искаков"),      # a case form
    ("region", "Qyzylorda", "Кызылординская область"),  # the Kazakh Latin name
    ("region", "Нур-Султан", "Астана"),                 # the former name
    ("region", "вко", "Восточно-Казахстанская область"),  # the abbreviation, any case
    ("project", "Құтты", "Qutty meken"),                # Kazakh Cyrillic for a Latin name
    ("project", "кутты", "Qutty meken"),                # the Russian keyboard
    ("place", "кызылорд", "Кызылорда"),
])
def test_facet_values_match_any_form_script_or_alias(client, facet, typed, wanted):
    data = get_json(client, f"/api/facets/{facet}?q={quote(typed)}")
    assert wanted in values(data)
    assert data["facet"] == facet and data["total"] >= 1
    # what did not match the typed prefix is not listed
    everything = get_json(client, f"/api/facets/{facet}")
    assert data["total"] < everything["total"]


def test_an_alias_match_says_which_name_matched(client):
    astana = get_json(client, "/api/facets/region?q=" + quote("Нур-Султан"))["values"][0]
    assert astana["value"] == "Астана" and astana["matched"] == "Нур-Султан"


def test_counts_are_those_of_the_current_results(client):
    q = "партии"
    search_data = get_json(client, "/api/search?q=" + quote(q))
    wanted = {v["value"]: v["count"] for v in search_data["facets"]["official"]}
    got = get_json(client, "/api/facets/official?query=" + quote(q))
    assert {v["value"]: v["count"] for v in got["values"]} == wanted
    assert get_json(client, "/api/facets/official")["total"] > got["total"]
    # with a region filter the official counts follow it
    region = "Кызылординская область"
    in_region = get_json(client, "/api/search?region=" + quote(region))["facets"]["official"]
    got = get_json(client, "/api/facets/official?region=" + quote(region))
    assert {v["value"]: v["count"] for v in got["values"]} == {v["value"]: v["count"] for v in in_region}


def test_a_filtered_facet_lists_every_value_that_could_be_added(client):
    region = "Кызылординская область"
    data = get_json(client, "/api/facets/region?region=" + quote(region))
    assert len(data["values"]) > 1  # the other regions stay choosable (OR)
    assert [v["value"] for v in data["values"] if v["selected"]] == [region]


def test_limit_and_years_newest_first(client):
    data = get_json(client, "/api/facets/official?limit=3")
    assert len(data["values"]) == 3 and data["total"] > 3
    years = values(get_json(client, "/api/facets/year"))
    assert years == sorted(years, reverse=True)


@pytest.mark.parametrize("url, status", [
    ("/api/facets/planet", 404),
    ("/api/facets/official?q=" + "я" * 201, 400),
    ("/api/facets/official?limit=0", 400),
    ("/api/facets/official?limit=abc", 400),
    ("/api/facets/official?page=0", 400),
    ("/api/facets/year?year=20x9", 400),
])
def test_bad_requests_answer_json_errors(client, url, status):
    assert get_json(client, url, status)["error"]


def test_hostile_prefixes_never_5xx_nor_markup(client):
    for typed in ["<script>alert(1)</script>", "<b>Иска</b>", "\u202eиска", "%", "*", "(", '"', "я" * 200,
                  "\x00", "' OR 1=1 --"]:
        r = client.get("/api/facets/official?q=" + quote(typed))
        assert r.status_code == 200 and r.mimetype == "application/json", typed
        page = client.get("/?more=official&fq=" + quote(typed))
        assert page.status_code == 200
        assert "<script>alert" not in page.data.decode() and "<b>Иска" not in page.data.decode()
    assert client.get("/?more=official&fq=" + "я" * 201).status_code == 400


def test_openapi_describes_facet_values_and_filter_notes(client):
    spec = get_json(client, "/api/openapi.json")
    op = spec["paths"]["/api/facets/{facet}"]["get"]

    def schema(status):
        return op["responses"][status]["content"]["application/json"]["schema"]

    for url in ["/api/facets/official?q=иска", "/api/facets/region?q=Нур-Султан&query=партии",
                "/api/facets/place", "/api/facets/year?year=2019"]:
        Draft202012Validator(schema("200")).validate(get_json(client, url))
    Draft202012Validator(schema("404")).validate(get_json(client, "/api/facets/planet", 404))
    Draft202012Validator(schema("400")).validate(get_json(client, "/api/facets/official?limit=0", 400))
    search_schema = spec["paths"]["/api/search"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    Draft202012Validator(search_schema).validate(get_json(client, "/api/search?official=Искаков&region=Марс"))


# ------------------------------------------------------------------ filter values

def test_an_unknown_filter_value_carries_a_notice_with_the_nearest(client):
    data = get_json(client, "/api/search?official=" + quote("Искакав"))
    assert data["total"] == 0
    assert "«Искакав»" in data["notice"] and "Куанышбек Искаков" in data["notice"]
    note = data["filter_notes"][0]
    assert note["facet"] == "official" and note["resolved_to"] is None
    assert note["nearest"][0]["value"] == "Куанышбек Искаков"
    mars = get_json(client, "/api/search?region=" + quote("Марс"))
    assert mars["total"] == 0 and "«Марс»" in mars["notice"]
    assert mars["filter_notes"][0]["resolved_to"] is None


def test_a_surname_only_or_an_alias_resolves_and_says_so(client):
    full = get_json(client, "/api/search?official=" + quote("Куанышбек Искаков"))
    assert "notice" not in full  # the value itself: nothing to say
    for typed in ["Искаков", "Искакова", "Iskakov"]:
        data = get_json(client, "/api/search?official=" + quote(typed))
        assert data["total"] == full["total"] > 0, typed
        assert data["filter_notes"] == [{"facet": "official", "value": typed,
                                         "resolved_to": "Куанышбек Искаков", "nearest": []}]
        assert "Куанышбек Искаков" in data["notice"]
    vko = get_json(client, "/api/search?region=ВКО")
    assert vko["total"] == get_json(client, "/api/search?region=" + quote("Восточно-Казахстанская область"))["total"]
    assert vko["filter_notes"][0]["resolved_to"] == "Восточно-Казахстанская область"


def test_a_surname_two_officials_share_is_not_guessed(tmp_path):
    write_jsonl(tmp_path / "c.jsonl", [
        {"id": "z1", "date": "2020-03-02", "officials": ["Серик Жумабаев"],
         "text": "Аким района Серик Жумабаев открыл новую спортивную площадку в ауле."},
        {"id": "z2", "date": "2020-04-11", "officials": ["Нурлан Жумабаев"],
         "text": "Депутат Нурлан Жумабаев встретился с учителями сельской школы."},
        {"id": "z3", "date": "2020-05-20", "officials": ["Нурлан Жумабаев"],
         "text": "Нурлан Жумабаев рассказал молодёжи о партийных проектах."},
    ])
    build([tmp_path / "c.jsonl"], tmp_path / "ix", progress=False)
    archive = Archive(tmp_path / "ix")
    r = search(archive, SearchParams(official=["Жумабаев"]))
    assert r["total"] == 0
    note = r["filter_notes"][0]
    assert note["resolved_to"] is None
    assert {d["value"] for d in note["nearest"]} == {"Серик Жумабаев", "Нурлан Жумабаев"}
    one = search(archive, SearchParams(official=["Серик"]))  # one official of that first name
    assert one["total"] == 1 and one["filter_notes"][0]["resolved_to"] == "Серик Жумабаев"


# ------------------------------------------------------------------ the page without JavaScript

def _boxes(html, facet):
    part = html[html.index(f'id="facet-{facet}"'):]
    part = part[:part.index("</fieldset>")]
    return re.findall(rf'name="{facet}" value="([^"]*)"', part), part


def test_show_all_is_a_link_to_the_whole_list(client):
    home = client.get("/").data.decode()
    shown, part = _boxes(home, "official")
    link = re.search(r'class="more-link" href="([^"]+)"', part).group(1).replace("&amp;", "&")
    assert "more=official" in link
    everything = values(get_json(client, "/api/facets/official?limit=1000"))
    assert len(shown) < len(everything)
    full, part = _boxes(client.get(link).data.decode(), "official")
    assert sorted(full) == sorted(everything)  # every official reachable from the home page
    assert "more-link" not in part and "свернуть" in part
    assert client.get("/?more=planet").status_code == 400


def test_the_filter_box_is_a_small_get_form(client):
    html = client.get("/?q=" + quote("партии")).data.decode()
    form = re.search(r'<form id="fq-official"[^>]*>(.*?)</form>', html, re.S)
    assert form, "the filter box needs its own form"
    assert 'name="more" value="official"' in form.group(1) and 'name="q" value="партии"' in form.group(1)
    assert 'form="fq-official"' in html[html.index('id="facet-official"'):]
    # submitting it: the same search, only the matching officials listed
    shown, part = _boxes(client.get("/?q=" + quote("партии") + "&more=official&fq=" + quote("иска")).data.decode(),
                         "official")
    wanted = values(get_json(client, "/api/facets/official?query=" + quote("партии") + "&q=" + quote("иска")))
    assert shown == wanted and "Куанышбек Искаков" in shown


def test_a_list_filtered_to_nothing_keeps_its_box(client):
    html = client.get("/?more=official&fq=" + quote("Щщщщ")).data.decode()
    assert 'id="facet-official"' in html and '<form id="fq-official"' in html
    assert "Найдено значений: 0" in html


def test_a_ticked_value_stays_in_a_filtered_list(client):
    url = "/?official=" + quote("Бауыржан Байбек") + "&more=official&fq=" + quote("иска")
    shown, part = _boxes(client.get(url).data.decode(), "official")
    assert "Бауыржан Байбек" in shown and "Куанышбек Искаков" in shown
    assert re.search(r'value="Бауыржан Байбек"\s+checked', part)


def test_the_page_names_an_unknown_value_and_links_the_nearest(client):
    html = client.get("/?official=" + quote("Искакав")).data.decode()
    assert "«Искакав»" in html
    near = re.search(r'<p class="facet-note">.*?</p>', html, re.S).group(0)
    assert "Куанышбек Искаков" in near and "href=" in near
    resolved = client.get("/?official=" + quote("Искаков")).data.decode()
    shown, part = _boxes(resolved, "official")
    assert re.search(r'value="Куанышбек Искаков"\s+checked', part)  # the box of the value searched
    assert "понято как «Куанышбек Искаков»" in resolved
