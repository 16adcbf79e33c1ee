# Repairline developer commands. `make help` lists them.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTEST_ARGS ?=
APP_PY := .venv/bin/python
RASA := .venv-rasa/bin/rasa
# Rasa runs from the repo root with the repo on PYTHONPATH (custom components import bot/).
RASA_ENV := PYTHONPATH="$(CURDIR)$${PYTHONPATH:+:$$PYTHONPATH}" RASA_TELEMETRY_ENABLED=false \
	TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1

.PHONY: help run test setup train validate nlu-report bench clean

help: ## List the targets
	@echo "Repairline targets:"
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-11s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

run: ## Run the whole service with demo data on SQLite (PORT=8000 by default)
	bash scripts/run.sh

test: train ## Setup + train, then run pytest (extra args: PYTEST_ARGS="...")
	$(APP_PY) -m pytest $(PYTEST_ARGS)

setup: ## Create/refresh .venv and .venv-rasa (no-op when requirements are unchanged)
	bash scripts/setup.sh

train: setup ## Train the Rasa model if its inputs changed (models/current names it)
	bash scripts/train.sh

validate: setup ## rasa data validate
	$(RASA_ENV) $(RASA) data validate --data data --config config.yml --domain domain.yml

nlu-report: setup ## Held-out NLU test of the trained model -> reports/nlu, prints intent F1
	model="$$(bash scripts/train.sh)"; \
	$(RASA_ENV) $(RASA) test nlu --nlu tests/nlu/heldout.yml --model "$$model" --out reports/nlu
	@$(APP_PY) -c 'import json; r = json.load(open("reports/nlu/intent_report.json")); \
	m, w = r["macro avg"], r["weighted avg"]; \
	print("intent macro F1: %.4f (precision %.4f, recall %.4f; weighted F1 %.4f; %d examples)" \
	      % (m["f1-score"], m["precision"], m["recall"], w["f1-score"], m["support"]))'

bench: setup ## Benchmark the gateway against Rasa
	$(APP_PY) bench/gateway_vs_rasa.py

clean: ## Remove models/, var/ (demo DB, logs, secrets) and caches; keeps the venvs and the model cache
	rm -rf models var .rasa .pytest_cache results tests/artifacts
	find . -path ./.venv -prune -o -path ./.venv-rasa -prune -o -path ./.git -prune -o \
		-type d -name __pycache__ -print0 | xargs -0 rm -rf
