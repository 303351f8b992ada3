"""A journalist in a real browser: Debian's Chromium driven by Playwright against gunicorn.

Browsers cannot be downloaded here; `.ci/run` installs Debian's chromium, and a missing
browser fails these tests rather than skipping them.
"""
import os
import re
import urllib.request
from pathlib import Path

import pytest

from tests.background import gunicorn

CHROMIUM = os.environ.get("NEWSARCHIVE_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync"]


@pytest.fixture(scope="module")
def server(bundled_index):
    with gunicorn(bundled_index, workers=2) as (_, base):
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install -y chromium chromium-driver"
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield b
        b.close()


def api_total(base, query):
    import json

    with urllib.request.urlopen(base + "/api/search?" + query) as r:
        return json.loads(r.read())["total"]


def total_on(page) -> int:
    return int(page.locator("#total strong").inner_text())


def _region_box(page, name):
    return page.locator("#facet-region").get_by_label(name, exact=False)


def test_search_narrow_read_and_return(server, browser):
    from urllib.parse import quote_plus

    page = browser.new_page()
    page.goto(server + "/")
    page.fill("#q", "партии")
    page.press("#q", "Enter")
    page.wait_for_url("**/?q=*")
    q = "q=" + quote_plus("партии")
    assert total_on(page) == api_total(server, q)
    # tick two regions: with JavaScript each tick applies at once
    with page.expect_navigation():
        _region_box(page, "Кызылординская область").check()
    r1 = "&region=" + quote_plus("Кызылординская область")
    assert total_on(page) == api_total(server, q + r1)
    with page.expect_navigation():
        _region_box(page, "Костанайская область").check()
    r2 = r1 + "&region=" + quote_plus("Костанайская область")
    assert total_on(page) == api_total(server, q + r2) > api_total(server, q + r1)
    filtered_url = page.url
    # open an item, read it, come back to the same results
    first = page.locator("ol.hits li h2 a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url("**/doc/**")
    assert page.locator("article h1").inner_text() == title
    page.go_back()
    assert page.url == filtered_url and total_on(page) == api_total(server, q + r2)
    page.close()


def test_works_with_javascript_off(server, browser):
    from urllib.parse import quote_plus

    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(server + "/?q=" + quote_plus("проекта"))
    before = total_on(page)
    _region_box(page, "Астана").check()
    _region_box(page, "Алматы").check()
    page.get_by_role("button", name="Применить фильтры").click()
    page.wait_for_load_state()
    expected = api_total(server, "q=" + quote_plus("проекта") + "&region=" + quote_plus("Астана")
                         + "&region=" + quote_plus("Алматы"))
    assert total_on(page) == expected < before
    page.locator("ol.hits li h2 a").first.click()
    assert page.locator("article h1").count() == 1
    ctx.close()


def test_accessibility_of_search_and_item_pages(server, browser):
    from axe_playwright_python.sync_playwright import Axe

    ctx = browser.new_context(bypass_csp=True)  # to inject axe-core; the app's own CSP stays on
    page = ctx.new_page()
    axe = Axe()
    for url in ["/", "/?q=прием+граждан&region=Кызылординская+область", "/?q=xyzzyq", "/doc/dev-024", "/doc/dev-024?q=депутат+дом",
                "/?more=official", "/?more=place&fq=район", "/?official=Искакав", "/?official=Искаков",
                "/project/Qutty meken", "/official/Куанышбек Искаков", "/official/Иванов Иван"]:
        page.goto(server + url)
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()
    ctx.close()


def test_entity_page_without_javascript(server, browser):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(server + "/project/" + "Құтты мекен")  # an alias: redirected to the canonical page
    assert page.locator("h1").inner_text() == "Qutty meken"
    with page.expect_navigation():
        page.locator("figure.chart svg a").first.click()
    assert "month=" in page.url and total_on(page) > 0
    ctx.close()


def _official_boxes(page):
    return page.locator("#facet-official input[type=checkbox]")


def _api(base, path):
    import json

    with urllib.request.urlopen(base + path) as r:
        return json.loads(r.read())


def test_facet_lists_expand_and_filter_in_place_with_javascript(server, browser):
    from urllib.parse import quote

    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    ctx = browser.new_context()  # the app's CSP on: the script must work under it
    page = ctx.new_page()
    page.goto(server + "/")
    home = page.url
    everyone = _api(server, "/api/facets/official?limit=1000")["total"]
    assert 0 < _official_boxes(page).count() < everyone
    page.locator("#facet-official .more-link").click()
    expect(_official_boxes(page)).to_have_count(everyone)
    assert page.url == home  # in place, no new page
    assert not page.locator("#facet-official .more-link").is_visible()
    # type part of a surname: the list narrows as one types
    page.locator("#facet-official .facet-filter").fill("иска")
    expect(page.locator("#facet-official .facet-status")).to_have_text(re.compile("^Найдено значений"))
    names = page.locator("#facet-official .name").all_inner_texts()
    assert any("Куанышбек Искаков" in n for n in names) and not any("Бауыржан Байбек" in n for n in names)
    # a region by its Kazakh Latin name
    page.locator("#facet-region .facet-filter").fill("Qyzylorda")
    expect(page.locator("#facet-region input[type=checkbox]")).to_have_count(1)
    assert "Кызылординская область" in page.locator("#facet-region .name").first.inner_text()
    assert page.url == home
    # the filtered, expanded lists stay accessible
    ctx_axe = Axe()
    ctx2 = browser.new_context(bypass_csp=True)
    p2 = ctx2.new_page()
    p2.goto(server + "/")
    p2.locator("#facet-official .more-link").click()
    expect(_official_boxes(p2)).to_have_count(everyone)
    p2.locator("#facet-official .facet-filter").fill("иска")
    expect(p2.locator("#facet-official .facet-status")).not_to_be_empty()
    results = ctx_axe.run(p2)
    assert results.violations_count == 0, results.generate_report()
    ctx2.close()
    # ticking a value found this way applies it at once
    with page.expect_navigation():
        page.locator("#facet-official").get_by_label("Куанышбек Искаков", exact=False).check()
    assert total_on(page) == api_total(server, "official=" + quote("Куанышбек Искаков")) > 0
    ctx.close()


def test_facet_filter_form_and_show_all_without_javascript(server, browser):
    from urllib.parse import quote

    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(server + "/")
    with page.expect_navigation():
        page.locator("#facet-official .more-link").click()
    assert "more=official" in page.url
    assert _official_boxes(page).count() == _api(server, "/api/facets/official?limit=1000")["total"]
    page.locator("#facet-official .facet-filter").fill("иска")
    with page.expect_navigation():
        page.locator("#facet-official .facet-filter").press("Enter")
    assert "fq=" in page.url and "more=official" in page.url
    names = page.locator("#facet-official .name").all_inner_texts()
    wanted = [v["value"] for v in _api(server, "/api/facets/official?q=" + quote("иска"))["values"]]
    assert names == wanted and "Куанышбек Искаков" in names
    page.locator("#facet-official").get_by_label("Куанышбек Искаков", exact=False).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Применить фильтры").click()
    assert total_on(page) == api_total(server, "official=" + quote("Куанышбек Искаков")) > 0
    ctx.close()
