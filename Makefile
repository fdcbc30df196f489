# The two commands of the README: `make run` and `make test`. Everything else is a step of those two.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint typecheck pytest system-deps bench clean

run: $(VENV)/.installed
	$(BIN)/sezatlas serve

test: $(VENV)/.installed-test system-deps lint typecheck pytest

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

system-deps:
	./scripts/install-system-deps.sh

lint: $(VENV)/.installed-test
	$(BIN)/ruff check sezatlas tests benchmarks
	$(BIN)/ruff format --check sezatlas tests benchmarks

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy sezatlas

pytest: $(VENV)/.installed-test
	$(BIN)/pytest

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/registry.py
	$(BIN)/python benchmarks/web.py
	$(BIN)/python benchmarks/siting.py
	$(BIN)/python benchmarks/incentives.py
	$(BIN)/python benchmarks/congress_recommend.py
	$(BIN)/python benchmarks/congress.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-artifacts
