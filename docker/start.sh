#!/usr/bin/env bash
# docker/start.sh is the image's entry point: it gives the user a copy of the lab's
# notebooks, then runs the command it is given (the image's CMD, JupyterLab, or the
# `jupyterhub-singleuser` a hub asks for) in the user's home.
#
# A hub mounts each user's own volume over $HOME, hiding what the image had there, so
# the notebooks are copied at each start, from notebooks/ next to this script's folder
# (/opt/nnlab/notebooks in the image) into $HOME/nnlab/ (NNLAB_NOTEBOOKS_TO), each file
# or folder only if absent: a student's own work is never overwritten, and notebooks
# the image gains later appear at the next start. A home that cannot be written to is
# reported on stderr and the command still starts.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf 'start.sh: %s\n' "$*" >&2; }

if [ -z "${HOME:-}" ] || [ ! -d "$HOME" ]; then
	say "HOME (${HOME:-unset}) is not a folder: no copy of the notebooks"
else
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
fi

if [ "$#" -eq 0 ]; then
	say "no command given (the image's CMD starts JupyterLab)"
	exit 2
fi
exec "$@"
