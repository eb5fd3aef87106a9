# The README's two commands: `make demo` and `make test`. Each builds .venv first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip 2>&1 | grep -v "is ignored" || true
	$(BIN)/pip install --quiet -e '.[test,spark,bench]'
	touch $(STAMP)

demo: $(STAMP)
	scripts/ensure-fonts
	scripts/ensure-office
	$(BIN)/dudao demo --out demo-output

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: $(STAMP) lint
	scripts/ensure-postgres
	scripts/ensure-java
	scripts/ensure-fonts
	scripts/ensure-office
	scripts/ensure-chromium
	$(BIN)/pytest -n 2

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) demo-output
