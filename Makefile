# Two commands: `make run` and `make test`. Everything else is a detail.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   ?= demo.sqlite

.PHONY: run test install lint typecheck bench clean i18n i18n-prune

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/verbatims --project $(DEMO) demo

test: $(STAMP)
	$(BIN)/pytest -q

# ruff, mypy --strict (src/, tests/, bench/: see [tool.mypy] in pyproject.toml) and the
# import-linter contracts; CI runs this after `make test`, the suite itself does not.
lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# French catalog: extract the strings wrapped in _() / N_() / ngettext(), merge them into
# the .po that the program reads (then translate the new entries there).
i18n: $(STAMP)
	$(BIN)/python tools/i18n.py

i18n-prune: $(STAMP)
	$(BIN)/python tools/i18n.py --prune

# Each benchmark prints its figures next to a baseline measured in the same run.
bench: $(STAMP)
	$(BIN)/python bench/make_corpus.py --long
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/nlp.py
	$(BIN)/python bench/figures.py
	$(BIN)/python bench/terms.py
	$(BIN)/python bench/autocode.py --speed
	$(BIN)/python bench/exports.py
	$(BIN)/python bench/tui.py

clean:
	rm -rf $(VENV) $(DEMO) $(DEMO)-wal $(DEMO)-shm
