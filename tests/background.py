"""gunicorn on a free loopback port, for the browser and load tests and the benchmark."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(index_dir: Path, workers: int | None = 2, timeout: float = 30, env: dict | None = None):
    """Yields (process, base URL) once /healthz answers; stops the server afterwards.
    `workers=None` keeps the shipped worker count (webapp/gunicorn_defaults.py)."""
    port = free_port()
    env = dict(os.environ, NEWSARCHIVE_INDEX=str(index_dir), **(env or {}))
    log = tempfile.TemporaryFile()  # a pipe nobody reads would block the server once full
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:webapp.gunicorn_defaults",
         *(["--workers", str(workers)] if workers else []),
         "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null", "webapp:create_app()"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + timeout
    try:
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    log.seek(0)
                    raise RuntimeError("gunicorn did not start: " + log.read().decode()[-2000:]) from None
                time.sleep(0.2)
        yield proc, base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
