# ci-agent — run `make help` for the targets a newcomer needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Every test owns its tables and servers (free ports), so the suite runs in one worker per core; capped because
# each worker holds its own moto server (about 0.7 GB at peak).
PYTEST_WORKERS := -n auto --maxprocesses=4 --dist worksteal

.DEFAULT_GOAL := help

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | sed -E 's/^[^:]*:([a-zA-Z_-]+):/\1:/' \
	  | awk 'BEGIN {FS = ":.*?## "} {printf "  %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(STAMP) ## create .venv with every dependency and the ci-agent command

demo: $(STAMP) ## the whole product locally: diagnoses, five weeks of replayed webhooks, the fix flow, the weekly report
	$(BIN)/python -m ci_agent.demo

lint: $(STAMP) ## ruff (lint and format check) and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP) ## apply ruff's formatting and safe fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

unit: $(STAMP) ## the fast unit tests only
	$(BIN)/pytest tests/unit -q $(PYTEST_WORKERS)

test: $(STAMP) lint validate ## the whole gate: lint, types, SAM template checks, every test suite with coverage
	$(BIN)/pytest -q $(PYTEST_WORKERS) --cov --cov-report=term

check: lint ## same as lint (kept for the CI script)

bench: $(STAMP) ## print analyzer accuracy, throughput and memory, the weekly report's and pathological input's figures
	$(BIN)/python bench/analyzer_bench.py
	$(BIN)/python bench/cold_start.py
	$(BIN)/python bench/report_bench.py
	$(BIN)/python bench/pathological.py

LAMBDA_PYTHON ?= python3.13
LAMBDA_VENV := .venv-lambda-python

$(LAMBDA_VENV)/.installed: pyproject.toml
	$(LAMBDA_PYTHON) -m venv $(LAMBDA_VENV)
	@printf '*\n' > $(LAMBDA_VENV)/.gitignore
	$(LAMBDA_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LAMBDA_VENV)/bin/python -m pip install --quiet -e '.[dev]'
	@touch $@

test-lambda-python: $(LAMBDA_VENV)/.installed ## every test suite on the Lambda runtime's Python (3.13; LAMBDA_PYTHON=...)
	$(LAMBDA_VENV)/bin/python -m pytest -q $(PYTEST_WORKERS)

replay: $(STAMP) ## load and fault replay: 2,000 deliveries to the local stack, then the tables checked (DELIVERIES=n)
	$(BIN)/python bench/replay.py --deliveries $(or $(DELIVERIES),2000)

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) $(LAMBDA_VENV) .pytest_cache .mypy_cache .ruff_cache .coverage .aws-sam

include infra/sam.mk

.PHONY: help install demo lint format unit test test-lambda-python check bench replay clean

# The template tests check ReportFunction's schedule after the SAM transform, which runs in .venv-sam.
unit: $(SAM_STAMP)
