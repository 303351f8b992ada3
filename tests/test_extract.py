"""Facet extraction on real forms from the seed and dev corpus, and the dev-set quality bar."""
import io
import sys

import pytest

from indexer.corpus import Record
from indexer.extract import canonical_official, canonical_project, canonical_region, extract, find_date
from indexer.extract.officials import find_officials
from indexer.extract.projects import find_projects
from indexer.extract.regions import find_regions

from .helpers import ROOT, SHARED


def regions(text, date="2019-09-11", title=""):
    return find_regions(title, text, date)


@pytest.mark.parametrize("text, expected", [
    ("В Кызылорде председатель областного филиала партии провел прием граждан.", ["Кызылординская область"]),
    ("ознакомились с ходом строительства жилого дома по улице Восточная в Рудном.", ["Костанайская область"]),
    ("Костанайский областной филиал партии на системной основе проводит мониторинг.", ["Костанайская область"]),
    ("Об этом шла речь на встрече актива района Сарыарка столичного филиала партии.", ["Астана"]),
    ("Столичный филиал партии «Nur Otan» подвел итоги ежегодного конкурса.", ["Астана"]),
    ("принять людей из г. Нур-Султан и регионов", ["Астана"]),
    ("В районе Байконыр столицы при районном филиале партии открылся центр.", ["Астана"]),
    ("Партийцы южной столицы осмотрели арендные дома.", ["Алматы"]),
    ("Рабочая группа Алматинского городского филиала партии осмотрела дома.", ["Алматы"]),
    ("В Илийском районе Алматинской области подведены итоги.", ["Алматинская область"]),
    ("В Алматы облысы прошел форум.", ["Алматинская область"]),
    ("Депутаты маслихата ВКО проверили школы.", ["Восточно-Казахстанская область"]),
    ("Партийцы Атырауской и Мангистауской областей провели совместный рейд.",
     ["Атырауская область", "Мангистауская область"]),
    ("Партия подвела итоги акций во всех регионах страны.", []),
])
def test_region_from_the_many_ways_places_are_named(text, expected):
    assert regions(text) == expected


def test_region_follows_dated_renames():
    assert regions("В Сайрамском районе Южно-Казахстанской области отремонтированы залы.", "2016-11-30") == ["Туркестанская область"]
    assert regions("В Шымкенте открыли госпиталь.", "2017-05-01") == ["Туркестанская область"]
    assert regions("В Шымкенте открыли госпиталь.", "2019-05-22") == ["Шымкент"]
    assert regions("В Семее прошел форум.", "2017-09-27") == ["Восточно-Казахстанская область"]
    assert regions("В Семее прошел форум.", "2023-03-01") == ["Абайская область"]
    assert regions("В Сатпаеве сдали дом.", "2021-09-22") == ["Карагандинская область"]
    assert regions("В Жезказгане сдали дом.", "2022-09-01") == ["Улытауская область"]
    assert regions("В Капшагае открыли школу.", "2020-01-01") == ["Алматинская область"]
    assert regions("В Талдыкоргане вручили путевки.", "2017-11-22") == ["Алматинская область"]
    assert regions("В Талдыкоргане вручили путевки.", "2023-11-22") == ["Жетысуская область"]


def test_an_akim_named_as_such_hints_the_region_of_an_item_naming_no_place():
    rec = Record(id="t", date="2018-03-01", text="Аким области Даниал Ахметов посетил сельскую школу.")
    assert extract(rec)["region"] == ["Восточно-Казахстанская область"]
    # a party leader is no hint; nor is an akim outside his years
    rec = Record(id="t", date="2019-12-18", text="Первый заместитель Председателя партии Бауыржан Байбек подвел итоги.")
    assert extract(rec)["region"] == []
    rec = Record(id="t", date="2010-03-01", text="Аким области Даниал Ахметов посетил школу.")
    assert extract(rec)["region"] == []


def test_semey_families_is_not_a_place():
    assert regions("Помощь получили более трехсот многодетных семей.") == []


def test_region_aliases_for_filters():
    assert canonical_region("Нур-Султан") == "Астана"
    assert canonical_region("ВКО") == "Восточно-Казахстанская область"
    assert canonical_region("ЮКО") == "Туркестанская область"
    assert canonical_region("Кызылорда") == "Кызылординская область"
    assert canonical_region("костанайская область") == "Костанайская область"


