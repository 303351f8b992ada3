"""The production layout: the nginx site in deploy/ parses, and `serve` warns without a proxy."""
import re
import shutil
import subprocess

import pytest

from .helpers import ROOT

SITE = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _directives(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        m = re.match(r"([a-z_]+)\s+(.*?);$", line)
        if m:
            out.setdefault(m.group(1), []).append(m.group(2))
    return out


def _size(value: str) -> int:
    n, unit = re.fullmatch(r"(\d+)([km]?)", value).groups()
    return int(n) * {"": 1, "k": 1024, "m": 1024 * 1024}[unit]


def test_nginx_site_sets_what_the_operations_notes_promise():
    from webapp.worker import HEADER_TIMEOUT, MAX_REQUEST_LINE

    text = SITE.read_text("utf-8")
    assert text.count("{") == text.count("}")
    d = _directives(text)
    assert d["proxy_pass"] and all(v == "http://newsarchive" for v in d["proxy_pass"])
    assert d["server"] == ["127.0.0.1:8000"]  # gunicorn on loopback only
    assert d["proxy_buffering"] == ["on"] and d["proxy_request_buffering"] == ["on"]
    assert int(d["client_header_timeout"][0].rstrip("s")) <= HEADER_TIMEOUT
    count, size = d["large_client_header_buffers"][0].split()
    assert _size(size) >= MAX_REQUEST_LINE  # the documented limits get through the proxy too
    assert int(d["proxy_read_timeout"][0].rstrip("s")) > 30  # longer than gunicorn's timeout
    assert "limit_req" in d and "limit_conn" in d


def test_nginx_accepts_the_site(tmp_path):
    assert shutil.which(NGINX) or (ROOT / NGINX).exists(), \
        f"{NGINX} is missing: apt-get install -y nginx-light (make test does it)"
    main = tmp_path / "nginx.conf"
    main.write_text(f"events {{}}\nhttp {{\n    include {SITE};\n}}\n", "utf-8")
    (tmp_path / "logs").mkdir()
    r = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(main),
                        "-g", f"pid {tmp_path}/nginx.pid; error_log stderr;"],
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    assert "syntax is ok" in r.stderr


@pytest.mark.parametrize("argv, warned", [
    (["--host", "0.0.0.0"], True), (["--host", "192.0.2.7"], True), (["--host", "::"], True),
    (["--host", "127.0.0.1"], False), (["--host", "localhost"], False), (["--host", "::1"], False),
    (["--host", "0.0.0.0", "--behind-proxy"], False),
])
def test_serve_warns_when_it_binds_a_public_address_without_a_proxy(bundled_index, monkeypatch, capsys,
                                                                    argv, warned):
    from indexer import cli

    calls = []
    monkeypatch.setattr(cli.os, "execv", lambda *a: calls.append(a))
    monkeypatch.setenv("NEWSARCHIVE_INDEX", str(bundled_index))
    assert cli.main(["serve", "--index", str(bundled_index), *argv]) == 0
    assert calls  # gunicorn would be started either way
    err = capsys.readouterr().err
    assert ("reverse proxy" in err) is warned, err


def test_make_run_passes_the_port_to_serve():
    import subprocess

    out = subprocess.run(["make", "-n", "run", "PORT=8080"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "newsarchive serve" in out and "--port 8080" in out
