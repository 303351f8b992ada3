"""gunicorn's gthread worker with the limits gunicorn itself does not have.

- **A deadline for the whole request head.** gthread hands a connection to a thread once
  its first byte arrives; a client that then sends a byte a second would keep that thread
  for ever. Here the request line and headers must arrive within HEADER_TIMEOUT seconds
  in total (408, connection closed), and every later read or write on the socket waits at
  most IO_TIMEOUT seconds.
- **A request line as long as the documented limits need.** gunicorn allows at most
  8,190 bytes (or unlimited); the limits of `q` and the filters need up to ~300 KB
  percent-encoded, so the line is bounded here at MAX_REQUEST_LINE instead.
- **The app's own 400.** A request line over that bound is answered by the app (JSON
  under /api/, a page in Russian elsewhere), not by gunicorn's HTML.
"""
from __future__ import annotations

import io
import socket
import time

from gunicorn import util
from gunicorn.http import message, parser
from gunicorn.workers.gthread import _DEFER, ThreadWorker

from indexer.query import MAX_QUERY_CHARS

from .errors import REJECT_KEY  # environ key: the app answers 400 with this message
from .params import MAX_VALUE_CHARS, MAX_VALUES

HEADER_TIMEOUT = 10.0  # seconds for the request line and all headers together
IO_TIMEOUT = 30.0      # seconds any single later read or write may wait
# the longest request line the documented limits allow: q of 1,000 characters and 50
# values of 200 characters for each of the four filters, every character at most 9 bytes
# percent-encoded (a 3-byte UTF-8 character), plus names, dates, sort and paging
MAX_REQUEST_LINE = 9 * MAX_QUERY_CHARS + 4 * MAX_VALUES * (9 * MAX_VALUE_CHARS + 12) + 2_000


class HeadTimeout(Exception):
    pass


class RequestLineTooLong(Exception):
    def __init__(self, size: int, start: bytes):
        super().__init__(f"request line too long: over {size} bytes, at most {MAX_REQUEST_LINE}")
        self.size = size
        self.start = start  # the first bytes of the line: method and path


class BoundedRequest(message.Request):
    """A request whose head must arrive within HEADER_TIMEOUT and whose line is bounded."""

    def __init__(self, cfg, unreader, peer_addr, req_number=1):
        self._head_deadline = time.monotonic() + HEADER_TIMEOUT
        self._sock = getattr(unreader, "sock", None)
        super().__init__(cfg, unreader, peer_addr, req_number)
        if self._sock is not None:
            self._sock.settimeout(IO_TIMEOUT)  # the head is in; the body and the answer

    def read_into(self, unreader, buf, stop=False):
        left = self._head_deadline - time.monotonic()
        if left <= 0:
            raise HeadTimeout(f"request head not complete after {HEADER_TIMEOUT:g} s")
        if self._sock is not None:
            self._sock.settimeout(left)
        try:
            return super().read_into(unreader, buf, stop)
        except socket.timeout:
            raise HeadTimeout(f"request head not complete after {HEADER_TIMEOUT:g} s") from None

    def read_line(self, unreader, buf, limit=0):
        # gunicorn's own limit is off (limit_request_line = 0): bound the line here
        data = bytes(buf)
        while True:
            idx = data.find(b"\r\n")
            end = idx if idx >= 0 else len(data)
            if end > MAX_REQUEST_LINE:
                raise RequestLineTooLong(end, data[:2048])
            if idx >= 0:
                break
            self.read_into(unreader, buf)
            data = bytes(buf)
        return super().read_line(unreader, buf, limit)


def _path_of(start: bytes) -> str:
    parts = start.split(b" ", 2)
    target = parts[1] if len(parts) > 1 else b"/"
    path = target.split(b"?", 1)[0].decode("latin-1")
    return path if path.startswith("/") else "/"


def _already_closed(graceful=False):
    """TConn.close for a connection this worker closed in its handler thread."""


class ArchiveWorker(ThreadWorker):
    """gthread, with BoundedRequest for every HTTP/1 connection."""

    def init_process(self):
        parser.RequestParser.mesg_class = BoundedRequest  # this worker process only
        super().init_process()

    def load_wsgi(self):
        super().load_wsgi()
        # in this process (threads do not survive the fork): open the index now, and a new
        # generation when one appears, off the request path
        archive = getattr(self.wsgi, "extensions", {}).get("archive")
        if archive is not None:
            archive.watch()

    def handle(self, conn):
        result = super().handle(conn)
        if result is not _DEFER and not result:
            # gthread closes a finished connection in its main thread, lingering up to 2 s
            # to drain what the client still sends (RFC 9112 9.6): a client that keeps
            # trickling froze the whole worker for 2 s each time. Linger here, in this
            # thread, instead; the main thread then finds the socket closed.
            util.close_graceful(conn.sock)
            conn.close = _already_closed
        return result

    def handle_error(self, req, client, addr, exc):
        if isinstance(exc, HeadTimeout):
            self.log.debug("request head too slow from %s: %s", (addr or ("",))[0], exc)
            try:
                client.sendall(b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n"
                               b"Content-Type: text/plain; charset=utf-8\r\nContent-Length: 0\r\n\r\n")
            except OSError:
                pass
            try:
                client.shutdown(socket.SHUT_RDWR)  # no lingering for a client too slow already
            except OSError:
                pass
            return
        if isinstance(exc, RequestLineTooLong):
            self.log.debug("request line too long from %s: %s", (addr or ("",))[0], exc)
            try:
                client.sendall(self._app_rejection(_path_of(exc.start), str(exc)))
            except OSError:
                pass
            return
        super().handle_error(req, client, addr, exc)

    def _app_rejection(self, path: str, reason: str) -> bytes:
        """The app's own 400 for `path` (its JSON or its HTML page), as raw HTTP."""
        from werkzeug.test import EnvironBuilder
        from werkzeug.wrappers import Response

        environ = EnvironBuilder(path=path, method="GET").get_environ()
        environ[REJECT_KEY] = reason
        resp = Response.from_app(self.wsgi, environ)
        body = resp.get_data()
        out = io.BytesIO()
        out.write(f"HTTP/1.1 {resp.status}\r\n".encode("latin-1"))
        for name, value in resp.headers.items():
            if name.lower() not in ("content-length", "connection"):
                out.write(f"{name}: {value}\r\n".encode("latin-1"))
        out.write(f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode("latin-1"))
        out.write(body)
        return out.getvalue()
