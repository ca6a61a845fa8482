# The two commands of the README:
#   make book   set everything up (venv, Python and npm packages) and build the website + slides
#   make test   every test, both tiers (what CI runs, .ci/run):
#     make test-fast   unit, doctests, notebooks (nbval strict), hygiene, byte budgets, widgets,
#                      one browser smoke test (tests/ minus the slow folders, chapters/, nnlib/)
#     make test-slow   every page and deck in the browser, JupyterLab, benchmarks still run
#                      (the folders in SLOW_DIRS of tests/conftest.py: tests/site, live, bench)
# Contributors:
#   make chapter SLUG=mlp TITLE="Multilayer perceptrons"   scaffold a new chapter
#   make test-chapter SLUG=xor   one chapter's tests alone (pytest -m xor)
#   make execute   re-execute every chapter in place (with static widget frames)
#   make slides    rebuild only the decks;   make pdf   only the PDF;   make bench   run the benchmarks
# Instructors:
#   make assignment SLUG=mnist      a chapter's exercises as an nbgrader assignment, in
#                  _build/nbgrader/<slug>/ (source with solutions and hidden tests, and the
#                  student version by `nbgrader generate_assignment`, run in .envs/nbgrader)

SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: book setup html slides pdf test test-fast test-slow test-chapter chapter execute bench browser clean assignment

book: setup html slides pdf

setup: $(VENV)/.installed web/vendor/.copied

$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) (set PYTHON=...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt -c constraints.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

web/vendor/.copied: node_modules/.package-lock.json scripts/vendor.py
	$(PY) scripts/vendor.py
	touch $@

html: setup
	$(BIN)/jupyter-book build . -W -n --keep-going

slides: setup
	$(PY) scripts/build_slides.py

pdf: html browser  # the whole book as _build/html/book.pdf, printed by Debian's Chromium
	$(PY) scripts/build_pdf.py

browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "the browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; fi; }

PYTEST := $(BIN)/pytest -n 2 --dist loadfile --durations=10 --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg

test: test-fast test-slow

test-fast: book browser
	$(PYTEST) -m "not slow" tests chapters nnlib

test-slow: book browser
	$(PYTEST) -m slow tests

test-chapter: book browser
	@test -n "$(SLUG)" || { echo 'usage: make test-chapter SLUG=xor'; exit 1; }
	$(PYTEST) -m "$(SLUG)" tests chapters nnlib

chapter: setup
	@test -n "$(SLUG)" -a -n "$(TITLE)" || { echo 'usage: make chapter SLUG=mlp TITLE="Multilayer perceptrons"'; exit 1; }
	$(PY) scripts/new_chapter.py "$(SLUG)" "$(TITLE)"

execute: setup
	$(PY) scripts/execute.py
	$(PY) scripts/student_edition.py

assignment: SLUG ?= mnist
assignment: setup
	$(PY) scripts/assignment.py "$(SLUG)"

bench: setup
	$(PY) bench/bench_widgets.py
	$(PY) bench/bench_mnist.py
	$(PY) bench/bench_jupyterlab.py

clean:
	rm -rf _build web/vendor
