"""Every setting of the archive in one place, read from the environment when asked (never
at import), with defaults; passed to `Archive` and the web app's config."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path


def _env(environ, name: str, default, cast):
    raw = environ.get(name)
    if raw in (None, ""):
        return default
    try:
        return cast(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r}: not a valid {cast.__name__}") from None


@dataclass(frozen=True)
class Settings:
    index_dir: Path = Path("index")
    corpus: tuple[str, ...] = ("corpus",)
    time_limit: float = 5.0              # seconds a search may take, then it answers `partial`
    # postings cached per worker, 8 bytes each (16M = 128 MB): at 1M items the common words
    # alone have ~500k postings each, and a cold read of one costs ~0.2 s
    postings_cache: int = 16_000_000
    export_limit: int = 10_000           # rows of one export
    lemma_cache: int = 20_000            # word forms a serving worker keeps analysed
    per_page: int = 20
    workers: int | None = None           # gunicorn workers of `newsarchive serve` (None: cores + 1)
    threads: int = 16                    # threads per worker (slow clients wait on threads)

    @classmethod
    def from_env(cls, environ=None) -> "Settings":
        environ = os.environ if environ is None else environ
        d = cls()
        return cls(
            index_dir=Path(_env(environ, "NEWSARCHIVE_INDEX", str(d.index_dir), str)),
            corpus=(_env(environ, "NEWSARCHIVE_CORPUS", d.corpus[0], str),),
            time_limit=_env(environ, "NEWSARCHIVE_TIME_LIMIT", d.time_limit, float),
            postings_cache=_env(environ, "NEWSARCHIVE_POSTINGS_CACHE", d.postings_cache, int),
            export_limit=_env(environ, "NEWSARCHIVE_EXPORT_LIMIT", d.export_limit, int),
            lemma_cache=_env(environ, "NEWSARCHIVE_LEMMA_CACHE", d.lemma_cache, int),
            workers=_env(environ, "NEWSARCHIVE_WORKERS", d.workers, int),
            threads=_env(environ, "NEWSARCHIVE_THREADS", d.threads, int),
        )

    def but(self, **changes) -> "Settings":
        return replace(self, **changes)
