# Two entry points from the README: `make demo` and `make test`. Both build ./.venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= dateline.db

.PHONY: demo test venv test-deps bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

venv: $(VENV)/.installed

test-deps: $(VENV)/.installed-test

demo: venv
	$(BIN)/dateline --db $(DB) ingest dateline/data/sample
	$(BIN)/dateline --db $(DB) summary
	@echo ""
	@echo "Dateline is at http://127.0.0.1:8000/ (Ctrl-C to stop)"
	$(BIN)/dateline --db $(DB) serve

test: test-deps
	$(BIN)/python -m pytest

bench: test-deps
	$(BIN)/python benchmarks/ingest_speed.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
