# Build, test and open the GoNB notebooks of this repository.
#
#   make html   set up what is missing, execute every notebook, write build/html/*.html
#   make test   set up, make lint, every Go test (including notebooks run through the kernel,
#               the lab notebook run in JupyterLab in headless Chromium, see e2e/, and the
#               Docker image built and run, see docker/)
#   make lint   gofmt, go mod tidy, go vet with shadow (and for macOS and Windows), staticcheck, ruff, the race detector
#   make lab    set up, open JupyterLab on notebooks/ with the Go kernel
#   make student  write the student edition (nbgrader) to build/student/<assignment>/
#   make grade SUBMISSIONS=DIR  grade DIR/<student>/<assignment>/*.ipynb with nbgrader into build/grades/,
#               each submission in a sandbox (bubblewrap), JOBS at once
#   make bench  our lab beside the same lab in TensorFlow/Keras (not part of CI; see bench/)
#
# Setup (kernel/setup.sh) installs JupyterLab and the GoNB kernel into .venv; it is
# quick when nothing changed.

SHELL := bash
.DEFAULT_GOAL := html

VENV := .venv
VENV_PYTHON := $(VENV)/bin/python
# Prefer the kernelspec in .venv to a user-wide one with the same name.
export JUPYTER_PREFER_ENV_PATH := 1

# Extra arguments for export/run.py (e.g. NOTEBOOKS=notebooks/C2_W1_Assignment.ipynb).
NOTEBOOKS ?=
# Where `make html` writes html/, notebooks/ and logs/.
HTML_OUT ?= build
# Folder JupyterLab opens, and extra arguments for it (e.g. LAB_ARGS="--no-browser --port 8889").
LAB_DIR ?= notebooks
LAB_ARGS ?=
# go test flags (e.g. GOTEST_FLAGS=-v or GOTEST_FLAGS=-short to skip notebook runs).
GOTEST_FLAGS ?=

.PHONY: setup lint e2e-deps hub-deps docker-deps sandbox-deps html test lab student grade bench install-user-kernel clean

setup:
	@bash kernel/setup.sh

html: setup
	$(VENV_PYTHON) export/run.py --out $(HTML_OUT) $(NOTEBOOKS)

# -short skips the notebook runs, the browser test among them: no need for its npm package and chromium then.
test: setup lint $(if $(findstring -short,$(GOTEST_FLAGS)),,e2e-deps hub-deps docker-deps)
	go test -timeout 60m $(GOTEST_FLAGS) ./...

# The checks CI runs before the tests (also alone: `make lint`). shadow and staticcheck are
# pinned in tools/go.mod, ruff in the lock (config ruff.toml). The race detector runs where our code shares
# anything between goroutines: nn's models (TestConcurrentUse), digitplot's display, internal/
# (checkptr off: GoMLX's pure-Go matmul trips it without a race; the rest of nn and figures
# would take minutes under -race for nothing shared).
RACE := go test -race -short -gcflags=all=-d=checkptr=0
# The packages a notebook imports, as learner-packages.txt lists them (the one list, which the grading
# sandbox and the image's build cache read too). Learners also run them with GoNB on their own
# laptops, so make lint vets them and what they import of this module (`go list -deps`, tests
# included) for macOS and Windows too. The test harnesses (kernel/, export/, test/,
# internal/nbtest, hub/, e2e/, grading/, docker/) run on Linux only.
LEARNER_PKGS := $(shell sed 's/\#.*//' learner-packages.txt)
# This module's packages among LEARNER_PKGS and their imports.
MODULE_DEPS := -deps -f '{{with .Module}}{{if .Main}}{{$$.ImportPath}}{{end}}{{end}}'

lint: setup
	@bad="$$(gofmt -l .)"; [ -z "$$bad" ] || { printf 'lint: gofmt -w these files:\n%s\n' "$$bad" >&2; exit 1; }
	go mod tidy -diff
	go -C tools mod tidy -diff
	go vet ./...
	go vet -vettool=$$(go -C tools tool -n shadow) ./...
	@for os in darwin windows; do \
		pkgs="$$(GOOS=$$os go list $(MODULE_DEPS) $(LEARNER_PKGS))" || exit 1; \
		echo GOOS=$$os go vet $$pkgs; GOOS=$$os go vet $$pkgs || exit 1; \
	done
	$$(go -C tools tool -n staticcheck) ./...
	$(VENV)/bin/ruff check --no-cache
	$(RACE) -run '^TestConcurrentUse$$' ./helpers/nn
	$(RACE) ./helpers/digitplot/... ./internal/...

