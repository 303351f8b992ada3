"""gunicorn as shipped (webapp/gunicorn_defaults.py) against hostile clients, on loopback only."""
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from webapp import gunicorn_defaults
from tests.background import gunicorn


@pytest.fixture(scope="module")
def shipped(bundled_index):
    """gunicorn with the shipped settings, the worker count included."""
    with gunicorn(bundled_index, workers=None) as (proc, base):
        yield base


def _port(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


def _dribbler(port: int, stop: threading.Event, opened: list) -> None:
    """Sends a request head one byte a second, for ever; reconnects when the server hangs up."""
    head = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Slow: " + b"a" * 10_000
    while not stop.is_set():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                opened.append(time.monotonic())
                for i in range(len(head)):
                    if stop.wait(1.0):
                        return
                    s.sendall(head[i:i + 1])
        except OSError:
            stop.wait(0.2)


def _idler(port: int, stop: threading.Event) -> None:
    """Opens a connection and sends nothing; reconnects when the server hangs up."""
    while not stop.is_set():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                s.settimeout(1.0)
                while not stop.is_set():
                    try:
                        if s.recv(1) == b"":
                            break
                    except socket.timeout:
                        continue
        except OSError:
            stop.wait(0.2)


def test_slow_and_idle_clients_do_not_starve_the_workers(shipped):
    """N = 2 x workers connections dribble headers and N more sit idle for 20 s while
    /healthz is probed every 0.5 s: every probe answers within 1 s."""
    port = _port(shipped)
    n = 2 * gunicorn_defaults.workers
    stop = threading.Event()
    opened: list = []
    threads = [threading.Thread(target=_dribbler, args=(port, stop, opened), daemon=True) for _ in range(n)]
    threads += [threading.Thread(target=_idler, args=(port, stop), daemon=True) for _ in range(n)]
    for t in threads:
        t.start()
    slow = []
    probes = 0
    try:
        time.sleep(1.0)  # let every slow connection be accepted first
        end = time.monotonic() + 20
        while time.monotonic() < end:
            t0 = time.monotonic()
            try:
                with urllib.request.urlopen(shipped + "/healthz", timeout=1.0) as r:
                    assert r.status == 200
                took = time.monotonic() - t0
            except OSError as exc:
                took = f"failed: {exc!r}"
            probes += 1
            if not isinstance(took, float) or took > 1.0:
                slow.append(took)
            time.sleep(max(0.0, 0.5 - (time.monotonic() - t0)))
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=5)
    assert probes >= 30 and slow == [], f"{len(slow)} of {probes} probes slower than 1 s: {slow[:5]}"
    assert len(opened) >= n


def test_a_request_head_sent_too_slowly_is_cut_off(shipped):
    """The whole request head must arrive within the header timeout, however it trickles."""
    from webapp.worker import HEADER_TIMEOUT

    with socket.create_connection(("127.0.0.1", _port(shipped)), timeout=HEADER_TIMEOUT + 10) as s:
        t0 = time.monotonic()
        s.sendall(b"GET /healthz HTTP/1.1\r\n")
        answer = b""
        s.settimeout(0.5)
        while time.monotonic() - t0 < HEADER_TIMEOUT + 8:
            try:
                s.sendall(b"X")
            except OSError:
                break
            try:
                chunk = s.recv(4096)
            except socket.timeout:
                continue
            except OSError:
                break
            if not chunk:
                break
            answer += chunk
        took = time.monotonic() - t0
    assert took < HEADER_TIMEOUT + 3
    assert answer == b"" or answer.startswith(b"HTTP/1.1 408")


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.headers.get_content_type(), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get_content_type(), exc.read()


def test_the_documented_limits_can_be_sent_and_larger_requests_get_the_apps_400(shipped):
    # a 1,000-character Cyrillic query: 6,000 bytes percent-encoded, over gunicorn's default 4,094
    q = urllib.parse.quote(" ".join(["я" * 19] * 50))
    assert len(q) > 4094
    status, ctype, body = _get(shipped + "/api/search?q=" + q)
    assert status == 200 and ctype == "application/json", body[:300]
    # 50 values of 200 Cyrillic characters in each of three filters
    value = urllib.parse.quote("ж" * 200)
    filters = "&".join(f"{name}={value}" for name in ("region", "project", "official") for _ in range(50))
    status, ctype, body = _get(shipped + "/api/search?" + filters)
    assert status == 200 and ctype == "application/json", body[:300]
    status, ctype, body = _get(shipped + "/?q=" + q + "&" + filters)
    assert status == 200 and ctype == "text/html", body[:300]
    # anything larger: the app's own 400, JSON under /api/, a page in Russian elsewhere
    from webapp.worker import MAX_REQUEST_LINE

    huge = "&".join(f"region={value}" for _ in range(MAX_REQUEST_LINE // len(value) + 1))
    status, ctype, body = _get(shipped + "/api/search?" + huge)
    assert status == 400 and ctype == "application/json", body[:300]
    assert "too long" in json.loads(body)["error"]
    status, ctype, body = _get(shipped + "/?" + huge)
    assert status == 400 and ctype == "text/html"
    assert "слишком длинный" in body.decode()
    status, _, _ = _get(shipped + "/healthz")
    assert status == 200


QUERIES = ["прием граждан", "Кызылорда", "партии", "провел*", '"принял участие"', "Искаков OR Байбек",
           "проекта NOT Астана", "Құтты мекен", "встреча", "областной филиал"]


def test_threads_share_one_archive_safely(bundled_index):
    """gthread runs requests of one worker in threads: answers equal the sequential ones,
    also while the index is reopened under them."""
    from concurrent.futures import ThreadPoolExecutor

    from indexer.search import Archive, SearchParams, export, search

    archive = Archive(bundled_index)
    expected = {q: search(archive, SearchParams(q=q, per_page=50)) for q in QUERIES}
    errors = []

    def work(i):
        q = QUERIES[i % len(QUERIES)]
        try:
            if i % 7 == 0:
                with archive._lock:  # as if a reindex came: the next request reopens
                    archive._served.gen_name = None
            if i % 5 == 0:
                exp = export(archive, SearchParams(q=q), 1000)
                assert [r["id"] for r in exp.rows] == [h["id"] for h in expected[q]["hits"]][:len(exp.rows.ordered)]
            got = search(archive, SearchParams(q=q, per_page=50))
            assert got == expected[q], q
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc)[:300])

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(work, range(400)))
    assert errors == []
