"""gunicorn settings for serving the archive (`newsarchive serve`, `gunicorn -c gunicorn.conf.py wsgi:app`).

Constants only: `newsarchive serve` passes the bind address, workers and threads of
indexer/settings.py (NEWSARCHIVE_WORKERS, NEWSARCHIVE_THREADS) on gunicorn's command
line; run directly, gunicorn takes its own flags or GUNICORN_CMD_ARGS."""
import multiprocessing

bind = "127.0.0.1:8000"
# searches are CPU-bound pure Python: one worker per core, plus one to cover I/O waits
workers = multiprocessing.cpu_count() + 1
# gthread (webapp/worker.py): a slow or idle client ties up one thread, not a whole worker;
# sync workers serve one connection each, so a few slow clients took the site down.
# Searches themselves run one at a time per worker (Archive.reading): the threads are
# for waiting on clients. The worker adds what gunicorn lacks: a 10 s deadline for the
# whole request head, 30 s for any later read or write, and the app's own 400 for a
# request line over the bound the documented limits need.
worker_class = "webapp.worker.ArchiveWorker"
threads = 16
worker_connections = 200  # per worker; more waiting clients belong in the proxy's queue
timeout = 30
graceful_timeout = 10
keepalive = 5
# 0: gunicorn's own bound (at most 8,190 bytes) is off; webapp/worker.py bounds the line
# at what the documented limits need (~300 KB)
limit_request_line = 0
preload_app = True      # load the dictionaries once, share them across workers
max_requests = 5000     # recycle workers now and then; jitter avoids all at once
max_requests_jitter = 500
accesslog = "-"
errorlog = "-"
loglevel = "info"
