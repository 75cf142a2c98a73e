# nnlab in a container: JupyterLab with the Go kernel (GoNB) on this repository's notebooks,
# alone or as the single-user image of a JupyterHub.
#
#   docker build -t nnlab .
#   docker run --rm -p 8888:8888 nnlab
#
# Then open the http://127.0.0.1:8888/lab?token=... address the container prints (see
# "The Docker image" in docs/operators.md; "A class on JupyterHub" there for a hub). Everything is
# installed under /opt/nnlab, outside the user's home, because a hub mounts each
# user's volume over $HOME: the repository, .venv (JupyterLab, jupyterhub-singleuser at
# the version of kernel/requirements.txt, GoNB, gopls), Go's module cache and a build
# cache that docker/warm.py fills while building (shared by every kernel). The container
# needs no network. At each start, docker/start.sh copies the notebooks that are not yet
# there into $HOME/nnlab. docker/image_test.go (part of `make test`) builds this image
# and runs it.

# Go, from the official image; only its /usr/local/go is copied. The version must be
# go.mod's `go` line.
FROM golang:1.26.8-bookworm AS go

# Python >= 3.11.2 with venv, as kernel/setup.sh requires.
FROM python:3.11-slim-bookworm

# make runs every step; ca-certificates lets setup reach PyPI and the Go module proxy;
# tini is the container's init (PID 1): it reaps the processes a stopped kernel leaves
# (gopls), which JupyterLab, or the jupyterhub-singleuser a hub starts, would leave as
# zombies, and passes signals on. It is in the image because a hub (DockerSpawner,
# Kubernetes) does not add `docker run --init`.
# (setpriv, which ties each kernel to its server, is in util-linux, part of every Debian.)
# Debian's versions are not pinned (they leave the archive when updated); the Python
# and Go versions that matter are pinned in kernel/requirements.txt, go.mod and tools/go.mod.
# hadolint ignore=DL3008
RUN apt-get update \
	&& apt-get install -y --no-install-recommends ca-certificates make tini \
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

# What setup reads first, the rest of the repository after it: a change to a notebook or a
# package then rebuilds from the warm-up on, with the setup step's layer from the cache.
COPY --chown=1000:1000 go.mod go.sum ./
COPY --chown=1000:1000 tools/ tools/
COPY --chown=1000:1000 kernel/setup.sh kernel/requirements.txt kernel/gonb-kernel \
	kernel/jupyter_server_config.json kernel/jupyter_server_config.py kernel/

# `make setup` (run as kernel/setup.sh: the Makefile comes later, with the rest) installs
# .venv (JupyterLab, jupyterhub-singleuser, GoNB, gopls, goimports, the
# kernelspec); needs the network. What a learner never uses is deleted in the same
# step, so no layer keeps it: the compiler's output from building the tools (a build
# cache of its own, about 340 MB), the module zips `go mod download` keeps next to the
# extracted modules (about 200 MB; builds read the extracted ones), ruff (the
# project's Python lint) and pip's cache.
RUN GOCACHE=/tmp/tools-gocache PIP_NO_CACHE_DIR=1 bash kernel/setup.sh \
	&& rm -rf /tmp/tools-gocache .venv/bin/ruff \
	&& find go/mod/cache/download -name '*.zip' -delete
COPY --chown=1000:1000 . .

# Compiles every package a notebook can import into the shared build cache, through the
# kernel, as a cell compiles them (docker/warm.py), so a learner's first cell only links.
# No notebook runs here: the image test runs every one in the built image, offline. What
# the warm-up left in the home (tools' caches, Jupyter's and IPython's settings) goes: the
# home holds only the learner's files.
# (The shared cache must exist: a kernel uses it only when it is a folder it may write to.)
RUN mkdir -p "$NNLAB_SHARED_GOCACHE" \
	&& .venv/bin/python docker/warm.py \
	&& rm -rf /home/learner/.cache /home/learner/.config /home/learner/.ipython \
	/home/learner/.jupyter /home/learner/.local

WORKDIR /home/learner
EXPOSE 8888
# tini, then start.sh: copies the notebooks into $HOME/nnlab (never over a file that is
# there), then runs the command: JupyterLab on the home folder, reachable from outside
# the container, or what a hub asks for (`jupyterhub-singleuser`).
ENTRYPOINT ["/usr/bin/tini", "--", "/opt/nnlab/docker/start.sh"]
CMD ["jupyter", "lab", "--ip=0.0.0.0", "--port=8888", "--no-browser"]
