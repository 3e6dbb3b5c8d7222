# One command to reproduce (make study), one to check (make test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STUDY := $(VENV)/bin/study
STAMP := $(VENV)/.installed
JOBS ?= 2

.PHONY: study test build lab lint lock clean help docs teaching notebooks

help:
	@echo "make study  - build data/processed from data/raw and execute the notebooks into reports/"
	@echo "make test   - run the whole test suite (unit tests and nbval on the notebooks)"
	@echo "make lab    - open JupyterLab on the notebooks"
	@echo "make docs   - regenerate docs/data_dictionary.md from the schemas"
	@echo "make notebooks - rebuild every .ipynb from its text twin (notebooks/*.py) and execute it"
	@echo "make lint   - ruff"
	@echo "make lock   - re-pin requirements.lock from a fresh resolve of pyproject.toml"

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

build: $(STAMP)
	$(STUDY) build

study: build
	$(STUDY) batch province_profile --province all -j $(JOBS) --lang en --no-site
	$(STUDY) batch province_profile --province all -j $(JOBS) --lang vi --no-site
	$(STUDY) run compare_provinces --lang en
	$(STUDY) run compare_provinces --lang vi
	$(STUDY) run compare_provinces --lang en -p regime 34 -p series review -p year 2024 --name compare_provinces_34_review_2024
	$(STUDY) run compare_provinces --lang vi -p regime 34 -p series review -p year 2024 --name compare_provinces_34_review_2024
	$(STUDY) run policy_measures --lang en
	$(STUDY) run policy_measures --lang vi
	$(STUDY) run targets_tracking --lang en
	$(STUDY) run targets_tracking --lang vi
	$(STUDY) report --jobs $(JOBS)

test: build
	$(PY) -m pytest

lab: build
	$(VENV)/bin/jupyter lab notebooks/

docs: $(STAMP)
	$(PY) -m study.schema.datadict

teaching: build
	$(PY) -m study.execute.twins 01_poverty_standard 02_reading_the_data 03_comparing_provinces_exercise \
		03_comparing_provinces_solutions 01_poverty_standard_vi 02_reading_the_data_vi \
		03_comparing_provinces_exercise_vi 03_comparing_provinces_solutions_vi

notebooks: build
	$(PY) -m study.execute.twins

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks notebooks
	$(VENV)/bin/ruff format --check src tests benchmarks notebooks

lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e ".[dev]"
	(echo "# Exact versions of every package in .venv, for Python 3.11 (pip freeze --exclude-editable)."; \
	 echo "# Regenerate with: make lock"; .lock-venv/bin/pip freeze --exclude-editable) > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf reports data/processed/*.parquet data/processed/*.csv data/processed/*.json
