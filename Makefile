# Two commands on a fresh machine: `make run` (the assistant on the bundled documents at
# http://127.0.0.1:8000) and `make test` (the whole test suite). Both install what they need.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
CHROMIUM ?= /usr/bin/chromium
NGINX ?= /usr/sbin/nginx
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install browser services nginx run test bench clean

install: $(VENV)/.installed

# torch first, pinned to the CPU build on the machine, so nothing pulls CUDA packages.
$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip setuptools wheel
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[test,bench]'
	touch $@

# Debian's chromium for the browser tests (never `playwright install`).
browser:
	@test -x $(CHROMIUM) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

# Debian's nginx for the scale tests (tests/scale/: two instances behind deploy/nginx/rutin.conf).
nginx:
	@test -x $(NGINX) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null)

# Debian's PostgreSQL for the storage tests (tests/services/postgres.py starts a throwaway
# cluster from its binaries; nothing is started here).
services:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null)

run: install
	$(VENV)/bin/rutin serve

# pytest exits 5 when it collected nothing: that is a failure here, said loudly.
test: install browser services nginx
	@$(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests - failing" >&2; exit 1; fi; \
	exit $$rc

bench: install
	$(VENV)/bin/rutin bench

clean:
	rm -rf $(VENV) data
