# SPCNCL Hà Nội: `make run` serves the site, `make test` runs the whole suite.
# Every target sets up what it needs; `make help` lists them.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
SEARCH_PORT ?= 9200
PG_PORT ?= 54329
export SEARCH_PORT PG_PORT

# python3.13 (see .python-version), else python3.12; pyenv's shims count when they resolve.
PYTHON := $(shell for candidate in python3.13 python3.12; do \
	if command -v $$candidate >/dev/null 2>&1 && $$candidate -c 'import sys' >/dev/null 2>&1; then \
	command -v $$candidate; break; fi; done)

.PHONY: help
help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-20s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt requirements-dev.txt
	@if [ -z "$(PYTHON)" ]; then \
		echo "Python 3.13 or 3.12 is needed and neither python3.13 nor python3.12 was found on PATH." >&2; \
		echo "Install one (for example: pyenv install 3.13) and run make again." >&2; exit 1; fi
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)

.PHONY: install
install: $(STAMP) ## Create .venv and install the pinned requirements

.PHONY: migrate
migrate: install ## Apply database migrations
	$(MANAGE) migrate --no-input -v 0

.PHONY: demo
demo: migrate ## Load the demo content (sample data; a second run changes nothing)
	$(MANAGE) load_demo

.PHONY: run
run: demo ## Set everything up and serve the site on 127.0.0.1:$(PORT) (embedded search)
	$(MANAGE) update_index
	$(MANAGE) rebuild_catalogue_index
	$(MANAGE) ensure_dev_superuser --admin-url "http://127.0.0.1:$(PORT)/admin/"
	@# Scheduled publishing and the inquiries' mail worker: production runs the same commands
	@# from cron/systemd (README, "Inquiries"). Mail goes to the console here (dev settings).
	@( while true; do $(MANAGE) publish_scheduled >/dev/null 2>&1 || true; sleep 60; done ) & \
		scheduler=$$!; \
		$(MANAGE) db_worker --backend mail --queue-name mail --no-reload --interval 5 & \
		mailer=$$!; \
		trap 'pkill -P $$scheduler 2>/dev/null; kill $$scheduler $$mailer 2>/dev/null' EXIT INT TERM; \
		$(MANAGE) runserver 127.0.0.1:$(PORT)

.PHONY: lint
lint: install ## ruff (lint + format check), djhtml, and import-linter (the layers, pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates
	PYTHONPATH=. $(VENV)/bin/lint-imports --no-cache

.PHONY: format
format: install ## Format Python (ruff) and templates (djhtml)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

.PHONY: check
check: install ## Django system checks and missing migrations
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

.PHONY: messages
messages: install ## Extract UI strings into locale/ and compile the catalogues (needs gettext)
	$(MANAGE) makemessages -l vi -l en --ignore=.venv --ignore=var --ignore=lab/search-engine
	$(MANAGE) compilemessages --ignore=.venv

.PHONY: bench-search
bench-search: N ?= 10000
bench-search: install ## Search benchmark over HTTP, engine and database paths (N=10000 products; N=100000 for the large run)
	$(PY) scripts/bench_search.py --products $(N)

.PHONY: loadtest
loadtest: DURATION ?= 10s
loadtest: MIXED_DURATION ?= 60s
loadtest: MIXED_CONNECTIONS ?= 64
loadtest: PHASES ?= uncached,cached,mixed
# wrk first (installed as root, else the command to run), so a missing one stops before pip.
loadtest: ## Pages vs a bare view (wrk -c16, DURATION=10s), then a mixed run (MIXED_CONNECTIONS=64, MIXED_DURATION=60s); PHASES=mixed for that alone; beside benchmarks/loadtest-baseline.json, WRITE_BASELINE=1 to replace it
	scripts/system-packages.sh loadtest
	@$(MAKE) --no-print-directory install
	$(PY) scripts/loadtest.py --duration $(DURATION) --phases $(PHASES) \
		--mixed-duration $(MIXED_DURATION) --mixed-connections $(MIXED_CONNECTIONS) \
		$(if $(WRITE_BASELINE),--write-baseline)

.PHONY: backup
backup: install ## Back up the database and every uploaded file into BACKUP_DIR (var/backups); KEEP=n deletes older ones
	$(MANAGE) backup $(if $(KEEP),--keep $(KEEP))

.PHONY: restore
restore: install ## Restore a backup (BACKUP=dir, default the newest): replaces the database and media, only with CONFIRM=yes
	$(MANAGE) restore $(BACKUP) $(if $(filter yes,$(CONFIRM)),--confirm)

.PHONY: search-engine
search-engine: ## Start the dev OpenSearch node on 127.0.0.1:$(SEARCH_PORT) and wait until ready
	scripts/search-engine.sh start

.PHONY: search-engine-stop
search-engine-stop: ## Stop the dev OpenSearch node
	scripts/search-engine.sh stop

.PHONY: postgres
postgres: ## Start the throwaway PostgreSQL cluster the tests use
	scripts/postgres.sh start

.PHONY: postgres-stop
postgres-stop: ## Stop the throwaway PostgreSQL cluster
	scripts/postgres.sh stop

# The system packages first, before pip and the linters, so a missing one stops the run at once
# (scripts/system-packages.sh: installed as root, else the command to run). A recursive make
# keeps that order under -j too, where prerequisites would start side by side.
.PHONY: test
test: ## Install missing system packages (as root; else say how), then run the whole suite on PostgreSQL (+ SQLite subset), starting and stopping services
	scripts/system-packages.sh test
	@$(MAKE) --no-print-directory lint check
	scripts/run-tests.sh

SCREENSHOT_PORT ?= 8262
.PHONY: screenshots
screenshots: demo ## Screenshots of every page type (vi/en, 375/768/1280 px) into screenshots/
	$(MANAGE) update_index >/dev/null
	$(MANAGE) rebuild_catalogue_index >/dev/null
	@mkdir -p var
	@DEBUG=false $(MANAGE) runserver --noreload 127.0.0.1:$(SCREENSHOT_PORT) >var/screenshots-server.log 2>&1 & \
		server=$$!; trap 'kill $$server 2>/dev/null' EXIT; \
		$(PY) scripts/screenshots.py --wait 60 --base-url http://127.0.0.1:$(SCREENSHOT_PORT) --out screenshots/

.PHONY: bench-relevance
bench-relevance: install ## Catalogue search relevance (MRR per query category) on a fictional corpus; engine too with SEARCH_URL
	$(MANAGE) measure_relevance

.PHONY: bench-import
bench-import: N ?= 10000
bench-import: install ## Import a synthetic decision file of N rows (N=10000) into a throwaway SQLite database, timed
	rm -f var/bench-import.sqlite3
	DJANGO_SETTINGS_MODULE=config.settings.bench BENCH_DATABASE_URL=sqlite:///$(CURDIR)/var/bench-import.sqlite3 $(PY) manage.py bench_import --rows $(N)

.PHONY: clean
clean: ## Remove local state (database, uploads, search data, build output)
	-scripts/search-engine.sh stop
	-scripts/postgres.sh stop
	rm -rf var static_collected lab/search-engine/target
