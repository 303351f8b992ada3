import shutil
from pathlib import Path

import pytest

from indexer.build import build
from indexer.search import Archive

from .helpers import CORPUS, ROOT


@pytest.fixture(scope="session")
def bundled_index(tmp_path_factory) -> Path:
    """The bundled corpus (seed + dev items) indexed once for the read-only tests."""
    index_dir = tmp_path_factory.mktemp("bundled") / "index"
    build([CORPUS], index_dir, progress=False)
    return index_dir


@pytest.fixture(scope="session")
def generated_corpus(tmp_path_factory) -> Path:
    """6,000 generated items (bench/generate.py, ~13 s to make): shared by the tests that
    need a bigger corpus (kill -9 mid-build, costly queries)."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    return generate(6000, tmp_path_factory.mktemp("gen") / "gen.jsonl", seed=7)


@pytest.fixture(scope="session")
def archive(bundled_index) -> Archive:
    return Archive(bundled_index)


@pytest.fixture()
def app(bundled_index):
    from webapp import create_app

    app = create_app({"INDEX_DIR": str(bundled_index), "TESTING": True, "EXPORT_LIMIT": 30})
    return app


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the bundled corpus for tests that change it."""
    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS, dst)
    return dst
