# lawstation: one entry point to run, test and check the project.
# Needs only Python >= 3.11 and make; everything else is installed into .venv/ from
# pyproject.toml (the direct dependencies) pinned by constraints.txt (every version).
# `make help` lists the targets.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
MANAGE := $(PY) manage.py

VAR_DIR := $(or $(LAWSTATION_VAR_DIR),var)
# collectstatic post-processes (hashes, compresses) every file, about a second each time: run it
# only when a static file, the settings or the installed packages changed.
STATIC_STAMP := $(VAR_DIR)/static/.collected
STATIC_SOURCES := $(shell find . \( -path ./$(VENV) -o -path ./.git -o -path ./$(VAR_DIR) \) \
	-prune -o -path '*/static/*' -type f -print 2>/dev/null)

PORT ?= 8000
DEMO_PASSWORD ?= Demo-Password-2026!
export PORT DEMO_PASSWORD
# -n 2: one worker per core (measured on 244 tests: 13.0-13.8 s serial, 8.7-9.8 s with -n 2).
PYTEST_ARGS ?= -q -n 2
# Debian packages: CJK fonts and HarfBuzz subsetting for WeasyPrint PDFs (without the subsetter a
# one-page Chinese PDF takes about 6 s), Pango for WeasyPrint, poppler for the PDF tests.
SYSTEM_PACKAGES := fonts-noto-cjk libharfbuzz-subset0 poppler-utils libpango-1.0-0 \
	libpangoft2-1.0-0

.PHONY: help run serve prepare test lint format i18n-check messages migrations-check check \
	deploy-check pytest system-deps browser-deps venv constraints clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-17s %s\n", $$1, $$2}'

# --- Environment -------------------------------------------------------------------------------

system-deps: ## Install missing Debian packages (as root with apt-get); else print a note
	@missing=""; \
	if command -v dpkg-query >/dev/null; then \
		for package in $(SYSTEM_PACKAGES); do \
			dpkg-query -W -f='$${Status}' "$$package" 2>/dev/null | grep -q "ok installed" \
				|| missing="$$missing $$package"; \
		done; \
	else \
		echo "note: not a Debian system; make sure these (or their equivalents) are installed:"; \
		echo "      $(SYSTEM_PACKAGES)"; \
		exit 0; \
	fi; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing system packages:$$missing"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -qq; \
		apt-get install -y -qq --no-install-recommends $$missing; \
	else \
		echo "note: missing system packages:$$missing"; \
		echo "      PDF reports need them; install with:"; \
		echo "      sudo apt-get install --no-install-recommends$$missing"; \
	fi

browser-deps: ## Install Debian's Chromium for the browser tests (CI; as root with apt-get)
	@$(MAKE) --no-print-directory system-deps SYSTEM_PACKAGES="chromium fonts-noto-cjk"

venv: $(INSTALLED) ## Create .venv/ and install the pinned dependencies

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
		echo "error: $(PYTHON) must be Python 3.11 or newer (set PYTHON=...)"; exit 1; }
	@echo "Creating $(VENV)/ with $$($(PYTHON) --version)"
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "error: could not create $(VENV)/ (on Debian: apt-get install python3-venv)"; exit 1; }

$(INSTALLED): pyproject.toml constraints.txt scripts/requirements.py | $(PY)
	$(PY) -m scripts.requirements list > $(VENV)/requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check \
		-c constraints.txt -r $(VENV)/requirements.txt
	$(PY) -m scripts.requirements check $(if $(filter true 1,$(CI)),--strict)
	@touch $@

constraints: | $(PY) ## Re-pin constraints.txt to what is installed in .venv
	@{ echo "# Exact versions of every package in .venv (direct dependencies live in pyproject.toml)."; \
	  echo "# Regenerate with \`make constraints\` after changing versions in .venv; see README."; \
	  $(PY) -m pip freeze --exclude-editable | grep -v -i -E '^(lawstation|-e )'; } > constraints.txt
	@touch $(INSTALLED)
	@echo "constraints.txt: $$(grep -c '==' constraints.txt) pins"

# --- Running -----------------------------------------------------------------------------------