@pytest.mark.parametrize("text, expected", [
    ("в рамках национального партийного проекта «Qutty meken» ознакомились", ["Qutty meken"]),
    ("в рамках проекта «Құтты мекен» проверили квартал", ["Qutty meken"]),
    ("проектами партии «Бақытты отбасы», «Ардагерлерді ардақтайық» и «Кедергісіз келешек».",
     ["Бақытты отбасы", "Ардагерлерді ардақтайық", "Кедергісіз келешек"]),
    ("подвел итоги ежегодного конкурса «Лучший социальный проект»", []),
    ("председатель областного филиала партии «Nur Otan»", []),
    ("как у соседнего частного проекта «Северный квартал».", []),
    ("фотовыставка на тему «Кызылорда моими глазами». Организаторами выступили ОФ «Социум-Кызылорда»", []),
    ("в рамках государственной программы «Нурлы жер»", []),
    ("Волонтеры движения «Biz Birgemiz» начали сбор книг", ["Biz Birgemiz"]),
    ("в рамках партийного проекта «Жасыл ел» высадили деревья", ["Жасыл ел"]),
    ("реализуются партийные проекты «Жасыл ел», «Таза аула» и «Qutty meken».",
     ["Жасыл ел", "Таза аула", "Qutty meken"]),
    ("в рамках проекта «Жасыл ел», а организатором выступил фонд «Даму».", ["Жасыл ел"]),
])
def test_projects(text, expected):
    assert find_projects(text) == expected


def test_project_spellings_meet():
    for v in ("Құтты мекен", "Кутты мекен", "Qutty Meken", "«Qutty meken»"):
        assert canonical_project(v) == "Qutty meken"
    assert canonical_project("Бакытты отбасы") == "Бақытты отбасы"
    assert canonical_project("Zhastar – Otanga!") == "Жастар – Отанға!"


@pytest.mark.parametrize("text, expected", [
    ("аким области Куанышбек Искаков в общественной приемной", ["Куанышбек Искаков"]),
    ("с участием акима области Куанышбека Искакова.", ["Куанышбек Искаков"]),
    ("Вместе с акимом области Ерланом Кошановым центр осмотрели", ["Ерлан Кошанов"]),
    ("в аппарат акима области Гульшары Абдыкаликовой.", ["Гульшара Абдыкаликова"]),
    ("заседание под председательством депутата Мажилиса Абдиманапа Бектурганова.", ["Абдиманап Бектурганов"]),
    ("два ветерана Великой Отечественной войны – Иван Хиценко и Касымхан Алдабергенов – отметили",
     []),
    ("Заместитель председателя филиала Алмат Досмухамедов посетил ветеранов", ["Алмат Досмухамедов"]),
    # not on the list: pymorphy3's name tags and an office word before the name
    ("Депутат Мажилиса Самат Мусабаев провел встречу.", ["Самат Мусабаев"]),
    ("встреча с заместителем акима Жанар Ахметовой", ["Жанар Ахметова"]),
    ("Жительница села Мария Сидорова поблагодарила волонтеров.", []),
])
def test_officials(text, expected):
    assert find_officials(text) == expected


def test_official_filter_in_any_case():
    assert canonical_official("Куанышбека Искакова") == "Куанышбек Искаков"
    assert canonical_official("Гульшары Абдыкаликовой") == "Гульшара Абдыкаликова"
    assert canonical_official("Қуанышбек Ысқақов") == "Куанышбек Искаков"


def test_dates_from_record_or_text():
    assert find_date("В Костанае 11 сентября 2019 года отметили день рождения.") == "2019-09-11"
    assert find_date("Заседание прошло 05.03.2020 в Актобе.") == "2020-03-05"
    assert find_date("В Костанае 11 сентября отметили день рождения.") is None
    assert find_date("31.02.2020") is None
    f = extract(Record(id="t", text="В Кызылорде 3 мая 2021 года прошел прием граждан."))
    assert (f.date, f["region"]) == ("2021-05-03", ["Кызылординская область"])


def test_explicit_record_values_override_and_are_normalised():
    rec = Record(id="t", text="В Кызылорде прошел прием.", facets={
        "region": ["Нур-Султан"], "project": ["Құтты мекен"], "official": ["Куанышбека Искакова"]})
    f = extract(rec)
    assert (f["region"], f["project"], f["official"]) == (["Астана"], ["Qutty meken"], ["Куанышбек Искаков"])


@pytest.mark.skipif(not (SHARED / "dev_corpus" / "dev_labels.json").exists(),
                    reason="needs ../shared/dev_corpus (the gold labels are not bundled with the project)")
def test_dev_set_quality_at_least_095_f1_per_facet():
    sys.path.insert(0, str(ROOT / "bench"))
    from extraction_quality import evaluate

    out = io.StringIO()
    scores = evaluate(str(SHARED / "dev_corpus" / "dev.jsonl"), str(SHARED / "dev_corpus" / "dev_labels.json"), out)
    for facet in ("region", "project", "official"):
        assert scores[facet]["f1"] >= 0.95, out.getvalue()
