// Package docker holds the container image's entry point, start.sh, and the checks of
// the repository's Dockerfile (no Docker engine is needed).
//
// The package has no code of its own, only tests. TestDockerfile reads the Dockerfile and
// checks it against the repository: Go from the official image at go.mod's version,
// every make target it runs one that CI runs too, the repository, .venv and Go's caches
// under /opt/nnlab (outside the user's home, which a hub mounts over), the user uid
// 1000, jupyterhub-singleuser pinned by kernel/requirements.txt, start.sh as the
// ENTRYPOINT and JupyterLab on the exposed port as the CMD. TestDockerfileRun runs that
// ENTRYPOINT and CMD here, as the image would, with an empty home; TestStartKeepsWork
// checks that start.sh copies the notebooks into a home without ever overwriting one.
package docker
