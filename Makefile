# Two entry points: `make demo` (set up, then run the main job on the bundled
# samples with the embedded SQLite store) and `make test` (set up, then lint
# and run the whole test suite).  Everything is installed from pinned
# packages; nothing (models included) is downloaded at run time.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-stamp
DEV_STAMP = $(VENV)/.dev-installed-stamp
DEMO_DB ?= demo.db

.PHONY: setup setup-dev demo test lint bench eval clean

setup: $(STAMP)

# Tests, evaluation and benchmarks need more than the demo (pytest, ruff, hypothesis, a browser
# driver...): they live in requirements-dev.lock so that `make demo` stays lean.
setup-dev: $(DEV_STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	touch $(DEV_STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ is required"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

demo: setup
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/dossier ingest samples/corpus --db $(DEMO_DB)
	$(BIN)/dossier stats --db $(DEMO_DB)
	$(BIN)/dossier articles --db $(DEMO_DB) --limit 10
	$(BIN)/dossier search Oreshnik --db $(DEMO_DB) --limit 5
	@echo "--- the same inputs again: nothing new is stored ---"
	$(BIN)/dossier ingest samples/corpus --db $(DEMO_DB)
	@echo "--- a batch with broken files: each is named with its reason (exit code 3 = partial) ---"
	$(BIN)/dossier ingest samples/broken samples/corpus/feed.xml --db $(DEMO_DB) || [ $$? -eq 3 ]
	@echo "--- who and what: equipment merged across languages, and who said what ---"
	$(BIN)/dossier entities --kind equipment --db $(DEMO_DB) --limit 8
	$(BIN)/dossier quotes --speaker Ryzhenkov --db $(DEMO_DB) --limit 5
	@echo "--- across articles: stories, copy chains, conflicting accounts ---"
	$(BIN)/dossier stories --db $(DEMO_DB)
	$(BIN)/dossier copies --db $(DEMO_DB)
	$(BIN)/dossier contradictions --db $(DEMO_DB)
	@echo "--- the timeline of the main subject, with independent sources ---"
	$(BIN)/dossier timeline Oreshnik --db $(DEMO_DB)

test: setup-dev lint
	$(BIN)/python -m pytest

lint: setup-dev
	$(BIN)/ruff check src tests eval bench

bench: setup-dev
	$(BIN)/python bench/run.py

eval: setup-dev
	$(BIN)/python eval/run_all.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .ruff_cache
