# Two commands: `make run` and `make test`. Everything else is a detail.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   ?= demo.sqlite

.PHONY: run test install lint typecheck bench bench-10m clean i18n i18n-prune

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
# `make bench`: the 1M-word suite. `make bench-10m`: import, lemmatising, figures and the
# workbench on 10M words (2,000 interviews); from the 1M rates, about 45 min on 2 quiet
# cores, 25 of them lemmatising the corpus twice (bare spaCy and verbatims side by side);
# run it on a quiet machine (see README, Measures). BASELINE=DIR (another checkout, e.g.
# `git worktree add /tmp/base main`) adds its figures beside ours.
BASELINE ?=
BASE_ARG := $(if $(BASELINE),--baseline $(BASELINE),)
TEN_M := bench/out/10m

bench: $(STAMP)
	$(BIN)/python bench/startup.py $(BASE_ARG)
	$(BIN)/python bench/make_corpus.py --long
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/nlp.py
	$(BIN)/python bench/figures.py $(BASE_ARG)
	$(BIN)/python bench/terms.py
	$(BIN)/python bench/autocode.py --speed
	$(BIN)/python bench/exports.py
	$(BIN)/python bench/tui.py

bench-10m: $(STAMP)
	test -d $(TEN_M)/corpus || $(BIN)/python bench/make_corpus.py --words 10000000 --long \
		--out $(TEN_M)
	$(BIN)/python bench/ingest.py --corpus $(TEN_M)/corpus
	$(BIN)/python bench/nlp.py --project $(TEN_M)/nlp.sqlite --corpus $(TEN_M)/corpus
	$(BIN)/python bench/figures.py --project $(TEN_M)/nlp.sqlite $(BASE_ARG)
	$(BIN)/python bench/tui.py --out $(TEN_M) --lemmatised $(TEN_M)/nlp.sqlite
	$(BIN)/python bench/slope.py

clean:
	rm -rf $(VENV) $(DEMO) $(DEMO)-wal $(DEMO)-shm
