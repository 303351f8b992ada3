"""The search page and the item page as a browser without JavaScript gets them."""
import re
from html.parser import HTMLParser


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.labels_for, self.ids = [], set(), set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "label" and a.get("for"):
            self.labels_for.add(a["for"])
        if a.get("id"):
            self.ids.add(a["id"])


def parse(html):
    c = Collect()
    c.feed(html)
    return c


def test_search_page_results_facets_and_total(client):
    r = client.get("/?q=прием+граждан")
    html = r.data.decode()
    assert r.status_code == 200 and '<html lang="ru">' in html
    assert "Найдено: <strong>2</strong>" in html
    assert "<mark>прием</mark>" in html and 'href="/doc/seed_snippets-1?q=' in html
    # facet checkboxes with counts; each is labelled
    doc = parse(html)
    boxes = [a for t, a in doc.tags if t == "input" and a.get("type") == "checkbox"]
    assert {"region", "official", "year"} <= {b["name"] for b in boxes}
    assert all(b["id"] in doc.labels_for for b in boxes)


def test_every_control_has_a_label_and_page_has_landmarks(client):
    html = client.get("/?q=Кызылорда&year=2019").data.decode()
    doc = parse(html)
    for tag, a in doc.tags:
        if tag == "input" and a.get("type") not in ("hidden", "submit"):
            assert a.get("id") in doc.labels_for or a.get("aria-label"), a
    names = [t for t, _ in doc.tags]
    assert {"header", "main", "footer", "aside", "h1"} <= set(names)
    assert 'role="search"' in html and html.index('role="search"') < html.index('<main')


def test_filters_are_shareable_urls_and_removable(client):
    both = client.get("/api/search?region=Кызылординская+область&region=Костанайская+область").get_json()["total"]
    kzo = client.get("/api/search?region=Кызылординская+область").get_json()["total"]
    html = client.get("/?region=Кызылординская+область&region=Костанайская+область").data.decode()
    assert f"Найдено: <strong>{both}</strong>" in html
    chips = re.findall(r'<a href="([^"]+)" aria-label="Убрать фильтр Регион: ([^"]+)"', html)
    assert len(chips) == 2
    url = dict((v, u) for u, v in chips)["Костанайская область"].replace("&amp;", "&")
    left = client.get(url).data.decode()
    assert f"Найдено: <strong>{kzo}</strong>" in left and kzo < both


def test_year_chart_and_month_chart(client):
    html = client.get("/").data.decode()
    assert "Материалы по годам" in html and "<svg" in html and "<rect" in html
    html = client.get("/?year=2021").data.decode()
    assert "Материалы по месяцам, 2021" in html


def test_nothing_found_says_so_and_suggests(client):
    html = client.get("/?q=Кызылорда+xyzzyq").data.decode()
    assert "Ничего не найдено" in html
    assert 'href="/?q=%D0%9A%D1%8B%D0%B7%D1%8B%D0%BB%D0%BE%D1%80%D0%B4%D0%B0"' in html  # «Кызылорда» alone


def test_query_and_text_are_escaped(client):
    html = client.get('/?q=<script>alert(1)</script>"').data.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_bad_parameter_on_page_is_400_with_message(client):
    r = client.get("/?page=abc")
    assert r.status_code == 400 and "номер страницы: целое число от 1 до 1000" in r.data.decode()  # the page speaks Russian


def test_item_page_whole_text_and_facet_links(client):
    html = client.get("/doc/dev-024").data.decode()
    assert "Депутаты Кызылординского областного маслихата" in html
    assert 'href="/?official=%D0%93' in html  # Гульшара Абдыкаликова as a filtered search
    assert 'href="/?region=%D0%9A' in html
    assert client.get("/doc/nope").status_code == 404


def test_item_page_marks_the_query_forms_and_jumps_to_the_first(client):
    html = client.get("/doc/dev-024?q=депутат+дом").data.decode()  # the text says «Депутаты», «дома»
    assert '<mark id="hit1">Депутаты</mark>' in html and "<mark id=\"hit2\">дома</mark>" in html
    assert 'href="#hit1"' in html and "к первому совпадению" in html
    assert "«В Шиелийском районе проверили новые дома», 24 февраля 2021" in html


def test_item_page_without_query_has_no_marks(client):
    html = client.get("/doc/dev-024").data.decode()
    assert "<mark" not in html and 'href="#hit1"' not in html


def test_item_page_hostile_query_is_escaped(client):
    for q in ["<script>alert(1)</script> депутат", "\x00\x1b\u202eдом", "дом " * 400]:
        r = client.get("/doc/dev-024", query_string={"q": q})
        assert r.status_code == 200
        assert "<script>alert" not in r.data.decode()
    assert "запрос слишком длинный" in client.get("/doc/dev-024", query_string={"q": "дом " * 400}).data.decode()


def test_hit_links_carry_the_query(client):
    assert 'href="/doc/dev-024?q=%D0%B4%D0%BE%D0%BC' in client.get("/?q=дом").data.decode()
