"""A small invented news site as `wget --mirror` saves it, its WARC and its feed (all text
our own: events of invented party branches)."""
from __future__ import annotations

import io
from pathlib import Path

HOST = "filial-primer.kz"
CHROME_WORDS = ("Главная", "Поделиться", "Читайте также", "файлы cookie", "Все права защищены")

# (path, title, date, how the date is given, paragraphs)
ARTICLES = [
    ("news/2019/03/15/vstrecha-veterany", "Встреча с ветеранами в Караганде", "2019-03-15", "meta",
     ["В Карагандинском областном филиале партии прошла встреча с ветеранами труда, на которой "
      "обсудили ремонт дворов и освещение улиц в старых кварталах города.",
      "Секретарь филиала Арман Жумабеков пообещал вынести предложения жителей на ближайшую сессию маслихата."]),
    ("news/subbotnik-temirtau", "Субботник в Темиртау", "2019-04-20", "jsonld",
     ["Активисты молодёжного крыла филиала вышли на весенний субботник и за один день очистили "
      "набережную от мусора, высадив вдоль неё двести молодых берёз.",
      "Руководитель крыла Динара Сапарова поблагодарила волонтёров и предложила сделать субботник ежемесячным."]),
    ("news/priem-grazhdan-balkhash", "Приём граждан в Балхаше", "2019-05-07", "time",
     ["В общественной приёмной филиала депутат Ерлан Касымов провёл приём граждан по вопросам "
      "отопления и ремонта подъездов многоквартирных домов.",
      "Большинство обращений касалось перебоев с горячей водой, по каждому из них назначен ответственный."]),
    ("news/2019/06/01/den-zashchity-detej", "Праздник для детей в Сарани", "2019-06-01", "url",
     ["Ко Дню защиты детей филиал партии организовал в Сарани праздник для воспитанников "
      "детского дома с концертом и спортивными эстафетами.",
      "Каждый участник получил в подарок книги и настольные игры, собранные членами партии."]),
    ("news/seminar-shakhtinsk", "Семинар для наблюдателей в Шахтинске", "2019-09-12", "text-words",
     ["12 сентября 2019 года в Шахтинске прошёл семинар для общественных наблюдателей, "
      "которых готовят к работе на участках во время выборов.",
      "Юрист филиала Гульнар Ахметова разобрала с участниками типичные нарушения и порядок их фиксации."]),
    ("news/forum-zhezkazgan", "Молодёжный форум в Жезказгане", "2019-10-03", "text-dots",
     ["03.10.2019 в Жезказгане открылся молодёжный форум филиала, собравший студентов колледжей "
      "и молодых специалистов горно-металлургических предприятий.",
      "На площадках форума обсуждали наставничество, жильё для молодых семей и городской транспорт."]),
    ("news/1573000000-akciya-priut", "Акция помощи приюту для животных", "2019-11-06", "stamp",
     ["Члены филиала собрали корма и лекарства для городского приюта бездомных животных и "
      "помогли утеплить вольеры перед наступлением холодов.",
      "Волонтёры договорились приезжать в приют каждую субботу до конца зимы."]),
    ("news/kruglyj-stol-ekologiya", "Круглый стол об экологии в Приозёрске", "2019-12-10", "cp1251",
     ["В Приозёрске филиал партии провёл круглый стол о сохранении озера, в котором приняли участие "
      "учёные, рыбаки и представители городского акимата.",
      "Участники предложили запретить сброс стоков в прибрежной зоне и создать общественный экологический совет."]),
    ("news/2020/01/22/otchet-deputatov-karkaralinsk", "Отчёт депутатов в Каркаралинске", "2020-01-22", "cp1251-wrong",
     ["Депутаты районного маслихата отчитались перед жителями Каркаралинска о выполнении "
      "предвыборной программы партии за прошедший год.",
      "Жители попросили ускорить газификацию сёл района и отремонтировать дорогу до райцентра."]),
    ("news/2020/02/14/turnir-abaj", "Шахматный турнир в Абае", "2020-02-14", "cp1251-undeclared",
     ["В городе Абай филиал партии провёл шахматный турнир среди школьников, в котором сыграли "
      "больше шестидесяти юных участников из всех школ района.",
      "Победители получили кубки, а школы — новые шахматные доски и часы для кружков."]),
]
SHORT_NEWS = [  # a section page of short dated news whose entries have no page of their own
    ("news/short/sobranie-osakarovka", "Собрание в Осакаровке", "2020-03-02",
     "В Осакаровке прошло отчётное собрание первичной партийной организации района."),
    ("news/short/konkurs-esseev", "Конкурс эссе для старшеклассников", "2020-03-05",
     "Филиал объявил конкурс эссе о родном крае для учеников старших классов."),
    ("news/short/donory-nura", "Донорская акция в Нуре", "2020-03-11",
     "Тридцать членов партии в посёлке Нура сдали кровь для областной станции переливания."),
    ("news/short/lekciya-pravo", "Лекция о правах потребителей", "2020-03-18",
     "Юристы филиала прочитали в библиотеке лекцию о защите прав потребителей."),
]

NAV = ('<header><nav class="menu"><a href="/">Главная</a> <a href="/news/">Новости</a> '
       '<a href="/about/">О партии</a> <a href="/contacts/">Контакты</a></nav></header>')
