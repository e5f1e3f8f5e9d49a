# Two commands do all set-up on a fresh machine with Python 3.11 and make:
#   make locales   build the catalogs and the localized Markdown from content/ (build/ keeps
#                  no page of a deleted article: --prune)
#   make test      the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Running needs the package and its runtime dependencies only; tests and lint add the dev tools
# and the dask extra (its tests run Dask clusters and fsspec stores).
STAMP := $(VENV)/.installed-stamp
DEV_STAMP := $(VENV)/.installed-dev-stamp

.PHONY: locales test lint bench fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	touch $(DEV_STAMP)

# Bytecode written up front (a no-op when current): a shell with PYTHONDONTWRITEBYTECODE set
# would otherwise make every run, and every worker process, compile each module it imports.
locales: $(STAMP)
	@$(BIN)/python -m compileall -q pipeline
	$(BIN)/python -m pipeline locales --prune

test: $(DEV_STAMP)
	$(BIN)/python -m pytest -q

lint: $(DEV_STAMP)
	$(BIN)/ruff check pipeline tests bench fuzz
	$(BIN)/mypy

clean:
	rm -rf build

bench: $(DEV_STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/memory.py

fuzz: $(DEV_STAMP)
	$(BIN)/python fuzz/fuzz_article.py --seconds 60
	$(BIN)/python fuzz/fuzz_catalog.py --seconds 60
	$(BIN)/python fuzz/fuzz_segment.py --seconds 60
