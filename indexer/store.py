"""Where the served index lives, and how a new one replaces it in one step.

`index/` holds generation folders (`gen-...`) and a pointer file `CURRENT` naming the
one being served. A full rebuild writes a new generation beside the served one and
then replaces `CURRENT` with `os.replace` (atomic): a reader sees the old index or
the new one, never a half-written one. The previous generation is kept until the
next build, so a worker still reading it is not cut off.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as windex

POINTER = "CURRENT"
PREVIOUS = "PREVIOUS"
LOCK = ".build.lock"


class IndexMissing(RuntimeError):
    pass


class BuildLocked(RuntimeError):
    pass


def default_index_dir() -> Path:
    from .settings import Settings

    return Settings.from_env().index_dir


def default_corpus_paths() -> list[str]:
    from .settings import Settings

    return list(Settings.from_env().corpus)


def _read(path: Path) -> str | None:
    try:
        return path.read_text("utf-8").strip() or None
    except FileNotFoundError:
        return None


def current_generation(index_dir: Path) -> str | None:
    return _read(index_dir / POINTER)


def current_path(index_dir: Path) -> Path:
    name = current_generation(index_dir)
    if name is None:
        raise IndexMissing(f"no index in {index_dir}/ (run `newsarchive index` first)")
    return index_dir / name


def new_generation_path(index_dir: Path) -> Path:
    index_dir.mkdir(parents=True, exist_ok=True)
    name = time.strftime("gen-%Y%m%dT%H%M%S") + f"-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    path = index_dir / name
    path.mkdir()
    return path


def _write_atomic(path: Path, value: str) -> None:
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(value + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def switch_to(index_dir: Path, gen_path: Path) -> None:
    """Serve `gen_path` from now on; remember the generation it replaces."""
    old = current_generation(index_dir)
    if old and old != gen_path.name:
        _write_atomic(index_dir / PREVIOUS, old)
    _write_atomic(index_dir / POINTER, gen_path.name)


def clean_leftovers(index_dir: Path) -> list[str]:
    """Remove generations that are neither served nor the previous one (crashed builds, old ones)."""
    if not index_dir.is_dir():
        return []
    live = {current_generation(index_dir), _read(index_dir / PREVIOUS)}
    removed = []
    for child in index_dir.iterdir():
        if child.is_dir() and child.name.startswith("gen-") and child.name not in live:
            shutil.rmtree(child, ignore_errors=True)
            removed.append(child.name)
        elif child.name.startswith((POINTER + ".tmp", PREVIOUS + ".tmp")):
            child.unlink(missing_ok=True)
    return removed


def open_index(index_dir: Path, retries: int = 5):
    """Open the served index; a commit may race the open, so retry briefly."""
    path = current_path(index_dir)
    for attempt in range(retries):
        try:
            return windex.open_dir(str(path))
        except (FileNotFoundError, windex.EmptyIndexError):
            if attempt == retries - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
            path = current_path(index_dir)


_held_lock_fd: int | None = None


def _close_lock_in_child() -> None:
    """A forked writer process must not keep the build lock alive after its parent dies."""
    global _held_lock_fd
    if _held_lock_fd is not None:
        try:
            os.close(_held_lock_fd)
        except OSError:
            pass
        _held_lock_fd = None


os.register_at_fork(after_in_child=_close_lock_in_child)


@contextmanager
def build_lock(index_dir: Path):
    """One `newsarchive index` at a time; a second one is told so instead of waiting."""
    index_dir.mkdir(parents=True, exist_ok=True)
    fh = open(index_dir / LOCK, "a+")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.seek(0)
        holder = fh.read().strip() or "?"
        fh.close()
        raise BuildLocked(f"another `newsarchive index` is running on {index_dir}/ (pid {holder}); "
                          "try again when it has finished") from None
    global _held_lock_fd
    _held_lock_fd = fh.fileno()
    try:
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        yield
    finally:
        _held_lock_fd = None
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()
