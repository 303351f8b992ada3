"""gunicorn settings for serving the archive (`newsarchive serve`, `gunicorn -c gunicorn.conf.py wsgi:app`)."""
import multiprocessing
import os

bind = os.environ.get("NEWSARCHIVE_BIND", "127.0.0.1:8000")
# searches are CPU-bound pure Python: one worker per core, plus one to cover I/O waits
workers = int(os.environ.get("NEWSARCHIVE_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = "sync"
timeout = 30
graceful_timeout = 10
keepalive = 5
preload_app = True      # load the dictionaries once, share them across workers
max_requests = 5000     # recycle workers now and then; jitter avoids all at once
max_requests_jitter = 500
accesslog = "-"
errorlog = "-"
loglevel = "info"
