# nnlab in a container: JupyterLab with the Go kernel (GoNB) on this repository's notebooks,
# alone or as the single-user image of a JupyterHub.
#
#   docker build -t nnlab .
#   docker run --rm -p 8888:8888 nnlab
#
# Then open the http://127.0.0.1:8888/lab?token=... address the container prints (see
# "Running in Docker" in README.md; "A class on JupyterHub" for a hub). Everything is
# installed under /opt/nnlab, outside the user's home, because a hub mounts each
# user's volume over $HOME: the repository, .venv (JupyterLab, jupyterhub-singleuser at
# the version of kernel/requirements.txt, GoNB, gopls), Go's module cache and a build
# cache that `make html` fills while building (shared by every kernel). The container
# needs no network. At each start, docker/start.sh copies the notebooks that are not yet
# there into $HOME/nnlab. docker/dockerfile_test.go checks this file and runs its
# ENTRYPOINT and CMD.

# Go, from the official image; only its /usr/local/go is copied. The version must be
# go.mod's `go` line.
FROM golang:1.26.8-bookworm AS go

# Python >= 3.11.2 with venv, as kernel/setup.sh requires.
FROM python:3.11-slim-bookworm

# make runs every step; ca-certificates lets setup reach PyPI and the Go module proxy.
# (setpriv, which ties each kernel to its server, is in util-linux, part of every Debian.)
# Debian's versions are not pinned (they leave the archive when updated); the Python
# and Go versions that matter are pinned in kernel/requirements.txt, go.mod and tools/go.mod.
# hadolint ignore=DL3008
RUN apt-get update \
	&& apt-get install -y --no-install-recommends ca-certificates make \
	&& rm -rf /var/lib/apt/lists/*

COPY --from=go /usr/local/go /usr/local/go

# A non-root user, learner (uid 1000, as Jupyter's images use): JupyterLab and the
# notebooks' programs never run as root. It owns /opt/nnlab, where setup writes .venv
# and the Go caches; its home holds only the user's own files.
RUN useradd --create-home --uid 1000 --user-group --shell /bin/bash learner \
	&& install -d -o learner -g learner /opt/nnlab
USER 1000:1000
WORKDIR /opt/nnlab

# .venv/bin first: `jupyter`, and the `jupyterhub-singleuser` a hub starts. Go's caches
# under /opt/nnlab/go; NNLAB_SHARED_GOCACHE is recorded by setup in the kernelspec so
# every kernel uses the build cache filled below. GOTOOLCHAIN=local: never download
# another Go.
ENV PATH=/opt/nnlab/.venv/bin:/usr/local/go/bin:$PATH \
	GOPATH=/opt/nnlab/go \
	GOMODCACHE=/opt/nnlab/go/mod \
	NNLAB_SHARED_GOCACHE=/opt/nnlab/go/build \
	GOTOOLCHAIN=local

COPY --chown=1000:1000 . .

# Installs .venv (JupyterLab, jupyterhub-singleuser, GoNB, gopls, goimports, the
# kernelspec); needs the network.
RUN GOCACHE=/opt/nnlab/go/build PIP_NO_CACHE_DIR=1 make setup
# Executes every notebook once into build/ (build/html/*.html), compiling what the
# cells import into the shared build cache. Models it trains are saved in a folder
# deleted afterwards, so the learner's first run trains its own.
RUN NNLAB_STATE_DIR=/tmp/nnlab-build-models make html \
	&& rm -rf /tmp/nnlab-build-models

WORKDIR /home/learner
EXPOSE 8888
# Copies the notebooks into $HOME/nnlab (never over a file that is there), then runs
# the command: JupyterLab on the home folder, reachable from outside the container, or
# what a hub asks for (`jupyterhub-singleuser`).
ENTRYPOINT ["/opt/nnlab/docker/start.sh"]
CMD ["jupyter", "lab", "--ip=0.0.0.0", "--port=8888", "--no-browser"]
