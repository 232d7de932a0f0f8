# vsend: the two commands a newcomer runs are `make demo` and `make test`.
# Both make their own virtual environment in .venv; nothing is installed by hand.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.vsend-installed
MANAGE := cd site && ../$(BIN)/python manage.py
PORT ?= 8000
TEST_PROCESSES ?= auto
SYSTEM_PACKAGES := chromium chromium-driver poppler-utils fonts-noto-core fonts-wqy-zenhei

.PHONY: help install system-packages demo serve lint test test-postgres bench loadtest loadtest-faults docs screenshots frontend clean

help:
	@echo "make demo   install, migrate (SQLite), load demo data, serve on http://127.0.0.1:$(PORT)"
	@echo "make test   lint (ruff), then the whole test suite (SQLite; PostgreSQL when DATABASE_URL is set)"
	@echo "make lint   ruff check and ruff format --check over the tree"
	@echo "make bench  the benchmarks, printed as figures and ratios"
	@echo "make loadtest  the site under load (LOADTEST_USERS, LOADTEST_SECONDS; FAULTS=1 with faults)"
	@echo "make docs   build the documentation into docs/_build/html"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "vsend needs Python 3.11 or newer")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
		echo "Could not create a virtual environment. On Debian or Ubuntu: apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[site,test,docs,postgres]"
	@touch $@

install: $(STAMP)

# Debian packages the browser and PDF tests use (PDFs embed Noto and WenQuanYi fonts). Installed when missing and we are
# root (as on CI and fresh machines); otherwise we say what to install.
system-packages:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null 2>&1 || missing="$$missing chromium-driver"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	test -f /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf || missing="$$missing fonts-noto-core"; \
	test -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc || missing="$$missing fonts-wqy-zenhei"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Debian packages:$$missing"; \
			DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Please install:$$missing (e.g. sudo apt-get install$$missing)"; exit 1; \
		fi; \
	fi

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) vsend_load_demo --port $(PORT)
	$(MANAGE) runserver 127.0.0.1:$(PORT)

serve: install
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Lint and format are checked before the tests: `ruff format .` and `ruff check --fix .` fix most.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The suite runs in parallel, one process per core (TEST_PROCESSES=1 for a single one), each
# test module whole in one process, in pytest-django's order (see tests/conftest.py).
test: install system-packages lint
	$(BIN)/pytest -n $(TEST_PROCESSES) --dist loadscope $(PYTEST_ARGS)

bench: install
	@$(BIN)/python tests/benchmarks/results.py
	@for bench in tests/benchmarks/bench_*.py; do \
		echo "== $$bench"; $(BIN)/python $$bench || exit 1; \
	done
	@echo "Figures for a machine to read: tests/benchmarks/results.json"

# The site under gunicorn on PostgreSQL with Redis and a Celery worker, driven by Locust from
# 127.0.0.1; then checks that nothing acknowledged was lost. Writes tests/benchmarks/loadtest.json
# (loadtest-faults.json with FAULTS=1: the worker, the broker and a web worker fail mid-run).
LOADTEST_USERS ?= 50
LOADTEST_SECONDS ?= 60
LOADTEST_RAMP ?= 20
FAULTS ?=
loadtest: install
	LOADTEST_USERS=$(LOADTEST_USERS) LOADTEST_SECONDS=$(LOADTEST_SECONDS) LOADTEST_RAMP=$(LOADTEST_RAMP) LOADTEST_FAULTS=$(FAULTS) \
		$(BIN)/python tests/benchmarks/loadtest/run.py

loadtest-faults:
	$(MAKE) loadtest FAULTS=1

docs: install
	$(BIN)/sphinx-build -W --keep-going -q -b html docs docs/_build/html
	@echo "Documentation: docs/_build/html/index.html"

# The documentation's screenshots, taken by the browser tests (docs/_static/screenshots).
SCREENSHOT_TESTS := needs_mapping_journey family_pages local_offer_journey toolkit_pages toolkit_journey dashboard_in_a_browser moderation_journey
screenshots: install system-packages
	VSEND_SCREENSHOTS=docs/_static/screenshots $(BIN)/pytest -q $(SCREENSHOT_TESTS:%=tests/browser/test_%.py)

# Rebuild the GOV.UK Frontend stylesheet shipped in vsend_plugin/core/static (needs npm).
frontend:
	cd vsend_plugin/core/frontend && npm install --no-audit --no-fund && npm run build

clean:
	rm -rf $(VENV) site/db.sqlite3 site/media site/media-test* site/private-test* docs/_build .pytest_cache
