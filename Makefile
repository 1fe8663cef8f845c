# Kliento — `make demo` to try it, `make test` to check it. `make help` lists everything.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
SCALE ?= 20000

.PHONY: help demo test test-sqlite test-postgres lint serve bench clean messages browser openapi install

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	@python=$$(scripts/find-python.sh) && echo "Using $$python" && \
	  { [ -x $(PY) ] || $$python -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed ## create .venv and install Kliento with its development tools

demo: install ## build the demo database (SQLite under ./var/) and serve it on PORT (default 8000)
	$(VENV)/bin/kliento demo --scale $(SCALE) --port $(PORT)

serve: install ## serve the existing database on PORT without touching the data
	$(VENV)/bin/kliento migrate --no-input
	$(VENV)/bin/kliento runserver 127.0.0.1:$(PORT)

browser: ## make sure Debian's Chromium and pdftoppm (poppler-utils) are there for the browser and PDF tests (installs them as root)
	@missing=""; [ -x /usr/bin/chromium ] || missing="chromium"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; \
	  else echo "The browser and PDF tests need: sudo apt-get install -y $$missing" >&2; exit 1; fi; \
	fi

lint: install ## ruff, the layer contract and the migrations check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	DATABASE_URL=sqlite:///:memory: $(PY) manage.py makemigrations --check --dry-run

# pytest-xdist spreads each pass over TEST_WORKERS processes (auto: one per core), each with a
# test database of its own; `make test` runs the two passes at once, each one's output shown
# whole when it ends.
TEST_WORKERS ?= auto
PYTEST := $(VENV)/bin/pytest -q -n $(TEST_WORKERS)
# Where the environment says not to write bytecode, every worker and every process a test
# starts would compile the suite (and rewrite its asserts) again: the tests keep it.
test-sqlite test-postgres: export PYTHONDONTWRITEBYTECODE :=

test-sqlite: install browser ## the whole suite on SQLite
	KLIENTO_EXPECT_DB=sqlite $(PYTEST)

test-postgres: install browser ## the whole suite on PostgreSQL (KLIENTO_TEST_POSTGRES_URL, or a throwaway cluster)
	$(PY) scripts/with_postgres.py $(PYTEST) -p no:cacheprovider

test: lint ## lint, then the whole suite on SQLite and on PostgreSQL
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

bench: install ## run the benchmarks: KPIs, survey load, imports, staffing, journeys and scale-out (bench/results*.md)
	$(PY) bench/run.py
	$(PY) bench/survey_load.py
	$(PY) bench/import_speed.py
	$(PY) bench/questions.py
	$(PY) bench/staffing.py
	$(PY) bench/journeys.py
	$(PY) bench/scale_out.py

messages: install ## extract strings and compile the translations
	cd src/kliento && ../../$(PY) ../../manage.py makemessages -l lt -l lv -l ru -l pl -l en --no-obsolete --add-location file
	cd src/kliento && ../../$(PY) ../../manage.py compilemessages

openapi: install ## regenerate docs/api/openapi.json (a test fails when it drifts)
	$(PY) scripts/export_openapi.py

clean: ## remove the virtual environment and the demo database
	rm -rf $(VENV) var
