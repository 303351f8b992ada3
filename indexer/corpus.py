"""Reads corpus files into records; a bad record is reported with file:line and skipped.

Formats (SPEC "Corpus input"): JSON Lines (`.jsonl`, `.jsonl.gz`), one object a line;
plain text (`.txt`), one document a non-empty line with id `<stem>-<line>`; saved pages,
WARC and feeds through indexer/importers (position: entry or WARC record number).
"""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .registry import EXTRACTED

LINE_SUFFIXES = (".jsonl", ".jsonl.gz", ".txt")
HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
SUFFIXES = LINE_SUFFIXES + HTML_SUFFIXES + WARC_SUFFIXES + FEED_SUFFIXES
MAX_LINE_BYTES = 2_000_000  # a record larger than this is a broken file, not news
MAX_PROBLEMS_KEPT = 1_000   # problems kept with file:line; any beyond are only counted
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# invisible format characters (Unicode category Cf: bidi overrides and isolates, zero-width
# characters, soft hyphen, BOM...): a facet value `Караганда<RLO>` would be a value of its
# own, and reversed on screen. Removed from every field when a record is read.
# (Cf exists only below U+20000 and in the tags block U+E0000-E007F: no need to scan the rest)
_FORMAT_CHARS = dict.fromkeys(i for i in [*range(0x20000), *range(0xE0000, 0xE0100)]
                              if unicodedata.category(chr(i)) == "Cf")


def _char_class(codepoints) -> str:
    """A regex class of code points as ranges: a class of 163 single characters (some
    astral) searched 5x slower, 60 us a text, most of reading a corpus."""
    ranges: list[list[int]] = []
    for c in sorted(codepoints):
        if ranges and c == ranges[-1][1] + 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return "[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                         for a, b in ranges) + "]"


_HAS_FORMAT = re.compile(_char_class(_FORMAT_CHARS))
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_HTTP = re.compile(r"https?://[^\s]", re.IGNORECASE)
_KIND = re.compile(r" \(|:| '")


def strip_format(text: str) -> str:
    """The text without invisible format characters (Cf)."""
    return text.translate(_FORMAT_CHARS) if _HAS_FORMAT.search(text) else text


def safe_url(url: str | None) -> str:
    """`url` if it is an http or https address, else "" (no `javascript:` or `data:` links)."""
    url = (url or "").strip()
    return url if _HTTP.match(url) and not _CONTROL.search(url) else ""


@dataclass
class Record:
    id: str
    text: str
    date: str | None = None
    title: str = ""
    url: str = ""
    # explicit facet values from the record, by facet name (registry); a facet not given
    # is extracted from the text
    facets: dict[str, list[str]] = field(default_factory=dict)
    source: str = ""
    # the digest of the JSON line it was read from (`line_digest`), for the manifest
    line: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class Unchanged:
    """A JSON line an update has indexed before, byte for byte: its id, not parsed again."""
    id: str
    source: str
    line: str


def line_digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=8).hexdigest()


@dataclass
class Problem:
    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"

    @property
    def kind(self) -> str:
        """The reason without its details: `duplicate id`, not `duplicate id 'x' (first at ...)`."""
        return _KIND.split(self.reason, maxsplit=1)[0]


@dataclass
class ReadReport:
    """Bad records: the first MAX_PROBLEMS_KEPT with file:line, and a count of every one by
    kind, so that memory stays bounded whatever the input (a gzip bomb of duplicates)."""
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    skipped: int = 0

    def add(self, problem: Problem) -> None:
        self.skipped += 1
        kind = problem.kind
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(problem)

    @property
    def not_shown(self) -> int:
        """Problems counted but not kept with their file:line."""
        return self.skipped - len(self.problems)

    def reasons(self) -> dict[str, int]:
        """Skipped records counted by kind of reason (the text before any detail)."""
        return dict(self.counts)


def corpus_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every corpus file under the given files and folders, in a stable order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.name.lower().endswith(SUFFIXES)))
        elif p.is_file():
            out.append(p)
        else:
            raise FileNotFoundError(f"corpus path not found: {p}")
    return sorted(out, key=_is_feed)  # stable: otherwise in the order given


def _is_feed(path: Path) -> bool:
    """Feeds are read last: of one article seen twice the first read is kept, and a page
    has the full text where a feed often has a summary."""
    return path.name.lower().endswith(FEED_SUFFIXES)


def valid_date(value) -> str | None:
    """ISO date string if `value` is a real YYYY-MM-DD date, else None."""
    if not isinstance(value, str) or not _DATE_RE.match(value):
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return None
    return value


def _clean(value: str, name: str) -> str:
    """A string field as indexed: no lone surrogate (it cannot be stored as UTF-8), no
    invisible format characters."""
    m = _SURROGATE.search(value)
    if m:
        raise ValueError(f"bad text: lone surrogate \\u{ord(m.group()):04x} in {name!r}")
    return strip_format(value).strip()


def _str_list(value, name: str) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"field {name!r} must be a string or a list of strings")
    values = (_clean(v, name) for v in value)
    return [v for v in values if v]


