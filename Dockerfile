# nnlab in a container: JupyterLab with the Go kernel (GoNB) on this repository's notebooks.
#
#   docker build -t nnlab .
#   docker run --rm -p 8888:8888 nnlab
#
# Then open the http://127.0.0.1:8888/lab?token=... address the container prints (see
# "Running in Docker" in README.md). The build runs the same `make` targets as CI: `make
# setup` installs JupyterLab and the kernel, and `make html` executes every notebook
# once, so the Go module and build caches are warm and the container needs no network.
# kernel/dockerfile_test.go checks this file against go.mod and runs its CMD.

# Go, from the official image; only its /usr/local/go is copied. The version must be
# go.mod's `go` line.
FROM golang:1.26.8-bookworm AS go

# Python >= 3.11.2 with venv, as kernel/setup.sh requires.
FROM python:3.11-slim-bookworm

# make runs every step; ca-certificates lets setup reach PyPI and the Go module proxy.
# Debian's versions are not pinned (they leave the archive when updated); the Python
# and Go versions that matter are pinned in kernel/requirements.txt and go.mod.
# hadolint ignore=DL3008
RUN apt-get update \
	&& apt-get install -y --no-install-recommends ca-certificates make \
	&& rm -rf /var/lib/apt/lists/*

COPY --from=go /usr/local/go /usr/local/go

# A non-root user, learner (uid 1000): JupyterLab and the notebooks' programs never run
# as root. It owns the repository folder, where setup writes .venv and make html build/.
RUN useradd --create-home --uid 1000 --user-group --shell /bin/bash learner \
	&& install -d -o learner -g learner /home/learner/nnlab
USER 1000:1000
WORKDIR /home/learner/nnlab

# Go's module and build caches live in the user's home (Go's defaults, spelled out),
# filled while building the image. GOTOOLCHAIN=local: never download another Go.
ENV PATH=/usr/local/go/bin:$PATH \
	GOPATH=/home/learner/go \
	GOCACHE=/home/learner/.cache/go-build \
	GOTOOLCHAIN=local

COPY --chown=1000:1000 . .

# Installs .venv (JupyterLab, GoNB, gopls, goimports, the kernelspec); needs the network.
RUN make setup
# Executes every notebook once into build/ (build/html/*.html), compiling what the
# cells import. Models it trains are saved in a folder deleted afterwards, so the
# learner's first run trains its own.
RUN NNLAB_STATE_DIR=/tmp/nnlab-build-models make html \
	&& rm -rf /tmp/nnlab-build-models

EXPOSE 8888
# JupyterLab on notebooks/, reachable from outside the container.
CMD ["make", "lab", "LAB_ARGS=--ip=0.0.0.0 --port=8888 --no-browser"]
