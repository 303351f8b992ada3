"""The web app: the search page for journalists and the JSON API for researchers."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from indexer import morphology, store
from indexer.search import Archive


def create_app(config: dict | None = None) -> Flask:
    """Application factory; `config` overrides defaults (tests pass INDEX_DIR)."""
    app = Flask(__name__)
    app.config.from_mapping(
        INDEX_DIR=str(store.default_index_dir()),
        EXPORT_LIMIT=10_000,
        JSON_AS_ASCII=False,
        LEMMA_CACHE=morphology.SERVE_CACHE_SIZE,
    )
    if config:
        app.config.update(config)
    # a worker analyses only queries and the hits it snippets: keep its cache small
    morphology.limit_cache(app.config["LEMMA_CACHE"])
    app.json.ensure_ascii = False
    # one Archive (one open searcher, reopened when the index changes) per worker process
    app.extensions["archive"] = Archive(Path(app.config["INDEX_DIR"]))

    from . import api, errors, pages, security

    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    errors.init_app(app)
    security.init_app(app)
    return app
