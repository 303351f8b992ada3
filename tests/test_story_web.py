"""Entity and similar-item JSON, and the Atom twin of every search (webapp/story.py, webapp/feeds.py)."""
import xml.etree.ElementTree as ET
from urllib.parse import quote

from indexer.search import SearchParams, search

A = "{http://www.w3.org/2005/Atom}"


def test_an_alias_redirects_to_the_canonical_entity(client):
    r = client.get("/api/official/" + quote("Куанышбека Искакова"))
    assert r.status_code == 308 and r.headers["Location"].endswith(quote("Куанышбек Искаков", safe=""))
    r = client.get(r.headers["Location"])
    assert r.status_code == 200 and r.get_json()["value"] == "Куанышбек Искаков"


def test_hostile_entity_names_are_400_or_404_with_near_names(client):
    r = client.get("/api/official/" + quote("Куанышбек Искаковв"))
    assert r.status_code == 404
    assert "Куанышбек Искаков" in [v["value"] for v in r.get_json()["nearest"]]
    assert client.get("/api/place/" + "ж" * 500).status_code == 400
    assert client.get("/api/region/%01%02").status_code == 400
    assert client.get("/api/doc/dev-024/similar?limit=1000").status_code == 400
    assert client.get("/api/doc/" + quote("../нет") + "/similar").status_code == 404


def test_similar_items_answer(client):
    r = client.get("/api/doc/dev-024/similar?limit=3")
    body = r.get_json()
    assert r.status_code == 200 and 0 < len(body["similar"]) <= 3
    assert "dev-024" not in [x["id"] for x in body["similar"]]


def test_the_feed_is_atom_and_the_first_page_of_the_search_by_date(client, archive):
    r = client.get("/feed?q=" + quote("проекта"))
    assert r.status_code == 200 and r.content_type.startswith("application/atom+xml")
    feed = ET.fromstring(r.data)
    assert feed.tag == A + "feed"
    for tag in ("id", "title", "updated"):
        assert feed.find(A + tag) is not None and feed.find(A + tag).text
    assert feed.find(A + "link[@rel='self']") is not None
    entries = feed.findall(A + "entry")
    for e in entries:
        for tag in ("id", "title", "updated", "summary"):
            assert e.find(A + tag) is not None, tag
        assert e.find(A + "link").get("href").startswith("http")
    expected = search(archive, SearchParams(q="проекта", sort="date_desc"))["hits"]
    assert [e.find(A + "link").get("href").rsplit("/", 1)[1] for e in entries] == [h["id"] for h in expected]
    assert entries


def test_the_search_page_links_its_feed(client):
    html = client.get("/?q=" + quote("прием")).get_data(as_text=True)
    assert 'rel="alternate" type="application/atom+xml"' in html and "/feed?q=" in html


def test_control_characters_in_records_do_not_break_the_feed(tmp_path):
    from indexer.build import build
    from webapp import create_app

    from .helpers import write_jsonl

    corpus = write_jsonl(tmp_path / "c.jsonl", [
        {"id": "злой-1", "date": "2024-05-06", "title": "Собрание\x01 в акимате\x0b <b>&",
         "text": "Жители обсудили\x02 ремонт дороги ]]> и освещение улиц."}])
    build([corpus], tmp_path / "ix", progress=False)
    client = create_app({"INDEX_DIR": str(tmp_path / "ix"), "TESTING": True}).test_client()
    r = client.get("/feed?q=" + quote("ремонт"))
    entry = ET.fromstring(r.data).find(A + "entry")
    assert "<b>&" in entry.find(A + "title").text and "]]>" in entry.find(A + "summary").text


def test_entity_pages_redirect_aliases_and_name_near_values(client):
    r = client.get("/region/" + quote("Нур-Султан"))
    assert r.status_code == 308 and r.headers["Location"] == "/region/" + quote("Астана", safe="")
    html = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "<svg" in html and "month=" in html and "<h1>Астана</h1>" in html
    r = client.get("/official/" + quote("Куанышбек Искаковв"))
    assert r.status_code == 404 and "Куанышбек Искаков" in r.get_data(as_text=True)
    assert client.get("/place/" + "ж" * 500).status_code == 400


def test_the_item_page_links_its_entities_and_similar_items(client):
    html = client.get("/doc/dev-024").get_data(as_text=True)
    assert "Похожие материалы" in html and "общие: " in html
    assert 'href="/official/' in html or 'href="/project/' in html
