# Two commands do everything on a fresh machine (Python 3.11, pip, make):
#   make report   build every appendix (notebooks x years -> outputs/), installing what it needs
#   make test     run the whole test suite
PYTHON_BOOT ?= python3
VENV        ?= .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.installed
YEARS       ?= 2025-2029
JOBS        ?= $(shell nproc 2>/dev/null || echo 2)
DATA_DIR    ?= data
OUTPUT_DIR  ?= outputs
FORCE       ?=

.PHONY: report test env validate realisasi template clean bench

env: $(STAMP)

# The venv is (re)installed when the pinned requirements change.
$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@# Make this checkout importable from the venv (kernels run notebooks from notebooks/).
	$(PY) -c "import os, site; open(os.path.join(site.getsitepackages()[0], 'renstra-repo.pth'), 'w').write(os.getcwd() + '\n')"
	$(PY) -c "from helpers.run.kernel import ensure_kernel; print('kernel:', ensure_kernel())"
	@touch $(STAMP)

validate: $(STAMP)
	$(PY) -m helpers.core.validate $(DATA_DIR)

# Data are validated only when a data file (or the loader) changed, so a no-op report stays fast.
DATA_FILES  := $(shell find $(DATA_DIR) -type f -not -name '.*' 2>/dev/null)
VALID_STAMP := $(OUTPUT_DIR)/.build/data-valid.stamp

$(VALID_STAMP): $(DATA_FILES) helpers/core/data.py helpers/core/opd.py helpers/core/validate.py $(STAMP)
	$(PY) -m helpers.core.validate $(DATA_DIR)
	@mkdir -p $(dir $@) && touch $@

report: $(VALID_STAMP)
	$(PY) -m helpers.run.build --years $(YEARS) --jobs $(JOBS) --data-dir $(DATA_DIR) --output-dir $(OUTPUT_DIR) $(if $(FORCE),--force,)

test: $(STAMP)
	$(PY) -m pytest

# make template TAHUN=2025            -> outputs/realisasi/template-realisasi-2025.{csv,xlsx}
template: $(STAMP)
	$(PY) -m helpers.core.realisasi template --tahun $(TAHUN) --data-dir $(DATA_DIR) --output-dir $(OUTPUT_DIR)/realisasi

# make realisasi FILE=filled.xlsx TAHUN=2025 [OVERWRITE=1]  -> data/realisasi/2025.csv
realisasi: $(STAMP)
	$(PY) -m helpers.core.realisasi import --tahun $(TAHUN) --file $(FILE) --data-dir $(DATA_DIR) $(if $(OVERWRITE),--overwrite,)

bench: $(STAMP)
	$(PY) benchmarks/bench_build.py

clean:
	rm -rf $(OUTPUT_DIR)/*/ $(OUTPUT_DIR)/index.html $(OUTPUT_DIR)/.build
