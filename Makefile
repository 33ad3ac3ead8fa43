# The two commands: `make run` (load the graph, serve the API and pages) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast bench lint browser assets clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP) assets
	$(BIN)/nsgraph run

test: $(STAMP) browser assets
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest

test-fast: $(STAMP) assets
	$(BIN)/pytest -m "not browser"

bench: $(STAMP) browser assets
	$(BIN)/python -m bench

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# npm packages the pages need (world-atlas: the map's shapes; vis-network: the network pages), packed once into
# $(CACHE_DIR)/npm (default ~/.cache/nsgraph/npm) beside the Neo4j jars; later runs need no network.
assets: $(STAMP)
	$(BIN)/python -m viz.npm_cache

# Debian's Chromium for the browser tests (no browser download); needs root for apt-get.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: install Debian's chromium package for the browser tests"; fi; }

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache test-output
