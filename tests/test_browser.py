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


def test_entity_page_without_javascript(server, browser):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(server + "/project/" + "Құтты мекен")  # an alias: redirected to the canonical page
    assert page.locator("h1").inner_text() == "Qutty meken"
    with page.expect_navigation():
        page.locator("figure.chart svg a").first.click()
    assert "month=" in page.url and total_on(page) > 0
    ctx.close()


# --- issue 15 (the journalist's page) and the chart of issue 14, as a browser shows them

QUERY = "/?q=%D0%BF%D0%B0%D1%80%D1%82%D0%B8%D0%B8"  # «партии»
FILTERED = QUERY + "&region=" + "%D0%9A%D1%8B%D0%B7%D1%8B%D0%BB%D0%BE%D1%80%D0%B4%D0%B8%D0%BD%D1%81%D0%BA%D0%B0%D1%8F+%D0%BE%D0%B1%D0%BB%D0%B0%D1%81%D1%82%D1%8C"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def _main_frame_navigations(page) -> list[str]:
    seen = []
    page.on("framenavigated", lambda frame: seen.append(frame.url) if frame == page.main_frame else None)
    return seen


def test_a_typed_date_applies_only_once_complete(server, browser):
    page = browser.new_page(locale="en-US", viewport=DESKTOP)  # the field reads mm/dd/yyyy
    page.goto(server + QUERY)
    seen = _main_frame_navigations(page)
    page.focus("#date_from")  # the first part of the field: the month
    page.keyboard.type("03152019")
    assert seen == [] and page.input_value("#date_from") == "2019-03-15"
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Enter or leaving the field applies it
    assert len(seen) == 1 and "date_from=2019-03-15" in seen[0] and "date_to" not in seen[0]
    assert total_on(page) == api_total(server, QUERY[2:] + "&date_from=2019-03-15")
    assert page.locator("label[for=date_from] .chosen").inner_text() == "15.03.2019"
    page.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_phone_the_filters_control_and_chips_come_before_the_results(server, browser, javascript):
    page = browser.new_page(viewport=PHONE, java_script_enabled=javascript)
    page.goto(server + FILTERED)
    summary = page.locator("#filters > summary")
    assert summary.inner_text().startswith("Фильтры (1)")
    first_hit = page.locator("ol.hits li").first.bounding_box()
    for box in (summary.bounding_box(), page.locator("ul.chips").bounding_box()):
        assert box["y"] + box["height"] <= min(first_hit["y"], PHONE["height"])
    assert not page.locator("#facet-region").is_visible()  # the panel opens on demand
    summary.click()
    assert page.locator("#facet-region").is_visible()
    page.close()


def test_the_apply_button_stays_in_reach_without_javascript(server, browser):
    page = browser.new_page(viewport=DESKTOP, java_script_enabled=False)
    page.goto(server + QUERY)
    button = page.get_by_role("button", name="Применить фильтры")
    boxes = page.locator("#filters input[type=checkbox]")
    for i in (0, boxes.count() // 2, boxes.count() - 1):
        boxes.nth(i).scroll_into_view_if_needed()
        b = button.bounding_box()
        assert 0 <= b["y"] and b["y"] + b["height"] <= DESKTOP["height"], i
    page.close()


def test_focus_after_a_facet_change_is_on_the_total_and_urls_stay_clean(server, browser):
    page = browser.new_page()
    page.goto(server + "/")
    assert page.evaluate("document.activeElement.id") == "q"  # the empty home page only
    page.goto(server + "/?region=" + "%D0%90%D1%81%D1%82%D0%B0%D0%BD%D0%B0")  # Астана
    assert page.evaluate("document.activeElement.id") != "q"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"  # the skip link comes first
    with page.expect_navigation():
        _region_box(page, "Алматы").check()
    assert page.evaluate("document.activeElement.id") == "total"
    assert "q=" not in page.url and "date_from" not in page.url and "date_to" not in page.url
    page.close()


def test_no_console_errors_nor_failed_requests(server, browser):
    page = browser.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    for url in ["/", QUERY, "/doc/dev-024", "/project/Qutty meken"]:
        page.goto(server + url)
        page.wait_for_load_state("load")
    assert problems == []
    page.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_facet_rows_counts_right_names_wrap_beside_them(server, browser, viewport):
    page = browser.new_page(viewport=viewport, java_script_enabled=False)
    page.goto(server + "/")
    if not page.locator("#facet-region").is_visible():
        page.locator("#filters > summary").click()
    rows = page.locator(".facet li:not(.under)")
    rights = set()
    for i in range(rows.count()):
        row = rows.nth(i)
        name, count = row.locator(".name").bounding_box(), row.locator(".count").bounding_box()
        label, box = row.locator("label").bounding_box(), row.locator("input").bounding_box()
        assert count["x"] >= name["x"] + name["width"] - 1  # beside the name, never under it
        assert count["y"] < name["y"] + name["height"]
        assert label["height"] >= 24 and box["height"] >= 20  # the label is the box's hit area too
        rights.add(round(count["x"] + count["width"]))
    assert max(rights) - min(rights) <= 1  # the counts line up on the right
    page.close()


def test_accessibility_at_desktop_and_phone_sizes(server, browser):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    pages = ["/", FILTERED, QUERY + "&year=2021", "/?q=xyzzyq", "/?undated=1", "/doc/dev-024",
             "/doc/dev-024?q=депутат+дом", "/project/Qutty meken", "/official/Куанышбек Искаков",
             "/official/Иванов Иван", "/no/such/page", "/?more=official", "/?more=place&fq=район",
             "/?official=Искакав", "/?official=Искаков"]
    for viewport in (DESKTOP, PHONE):
        page = browser.new_page(bypass_csp=True, viewport=viewport)  # to inject axe-core
        for url in pages:
            page.goto(server + url)
            if viewport is PHONE and page.locator("#filters > summary").count():
                page.locator("#filters > summary").click()  # the opened panel is checked too
            results = axe.run(page)
            assert results.violations_count == 0, (viewport, url, results.generate_report())
        page.close()


def test_dragging_across_the_chart_picks_a_range(server, browser):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(server + QUERY)
    bars = page.locator("figure.chart svg a[data-from]")
    first, third = bars.nth(0), bars.nth(2)
    a, b = first.bounding_box(), third.bounding_box()
    page.mouse.move(a["x"] + a["width"] / 2, a["y"] + a["height"] - 4)
    page.mouse.down()
    page.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] - 4, steps=8)
    with page.expect_navigation():
        page.mouse.up()
    date_from, date_to = first.get_attribute("data-from"), third.get_attribute("data-to")
    assert f"date_from={date_from}" in page.url and f"date_to={date_to}" in page.url
    assert total_on(page) == api_total(server, QUERY[2:] + f"&date_from={date_from}&date_to={date_to}")
    page.close()


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


