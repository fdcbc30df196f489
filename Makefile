# The two commands of the README: `make run` and `make test`. Everything else is a step of those two.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Quiet installs. setuptools warns on every editable install that a folder named like the package may
# shadow it; here that folder is the package itself, so the banner tells a new user nothing.
PIP := PYTHONWARNINGS="ignore:Editable installation" $(BIN)/pip --quiet
# Test processes (pytest-xdist): two halve the suite's time on a 2-CPU machine (17 against 32 minutes);
# each starts its own PostgreSQL cluster. `make test TEST_PROCESSES=1` for one.
TEST_PROCESSES ?= 2

.PHONY: run test lint typecheck pytest system-deps bench prod clean

run: $(VENV)/.installed
	@$(BIN)/sezatlas serve

test: $(VENV)/.installed-test system-deps lint typecheck pytest

$(VENV)/.installed: pyproject.toml
	@echo "Installing SEZ Atlas into $(VENV) (once; about 2 minutes and 680 MB)"
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) install --upgrade pip
	@$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	@echo "Installing the test tools into $(VENV) (once; about 1 minute and 420 MB more)"
	@$(PIP) install -e '.[test]'
	@touch $@

system-deps:
	./scripts/install-system-deps.sh

lint: $(VENV)/.installed-test
	$(BIN)/ruff check sezatlas tests benchmarks
	$(BIN)/ruff format --check sezatlas tests benchmarks

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy sezatlas

pytest: $(VENV)/.installed-test
	$(BIN)/pytest -n $(TEST_PROCESSES)

bench: $(VENV)/.installed-test system-deps
	$(BIN)/python benchmarks/registry.py
	$(BIN)/python benchmarks/web.py
	$(BIN)/python benchmarks/imports.py
	$(BIN)/python benchmarks/siting.py
	$(BIN)/python benchmarks/incentives.py
	$(BIN)/python benchmarks/congress_recommend.py
	$(BIN)/python benchmarks/congress.py
	$(BIN)/python benchmarks/chains.py
	$(BIN)/python benchmarks/load.py

# The production profile (docs/deployment.md) against a throw-away PostgreSQL cluster, until Ctrl-C.
prod: $(VENV)/.installed-test system-deps
	$(BIN)/python benchmarks/production.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-artifacts