# What the browser test in e2e/ needs: npm's playwright-core at the version e2e/package-lock.json
# pins (npm ci, redone when the lock changes; it never downloads a browser) and Debian's
# chromium, installed with apt-get when /usr/bin/chromium is missing.
E2E_STAMP := e2e/node_modules/.package-lock.json

e2e-deps: $(E2E_STAMP)
	@if [ -x /usr/bin/chromium ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=; \
	elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
	else echo "e2e-deps: ERROR: /usr/bin/chromium is missing and this user can neither install it (not root) nor use sudo. Install Debian's chromium package: apt-get install chromium" >&2; exit 1; fi; \
	echo "e2e-deps: installing Debian's chromium for the browser test (e2e/)"; \
	{ $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium || \
	  { $$sudo apt-get update && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; }; } && \
	[ -x /usr/bin/chromium ] || \
	{ echo "e2e-deps: ERROR: could not install chromium with apt-get (see above). The browser test needs /usr/bin/chromium." >&2; exit 1; }

$(E2E_STAMP): e2e/package.json e2e/package-lock.json
	@command -v npm >/dev/null 2>&1 || \
	{ echo "e2e-deps: ERROR: npm not found. Install Node.js >= 20 with npm (Debian: apt-get install nodejs npm, or https://nodejs.org)." >&2; exit 1; }
	cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
	@touch $@

# What the hub test in hub/ needs: npm's configurable-http-proxy (JupyterHub's proxy) at the
# version hub/package-lock.json pins (npm ci, redone when the lock changes).
HUB_STAMP := hub/node_modules/.package-lock.json

hub-deps: $(HUB_STAMP)

$(HUB_STAMP): hub/package.json hub/package-lock.json
	@command -v npm >/dev/null 2>&1 || \
	{ echo "hub-deps: ERROR: npm not found. Install Node.js >= 20 with npm (Debian: apt-get install nodejs npm, or https://nodejs.org)." >&2; exit 1; }
	cd hub && npm ci --no-audit --no-fund
	@touch $@

# What the image test in docker/ needs: Debian's docker.io (dockerd, and /usr/bin/docker, whose
# BuildKit builds the image; it brings tini and containerd) and debootstrap (the stand-in base
# images, made only when no image registry answers), installed with apt-get when missing. The
# test starts dockerd itself when none answers (data in /var/lib/docker, kept between runs).
docker-deps:
	@if [ -x /usr/bin/docker ] && [ -x /usr/sbin/dockerd ] && [ -x /usr/sbin/debootstrap ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=; \
	elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
	else echo "docker-deps: ERROR: Debian's docker.io or debootstrap is missing and this user can neither install them (not root) nor use sudo. Install them: apt-get install docker.io debootstrap" >&2; exit 1; fi; \
	echo "docker-deps: installing Debian's docker.io and debootstrap for the image test (docker/)"; \
	{ $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends docker.io debootstrap || \
	  { $$sudo apt-get update && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends docker.io debootstrap; }; } && \
	[ -x /usr/bin/docker ] && [ -x /usr/sbin/dockerd ] && [ -x /usr/sbin/debootstrap ] || \
	{ echo "docker-deps: ERROR: could not install docker.io and debootstrap with apt-get (see above). The image test needs /usr/bin/docker, /usr/sbin/dockerd and /usr/sbin/debootstrap." >&2; exit 1; }

# JupyterLab refuses to run as root without --allow-root (containers, CI machines).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: setup
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=$(LAB_DIR) $(ALLOW_ROOT) $(LAB_ARGS)

# Also install the kernelspec for the current user (~/.local/share/jupyter), so a
# JupyterLab outside .venv offers "Go (gonb)" for these notebooks.
install-user-kernel: setup
	$(VENV)/bin/jupyter kernelspec install --user --name gonb $(VENV)/share/jupyter/kernels/gonb

# The labs as nbgrader assignments (grading/): every notebooks/C2_W*_Assignment.ipynb is
# assignment C2_W*. `make student` writes the student edition with nbgrader's
# generate_assignment to build/student/<assignment>/<notebook>.ipynb.
student: setup
	$(VENV_PYTHON) grading/course.py student

# `make grade SUBMISSIONS=DIR` autogrades DIR/<student>/<assignment>/<notebook>.ipynb through the
# kernel, writes feedback pages, build/grades/grades.csv, and prints the scores (grading/course.py).
# Every submission runs in a sandbox of its own (bubblewrap, grading/sandbox.py) with these limits:
#   GRADE_TIMEOUT  seconds each cell may run (then it is interrupted; the notebook goes on)
#   GRADE_MEMORY   memory of a submission's processes together, MiB (root: cgroup; else per process)
#   GRADE_PROCS    processes and threads of a submission (root: cgroup pids; else RLIMIT_NPROC)
#   GRADE_DISK     size of the submission's writable home, MiB (a tmpfs; /tmp inside is a quarter of it)
#   GRADE_OUTPUT   output a cell may print, KiB (the rest is dropped, counted outside the sandbox)
# JOBS submissions are graded at once (default: the number of cores). SHARD=i/N grades the i-th of N
# shares of the class (i from 1); MERGE=dir1,dir2,... records the graded shards (their build/grades
# folders) into one gradebook, grades.csv and feedback. GRADE_SANDBOX=off grades without the
# sandbox (only where the grading already runs in a throwaway container): it says so loudly.
SUBMISSIONS ?=
GRADE_TIMEOUT ?= 120
GRADE_MEMORY ?= 2048
GRADE_PROCS ?= 512
GRADE_DISK ?= 1024
GRADE_OUTPUT ?= 1024
JOBS ?= $(shell nproc 2>/dev/null || echo 1)
SHARD ?=
MERGE ?=
GRADE_SANDBOX ?= on
grade: setup $(if $(filter off,$(GRADE_SANDBOX)),,sandbox-deps)
	@if [ -z "$(SUBMISSIONS)$(MERGE)" ]; then echo "make grade: say which folder to grade: make grade SUBMISSIONS=DIR (DIR/<student>/<assignment>/<notebook>.ipynb), or MERGE=dir1,dir2,... to merge graded shards" >&2; exit 2; fi
	NNLAB_GRADE_TIMEOUT=$(GRADE_TIMEOUT) NNLAB_GRADE_MEMORY=$(GRADE_MEMORY) NNLAB_GRADE_PROCS=$(GRADE_PROCS) \
	NNLAB_GRADE_DISK=$(GRADE_DISK) NNLAB_GRADE_OUTPUT=$(GRADE_OUTPUT) NNLAB_GRADE_SANDBOX=$(GRADE_SANDBOX) \
	$(VENV_PYTHON) grading/course.py grade --jobs=$(JOBS) $(if $(SHARD),--shard=$(SHARD)) \
		$(if $(MERGE),--merge=$(MERGE)) $(SUBMISSIONS)

# What the sandbox of `make grade` needs: Debian's bubblewrap (/usr/bin/bwrap), installed with
# apt-get when missing, as e2e-deps installs chromium.
sandbox-deps:
	@if command -v bwrap >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=; \
	elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
	else echo "sandbox-deps: ERROR: bwrap (bubblewrap) is missing and this user can neither install it (not root) nor use sudo. Install Debian's bubblewrap package (apt-get install bubblewrap), or grade in a throwaway container with GRADE_SANDBOX=off." >&2; exit 1; fi; \
	echo "sandbox-deps: installing Debian's bubblewrap for the grading sandbox"; \
	{ $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends bubblewrap || \
	  { $$sudo apt-get update && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends bubblewrap; }; } && \
	command -v bwrap >/dev/null 2>&1 || \
	{ echo "sandbox-deps: ERROR: could not install bubblewrap with apt-get (see above). make grade needs bwrap, or GRADE_SANDBOX=off in a throwaway container." >&2; exit 1; }

bench: setup
	bash bench/run.sh

clean:
	rm -rf build