def test_chart_links_without_javascript(server, browser):
    page = browser.new_page(java_script_enabled=False)
    page.goto(server + "/")
    with page.expect_navigation():
        page.locator("figure.chart a.undated").click()
    assert "undated=1" in page.url and total_on(page) == api_total(server, "undated=1")
    page.goto(server + "/")
    assert not page.get_by_label("с 2018 года").is_visible()  # out of the Tab order until asked for
    page.get_by_text("Выбрать период по годам").click()
    with page.expect_navigation():
        page.get_by_label("с 2018 года").click()
    with page.expect_navigation():  # the chosen end keeps the choice open
        page.get_by_label("по 2020 год").click()
    assert total_on(page) == api_total(server, "date_from=2018-01-01&date_to=2020-12-31")
    page.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_following_a_hit_reads_the_item_with_the_query_marked(server, browser, javascript):
    """Issue 14: the query travels to the item page, which marks its forms, jumps to the
    first, offers similar items and a citation; the search page announces its Atom twin."""
    from urllib.parse import quote_plus

    ctx = browser.new_context(java_script_enabled=javascript)
    page = ctx.new_page()
    page.goto(server + "/?q=" + quote_plus("депутаты"))
    feed = page.locator('link[rel="alternate"][type="application/atom+xml"]').get_attribute("href")
    assert "q=" in feed
    page.locator("ol.hits li h2 a").first.click()
    page.wait_for_url("**/doc/**")
    assert "q=" in page.url
    marks = page.locator("article mark")
    assert marks.count() >= 1
    assert all("депутат" in m.lower() for m in marks.all_inner_texts())  # every form of the word
    page.locator("p.jump a").click()
    assert page.url.endswith("#hit1") and page.locator("#hit1").is_visible()
    assert page.locator("section.similar li a").count() >= 1
    assert page.locator("figure.cite output").inner_text().strip()
    answer = page.request.get(server + feed)
    assert answer.status == 200 and "<feed" in answer.text()
    ctx.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_a_typo_shows_the_corrected_results_and_a_way_back(server, browser, javascript):
    """Issue 13: «Искакав» finds nothing; the page shows «Искаков»'s items, says so, and one
    click asks for the word as typed."""
    ctx = browser.new_context(java_script_enabled=javascript)
    page = ctx.new_page()
    page.goto(server + "/")
    page.fill("#q", "Искакав")
    page.press("#q", "Enter")
    page.wait_for_url("**/?q=*")
    notice = page.locator("p.notice.corrected")
    assert "Искаков" in notice.inner_text() and total_on(page) > 0
    assert page.locator("ol.hits li").count() > 0
    with page.expect_navigation():
        notice.get_by_role("link", name="Искакав").click()
    assert "exact=1" in page.url and total_on(page) == 0
    ctx.close()
