# The commands the README tells people to type: `make run` and `make test`.
VENV := .venv
PYTHON := $(VENV)/bin/python
HOST := 127.0.0.1:8000
# make serve: the address gunicorn listens on, and its worker processes (two a CPU, plus one).
BIND ?= $(HOST)
WEB_CONCURRENCY ?= $(shell python3 -c "import os; print(2 * os.cpu_count() + 1)")

.PHONY: run serve production-settings test setup gdal migrate demo lint format bench clean

run: setup
	DJANGO_DEBUG=1 $(PYTHON) manage.py migrate --no-input
	DJANGO_DEBUG=1 $(PYTHON) manage.py load_demo
	DJANGO_DEBUG=1 $(PYTHON) manage.py ensure_local_admin
	@echo "Serving the CAISS Activist Map on http://$(HOST)/, with the task worker for large imports (Ctrl+C stops both)"
	DJANGO_DEBUG=1 $(PYTHON) manage.py db_worker & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		DJANGO_DEBUG=1 $(PYTHON) manage.py runserver $(HOST)

# The site as production runs it: DEBUG off, static files collected, migrations applied, gunicorn.
serve: production-settings setup
	DJANGO_DEBUG=0 $(PYTHON) manage.py collectstatic --no-input
	DJANGO_DEBUG=0 $(PYTHON) manage.py migrate --no-input
	DJANGO_DEBUG=0 $(VENV)/bin/gunicorn caiss.wsgi --bind $(BIND) --workers $(WEB_CONCURRENCY) --access-logfile -

# Checked before anything is installed or run.
production-settings:
	@test -n "$$DJANGO_SECRET_KEY" || { echo "make serve needs DJANGO_SECRET_KEY (and DJANGO_ALLOWED_HOSTS): see README, Production notes."; exit 1; }
	@test -n "$$DJANGO_ALLOWED_HOSTS" || { echo "make serve needs DJANGO_ALLOWED_HOSTS, the host names the site answers to: see README, Production notes."; exit 1; }

test: setup
	DJANGO_DEBUG=1 $(VENV)/bin/pytest $(PYTEST_ARGS)

setup: $(VENV)/.installed gdal

$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

# django-leaflet loads the GDAL and GEOS C libraries; install them where they are missing.
gdal: $(VENV)/.installed
	@if ! $(PYTHON) -c "from django.contrib.gis.gdal import gdal_version; from django.contrib.gis.geos import geos_version" 2>/dev/null; then \
		echo "GDAL/GEOS libraries not found; installing gdal-bin..."; \
		if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gdal-bin >/dev/null; \
		elif command -v apt-get >/dev/null && command -v sudo >/dev/null; then \
			sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gdal-bin >/dev/null; \
		else \
			echo "Please install the GDAL and GEOS C libraries, then run make again:"; \
			echo "  Debian/Ubuntu: sudo apt-get install gdal-bin"; \
			echo "  Fedora: sudo dnf install gdal geos    macOS: brew install gdal"; \
			exit 1; \
		fi; \
		$(PYTHON) -c "from django.contrib.gis.gdal import gdal_version; from django.contrib.gis.geos import geos_version" \
			|| { echo "GDAL/GEOS still not loadable; install them by hand (apt-get install gdal-bin)."; exit 1; }; \
	fi

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The speed of the public pages at the size the site is meant to reach (README, "make bench"). Its variables come from
# the environment or the command line: make bench BENCH_N=500 BENCH_SECONDS=2
bench: setup
	$(PYTHON) scripts/benchmark.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .cache
