# Two entry points: `make run` (set up, index the bundled corpus if needed, serve)
# and `make test` (set up with test extras, run the suite).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test index serve bench clean browser nginx screenshots

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

index: $(VENV)/.installed
	$(BIN)/newsarchive index

run: index
	$(BIN)/newsarchive serve --host $(HOST) --port $(PORT)

# Browsers cannot be downloaded by pip or Playwright here: the browser tests drive
# Debian's Chromium, installed once with apt (as root) when it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "install Chromium first: sudo apt-get install -y chromium chromium-driver"; exit 1; fi; }

# tests/test_deploy.py checks deploy/nginx.conf with `nginx -t`: nginx-light from apt when missing
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light >/dev/null; \
	  else echo "install nginx first: sudo apt-get install -y nginx-light"; exit 1; fi; }

test: $(VENV)/.installed-test browser nginx
	$(BIN)/python -m pytest -q

# the home, a filtered search and an item page at 1366x900 and 390x844 into screenshots/
screenshots: $(VENV)/.installed-test browser
	$(BIN)/python tools/screenshots.py

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test,bench]'
	touch $@ $(VENV)/.installed-test $(VENV)/.installed

# first-asked queries on 10,000 items of ../shared/perf_corpus, against SQLite FTS5 and tantivy
bench: $(VENV)/.installed-bench
	$(BIN)/python bench/run.py --docs 10000 --corpus-source shared

clean:
	rm -rf $(VENV) index/gen-* index/CURRENT index/*.lock
