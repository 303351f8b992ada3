"""Reading the corpus: every good record kept, every bad one named with file:line."""
import gzip
import json

from indexer.corpus import ReadReport, read_corpus

from .helpers import CORPUS


def test_bundled_corpus_reads_seed_and_dev_items():
    report = ReadReport()
    recs = list(read_corpus([CORPUS], report))
    ids = {r.id for r in recs}
    assert report.problems == []
    assert "dev-001" in ids and "dev-040" in ids
    # TXT items get <stem>-<line> ids, one per non-empty line
    seed = [r for r in recs if r.id.startswith("seed_snippets-")]
    assert len(seed) == 12
    first = next(r for r in seed if r.id == "seed_snippets-1")
    assert first.text.startswith("В Кызылорде председатель областного филиала")


def test_broken_lines_are_reported_with_file_and_line_and_skipped(tmp_path):
    good = {"id": "ok-1", "date": "2019-09-11", "text": "В Кызылорде провел прием граждан аким области."}
    lines = [
        json.dumps(good, ensure_ascii=False),
        '{"id": "broken", "text": "Костанай',                                   # 2 malformed JSON
        json.dumps({"text": "Без идентификатора"}, ensure_ascii=False),          # 3 missing id
        json.dumps({"id": "no-text", "text": "   "}),                            # 4 no text
        json.dumps({"id": "ok-1", "text": "Повтор"}, ensure_ascii=False),        # 5 duplicate id
        json.dumps({"id": "bad-date", "date": "2019-02-30", "text": "Караганда"}, ensure_ascii=False),  # 6
        "",                                                                      # 7 blank: ignored
        json.dumps({"id": "ok-2", "text": "В Рудном ознакомились с ходом строительства"}, ensure_ascii=False),
        "[1, 2, 3]",                                                             # 9 not an object
    ]
    f = tmp_path / "items.jsonl"
    data = "\n".join(lines).encode("utf-8") + b"\n" + b'{"id": "latin1", "text": "\xe0\xe1"}\n'  # 10 bad bytes
    f.write_bytes(data)
    report = ReadReport()
    recs = list(read_corpus([f], report))
    assert [r.id for r in recs] == ["ok-1", "ok-2"]
    where = {(p.line, p.reason.split(" (")[0].split(":")[0]) for p in report.problems}
    assert where == {(2, "malformed JSON"), (3, "missing id"), (4, "no text"), (5, "duplicate id 'ok-1'"),
                     (6, "bad date"), (9, "not a JSON object"), (10, "bad encoding")}
    assert all(str(p).startswith(f"{f}:{p.line}: ") for p in report.problems)


def test_gzip_jsonl_and_truncated_gzip(tmp_path):
    rec = {"id": "gz-1", "text": "Столичный филиал партии подвел итоги конкурса"}
    ok = tmp_path / "a.jsonl.gz"
    with gzip.open(ok, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    cut = tmp_path / "b.jsonl.gz"
    body = gzip.compress(("\n".join(json.dumps({"id": f"t{i}", "text": "Павлодар " * 50}) for i in range(200))).encode())
    cut.write_bytes(body[: len(body) // 2])
    report = ReadReport()
    recs = list(read_corpus([tmp_path], report))
    assert "gz-1" in {r.id for r in recs}
    assert any(r.id.startswith("t") for r in recs)  # the readable start of the cut file is kept
    assert any(p.path == str(cut) and "unreadable file" in p.reason for p in report.problems)


def test_duplicate_ids_across_files_keep_the_first(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "x", "text": "первый"}, ensure_ascii=False) + "\n", "utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "x", "text": "второй"}, ensure_ascii=False) + "\n", "utf-8")
    report = ReadReport()
    recs = list(read_corpus([tmp_path], report))
    assert [r.text for r in recs] == ["первый"]
    assert "first at" in report.problems[0].reason and report.problems[0].path.endswith("b.jsonl")


def test_gigantic_line_is_reported_not_loaded(tmp_path, monkeypatch):
    import indexer.corpus as corpus

    monkeypatch.setattr(corpus, "MAX_LINE_BYTES", 1000)
    f = tmp_path / "big.jsonl"
    f.write_text(json.dumps({"id": "huge", "text": "Павлодар " * 500}, ensure_ascii=False) + "\n"
                 + json.dumps({"id": "ok", "text": "В Павлодаре прошла встреча"}, ensure_ascii=False) + "\n", "utf-8")
    report = ReadReport()
    assert [r.id for r in read_corpus([f], report)] == ["ok"]
    assert report.problems[0].line == 1 and "line too long" in report.problems[0].reason
