# `make demo` serves the seeded demo portfolio; `make test` runs every test. Both bootstrap .venv.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# loadfile: a module's tests stay on one worker, so a module-wide build (the demo) is made once.
PYTEST_ARGS ?= -n auto --dist loadfile

.PHONY: demo test lint system-deps venv serve lock clean bench

$(BIN)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c requirements.lock -e ".[dev]"
	touch $@

venv: $(BIN)/.installed

system-deps:
	@bash scripts/system-deps.sh

demo: system-deps venv
	$(BIN)/sevenc demo

serve: venv
	$(BIN)/sevenc serve

test: system-deps venv
	$(BIN)/pytest $(PYTEST_ARGS)

# Every benchmark (SQLite and PostgreSQL, a generated 1,000-client dataset first); figures → docs/benchmarks.md.
bench: venv
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

lint: venv
	$(BIN)/ruff check sevenc tests benchmarks scripts conftest.py
	$(BIN)/ruff format --check sevenc tests benchmarks scripts conftest.py
	$(BIN)/mypy sevenc tests benchmarks scripts conftest.py
	$(BIN)/python manage.py makemigrations --check --dry-run

# Re-pin every dependency after changing pyproject.toml.
lock: venv
	$(BIN)/pip freeze --exclude-editable | grep -v '^sevenc' > requirements.lock

clean:
	rm -rf $(VENV) data artifacts
