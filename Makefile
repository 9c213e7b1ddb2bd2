# pariscall: `make run` and `make test` are the whole set-up on a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The floor `make test` holds understanding to on tests/questions (see README, "Understanding").
EVAL_MIN       := 0.93
EVAL_MAX_WRONG := 12

.PHONY: run test check fmt lint types bench validate clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

## run: start the bot (Slack/Discord when their tokens are set, otherwise a chat in the terminal)
run: $(STAMP)
	@$(BIN)/pariscall serve

## test: the offline test suite, then understanding measured on the labelled questions
test: $(STAMP)
	@$(BIN)/python -m pytest
	@$(BIN)/pariscall eval tests/questions --quiet --min $(EVAL_MIN) --max-wrong $(EVAL_MAX_WRONG)

## check: format check, lint, types and tests
check: $(STAMP)
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

## bench: performance figures (cold start, answers, supporters, memory, Slack HTTP)
bench: $(STAMP)
	@$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
