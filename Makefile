# pariscall: `make run` and `make test` are the whole set-up on a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The floor `make test` holds understanding to on tests/questions (see README, "Understanding").
EVAL_MIN       := 0.93
EVAL_MAX_WRONG := 14

OLD_PYTHON := import sys; sys.exit(sys.version_info < (3, 11))

.PHONY: run test check fmt lint types bench validate clean venv-check

# A .venv made by a Python older than 3.11 cannot run pariscall: remove it so it is rebuilt.
venv-check:
	@if [ -x $(BIN)/python ] && ! $(BIN)/python -c '$(OLD_PYTHON)' 2>/dev/null; then \
	  echo "make: .venv was made by $$($(BIN)/python --version 2>&1), older than 3.11: rebuilding it"; \
	  rm -rf $(VENV); \
	fi

$(STAMP): pyproject.toml
	@$(PYTHON) -c '$(OLD_PYTHON)' 2>/dev/null || { \
	  echo "make: pariscall needs Python 3.11 or newer, and $(PYTHON) is $$($(PYTHON) --version 2>&1);"; \
	  echo "      run: make PYTHON=python3.11 $(MAKECMDGOALS)"; exit 2; }
	@test -x $(BIN)/python || { echo "make: creating .venv with $$($(PYTHON) --version)"; $(PYTHON) -m venv $(VENV); }
	@echo "make: installing pariscall and its dependencies into .venv (about 30 s the first time)..."
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)
	@echo "make: installed. The command is .venv/bin/pariscall (README: 'pariscall on your PATH')."

## run: start the bot (Slack/Discord when their tokens are set, otherwise a chat in the terminal)
run: venv-check $(STAMP)
	@$(BIN)/pariscall serve

## test: the offline test suite, then understanding measured on the labelled questions
test: venv-check $(STAMP)
	@$(BIN)/python -m pytest
	@$(BIN)/pariscall eval tests/questions --quiet --min $(EVAL_MIN) --max-wrong $(EVAL_MAX_WRONG)

## check: format check, lint, types and tests
check: venv-check $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

fmt: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## validate: check the content in content/
validate: $(STAMP)
	@$(BIN)/pariscall validate content

## bench: performance figures (cold start, answers, supporters, memory, Slack HTTP, replicas)
bench: $(STAMP)
	@$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
