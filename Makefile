# Two commands for a newcomer: `make serve` runs the product, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test lint typecheck site browser clamav node java validators clean package checkov

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,aws]'
	touch $(STAMP)

site: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

serve: site
	$(BIN)/pra serve

lint: $(STAMP)
	$(BIN)/ruff check functions tests
	$(BIN)/ruff format --check functions tests

typecheck: $(STAMP)
	$(BIN)/mypy

# Browser tests drive Debian's Chromium; never a downloaded browser.
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  { echo "install Debian's chromium (apt-get install chromium) for the browser tests"; exit 1; }

# Uploads are scanned with Debian's ClamAV; the tests give it a signature database of their own.
clamav:
	@command -v clamscan >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clamav >/dev/null; } || \
	  { echo "install Debian's clamav (apt-get install clamav) to scan uploads"; exit 1; }

# The CloudFront functions (infra/template.yaml) are JavaScript: the tests run them in Node.
node:
	@command -v node >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null; } || \
	  { echo "install Debian's nodejs (apt-get install nodejs) for the CloudFront function tests"; exit 1; }

# The Nu HTML Checker (vnu.jar) runs on Debian's Java.
java:
	@command -v java >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; } || \
	  { echo "install Debian's Java (apt-get install default-jre-headless) for the Nu HTML Checker"; exit 1; }

# The HTML checkers of tests/browser/test_validators.py, pinned in package-lock.json: vnu-jar
# (the Nu HTML Checker) and pa11y (HTML_CodeSniffer). No install scripts: vnu-jar's would
# fetch a Java (Debian's is used) and puppeteer's a Chrome (pa11y drives Debian's Chromium,
# tests/browser/pa11y.json).
NPM_STAMP := node_modules/.installed
$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; } || \
	  { echo "install Debian's npm (apt-get install npm) for the HTML checkers"; exit 1; }
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

validators: node java browser $(NPM_STAMP)

# checkov in a venv of its own (its pins would fight the app's); infra/checkov.yaml lists the
# findings accepted, each with its reason: any other fails.
CHECKOV := .venv-checkov/bin/checkov
$(CHECKOV):
	$(PYTHON) -m venv .venv-checkov
	.venv-checkov/bin/pip install --quiet --upgrade pip
	.venv-checkov/bin/pip install --quiet 'checkov>=3.2,<4'

checkov: $(CHECKOV)
	BC_SKIP_MAPPING=TRUE $(CHECKOV) -f infra/template.yaml --config-file infra/checkov.yaml

test: lint typecheck site browser clamav node validators checkov
	$(BIN)/pytest

# The Lambda package for arm64 and Python 3.13, from any machine (functions/Makefile).
PACKAGE := infra/build/package
package: site
	rm -rf $(PACKAGE)
	$(MAKE) --no-print-directory -C functions build-ApiFunction \
	  ARTIFACTS_DIR=$(CURDIR)/$(PACKAGE) PIP="$(CURDIR)/$(BIN)/python -m pip"
	@du -sh $(PACKAGE)

clean:
	rm -rf $(VENV) .venv-checkov node_modules site .pra-data infra/build
