# Two commands for a newcomer: `make serve` runs the product, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test lint typecheck site browser clamav node clean package checkov

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

# checkov in a venv of its own (its pins would fight the app's); infra/checkov.yaml lists the
# findings accepted, each with its reason: any other fails.
CHECKOV := .venv-checkov/bin/checkov
$(CHECKOV):
	$(PYTHON) -m venv .venv-checkov
	.venv-checkov/bin/pip install --quiet --upgrade pip
	.venv-checkov/bin/pip install --quiet 'checkov>=3.2,<4'

checkov: $(CHECKOV)
	BC_SKIP_MAPPING=TRUE $(CHECKOV) -f infra/template.yaml --config-file infra/checkov.yaml

test: lint typecheck site browser clamav node checkov
	$(BIN)/pytest

# The Lambda package for arm64 and Python 3.13, from any machine (functions/Makefile).
PACKAGE := infra/build/package
package: site
	rm -rf $(PACKAGE)
	$(MAKE) --no-print-directory -C functions build-ApiFunction \
	  ARTIFACTS_DIR=$(CURDIR)/$(PACKAGE) PIP="$(CURDIR)/$(BIN)/python -m pip"
	@du -sh $(PACKAGE)

clean:
	rm -rf $(VENV) .venv-checkov site .pra-data infra/build
