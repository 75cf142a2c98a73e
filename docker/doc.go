// Package docker holds the container image's entry point, start.sh, the script that
// makes stand-ins for the Dockerfile's base images when no image registry answers
// (standin-bases.sh), and the tests of both and of the image itself.
//
// The package has no code of its own, only tests. TestImage (not with -short; as root)
// builds the repository's Dockerfile from a clean copy of the tree with the Docker engine
// that answers, or with Debian's dockerd, which it starts (data in /var/lib/docker, kept so
// the next build reuses the cache) and stops, and runs the image: JupyterLab with a token on
// a published port, Go the default kernel, the notebooks copied into a mounted home and
// never overwritten, every notebook run through the container's kernel with the network off
// as uid 1000, no zombie processes (tini is PID 1), jupyterhub-singleuser started with a
// hub's environment against a stub of the hub's API, a home that cannot be written refused
// with the fix, and each container stopping cleanly on docker stop. `make docker-deps`
// installs what it needs. TestStartKeepsWork checks start.sh alone, without Docker.
package docker
