# Two entry points, each setting everything up on a fresh machine with Python 3.11 and pip:
#   make demo   - create .venv, install focuscount, analyse the bundled examples
#   make test   - create .venv, install focuscount with test tools, lint and run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast lint typecheck docs examples fixtures charts tools bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,examples]'
	touch $(STAMP)

# The demo needs focuscount alone, not the test tools or the example generators.
DEMO_STAMP := $(VENV)/.installed-demo

$(DEMO_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $(DEMO_STAMP)

demo: $(DEMO_STAMP)
	$(BIN)/focuscount analyze examples/

test: $(STAMP) tools
	$(BIN)/ruff check focuscount tests tools bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -n auto

# The same without the tests marked slow (fuzzing, pre-commit, 10,000 files).
test-fast: $(STAMP)
	$(BIN)/ruff check focuscount tests tools bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -n auto -m "not slow"

# Programs some tests use: Chromium renders the HTML report, Tesseract (with English data) reads scanned
# pages. Installed here where missing and possible (root with apt-get); otherwise those tests are skipped.
tools:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v tesseract >/dev/null 2>&1 || missing="$$missing tesseract-ocr"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing$$missing for the tests"; \
	    { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; } \
	      || echo "could not install$$missing: the tests that need it will be skipped"; \
	  else echo "not installed and cannot be installed here:$$missing: the tests that need it will be skipped"; fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check focuscount tests tools bench
	$(BIN)/ruff format --check focuscount
	$(BIN)/mypy

# The type check alone (settings in pyproject.toml, [tool.mypy]).
typecheck: $(STAMP)
	$(BIN)/mypy

# Regenerate the outputs shown in README.md and docs/ (cog runs each command; `make test` checks them).
docs: $(STAMP)
	$(BIN)/python -m cogapp -r README.md docs/*.md

# Regenerate the committed example corpus and test fixtures (python-docx, python-pptx, reportlab).
examples: $(STAMP)
	$(BIN)/python tools/make_examples.py

fixtures: $(STAMP)
	$(BIN)/python tests/fixtures/make_fixtures.py

# The chart images shown in the README, drawn from examples/.
charts: $(STAMP)
	mkdir -p docs/images
	for kind in ratio counts terms speakers sections; do \
	  $(BIN)/focuscount chart examples/ --kind $$kind --dpi 100 --output docs/images/$$kind.png || exit 1; \
	done
	$(BIN)/focuscount report examples/ --output docs/example-report.html

# The benchmark's extras: a peer counter (liwc) and process-tree memory (psutil).
BENCH_STAMP := $(VENV)/.installed-bench
BENCH_SCALE ?= 1

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,examples,bench]'
	touch $(BENCH_STAMP)

# Not a test: timings on a generated corpus of 2,000 documents (BENCH_SCALE=0.1 for a tenth), and on a local
# Dask cluster of 1 and 2 workers, into bench/RESULTS.md.
bench: $(BENCH_STAMP)
	$(BIN)/python bench/benchmark.py
	$(BIN)/python bench/long_line.py
	$(BIN)/python bench/big_lexicon.py
	$(BIN)/python bench/bombs.py
	$(BIN)/python bench/scale.py --scale $(BENCH_SCALE)
	$(BIN)/python bench/dask_scale.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
