# Tally: `make run` starts the bot, `make test` runs every check.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run console test check format bench score postgres clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/tally run

console: $(STAMP)
	$(BIN)/tally console

check: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

test: check
	$(BIN)/pytest

# a local PostgreSQL for the other half of the tests (installs and starts it; run as root)
postgres:
	bash scripts/postgres.sh

# the extractor against the annotated corpus beside the project (../shared), when it is there
score: $(STAMP)
	$(BIN)/python scripts/extraction_bar.py

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python -m bench.estimates
	$(BIN)/python -m bench.telegram
	$(BIN)/python -m bench.discord
	$(BIN)/python -m bench.fanout
	$(BIN)/python -m bench.extract
	$(BIN)/python -m bench.scale
	$(BIN)/python -m bench.startup

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
