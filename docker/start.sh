#!/usr/bin/env bash
# docker/start.sh is the image's entry point: it gives the user a copy of the lab's
# notebooks, then runs the command it is given (the image's CMD, JupyterLab, or the
# `jupyterhub-singleuser` a hub asks for) in the user's home.
#
# A hub mounts each user's own volume over $HOME, hiding what the image had there, so
# the notebooks are copied at each start, from notebooks/ next to this script's folder
# (/opt/nnlab/notebooks in the image) into $HOME/nnlab/ (NNLAB_NOTEBOOKS_TO), each file
# or folder only if absent: a student's own work is never overwritten, and notebooks
# the image gains later appear at the next start.
#
# A home the user cannot write to (a folder mounted with -v that root created, owned by
# another uid) ends the start with a message saying how to fix it: JupyterLab could save
# nothing there and would stop with a Python traceback.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf 'start.sh: %s\n' "$*" >&2; }

if [ -z "${HOME:-}" ] || [ ! -d "$HOME" ] || [ ! -w "$HOME" ]; then
	owner="$(stat -c '%u:%g' "${HOME:-/nonexistent}" 2>/dev/null || echo none)"
	say "ERROR: the home folder ${HOME:-(HOME is unset)} is not a folder this user (uid $(id -u)) can write to (owner: $owner).
  JupyterLab keeps its settings and your notebooks there, so it cannot start.
  If you mounted a folder of your computer there (docker run -v FOLDER:${HOME:-/home/learner}),
  give it to uid $(id -u) first, e.g.:   sudo chown -R $(id -u):$(id -g) FOLDER
  (or mount a Docker volume instead: -v nnlab-home:${HOME:-/home/learner}, which Docker creates for it)."
	exit 1
fi

to="${NNLAB_NOTEBOOKS_TO:-$HOME/nnlab}"
if mkdir -p "$to" 2>/dev/null && [ -w "$to" ]; then
	for src in "$root"/notebooks/*; do
		[ -e "$src" ] || continue
		dst="$to/$(basename "$src")"
		if [ -e "$dst" ] || [ -L "$dst" ]; then
			continue
		fi
		cp -R "$src" "$dst" || say "could not copy $src to $dst"
	done
else
	say "cannot write to $to: no copy of the notebooks"
fi
cd "$HOME"

if [ "$#" -eq 0 ]; then
	say "no command given (the image's CMD starts JupyterLab)"
	exit 2
fi
exec "$@"
