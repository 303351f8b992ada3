"""Reads corpus files into records; a bad record is reported with file:line and skipped.

Formats (SPEC "Corpus input"): JSON Lines (`.jsonl`, `.jsonl.gz`), one object a line;
plain text (`.txt`), one document a non-empty line with id `<stem>-<line>`.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

SUFFIXES = (".jsonl", ".jsonl.gz", ".txt")
MAX_LINE_BYTES = 2_000_000  # a record larger than this is a broken file, not news
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Record:
    id: str
    text: str
    date: str | None = None
    title: str = ""
    url: str = ""
    # explicit facet values from the record; None means "extract from the text"
    region: list[str] | None = None
    projects: list[str] | None = None
    officials: list[str] | None = None
    source: str = ""


@dataclass
class Problem:
    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


@dataclass
class ReadReport:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    def reasons(self) -> dict[str, int]:
        """Skipped records counted by kind of reason (the text before any detail)."""
        counts: dict[str, int] = {}
        for p in self.problems:
            kind = p.reason.split(" (")[0].split(":")[0]
            counts[kind] = counts.get(kind, 0) + 1
        return counts


def corpus_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every corpus file under the given files and folders, in a stable order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.name.endswith(SUFFIXES)))
        elif p.is_file():
            out.append(p)
        else:
            raise FileNotFoundError(f"corpus path not found: {p}")
    return out


def valid_date(value) -> str | None:
    """ISO date string if `value` is a real YYYY-MM-DD date, else None."""
    if not isinstance(value, str) or not _DATE_RE.match(value):
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return None
    return value


def _str_list(value, name: str) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"field {name!r} must be a string or a list of strings")
    return [v.strip() for v in value if v.strip()]


def _record_from_obj(obj, source: str) -> Record:
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    rid = obj.get("id")
    if isinstance(rid, int) and not isinstance(rid, bool):
        rid = str(rid)
    if not isinstance(rid, str) or not rid.strip():
        raise ValueError("missing id")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("no text")
    date = obj.get("date")
    if date not in (None, ""):
        date = valid_date(date)
        if date is None:
            raise ValueError(f"bad date: {obj.get('date')!r}")
    else:
        date = None
    title = obj.get("title") or ""
    url = obj.get("url") or ""
    if not isinstance(title, str) or not isinstance(url, str):
        raise ValueError("title and url must be strings")
    return Record(
        id=rid.strip(), text=text.strip(), date=date, title=title.strip(), url=url.strip(),
        region=_str_list(obj.get("region"), "region"),
        projects=_str_list(obj.get("projects"), "projects"),
        officials=_str_list(obj.get("officials"), "officials"),
        source=source,
    )


def _lines(path: Path, report: ReadReport) -> Iterator[tuple[int, bytes]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    lineno = 0
    try:
        with opener(path, "rb") as fh:
            for lineno, raw in enumerate(fh, 1):
                yield lineno, raw
    except (EOFError, OSError, zlib.error) as exc:
        report.problems.append(Problem(str(path), lineno + 1, f"unreadable file, rest skipped ({exc})"))


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_LINE_BYTES:
        raise ValueError(f"line too long ({len(raw)} bytes, limit {MAX_LINE_BYTES})")
    try:
        return raw.decode("utf-8").lstrip("\ufeff").strip()
    except UnicodeDecodeError as exc:
        raise ValueError(f"bad encoding: not UTF-8 at byte {exc.start}") from None


def read_file(path: Path, report: ReadReport) -> Iterator[Record]:
    is_txt = path.name.endswith(".txt")
    stem = path.name.removesuffix(".txt")
    for lineno, raw in _lines(path, report):
        source = f"{path}:{lineno}"
        try:
            line = _decode(raw)
            if not line:
                continue
            if is_txt:
                yield Record(id=f"{stem}-{lineno}", text=line, source=source)
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"malformed JSON ({exc.msg} at column {exc.colno})") from None
            yield _record_from_obj(obj, source)
        except ValueError as exc:
            report.problems.append(Problem(str(path), lineno, str(exc)))


def read_corpus(paths: Iterable[str | Path], report: ReadReport | None = None) -> Iterator[Record]:
    """Good records from all files; duplicates of an id already seen are reported and skipped."""
    report = report if report is not None else ReadReport()
    seen: dict[str, str] = {}
    for path in corpus_files(paths):
        report.files += 1
        for rec in read_file(path, report):
            first = seen.get(rec.id)
            if first is not None:
                path_, _, line = rec.source.rpartition(":")
                report.problems.append(Problem(path_, int(line), f"duplicate id {rec.id!r} (first at {first})"))
                continue
            seen[rec.id] = rec.source
            yield rec
