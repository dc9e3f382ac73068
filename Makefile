# The commands in the README. Everything installs into .venv on first use.
# Any Python from 3.11 up that the machine has (the newest first); CI tests 3.11.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && echo $$p && break; done)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint fmt migrate demo messages bench clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "需要 Python 3.11 或更高版本 (Python 3.11 or newer is needed)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput -v 0

demo: migrate
	$(PY) manage.py seed_demo

# The server and one job consumer together (manage.py serve); Ctrl-C stops both.
run: demo
	$(PY) manage.py serve $(HOST):$(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check

test: lint
	$(VENV)/bin/pytest -n 2 -p no:cacheprovider

fmt: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Needs GNU gettext (apt-get install gettext); the compiled .mo files are committed.
# makemessages reads the Jinja2 templates too (zhigong/core/management/commands/makemessages.py)
messages: $(STAMP)
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=var --no-location
	$(PY) manage.py compilemessages -l en -l zh_Hans --ignore=.venv

bench: $(STAMP)
	$(PY) benchmarks/import_unions.py

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
