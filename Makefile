# Two commands on a fresh machine:  `make run`  and  `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
DB ?= eirene.duckdb
CORPUS ?= examples/afghan-peace-process

.PHONY: run test install dev benchmark clean demo-feed

run: install  ## code the bundled example corpus into eirene.duckdb and print a summary
	$(VENV)/bin/eirene code $(CORPUS) --db $(DB)

demo-feed: install  ## the local news site of the tests on http://127.0.0.1:8765 (feeds, sitemap), for `eirene fetch`/`watch`
	$(PY) tests/news_site.py --port 8765 --publish-every 60

test: dev  ## install dev dependencies and run the whole test suite
	$(PY) -m pytest

install: $(VENV)/.installed

dev: $(VENV)/.installed-dev

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

benchmark: install  ## throughput of eirene against bare spaCy (not part of the tests)
	$(PY) benchmarks/throughput.py

.PHONY: benchmark-fetch
benchmark-fetch: install  ## fetch throughput against the local news site (not part of the tests)
	$(PY) benchmarks/fetch.py

.PHONY: benchmark-web
benchmark-web: dev  ## query latency of the store and web app over 1,000,000 synthetic events (a few minutes)
	$(PY) benchmarks/web.py

clean:
	rm -rf $(VENV) $(DB) $(DB).wal .pytest_cache
