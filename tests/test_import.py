"""Saved pages, WARC and feeds as corpus input: the right items, navigation never indexed,
one item per article whatever the route, bad input named and skipped."""
import pytest
import gzip

from indexer.build import build
from indexer.corpus import ReadReport, read_corpus
from indexer.importers import MAX_PAGE_BYTES

from . import importsite as site
from .test_bad_corpus import _index


def _read(*paths):
    report = ReadReport()
    return {r.id: r for r in read_corpus(paths, report)}, report


def _expected():
    out = {site.article_url(p): (t, d, ps) for p, t, d, _, ps in site.ARTICLES}
    out.update({site.article_url(p): (t, d, [x]) for p, t, d, x in site.SHORT_NEWS})
    return out


def test_mirror_items_have_title_date_text_and_canonical_id(tmp_path):
    recs, report = _read(site.write_mirror(tmp_path / "mirror"))
    expected = _expected()
    assert set(recs) == set(expected)
    for rid, (title, date, paragraphs) in expected.items():
        rec = recs[rid]
        assert (rec.title, rec.date, rec.url) == (title, date, rid)
        assert all(p in rec.text for p in paragraphs), rec.text  # windows-1251 pages decoded too
        assert not any(w in rec.text for w in site.CHROME_WORDS), rec.text
    # the sitemap (navigation only) and the section list of pages of their own are not items
    assert sorted(p.kind for p in report.problems) == ["not an article", "section list"]


def test_warc_and_feed_give_the_same_items_and_skip_what_is_not_a_page(tmp_path):
    mirror, _ = _read(site.write_mirror(tmp_path / "mirror"))
    warc, report = _read(site.write_warc(tmp_path / "crawl.warc.gz"))
    assert {k: (r.title, r.date, r.text) for k, r in warc.items()} == {
        k: (r.title, r.date, r.text) for k, r in mirror.items()}
    assert {"not an HTML response, skipped", "revisit record skipped"} <= set(report.reasons())
    feed, report = _read(site.write_feed(tmp_path / "news.rss"))
    assert report.problems == []
    for rid, rec in feed.items():  # http, utm_* and trailing slash in the feed: the same ids
        assert rid in mirror and rec.date == mirror[rid].date and rec.text in mirror[rid].text


def test_one_article_through_three_routes_is_one_item_with_the_page_text(tmp_path):
    feed = site.write_feed(tmp_path / "a-news.rss")  # named first: feeds are still read last
    paths = [feed, site.write_warc(tmp_path / "b.warc"), site.write_mirror(tmp_path / "mirror")]
    recs, report = _read(*paths)
    first = site.article_url(site.ARTICLES[0][0])
    assert len(recs) == len(_expected())
    assert all(p in recs[first].text for p in site.ARTICLES[0][4])
    assert report.counts["duplicate id"] == len(_expected()) + 3


def test_updated_mirror_reindexes_only_changed_pages_not_a_new_banner(tmp_path):
    mirror, ix = tmp_path / "mirror", tmp_path / "ix"
    site.write_mirror(mirror)
    assert build([mirror], ix).added == len(_expected())
    changed = {site.ARTICLES[1][0]: site.ARTICLES[1][4] + ["Следующий субботник назначен на первую субботу мая."]}
    site.write_mirror(mirror, banner='<div class="promo">Подпишитесь на наш канал!</div>', changed=changed)
    summary = build([mirror], ix)
    assert (summary.updated, summary.added, summary.deleted) == (1, 0, 0)
    assert summary.unchanged == len(_expected()) - 1


