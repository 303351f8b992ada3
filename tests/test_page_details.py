"""Issue 15 as pages without JavaScript: what a journalist reads and shares (the browser
side is in test_browser.py). Russian nouns agree with their numbers everywhere."""
import datetime
import html as htmllib
import re
from urllib.parse import quote, unquote

import pytest

from indexer.morphology import plural

NUMBERS = [0, 1, 2, 5, 11, 12, 14, 21, 22, 25, 101, 111]


@pytest.mark.parametrize("noun, one, few, many", [
    ("материал", "материал", "материала", "материалов"),
    ("значение", "значение", "значения", "значений"),
    ("результат", "результат", "результата", "результатов"),
    ("совпадение", "совпадение", "совпадения", "совпадений"),
])
def test_a_noun_agrees_with_its_number(noun, one, few, many):
    expected = {0: many, 1: one, 2: few, 5: many, 11: many, 12: many, 14: many, 21: one, 22: few,
                25: many, 101: one, 111: many}
    assert [plural(n, noun) for n in NUMBERS] == [f"{n} {expected[n]}" for n in NUMBERS]


def test_the_plural_filter_on_the_pages(app):
    with app.app_context():
        t = app.jinja_env.from_string('{{ n|plural("материал") }}')
        assert [t.render(n=n) for n in (21, 52, 5)] == ["21 материал", "52 материала", "5 материалов"]


def test_home_says_what_the_archive_holds_and_how_to_search(client):  # item 6
    stats = client.get("/healthz").get_json()
    html = client.get("/").data.decode()
    assert plural(stats["documents"], "материал") in html
    years = sorted(v["value"] for v in client.get("/api/search").get_json()["facets"]["year"])
    assert f"за {years[0]}–{years[-1]} годы" in html
    regions = client.get("/api/search").get_json()["facets"]["region"]
    assert f"региональных филиалов: {len(regions)}" in html and all(r["value"] in html for r in regions)
    howto = html[html.index("Как искать"):]
    for syntax in ['"прием граждан"', "OR", "NOT", "провел*", "region:"]:
        assert htmllib.escape(syntax, quote=True) in howto or syntax in howto, syntax
    assert "Как искать" not in client.get("/?q=партии").data.decode()  # only the empty home page


def test_autofocus_only_on_the_home_page(client):  # item 3
    assert "autofocus" in client.get("/").data.decode()
    for url in ["/?q=партии", "/?region=Астана", "/?q=партии&page=2"]:
        assert "autofocus" not in client.get(url).data.decode(), url
    assert 'id="total" tabindex="-1"' in client.get("/?q=партии").data.decode()  # the focus target


def test_a_facet_without_values_is_not_an_empty_box(client):  # item 4
    html = client.get("/?q=Искакав").data.decode()
    for fieldset in re.findall(r'<fieldset class="facet".*?</fieldset>', html, re.S):
        assert 'type="checkbox"' in fieldset


def test_empty_parameters_are_dropped_by_a_redirect(client):  # item 5
    r = client.get("/?q=&region=Астана&date_from=&date_to=")
    assert r.status_code == 303 and r.headers["Location"] == "/?region=" + quote("Астана")
    r = client.get("/?q=&date_from=")
    assert r.status_code == 303 and r.headers["Location"] == "/"


def test_hits_show_officials_russian_dates_and_no_repeated_first_sentence(client):  # items 1, 7
    answer = client.get("/api/search?per_page=100").get_json()
    html = client.get("/?per_page=100").data.decode()
    with_official = next(h for h in answer["hits"] if h["officials"])
    item = html[html.index(f'href="/doc/{with_official["id"]}"'):]
    item = item[:item.index("</li>")]
    assert all(f">{o}</a>" in item for o in with_official["officials"])
    dated = next(h for h in answer["hits"] if h["date"])
    d = datetime.date.fromisoformat(dated["date"])
    assert re.search(rf'<time datetime="{dated["date"]}">{d.day} [а-я]+ {d.year}</time>', html)
    untitled = next(h for h in answer["hits"] if not h["title"])
    headline = untitled["headline"].rstrip(" …")
    assert not re.sub("<[^>]+>", "", untitled["snippet"]).startswith(headline[:40])


def test_the_date_labels_show_the_russian_form(client):  # item 1
    html = client.get("/?date_from=2019-03-15&date_to=2020-01-31").data.decode()
    assert '<span class="chosen">15.03.2019</span>' in html and '<span class="chosen">31.01.2020</span>' in html
    assert "15.03.2019 — 31.01.2020" in html  # the chip


@pytest.mark.parametrize("query, words", [
    ("page=0", "номер страницы"), ("per_page=500", "результатов на странице"), ("sort=random", "порядок сортировки"),
    ("date_from=2019-02-30", "дата «с»"), ("year=19", "Год"), ("undated=2", "без даты"),
])
def test_bad_parameters_are_named_in_russian_on_the_page(client, query, words):  # item 8
    r = client.get("/?" + query)
    html = r.data.decode()
    message = re.search(r'<p class="error" role="alert">(.*?)</p>', html).group(1)
    assert r.status_code == 400 and words in message
    assert not re.search(r"[A-Za-z]{4,}", message.replace("Ошибка в запросе", "")), message


def test_exports_are_named_after_the_query_and_the_day(client):  # item 9
    today = datetime.date.today().isoformat()
    r = client.get("/api/search.csv?q=Искаков&header=ru")
    disposition = r.headers["Content-Disposition"]
    assert f'filename="newsarchive-iskakov-{today}.csv"' in disposition
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == f"newsarchive-искаков-{today}.csv"
    assert r.data.decode("utf-8-sig").splitlines()[0].startswith("id,дата,заголовок")
    assert client.get("/api/search.csv?q=Искаков").data.decode("utf-8-sig").startswith("id,date,title")
    assert "header=ru" in client.get("/?q=Искаков").data.decode()  # the page's link: Russian columns


def test_a_favicon_is_served(client):  # item 10
    r = client.get("/favicon.ico")
    assert r.status_code == 200 and r.mimetype == "image/svg+xml" and b"<svg" in r.data
    assert 'rel="icon"' in client.get("/").data.decode()
