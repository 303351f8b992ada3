"""The place facet's extractor: towns, villages and districts the item is about."""
import pytest

from indexer.extract.places import canonical_place, find_places
from indexer.extract.regions import find_regions


def places(text, date="2019-04-10", title=""):
    return find_places(title, text, date, find_regions(title, text, date))


@pytest.mark.parametrize("text, expected", [
    ("Жителям Жангалинского района вручили сертификаты. В Уральске прошел форум.",
     ["Жангалинский район", "Уральск"]),
    ("В селе Саумалколь Айыртауского района открылся клуб.", ["Саумалколь", "Айыртауский район"]),
    ("В Лисаковской городской больнице открыли отделение.", ["Лисаковск"]),
    ("Об этом шла речь на встрече актива района Сарыарка столичного филиала.", ["район Сарыарка"]),
    # a passing mention of another region's town is no place of this item
    ("Партийцы Кызылординской области встретили гостей из Павлодара у себя в Шиели.", ["Шиели"]),
    # a region named as such is no place
    ("Депутаты маслихата ВКО проверили школы.", []),
])
def test_places_an_item_is_about(text, expected):
    assert places(text) == expected


def test_place_values_in_any_case_and_spelling():
    assert canonical_place("в Рудном".split()[1]) == "Рудный"
    assert canonical_place("лисаковск") == "Лисаковск"
    assert canonical_place("Жангалинский район") == "Жангалинский район"
    assert canonical_place("Марс") is None


def test_a_town_in_any_case_as_a_query_finds_its_items(tmp_path):
    from indexer.build import build
    from indexer.search import Archive, SearchParams, search

    from .helpers import write_jsonl

    items = [{"id": "s1", "date": "2020-06-01", "text": "В селе Саумалколь Айыртауского района открылся клуб."},
             {"id": "s2", "date": "2020-06-02", "text": "Жители Саумалколя получили подарки от партийцев."},
             {"id": "x", "date": "2020-06-03", "text": "В Петропавловске прошел форум."}]
    build([write_jsonl(tmp_path / "c.jsonl", items)], tmp_path / "ix", progress=False)
    archive = Archive(tmp_path / "ix")
    for q in ("Саумалколь", "Саумалколе", "саумалколя"):
        assert sorted(h["id"] for h in search(archive, SearchParams(q=q))["hits"]) == ["s1", "s2"], q
