# Two commands for a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: site test test-slow check serve bench lock clean

site: $(STAMP)
	$(PY) build.py build

check: $(STAMP)
	$(PY) build.py check

serve: $(STAMP)
	$(PY) build.py serve

# The suite on every core, in under 5 minutes on two: the default kit is built once per run and shared
# (tests/conftest.py). `make test-slow` runs the tests marked slow (a cold build of the full kit, minutes).
test: $(STAMP)
	$(PY) -m pytest -q -n auto --dist worksteal -m "not slow"

test-slow: $(STAMP)
	$(PY) -m pytest -q -n auto --dist worksteal -m slow

bench: $(STAMP)
	$(PY) bench/run.py

# Installs exactly the pinned versions of constraints.txt into .venv.
$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Relais needs Python >= 3.11"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

# Refresh the pins after changing pyproject.toml dependencies.
lock: $(STAMP)
	$(PY) -m pip freeze --exclude-editable | LC_ALL=C sort > constraints.txt

clean:
	rm -rf site .relais-cache
