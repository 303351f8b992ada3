"""An update reads only the corpus files that changed since the last build."""
import json
import os

from indexer.build import build
from tests.helpers import write_jsonl


def _items(prefix, n):
    return [{"id": f"{prefix}-{i}", "date": "2021-05-1%d" % (i % 9),
             "text": f"Кызылординский областной филиал партии провёл приём граждан номер {i}."}
            for i in range(n)]


def test_update_skips_unchanged_files_and_sees_changes(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    a, b = corpus / "a.jsonl", corpus / "b.jsonl"
    write_jsonl(a, _items("a", 5))
    write_jsonl(b, _items("b", 5))
    build([corpus], index, rebuild=True)
    write_jsonl(b, _items("b", 5)[:4] + [{"id": "b-new", "text": "В Актобе открылась общественная приёмная."}])
    s = build([corpus], index)
    assert (s.added, s.deleted, s.unchanged) == (1, 1, 9)
    assert s.report.files == 2
    # a touched file with the same bytes is not re-indexed; a removed file's items go
    os.utime(a, None)
    b.unlink()
    s = build([corpus], index)
    assert (s.indexed, s.deleted, s.unchanged) == (0, 5, 5)


def test_duplicate_of_an_unread_file_is_still_reported(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    write_jsonl(corpus / "a.jsonl", _items("a", 3))
    build([corpus], index, rebuild=True)
    write_jsonl(corpus / "b.jsonl", [{"id": "a-1", "text": "Повтор чужого номера в новом файле."}])
    s = build([corpus], index)
    assert s.added == 0 and s.unchanged == 3
    assert any("duplicate id" in str(p) and "a.jsonl" in str(p) for p in s.report.problems)


def test_an_update_parses_only_the_changed_lines_of_a_changed_file(tmp_path, monkeypatch):
    import indexer.corpus as corpus_mod
    from indexer.build import build
    from indexer.search import Archive, SearchParams, search

    items = [{"id": f"n{i}", "date": "2020-01-01", "text": f"Встреча номер {i} прошла в Павлодаре."} for i in range(30)]
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in items), "utf-8")
    ix = tmp_path / "ix"
    build([path], ix, progress=False)
    items[3] = dict(items[3], text="Встреча номер 3 перенесена в Экибастуз.")
    items.insert(0, dict(items[7], text="Совсем другая заметка о субботнике."))  # n7 given again, first
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in items), "utf-8")
    parsed = []
    real = corpus_mod._record_from_obj
    monkeypatch.setattr(corpus_mod, "_record_from_obj", lambda obj, source: parsed.append(obj["id"]) or real(obj, source))
    s = build([path], ix, progress=False)
    assert sorted(parsed) == ["n3", "n7"]  # the other 29 lines were indexed before byte for byte
    assert (s.updated, s.unchanged, s.skipped) == (2, 28, 1)  # n7's old line is now a duplicate
    archive = Archive(ix)
    assert search(archive, SearchParams(q="перенесена"))["total"] == 1
    assert search(archive, SearchParams(q="субботник"))["total"] == 1
    assert search(archive, SearchParams(q="прошла"))["total"] == 28
    again = build([path], ix, progress=False)
    assert (again.updated, again.unchanged) == (0, 30)
