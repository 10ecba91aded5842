# Two commands work on a fresh machine (Python 3.11+, and Java 17 for the Spark tests):
#   make serve   - run the service on the embedded PostgreSQL (thrift://127.0.0.1:9083)
#   make test    - run the whole test suite (real PostgreSQL, real Thrift, real PySpark)
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: serve test install bench thrift

$(BIN)/catalog: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/catalog

install: $(BIN)/catalog

serve: install
	$(BIN)/catalog serve

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python -m bench

thrift:
	bash thrift_idl/generate.sh
