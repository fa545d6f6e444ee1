# Two commands a maintainer needs (see README): `make serve` and `make test`.
# Everything else here installs what those two need, once, into .venv/ and node_modules/.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build dist test test-fast bench deps test-deps clean

serve: deps ## build and serve the site with the quiz at http://127.0.0.1:$(PORT)/
	SITE_URL=http://127.0.0.1:$(PORT)/ $(BIN)/mkdocs serve --strict -a 127.0.0.1:$(PORT)

build: deps ## the exact build that is published (site/)
	$(BIN)/mkdocs build --strict

dist: deps ## the built site as one archive for any static host: dist/xiaomi-loan-help-site.zip (SITE_URL= its address)
	$(BIN)/python -m sitegen.site.dist

test: test-deps ## the whole suite: content, engine, build, browser (Chromium) tests
	$(BIN)/python -m pytest

test-fast: deps $(VENV)/.test-deps ## engine and build tiers without Chromium or Node, the runtime untrimmed (under 20 s)
	SITEGEN_RUNTIME=untrimmed $(BIN)/python -m pytest tests/engine tests/components tests/build -m "not pyodide"

bench: test-deps ## prints build time, page sizes and quiz timings
	$(BIN)/python bench/benchmark.py

deps: $(VENV)/.deps node_modules/.package-lock.json

test-deps: deps $(VENV)/.test-deps
	@test -x "$${CHROMIUM:-/usr/bin/chromium}" || { echo "缺少 Chromium：请运行 apt-get update && apt-get install -y chromium（浏览器测试需要 /usr/bin/chromium，或用 CHROMIUM=路径 指定）"; exit 1; }

$(VENV)/.deps: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.test-deps: $(VENV)/.deps
	$(BIN)/pip install -q -e '.[test]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

clean:
	rm -rf $(VENV) node_modules site dist
