# PAMONG developer tasks.  Run `make` (or `make help`) for the list.
#
# Everything installs into the repository: Python packages into .venv/
# (from the hashed requirements.lock), front-end assets into node_modules/
# (from package-lock.json).  Re-installs happen only when a lock file is
# newer than its stamp file.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PYTHON ?= python3
VENV := .venv
VENV_BIN := $(VENV)/bin
PY := $(VENV_BIN)/python
MANAGE := $(PY) manage.py
VENV_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.stamp

# Passed through to pytest / the benchmark runner: make test ARGS="-k foo"
ARGS ?=
# Settings used by the demo (SQLite file var/pamong.sqlite3).
DEMO_SETTINGS ?= config.settings.local
# Where the demo server listens.
DEMO_ADDR ?= 127.0.0.1:8000
# Settings for the migrations check in `lint`.
TEST_SETTINGS ?= config.settings.test
# Paths type-checked by mypy.
MYPY_PATHS ?= pamong config
# Benchmark entry point (results are written under bench/results/).
BENCH_CMD ?= $(PY) bench/run.py

.PHONY: help venv assets check-python demo demo-setup serve test bench bench-attendance clean distclean \
        lint lint-ruff lint-format lint-mypy lint-imports lint-migrations

help: ## Show this help
	@echo "PAMONG make targets:"
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) \
	  | awk 'BEGIN {FS = ":.*## "}; {printf "  %-10s %s\n", $$1, $$2}'
	@echo
	@echo "Variables: ARGS=\"...\" (pytest/bench args), PYTHON=$(PYTHON), DEMO_ADDR=$(DEMO_ADDR)"
	@echo "Database:  set PAMONG_DATABASE_URL=postgres://user:pass@host:port/db for PostgreSQL;"
	@echo "           unset, tests and the demo use SQLite."

# ---------------------------------------------------------------- setup ----

check-python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
	  echo "error: '$(PYTHON)' not found on PATH; PAMONG needs Python >= 3.11." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || { \
	  echo "error: PAMONG needs Python >= 3.11, but '$(PYTHON)' is $$($(PYTHON) -V 2>&1)." >&2; \
	  echo "       Use e.g. 'make PYTHON=python3.11 ...'." >&2; exit 1; }

venv: $(VENV_STAMP) ## Create .venv and install requirements.lock (only when the lock changed)

$(VENV_STAMP): requirements.lock | check-python
	@if [ ! -x $(PY) ]; then \
	  echo ">> creating $(VENV) with $$($(PYTHON) -V)"; \
	  $(PYTHON) -m venv $(VENV); \
	fi
	@echo ">> installing requirements.lock into $(VENV)"
	$(PY) -m pip install --disable-pip-version-check --quiet --require-hashes -r requirements.lock
	@touch $@

assets: $(NODE_STAMP) ## Install front-end assets (npm ci) when package-lock.json changed

$(NODE_STAMP): package-lock.json package.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "error: npm not found on PATH; install Node.js >= 18 to fetch the front-end assets." >&2; exit 1; }
	@echo ">> installing front-end assets (npm ci)"
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

# ----------------------------------------------------------------- demo ----

demo: demo-setup ## Migrate, load the demo regency, then run web server + jobs worker
	@$(MAKE) serve

demo-setup: venv assets
	@mkdir -p var/media
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(MANAGE) migrate --noinput
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(MANAGE) demo_seed

# Runs `runserver` and `db_worker` side by side.  Ctrl-C stops both; if either
# one exits by itself (e.g. the port is taken) the other is stopped too and
# make fails.  Background jobs of a non-interactive shell ignore SIGINT, so the
# trap forwards a SIGTERM to each of them (runserver's autoreloader kills its
# child on SIGTERM; db_worker finishes the current task and exits).
serve: venv assets ## Run web server + background jobs worker (no migrate/seed)
	@export DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS); \
	worker=; server=; \
	stop() { trap - INT TERM; kill -TERM $$worker $$server 2>/dev/null || true; \
	         wait 2>/dev/null || true; }; \
	trap 'echo; echo ">> stopping web server and worker"; stop; exit 130' INT TERM; \
	$(MANAGE) db_worker & worker=$$!; \
	$(MANAGE) runserver $(DEMO_ADDR) & server=$$!; \
	sleep 2; \
	if kill -0 $$worker 2>/dev/null && kill -0 $$server 2>/dev/null; then \
	  echo; \
	  echo "=================================================================="; \
	  echo "  PAMONG demo running at  http://$(DEMO_ADDR)/"; \
	  echo "  (web server + background jobs worker; press Ctrl-C to stop both)"; \
	  echo "=================================================================="; \
	  echo; \
	fi; \
	while kill -0 $$worker 2>/dev/null && kill -0 $$server 2>/dev/null; do sleep 1; done; \
	if kill -0 $$worker 2>/dev/null; then name="web server"; pid=$$server; \
	else name="jobs worker"; pid=$$worker; fi; \
	status=0; wait $$pid || status=$$?; \
	echo ">> $$name exited with status $$status; stopping the other process" >&2; \
	stop; exit $$(( status == 0 ? 1 : status ))

# ---------------------------------------------------------------- checks ---

# Tests run on every core (pytest-xdist); PYTEST_WORKERS=0 runs them in one process.
PYTEST_WORKERS ?= auto

test: venv assets ## Run the test suite: make test ARGS="-k foo"
	$(VENV_BIN)/pytest -n $(PYTEST_WORKERS) $(ARGS)

# `lint` runs every check (make -k) and fails at the end if any of them failed.
lint: venv ## ruff, ruff format --check, mypy, import-linter, missing-migrations check
	@$(MAKE) -k lint-ruff lint-format lint-mypy lint-imports lint-migrations

lint-ruff: venv
	$(VENV_BIN)/ruff check .

lint-format: venv
	$(VENV_BIN)/ruff format --check .

lint-mypy: venv
	$(VENV_BIN)/mypy $(MYPY_PATHS)

lint-imports: venv
	$(VENV_BIN)/lint-imports

lint-migrations: venv
	DJANGO_SETTINGS_MODULE=$(TEST_SETTINGS) $(MANAGE) makemigrations --check --dry-run

bench: venv assets ## Run the benchmarks (results go to bench/results/)
	$(BENCH_CMD) $(ARGS)

bench-attendance: venv ## Attendance at 20,000 ASN on PostgreSQL (a throwaway cluster unless PAMONG_DATABASE_URL is set)
	bash bench/with_postgres.sh $(PY) -m bench.attendance $(ARGS)

# ---------------------------------------------------------------- cleanup --

clean: ## Remove caches and collected static files (keeps .venv, node_modules, the demo DB)
	find . -path ./$(VENV) -prune -o -path ./node_modules -prune -o \
	  -type d -name __pycache__ -print0 | xargs -0 rm -rf
	rm -rf .pytest_cache .mypy_cache .ruff_cache .hypothesis staticfiles var/static htmlcov .coverage

distclean: clean ## Also remove .venv and node_modules (var/ with the demo database is kept)
	rm -rf $(VENV) node_modules
