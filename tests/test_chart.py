"""The timeline of the search and entity pages (issue 14): counts on the bars, month bars
as links, the «без даты» bucket, from–to ranges chosen by links (no JavaScript)."""
import html as htmllib
import re

from indexer.registry import chart_facet


def _links(html: str, cls: str = "") -> list[tuple[str, str]]:
    """(href, aria-label) of the chart's bar links, in order."""
    svg = html[html.index("<svg"):html.index("</svg>")]
    return [(htmllib.unescape(h), htmllib.unescape(a)) for h, a in
            re.findall(r'<a href="([^"]+)" aria-label="([^"]+)"' + cls, svg)]


def _total(client, url: str) -> int:
    return int(re.search(r"Найдено: <strong>(\d+)</strong>", client.get(url).data.decode()).group(1))


def test_the_registry_says_which_bars_the_chart_draws():
    assert chart_facet({}).chart == "year"
    assert chart_facet({"year": ["2019"]}).chart == "month"
    assert chart_facet({"year": ["2019", "2020"]}).chart == "year"  # two years: still the years


def test_year_bars_carry_their_counts_as_label_and_tooltip(client):
    years = {v["value"]: v["count"] for v in client.get("/api/search").get_json()["facets"]["year"]}
    html = client.get("/").data.decode()
    for year, count in years.items():
        title = re.search(rf"<title>{year}: (\d+) материал", html)
        assert title and int(title.group(1)) == count, year
    labels = [int(n) for n in re.findall(r'class="num">(\d+)</text>', html)]
    assert sorted(labels) == sorted(list(years.values()) + [client.get("/api/search").get_json()["undated"]])


def test_month_bars_link_to_their_month(client):
    html = client.get("/?year=2021").data.decode()
    links = _links(html)
    assert len(links) >= 12
    months = [(h, a) for h, a in links if "month=2021-" in h]
    assert len(months) == 12
    for href, label in months:
        count = int(re.search(r": (\d+)", label).group(1))
        if count:
            assert _total(client, href) == count, href


def test_undated_items_have_their_own_bucket_and_link(client):
    answer = client.get("/api/search").get_json()
    undated = answer["undated"]
    assert undated > 0 and undated == answer["total"] - sum(v["count"] for v in answer["facets"]["year"])
    html = client.get("/").data.decode()
    bucket = [(h, a) for h, a in _links(html, ' class="undated"')]
    assert len(bucket) == 1 and bucket[0][1].startswith(f"без даты: {undated} ")
    page = client.get(bucket[0][0]).data.decode()
    assert f"Найдено: <strong>{undated}</strong>" in page
    assert 'aria-label="Убрать фильтр Даты: без даты"' in page
    hits = client.get("/api/search?undated=1&per_page=100").get_json()["hits"]
    assert len(hits) == undated and all(h["date"] is None for h in hits)


def test_undated_is_validated(client):
    for query in ["undated=2", "undated=yes", "undated=1&date_from=2019-01-01", "undated=1&year=2019",
                  "undated=1&month=2019-03"]:
        r = client.get("/api/search?" + query)
        assert r.status_code == 400 and "undated" in r.get_json()["error"], query
        page = client.get("/?" + query)
        assert page.status_code == 400 and "без даты" in page.data.decode(), query
    assert client.get("/api/search?undated=0").get_json()["total"] == client.get("/api/search").get_json()["total"]


def test_a_range_is_two_links_without_javascript(client, archive):
    from indexer.search import SearchParams, search

    html = client.get("/?q=партии").data.decode()
    start = re.search(r'<a href="([^"]+)" aria-label="с 2018 года"', html).group(1)
    html = client.get(htmllib.unescape(start)).data.decode()
    end = htmllib.unescape(re.search(r'<a href="([^"]+)" aria-label="по 2020 год"', html).group(1))
    assert "date_from=2018-01-01" in end and "date_to=2020-12-31" in end
    expected = search(archive, SearchParams(q="партии", date_from="2018-01-01", date_to="2020-12-31"))["total"]
    assert 0 < _total(client, end) == expected < _total(client, "/?q=партии")


def test_entity_timeline_counts_months_undated_and_years(client):
    e = client.get("/api/project/Qutty meken").get_json()
    html = client.get("/project/Qutty meken").data.decode()
    links = _links(html)
    months = [(h, a) for h, a in links if "month=" in h]
    assert len(months) == len(e["timeline"])
    assert sum(int(re.search(r": (\d+)", a).group(1)) for _, a in months) == e["total"] - e["undated"]
    if e["undated"]:
        assert any("undated=1" in h for h, _ in links)
    for y in e["years"]:
        href = htmllib.unescape(re.search(rf'<a href="([^"]+)">{y["value"]}</a>', html).group(1))
        assert _total(client, href) == y["count"]


def test_a_chosen_range_can_be_widened_by_the_same_links(client, archive):
    from indexer.search import SearchParams, search

    html = client.get("/?q=партии&date_from=2019-01-01&date_to=2020-12-31").data.decode()
    wider = htmllib.unescape(re.search(r'<a href="([^"]+)" aria-label="с 2017 года"', html).group(1))
    assert "date_from=2017-01-01" in wider and "date_to=2020-12-31" in wider
    expected = search(archive, SearchParams(q="партии", date_from="2017-01-01", date_to="2020-12-31"))["total"]
    assert _total(client, wider) == expected > _total(client, "/?q=партии&date_from=2019-01-01&date_to=2020-12-31")
