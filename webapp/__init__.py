"""The web app: the search page for journalists and the JSON API for researchers."""
from __future__ import annotations

import atexit
from pathlib import Path

from flask import Flask

from indexer import morphology, valuenames, vocab
from indexer.search import Archive
from indexer.settings import Settings


def create_app(config: dict | None = None) -> Flask:
    """Application factory; `config` overrides the settings (tests pass INDEX_DIR, TIME_LIMIT…).
    The settings come from the environment (indexer/settings.py), read here, not at import."""
    env = Settings.from_env()
    app = Flask(__name__)
    app.config.from_mapping(
        INDEX_DIR=str(env.index_dir),
        EXPORT_LIMIT=env.export_limit,
        TIME_LIMIT=env.time_limit,
        POSTINGS_CACHE=env.postings_cache,
        LEMMA_CACHE=env.lemma_cache,
        JSON_AS_ASCII=False,
    )
    if config:
        app.config.update(config)
    settings = env.but(index_dir=Path(app.config["INDEX_DIR"]), export_limit=app.config["EXPORT_LIMIT"],
                       time_limit=float(app.config["TIME_LIMIT"]), postings_cache=app.config["POSTINGS_CACHE"],
                       lemma_cache=app.config["LEMMA_CACHE"])
    # a worker analyses only queries and the hits it snippets: keep its cache small
    morphology.limit_cache(settings.lemma_cache)
    # the name tables (places, projects, officials) built here, before gunicorn forks the
    # workers (preload_app): shared, and not on a user's first request
    vocab.warm()
    valuenames.warm()  # the names each facet value is found by (the filter boxes)
    app.json.ensure_ascii = False
    # one Archive (one open searcher, reopened when the index changes) per worker process
    app.extensions["archive"] = archive = Archive(settings.index_dir, settings)
    atexit.register(archive.close)  # the worker's open searcher and files, when it exits

    from . import api, errors, feeds, pages, security, story

    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(story.bp)
    app.register_blueprint(feeds.bp)
    errors.init_app(app)
    security.init_app(app)
    return app