def _record_from_obj(obj, source: str) -> Record:
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    rid = obj.get("id")
    if isinstance(rid, int) and not isinstance(rid, bool):
        rid = str(rid)
    if not isinstance(rid, str) or not rid.strip():
        raise ValueError("missing id")
    if _CONTROL.search(rid):
        raise ValueError(f"bad id: control character in {rid[:80]!r}")
    if _SURROGATE.search(rid):
        raise ValueError("bad id: lone surrogate")
    text = obj.get("text")
    text = _clean(text, "text") if isinstance(text, str) else ""
    if not text:
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
        id=rid.strip(), text=text, date=date, title=_clean(title, "title"),
        url=safe_url(_clean(url, "url")),  # only http(s) links; any other is dropped
        facets={f.name: values for f in EXTRACTED if f.record_key
                and (values := _str_list(obj.get(f.record_key), f.record_key)) is not None},
        source=source,
    )


CHUNK = 1 << 16


def _lines(path: Path, report: ReadReport) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line), at most MAX_LINE_BYTES read of any line: an overlong line is
    (number, None), its rest read and dropped in chunks (one 1 GB line in a small .gz)."""
    opener = gzip.open if path.name.endswith(".gz") else open
    lineno = 0
    try:
        with opener(path, "rb") as fh:
            while True:
                raw = fh.readline(MAX_LINE_BYTES + 1)
                if not raw:
                    break
                lineno += 1
                if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                    while True:
                        rest = fh.readline(CHUNK)
                        if not rest or rest.endswith(b"\n"):
                            break
                    yield lineno, None
                    continue
                yield lineno, raw
    except (EOFError, OSError, zlib.error) as exc:
        report.add(Problem(str(path), lineno + 1, f"unreadable file, rest skipped ({exc})"))


def _decode(raw: bytes | None) -> str:
    if raw is None or len(raw) > MAX_LINE_BYTES:
        raise ValueError(f"line too long (over {MAX_LINE_BYTES} bytes)")
    try:
        return raw.decode("utf-8").lstrip("\ufeff").strip()
    except UnicodeDecodeError as exc:
        raise ValueError(f"bad encoding: not UTF-8 at byte {exc.start}") from None


def _read_imported(path: Path, report: ReadReport) -> Iterator[Record]:
    from .importers import feeds, html, warc

    name = path.name.lower()
    reader = (html.read_html if name.endswith(HTML_SUFFIXES) else
              warc.read_warc if name.endswith(WARC_SUFFIXES) else feeds.read_feed)
    for pos, item in reader(path):
        try:
            if isinstance(item, ValueError):
                raise item
            yield _record_from_obj(item, f"{path}:{pos}")
        except ValueError as exc:
            report.add(Problem(str(path), pos, str(exc)))


def read_file(path: Path, report: ReadReport, known_lines: dict[str, str] | None = None
              ) -> Iterator[Record | Unchanged]:
    """`known_lines`: digest -> id of JSON lines indexed before; such a line is passed on as
    `Unchanged` without being parsed (a JSON line's id does not depend on where it stands)."""
    if not path.name.lower().endswith(LINE_SUFFIXES):
        yield from _read_imported(path, report)
        return
    is_txt = path.name.endswith(".txt")
    stem = path.name.removesuffix(".txt")
    for lineno, raw in _lines(path, report):
        source = f"{path}:{lineno}"
        digest = "" if is_txt or raw is None else line_digest(raw)
        if known_lines and digest in known_lines:
            yield Unchanged(known_lines[digest], source, digest)
            continue
        try:
            line = _decode(raw)
            if not line:
                continue
            if is_txt:
                text = _clean(line, "text")
                if text:
                    yield Record(id=f"{stem}-{lineno}", text=text, source=source)
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"malformed JSON ({exc.msg} at column {exc.colno})") from None
            except RecursionError:
                raise ValueError("malformed JSON (nested too deep)") from None
            rec = _record_from_obj(obj, source)
            rec.line = digest
            yield rec
        except ValueError as exc:
            report.add(Problem(str(path), lineno, str(exc)))


def read_corpus(paths: Iterable[str | Path], report: ReadReport | None = None,
                known: dict[str, str] | None = None,
                known_lines: dict[str, dict[str, str]] | None = None) -> Iterator[Record | Unchanged]:
    """Good records from all files; duplicates of an id already seen are reported and skipped.
    `known`: ids of files an update did not read (id -> where), duplicates of those too.
    `known_lines`: per file (as given), the lines to pass on as `Unchanged` (see read_file)."""
    report = report if report is not None else ReadReport()
    seen: dict[str, str] = dict(known or {})
    for path in corpus_files(paths):
        report.files += 1
        for rec in read_file(path, report, (known_lines or {}).get(str(path))):
            first = seen.get(rec.id)
            if first is not None:
                path_, _, line = rec.source.rpartition(":")
                report.add(Problem(path_, int(line), f"duplicate id {rec.id!r} (first at {first})"))
                continue
            seen[rec.id] = rec.source
            yield rec
