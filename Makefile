# Pufa Ledger — `make run` sets everything up and serves the demo; `make test` runs the suite; `make lint` checks style
# and import layers (pyproject.toml), `make format` fixes what ruff can.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1:8000
export DJANGO_DEBUG ?= 1

.PHONY: run test lint format venv migrate demo serve messages check-deploy benchmark clean worker

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

migrate: venv
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

serve: venv
	$(PY) manage.py runserver $(HOST)

run: demo serve

test: venv
	$(PY) manage.py makemigrations --check --dry-run
	DJANGO_DEBUG=0 $(PY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Re-extract strings and compile catalogues (needs gettext; compiled .mo files are committed).
messages: venv
	$(PY) manage.py makemessages -l zh_Hans -l en --ignore=.venv --ignore=staticfiles --ignore=tests
	$(PY) manage.py makemessages -d djangojs -l zh_Hans -l en --ignore=.venv --ignore=staticfiles --ignore=static/vendor
	$(PY) manage.py compilemessages --ignore=.venv

check-deploy: venv
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets;print(secrets.token_urlsafe(50))') \
	DJANGO_ALLOWED_HOSTS=pufa.example.org $(PY) manage.py check --deploy --fail-level WARNING

benchmark: venv
	$(PY) manage.py benchmark --scale district

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

# Background jobs (needs CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0): the worker, and beat for the
# periodic reminders (CELERY_BEAT_SCHEDULE in config/settings.py). Without a broker use cron + `make reminders`.
.PHONY: beat reminders
worker: venv
	$(VENV)/bin/celery -A config worker --loglevel=info

beat: venv
	$(VENV)/bin/celery -A config beat --loglevel=info --schedule=$(or $(CELERY_BEAT_FILE),celerybeat-schedule)

reminders: venv
	$(PY) manage.py send_reminders
