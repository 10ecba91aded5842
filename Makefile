# Two commands work on a fresh machine (Python 3.11+, and Java 17 for the Spark tests):
#   make serve   - run the service on the embedded PostgreSQL (thrift://127.0.0.1:9083)
#   make test    - run the whole test suite (real PostgreSQL, real Thrift, real PySpark)
# For daily work:
#   make lint       - ruff (rules in pyproject.toml), ruff format --check, mypy on catalog/ and api/
#   make test-fast  - every test but the Spark suite and the tests that start other systems (Java metastore,
#                     MariaDB, Chromium, the benchmark), on all cores, the OpenAPI fuzz with fewer examples
#   make lock       - re-pin requirements.lock after changing dependencies in pyproject.toml
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: serve test test-fast lint lock install bench thrift grpc

# Installs the versions CI tested: requirements.lock pins every package (a constraints file, so a
# dependency added to pyproject.toml but not yet locked still installs).
$(BIN)/catalog: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test,dev]'
	touch $(BIN)/catalog

install: $(BIN)/catalog

serve: install
	$(BIN)/catalog serve

test: install
	$(BIN)/python -m pytest

test-fast: install
	CATALOG_TEST_FUZZ_EXAMPLES=8 $(BIN)/python -m pytest -m "not spark and not peers" -n auto --dist loadfile -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

lock: install
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile --quiet --python-version 3.11 --all-extras --no-header --no-annotate pyproject.toml -o requirements.lock

bench: install
	$(BIN)/python -m bench

thrift:
	bash thrift_idl/generate.sh

# Regenerate catalog/grpc_gen/ (Python protobuf + gRPC stubs) from proto/hive_metastore.proto.
grpc: install
	PYTHON=$(BIN)/python bash proto/generate.sh
