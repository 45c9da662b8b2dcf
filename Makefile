# The two commands a newcomer needs are `make run` and `make test`; every target
# creates the virtual environment and installs the project first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000
HOST   ?= 127.0.0.1

.PHONY: install run test lint bench bench-scale clean neo4j-jars neo4j fuzz

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/plankg serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .

# Damaged plan files, every kind of damage to every data file, bad requests to the API: each
# must give one line and exit 2 (or problem+json) and leave nothing behind. About 3 minutes.
fuzz: install
	PLANKG_FUZZ=1 $(BIN)/pytest -q tests/test_fuzz_inputs.py tests/test_bad_input_cli.py

bench: install
	$(BIN)/python -m bench

# Load and query cost against corpus size, both stores, N up to 1000 plans: about
# 15 minutes on 2 cores. Writes bench/out/scale.csv and bench/out/scale.png.
bench-scale: install
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench.scale

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info

# A throwaway Neo4j 5.26 (Neo4j's test harness, Java 17, no Docker); Maven fetches ~160 MB of
# jars into neo4j/lib once.
neo4j-jars: install
	$(BIN)/python -c 'from graph.neo4j_server import ensure_jars; print(ensure_jars())'

# Runs one in the foreground on 7687/7474 (free ports if taken) with auth (a generated password,
# or NEO4J_PASSWORD) and prints the Browser URL and the password.
neo4j: install
	$(BIN)/python -m graph.neo4j_server