messages: | $(PY) ## Compile locale/*/LC_MESSAGES/*.po to .mo (pure Python, no gettext needed)
	@$(PY) -m scripts.compile_messages >/dev/null

prepare: export LAWSTATION_PROFILE := local
prepare: $(INSTALLED) messages $(STATIC_STAMP) ## Migrate, load regions and demo data, collect static
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) load_regions
	$(MANAGE) seed_demo

$(STATIC_STAMP): $(STATIC_SOURCES) lawstation/settings.py $(INSTALLED)
	$(MANAGE) collectstatic --noinput -v 0
	@touch $@

run: export LAWSTATION_PROFILE := local
run: system-deps prepare serve ## Install, migrate, load demo data and serve on http://127.0.0.1:$PORT/

serve: export LAWSTATION_PROFILE := local
serve: ## Serve through gunicorn only (after `make prepare`)
	@echo
	@echo "  lawstation on http://127.0.0.1:$(PORT)/  (local profile: plain HTTP on loopback)"
	@echo "  Demo logins, password: $$DEMO_PASSWORD"
	@echo "    clerk-340000  Anhui provincial federation (rights-protection clerk)"
	@echo "    clerk-340100  Hefei city federation"
	@echo "    clerk-340123  Feixi county federation"
	@echo "    sysadmin      system administrator"
	@echo "    secadmin      security administrator"
	@echo "    auditor       audit administrator"
	@echo "  Stop with Ctrl-C."
	@echo
	exec $(VENV)/bin/gunicorn -c gunicorn.conf.py

# --- Checks ------------------------------------------------------------------------------------

test: system-deps lint migrations-check i18n-check check deploy-check pytest ## Every gate CI runs

lint: $(INSTALLED) ## ruff check and ruff format --check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(INSTALLED) ## Apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: $(INSTALLED) ## Fail when a model change has no migration
	$(MANAGE) makemigrations --check --dry-run

i18n-check: messages ## Compile catalogues; fail on untranslated, fuzzy or broken entries
	$(PY) -m scripts.check_translations

check: $(INSTALLED) ## manage.py check
	$(MANAGE) check --fail-level WARNING

deploy-check: $(INSTALLED) ## manage.py check --deploy with production settings
	@scratch=$$(mktemp -d); trap 'rm -rf "$$scratch"' EXIT; \
	echo "$(MANAGE) check --deploy --fail-level WARNING  (LAWSTATION_PROFILE=production)"; \
	env -u DEBUG -u DATABASE_URL LAWSTATION_PROFILE=production ALLOWED_HOSTS=example.org \
		SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
		FIELD_ENCRYPTION_KEY="$$($(PY) -c 'import secrets; print(secrets.token_hex(16))')" \
		FIELD_HASH_KEY="$$($(PY) -c 'import secrets; print(secrets.token_hex(32))')" \
		STATS_PSEUDONYM_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(32))')" \
		LAWSTATION_VAR_DIR="$$scratch" \
		$(MANAGE) check --deploy --fail-level WARNING

pytest: $(INSTALLED) messages ## The test suite (PYTEST_ARGS="-q -n 2"; DATABASE_URL picks the database)
	$(PY) -m pytest $(PYTEST_ARGS)

.PHONY: bench
bench: $(INSTALLED) ## Case-list benchmark in a throwaway database (BENCH_CASES=100000; see bench/README.md)
	$(PY) -u -m bench.case_list --cases $(or $(BENCH_CASES),100000)

.PHONY: bench-compliance
bench-compliance: $(INSTALLED) ## National compliance roll-up: 3,200 workstations, a year of data (see bench/README.md)
	$(PY) -u -m bench.compliance_rollup --cases $(or $(BENCH_CASES),100000)

.PHONY: bench-statistics
bench-statistics: $(INSTALLED) ## Province's annual statistics at 1 M cases, 10 M services vs raw GROUP BY (see bench/README.md)
	$(PY) -u -m bench.statistics --cases $(or $(BENCH_CASES),1000000)

clean: ## Remove caches and collected static files (keeps .venv/ and the database in var/)
	rm -rf .pytest_cache .ruff_cache .hypothesis var/static
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
