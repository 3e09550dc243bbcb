# evidence_lab: `make demo` sets everything up and analyses the sample call; `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
OUT ?= out/sample_call
# the sample call for evidence ships inside the package (evidence_lab.sample_call())
SAMPLE_CALL := src/evidence_lab/data/sample_call
SAMPLE_CODEBOOK := src/evidence_lab/data/ravensmoor_codebook.yaml
# the ONNX export of the bundled model (made once, on first use) stays inside the checkout
export EVIDENCE_LAB_CACHE ?= $(CURDIR)/.cache/evidence_lab

# the notebooks' server listens on this machine only (root, as in CI containers, must say so)
LAB_FLAGS := --ServerApp.ip=127.0.0.1 --LabApp.extension_manager=readonly $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: install demo test lab notebook-outputs models bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# the CPU build of torch first: a plain "torch" would pull several GB of CUDA
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e ".[dev,notebooks]"
	# the venv as the notebooks' kernel, registered inside the venv (not in the home folder)
	$(BIN)/python -m ipykernel install --sys-prefix --name evidence-lab --display-name "Python (evidence_lab)"
	# export the embedding model to ONNX now, so no run has to (it takes ~20 s, once)
	HF_HUB_OFFLINE=1 $(BIN)/python -m evidence_lab.embed
	touch $(STAMP)

install: $(STAMP)

demo: install
	HF_HUB_OFFLINE=1 $(BIN)/evidence-lab analyse $(SAMPLE_CALL) --codebook $(SAMPLE_CODEBOOK) --out $(OUT) \
		--title "the Ravensmoor Police and Crime Panel's call for evidence"
	@echo "Open $(OUT)/report.html in a browser; the draft is in $(OUT)/findings.docx"

lab: install
	HF_HUB_OFFLINE=1 $(BIN)/jupyter lab notebooks/ $(LAB_FLAGS)

# re-run the notebooks and save their outputs (commit them: the notebooks read well unrun)
notebook-outputs: install
	HF_HUB_OFFLINE=1 $(BIN)/python scripts/save_notebook_outputs.py

test: install
	bash scripts/install_test_deps.sh
	$(BIN)/ruff check src
	$(BIN)/mypy
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -q -p no:cacheprovider

models: install
	$(BIN)/python -m evidence_lab.training
	rm -f src/evidence_lab/data/models/*.npz src/evidence_lab/data/models/*.json
	$(BIN)/python -m evidence_lab.models - $(SAMPLE_CODEBOOK)

bench: install
	$(BIN)/python bench/run_bench.py

clean:
	rm -rf $(VENV) out build src/*.egg-info