SHARE = '<div class="share">Поделиться: <a href="#vk">ВКонтакте</a> <a href="#tg">Telegram</a></div>'
READ_ALSO = ('<aside class="related"><h3>Читайте также</h3><ul><li><a href="/news/subbotnik-temirtau">'
             'Субботник в Темиртау</a></li><li><a href="/news/forum-zhezkazgan">Молодёжный форум</a></li></ul></aside>')
COOKIE = '<div id="cookie-banner">Мы используем файлы cookie, чтобы сайт работал удобнее. <button>Понятно</button></div>'
FOOTER = '<footer>© Областной филиал партии. Все права защищены.</footer>'


def article_url(path: str) -> str:
    return f"https://{HOST}/{path}"


def _article_html(path, title, date, how, paragraphs, banner="") -> str:
    charset = {"cp1251": "windows-1251", "cp1251-wrong": "utf-8", "cp1251-undeclared": None}.get(how, "utf-8")
    head = [f'<meta charset="{charset}">' if charset else "", f"<title>{title} — Филиал партии</title>"]
    if how in ("meta", "cp1251"):
        head += [f'<meta property="article:published_time" content="{date}T11:30:00+06:00">',
                 f'<meta property="og:title" content="{title}">',
                 f'<link rel="canonical" href="http://{HOST.upper()}/{path}/?utm_source=telegram&utm_medium=post">']
    if how == "jsonld":
        head.append('<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
                    f'"NewsArticle", "headline": "{title}", "datePublished": "{date}T09:00:00+06:00"}}</script>')
    dated = f'<time datetime="{date}">{date}</time>' if how == "time" else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang=ru><head>{''.join(head)}</head><body>{COOKIE}{NAV}{banner}"
            f"<main><article><h1>{title}</h1>{dated}{body}{SHARE}</article>{READ_ALSO}</main>{FOOTER}</body></html>")


def _section_html(entries, title) -> str:
    items = "".join(f'<div class="news-item"><time datetime="{d}">{d[8:]}.{d[5:7]}.{d[:4]}</time>'
                    f'<h3><a href="/{p}">{t}</a></h3><p>{x}</p></div>' for p, t, d, x in entries)
    return (f'<!DOCTYPE html><html lang=ru><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'{NAV}<main><h1>{title}</h1><div class="news-list">{items}</div></main>{FOOTER}</body></html>')


NAV_ONLY = ('<!DOCTYPE html><html lang=ru><head><meta charset="utf-8"><title>Карта сайта</title></head>'
            f'<body>{NAV}<ul><li><a href="/news/">Новости</a></li><li><a href="/about/">О партии</a></li>'
            f'</ul>{FOOTER}</body></html>')


def pages(banner: str = "", changed: dict | None = None) -> dict[str, bytes]:
    """Mirror-relative file path -> bytes, as wget saves them (a folder address as index.html)."""
    out: dict[str, bytes] = {}
    for path, title, date, how, paragraphs in ARTICLES:
        paragraphs = (changed or {}).get(path, paragraphs)
        html = _article_html(path, title, date, how, paragraphs, banner)
        out[f"{HOST}/{path}/index.html"] = (
            html.encode("cp1251") if how.startswith("cp1251") else html.encode("utf-8"))
    out[f"{HOST}/news/short/index.html"] = _section_html(SHORT_NEWS, "Коротко").encode()
    linked = [(p, t, d, ps[0][:120]) for p, t, d, _, ps in ARTICLES[:4]]
    out[f"{HOST}/news/index.html"] = _section_html(linked, "Новости филиала").encode()
    out[f"{HOST}/sitemap.html"] = NAV_ONLY.encode()
    return out


def write_mirror(root: Path, **kw) -> Path:
    for rel, data in pages(**kw).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


def write_warc(path: Path) -> Path:
    """Every page of the mirror as a response record (http, as a crawler saw it), plus a
    request, a revisit and an image, which are not items."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for rel, data in pages().items():
            uri = "http://" + rel.removesuffix("index.html").removesuffix(".html")
            charset = "windows-1251" if "kruglyj" in rel else "utf-8"
            w.write_record(w.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            headers = StatusAndHeaders("200 OK", [("Content-Type", f"text/html; charset={charset}")],
                                       protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(data), http_headers=headers))
        png = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"http://{HOST}/logo.png", "response",
                                            payload=io.BytesIO(b"\x89PNG\r\n"), http_headers=png))
        w.write_record(w.create_revisit_record(article_url(ARTICLES[0][0]), "sha1:AAAA", article_url(ARTICLES[0][0]),
                                               "2020-01-01T00:00:00Z"))
    return path


def write_feed(path: Path, n: int = 3) -> Path:
    items = "".join(
        f"<item><title>{t}</title><link>http://{HOST}/{p}/?utm_source=rss</link>"
        f"<guid>http://{HOST}/{p}</guid><pubDate>{_rfc822(d)}</pubDate>"
        f"<description>&lt;p&gt;{ps[0]}&lt;/p&gt;</description></item>"
        for p, t, d, _, ps in ARTICLES[:n])
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Новости филиала'
                    f"</title><link>https://{HOST}/</link>{items}</channel></rss>", "utf-8")
    return path


def _rfc822(date: str) -> str:
    import datetime as dt
    import email.utils

    d = dt.datetime.fromisoformat(date + "T23:30:00+06:00")
    return email.utils.format_datetime(d)