def test_bad_web_input_is_named_and_skipped_and_the_run_goes_on(tmp_path):
    corpus = site.write_mirror(tmp_path / "corpus")
    whole = site.write_warc(tmp_path / "whole.warc").read_bytes()
    cut = whole.index(site.ARTICLES[5][4][0].encode())  # the file ends inside a page
    (corpus / "cut.warc").write_bytes(whole[:cut])
    gz = gzip.compress(whole)
    (corpus / "cut2.warc.gz").write_bytes(gz[: len(gz) // 2])
    (corpus / "binary.html").write_bytes(b"\x00\x01\x02" * 1000)
    (corpus / "login.html").write_text('<html><body><form><input name="u"><button>Войти</button>'
                                       '</form></body></html>', "utf-8")
    with open(corpus / "huge.html", "wb") as fh:  # 50 MB: refused unread, memory flat
        fh.write("<html><body><p>".encode())
        for _ in range(50):
            fh.write(("Очень длинная страница без конца. " * 16_000).encode()[: 1 << 20])
    (corpus / "nolinks.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Лента</title>'
        '<item><title>Без ссылки</title><description>Запись ленты, у которой нет адреса.</description></item>'
        f'<item><title>Со ссылкой</title><link>https://{site.HOST}/news/nova</link>'
        '<description>Филиал открыл новую приёмную в микрорайоне Юго-Восток.</description></item>'
        '</channel></rss>', "utf-8")
    recs, report = _read(corpus)
    assert f"https://{site.HOST}/news/nova" in recs and len(recs) == len(_expected()) + 1
    lines = [str(p) for p in report.problems]
    for name, reason in [("cut.warc", "unreadable archive"), ("cut2.warc.gz", "unreadable archive"),
                         ("binary.html:1", "not a text page"), ("login.html:1", "not an article"),
                         ("huge.html:1", f"page too large (over {MAX_PAGE_BYTES} bytes)"),
                         ("nolinks.xml:1", "feed entry without a link")]:
        assert any(f"/{name}" in line and reason in line for line in lines), (name, lines)
    code, out, err, rss = _index(corpus, tmp_path / "ix")
    assert code == 0 and f"indexed {len(_expected()) + 1} " in out, err[-2000:]
    assert "page too large" in err and rss < 400, rss



@pytest.mark.parametrize("declared, written", [
    ("koi8-r", "cp1251"), ("windows-1251", "koi8-r"), ("koi8-r", "koi8-r"), ("windows-1251", "cp1251")])
def test_a_page_in_one_russian_encoding_declaring_another_reads_as_russian(tmp_path, declared, written):
    # both single-byte encodings decode each other's bytes without an error: only the
    # letters tell which reading is Russian
    body = ("Депутаты городского маслихата Рудного встретились с жителями микрорайона и "
            "обсудили ремонт дороги к новой школе. Жители попросили установить светофор.")
    page = (f'<html><head><meta charset="{declared}"><title>Встреча в Рудном</title></head>'
            f"<body><article><h1>Встреча в Рудном</h1><p>{body}</p></article></body></html>")
    path = tmp_path / "site.kz" / "news" / "vstrecha" / "index.html"
    path.parent.mkdir(parents=True)
    path.write_bytes(page.encode(written))
    (rec,) = list(read_corpus([tmp_path], ReadReport()))
    assert "Жители попросили установить светофор" in rec.text
    assert rec.title == "Встреча в Рудном"


def test_a_page_saved_with_wgets_html_suffix_is_the_feeds_article(tmp_path):
    # `wget -E` writes the address /news/turnir as turnir.html; the feed links /news/turnir
    body = ("Партийцы района провели шахматный турнир среди школьников. Победители получили "
            "грамоты и шахматные доски, а тренеры — благодарственные письма филиала.")
    page = (f"<html><head><title>Турнир</title></head><body><article><h1>Турнир</h1><p>{body}</p>"
            "</article></body></html>")
    path = tmp_path / "mirror" / "site.kz" / "news" / "turnir.html"
    path.parent.mkdir(parents=True)
    path.write_text(page, "utf-8")
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Филиал</title>'
                    '<item><title>Турнир</title><link>https://site.kz/news/turnir</link>'
                    f"<description>{body}</description><pubDate>Mon, 10 Feb 2020 10:00:00 +0600</pubDate>"
                    "</item></channel></rss>", "utf-8")
    report = ReadReport()
    records = list(read_corpus([tmp_path / "mirror", feed], report))
    assert [r.id for r in records] == ["https://site.kz/news/turnir"]
