"""Hostile corpus files: each bad record skipped and named, memory bounded whatever the input."""
import gzip
import json
import os
import subprocess
import sys
import tempfile

from indexer.corpus import MAX_PROBLEMS_KEPT, ReadReport, read_corpus

from .helpers import ROOT

RSS_LIMIT_MB = 500


def _index(corpus, index_dir):
    """`newsarchive index` in a child process: (exit code, stdout, stderr, peak RSS in MB)."""
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    p = subprocess.Popen([sys.executable, "-m", "indexer.cli", "index", "--corpus", str(corpus),
                          "--index", str(index_dir), "--quiet"], cwd=ROOT, stdout=out, stderr=err)
    _, status, usage = os.wait4(p.pid, 0)
    out.seek(0)
    err.seek(0)
    return (os.waitstatus_to_exitcode(status), out.read().decode(), err.read().decode(),
            usage.ru_maxrss / 1024)


def test_deep_nesting_and_lone_surrogates_are_skipped_and_named(tmp_path):
    f = tmp_path / "bad.jsonl"
    lines = [
        json.dumps({"id": "ok-1", "text": "В Кызылорде прошла встреча."}, ensure_ascii=False),
        '{"id": "deep", "text": "x", "region": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"id": "surrogate", "text": "\\udc00 В Павлодаре"}',
        '{"id": "sur-title", "text": "В Павлодаре", "title": "\\ud800"}',
        '{"id": "sur-region", "text": "В Павлодаре", "region": ["\\udfff"]}',
        '{"id": "\\udc00", "text": "В Павлодаре"}',
        json.dumps({"id": "ok-2", "text": "В Рудном прошла встреча."}, ensure_ascii=False),
    ]
    f.write_text("\n".join(lines) + "\n", "utf-8")
    report = ReadReport()
    assert [r.id for r in read_corpus([f], report)] == ["ok-1", "ok-2"]
    assert [(p.line, p.kind) for p in report.problems] == [
        (2, "malformed JSON"), (3, "bad text"), (4, "bad text"), (5, "bad text"), (6, "bad id")]
    assert all(str(p).startswith(f"{f}:{p.line}: ") for p in report.problems)
    code, out, err, _ = _index(f, tmp_path / "ix")  # the whole run: fingerprints, pair sample
    assert code == 0 and "indexed 2" in out and "skipped 5" in out, err[-2000:]
    assert f"{f}:2: malformed JSON (nested too deep)" in err


def test_gzip_bomb_of_duplicates_keeps_memory_bounded(tmp_path):
    """2 million duplicate lines (a 1 MB .gz): each problem was kept (~350 B each)."""
    bomb = tmp_path / "bomb.jsonl.gz"
    line = (json.dumps({"id": "dup", "text": "В Кызылорде прошла встреча."}, ensure_ascii=False) + "\n").encode()
    with gzip.open(bomb, "wb", compresslevel=1) as fh:
        for _ in range(20):
            fh.write(line * 100_000)
    assert bomb.stat().st_size < 2_000_000
    code, out, err, rss = _index(bomb, tmp_path / "ix")
    assert code == 0, err[-2000:]
    assert "indexed 1 " in out and "skipped 1999999 (duplicate id: 1999999)" in out
    assert err.count("\n") <= MAX_PROBLEMS_KEPT + 5 and "1998999 more bad records" in err
    assert rss < RSS_LIMIT_MB, f"peak RSS {rss:.0f} MB"


def test_gzip_bomb_of_one_huge_line_is_not_read_whole(tmp_path):
    """A small .gz holding one 400 MB line: the line was read whole before its length was checked."""
    bomb = tmp_path / "long.jsonl.gz"
    with gzip.open(bomb, "wb", compresslevel=1) as fh:
        fh.write(b'{"id": "long", "text": "')
        chunk = b"a" * (1 << 20)
        for _ in range(400):
            fh.write(chunk)
        fh.write(b'"}\n' + json.dumps({"id": "ok", "text": "В Павлодаре прошла встреча."},
                                      ensure_ascii=False).encode() + b"\n")
    assert bomb.stat().st_size < 3_000_000
    code, out, err, rss = _index(bomb, tmp_path / "ix")
    assert code == 0, err[-2000:]
    assert "indexed 1 " in out and f"{bomb}:1: line too long" in err
    assert rss < RSS_LIMIT_MB, f"peak RSS {rss:.0f} MB"


def test_nothing_indexable_prints_the_reasons(tmp_path):
    f = tmp_path / "all-bad.jsonl"
    f.write_text('{"id": "a"}\n{"text": "без id"}\nnot json\n', "utf-8")
    code, out, err, _ = _index(f, tmp_path / "ix")
    assert code == 1
    assert f"{f}:1: no text" in err and f"{f}:2: missing id" in err and f"{f}:3: malformed JSON" in err
    assert "malformed JSON: 1" in err and "missing id: 1" in err and "no text: 1" in err


def test_duplicates_are_one_reason_in_the_summary(tmp_path):
    f = tmp_path / "dups.jsonl"
    f.write_text("".join(json.dumps({"id": i, "text": "В Кызылорде прошла встреча."}, ensure_ascii=False) + "\n"
                         for i in ["a", "b", "a", "b", "a", "c"]), "utf-8")
    code, out, err, _ = _index(f, tmp_path / "ix")
    assert code == 0 and "skipped 3 (duplicate id: 3)" in out, out


def test_a_record_of_one_enormous_word_is_indexed_without_hanging(tmp_path):
    # a 300,000-letter «word» (a pasted hash, a broken export) once made the homoglyph scan
    # backtrack over every start position: the build never finished
    f = tmp_path / "long.jsonl"
    items = [{"id": "long", "text": "Партийцы провели субботник. " + "а" * 300_000},
             {"id": "ok", "text": "Жители села Кызылжар получили помощь от партийцев."}]
    f.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items), "utf-8")
    p = subprocess.run([sys.executable, "-m", "indexer.cli", "index", "--corpus", str(f),
                        "--index", str(tmp_path / "ix"), "--quiet"], cwd=ROOT, capture_output=True,
                       text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    q = subprocess.run([sys.executable, "-m", "indexer.cli", "search", "субботник", "--index",
                        str(tmp_path / "ix"), "--json"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert [h["id"] for h in json.loads(q.stdout)["hits"]] == ["long"]
