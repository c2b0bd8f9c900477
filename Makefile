# Two entry points, each setting everything up on a fresh machine with Python 3.11 and pip:
#   make demo   - create .venv, install focuscount, analyse the bundled examples
#   make test   - create .venv, install focuscount with test tools, lint and run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint examples fixtures bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,examples]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/focuscount analyze examples/

test: $(STAMP)
	$(BIN)/ruff check focuscount tests tools bench
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check focuscount tests tools bench
	$(BIN)/ruff format --check focuscount

# Regenerate the committed example corpus and test fixtures (python-docx, python-pptx, reportlab).
examples: $(STAMP)
	$(BIN)/python tools/make_examples.py

fixtures: $(STAMP)
	$(BIN)/python tests/fixtures/make_fixtures.py

bench: $(STAMP)
	$(BIN)/python bench/benchmark.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
