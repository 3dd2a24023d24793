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
# Templates to fill in go here, outside OUTPUT_DIR: no build and no `make clean` ever touches
# a filled copy saved next to them.
TEMPLATE_DIR ?= realisasi-isian
FORCE       ?=

# Paths and file names reach the recipes through the environment and are used as "$$NAME":
# spaces, parentheses ("template-realisasi-2025 (1).xlsx") and other shell characters are safe.
# YEARS accepts "2024 2026" as well as "2024,2026".
_empty :=
_space := $(_empty) $(_empty)
_comma := ,
export MK_DATA_DIR   := $(DATA_DIR)
export MK_OUTPUT_DIR := $(OUTPUT_DIR)
export MK_TEMPLATE_DIR := $(TEMPLATE_DIR)
export MK_FILE       := $(FILE)
export MK_TAHUN      := $(TAHUN)
export MK_YEARS      := $(subst $(_space),$(_comma),$(strip $(YEARS)))
export MK_JOBS       := $(strip $(JOBS))

.PHONY: report test env validate realisasi template clean bench narasi

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
	$(PY) -m helpers.core.validate "$$MK_DATA_DIR"

# One process checks the directories before anything is written (no stamp inside data, `/`, a
# stray folder or one holding someone's files), validates the data (only when a data file or the
# loader changed: content hash kept in OUTPUT_DIR/.build/data-valid.stamp) and builds, so a no-op
# report starts Python once.
report: $(STAMP)
	$(PY) -m helpers.run.build --validate-first --years "$$MK_YEARS" --jobs "$$MK_JOBS" --data-dir "$$MK_DATA_DIR" --output-dir "$$MK_OUTPUT_DIR" $(if $(FORCE),--force,)

test: $(STAMP)
	$(PY) -m pytest

# make template TAHUN=2025            -> realisasi-isian/template-realisasi-2025.{csv,xlsx}
template: $(STAMP)
	$(PY) -m helpers.core.realisasi template --tahun "$$MK_TAHUN" --data-dir "$$MK_DATA_DIR" --output-dir "$$MK_TEMPLATE_DIR"

# make narasi TAHUN=2025  -> data/narasi/2025/<id>.md: the drafts of the last build as starting points
# for the planners' revisions (an existing revision is never overwritten)
narasi: $(STAMP)
	$(PY) -m helpers.core.narasi salin --tahun "$$MK_TAHUN" --data-dir "$$MK_DATA_DIR" --output-dir "$$MK_OUTPUT_DIR"

# make realisasi FILE=filled.xlsx TAHUN=2025 [GABUNG=1 | OVERWRITE=1]  -> data/realisasi/2025.csv
#   (a stored year: GABUNG=1 merges the file's non-empty cells into it, OVERWRITE=1 replaces it)
realisasi: $(STAMP)
	$(PY) -m helpers.core.realisasi import --tahun "$$MK_TAHUN" --file "$$MK_FILE" --data-dir "$$MK_DATA_DIR" $(if $(OVERWRITE),--overwrite,) $(if $(GABUNG),--gabung,)

bench: $(STAMP)
	$(PY) benchmarks/bench_build.py

# Removes only the files the build recorded as its products (helpers/run/outputs.py) and lists the
# others it kept; refuses an empty path, /, $$HOME, the repository, the data directory or anything
# inside it, and a folder without .build/.
clean:
	$(PY) -m helpers.run.outputs clean "$$MK_OUTPUT_DIR" "$$MK_DATA_DIR"
