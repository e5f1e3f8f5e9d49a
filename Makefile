# Two commands do all set-up on a fresh machine with Python 3.11 and make:
#   make locales   build the catalogs and the localized Markdown from content/
#   make test      the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: locales test lint bench fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

locales: $(STAMP)
	$(BIN)/python -m pipeline locales

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests bench fuzz
	$(BIN)/mypy

clean:
	rm -rf build

bench: $(STAMP)
	$(BIN)/python bench/run.py

fuzz: $(STAMP)
	$(BIN)/python fuzz/fuzz_article.py --seconds 60
	$(BIN)/python fuzz/fuzz_catalog.py --seconds 60
