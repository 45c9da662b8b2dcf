# The two commands a newcomer needs are `make run` and `make test`; every target
# creates the virtual environment and installs the project first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000
HOST   ?= 127.0.0.1
WORKERS ?= 1

.PHONY: install run test lint bench bench-scale clean neo4j-jars neo4j neo4j-loaded web browser fuzz eval eval-record

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install web
	$(BIN)/plankg serve --host $(HOST) --port $(PORT) --workers $(WORKERS)

test: install web browser
	$(BIN)/ruff check .
	$(BIN)/pytest

# The explorer page (web/ -> api/static/, which is committed, so `make run` works without
# node). Rebuilt when its sources, the lockfile or the API (its OpenAPI contract) change:
# snapshot /openapi.json, generate TypeScript types from it, type-check, bundle with esbuild.
WEB_BUNDLE  := api/static/assets/app.js
WEB_SOURCES := $(shell find web/src web/static -type f ! -name api-types.ts ! -name openapi.json) \
               web/package.json web/package-lock.json web/build.mjs web/tsconfig.json \
               $(wildcard api/*.py api/routes/*.py) graph/records.py graph/schema.py

$(WEB_BUNDLE): $(STAMP) $(WEB_SOURCES)
	@if command -v npm >/dev/null 2>&1; then \
	  set -e; \
	  [ web/node_modules/.package-lock.json -nt web/package-lock.json ] || (cd web && npm ci --no-audit --no-fund --loglevel=error); \
	  $(BIN)/python web/openapi_snapshot.py web/src/openapi.json; \
	  cd web && npm run --silent build && touch ../$(WEB_BUNDLE); \
	else \
	  echo "npm not found: serving the committed page in api/static/ as it is"; \
	fi

web: $(WEB_BUNDLE)

# Headless Chromium and its driver for the browser tests (Debian packages; we may be root).
# Without them the browser tests skip with a reason, except in CI, where they fail.
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      chromium chromium-driver fonts-noto-cjk >/dev/null) || echo "could not install chromium"; \
	  else echo "chromium missing: apt-get install chromium chromium-driver fonts-noto-cjk"; fi; \
	fi

lint: install
	$(BIN)/ruff check .

# Damaged plan files, every kind of damage to every data file, bad requests to the API: each
# must give one line and exit 2 (or problem+json) and leave nothing behind. About 3 minutes.
fuzz: install
	PLANKG_FUZZ=1 $(BIN)/pytest -q tests/test_fuzz_inputs.py tests/test_bad_input_cli.py tests/test_fuzz_api.py

# The loader scored against the hand readings of ../shared/corpus (precision, recall, F1 per
# kind of fact). HELD_OUT: plans the rules were not written against, shown apart (none now:
# the README says how 10-12 were measured blind). `make eval` fails when a figure recorded in
# EVAL_RECORD got worse; `make eval-record` rewrites the record once figures improve.
CORPUS      ?= ../shared/corpus
EVAL_RECORD := docs/eval-record.json
HELD_OUT    :=
EVAL_ARGS    = $(CORPUS)/plans --gold $(CORPUS)/gold $(foreach p,$(HELD_OUT),--held-out $(p))

eval: install
	$(BIN)/plankg eval $(EVAL_ARGS) --json docs/eval.json --check $(EVAL_RECORD)

eval-record: install
	$(BIN)/plankg eval $(EVAL_ARGS) --json docs/eval.json --record $(EVAL_RECORD)

bench: install
	$(BIN)/python -m bench

# Load and query cost against corpus size, both stores, N up to 1000 plans: about
# 15 minutes on 2 cores. Writes bench/out/scale.csv and bench/out/scale.png.
bench-scale: install
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench.scale

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info web/node_modules tests/out

# A throwaway Neo4j 5.26 (Neo4j's test harness, Java 17, no Docker); Maven fetches ~160 MB of
# jars into devtools/neo4j/lib once.
neo4j-jars: install
	$(BIN)/python -c 'from devtools.neo4j_server import ensure_jars; print(ensure_jars())'

# Runs one in the foreground on 7687/7474 (free ports if taken) with auth (a generated password,
# or NEO4J_PASSWORD) and prints the Browser URL and the password.
neo4j: install
	$(BIN)/python -m devtools.neo4j_server

# The same, loaded first with `plankg load` of PLANKG_PLANS (default: the Zhoushan plan), so a
# researcher goes from nothing to a loaded, connected Browser in one command.
neo4j-loaded: install
	$(BIN)/python -m devtools.neo4j_server --load
