# Build, test and open the GoNB notebooks of this repository.
#
#   make html   set up what is missing, execute every notebook, write build/html/*.html
#   make test   set up, go vet, every Go test (including notebooks run through the kernel)
#   make lab    set up, open JupyterLab on notebooks/ with the Go kernel
#   make bench  our lab beside the same lab in TensorFlow/Keras (not part of CI; see bench/)
#
# Setup (kernel/setup.sh) installs JupyterLab and the GoNB kernel into .venv; it is
# quick when nothing changed.

SHELL := bash
.DEFAULT_GOAL := html

VENV := .venv
PYTHON := $(VENV)/bin/python
# Prefer the kernelspec in .venv to a user-wide one with the same name.
export JUPYTER_PREFER_ENV_PATH := 1

# Extra arguments for kernel/run.py (e.g. NOTEBOOKS=notebooks/C2_W1_Assignment.ipynb).
NOTEBOOKS ?=
# Folder JupyterLab opens, and extra arguments for it (e.g. LAB_ARGS="--no-browser --port 8889").
LAB_DIR ?= notebooks
LAB_ARGS ?=
# go test flags (e.g. GOTEST_FLAGS=-v or GOTEST_FLAGS=-short to skip notebook runs).
GOTEST_FLAGS ?=

.PHONY: setup html test lab bench install-user-kernel clean

setup:
	@bash kernel/setup.sh

html: setup
	$(PYTHON) kernel/run.py --out build $(NOTEBOOKS)

test: setup
	go vet ./...
	go test -timeout 60m $(GOTEST_FLAGS) ./...

# JupyterLab refuses to run as root without --allow-root (containers, CI machines).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: setup
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=$(LAB_DIR) $(ALLOW_ROOT) $(LAB_ARGS)

# Also install the kernelspec for the current user (~/.local/share/jupyter), so a
# JupyterLab outside .venv offers "Go (gonb)" for these notebooks.
install-user-kernel: setup
	$(VENV)/bin/jupyter kernelspec install --user --name gonb $(VENV)/share/jupyter/kernels/gonb

bench: setup
	bash bench/run.sh

clean:
	rm -rf build
