# SAM targets: `include infra/sam.mk` from the top-level Makefile, or run alone: make -f infra/sam.mk TARGET.
# Paths are relative to the repository root. Nothing here needs Docker or an AWS account.
SAM_VENV ?= .venv-sam
SAM_BIN := $(SAM_VENV)/bin
SAM_STAMP := $(SAM_VENV)/.installed
SAM_HOST_PYTHON ?= python3

$(SAM_STAMP): infra/sam-requirements.txt
	$(SAM_HOST_PYTHON) -m venv $(SAM_VENV)
	@# keeps the virtualenv out of git status and out of ruff's walk of the tree
	@printf '*\n' > $(SAM_VENV)/.gitignore
	$(SAM_BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(SAM_BIN)/python -m pip install --quiet --disable-pip-version-check -r infra/sam-requirements.txt
	@touch $@

CHECKOV_VENV ?= .venv-checkov
CHECKOV_STAMP := $(CHECKOV_VENV)/.installed

$(CHECKOV_STAMP): infra/checkov-requirements.txt
	$(SAM_HOST_PYTHON) -m venv $(CHECKOV_VENV)
	@printf '*\n' > $(CHECKOV_VENV)/.gitignore
	$(CHECKOV_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(CHECKOV_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r infra/checkov-requirements.txt
	@touch $@

checkov-venv: $(CHECKOV_STAMP) ## create .venv-checkov with checkov (security checks of the template)

sam-venv: $(SAM_STAMP) ## create .venv-sam with aws-sam-cli, aws-sam-translator and cfn-lint

validate: $(SAM_STAMP) $(CHECKOV_STAMP) ## sam validate --lint; cfn-lint before and after the SAM transform; checkov
	SAM_BIN=$(SAM_BIN) CHECKOV_BIN=$(CHECKOV_VENV)/bin bash infra/validate.sh

validate-selftest: $(SAM_STAMP) $(CHECKOV_STAMP) ## prove that validate catches a misspelled IAM action and a bad schedule
	SAM_BIN=$(SAM_BIN) CHECKOV_BIN=$(CHECKOV_VENV)/bin bash infra/validate.sh --self-test

build: $(SAM_STAMP) ## sam build (makefile builds: no Docker, any host Python) and print the layer sizes
	SAM_BIN=$(SAM_BIN) bash infra/sam_build.sh

deps-lock: $(SAM_STAMP) ## re-pin layers/deps/requirements.txt for Lambda python3.13 on arm64
	$(SAM_BIN)/python infra/lock_deps.py

sam-events: ## regenerate the signed sample events in events/ from the payloads in tests/events/
	$(SAM_HOST_PYTHON) events/make_events.py

sam-clean: ## remove the SAM build output and .venv-sam
	rm -rf .aws-sam $(SAM_VENV) $(CHECKOV_VENV)

.PHONY: checkov-venv sam-venv validate validate-selftest build deps-lock sam-events sam-clean
