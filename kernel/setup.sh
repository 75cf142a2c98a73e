#!/usr/bin/env bash
# kernel/setup.sh installs everything the notebooks need into the project-local
# virtualenv .venv (git-ignored):
#
#   1. JupyterLab, nbconvert and nbclient, from the lock kernel/requirements.txt;
#   2. the modules of go.mod and tools/go.mod, downloaded into Go's module cache, and
#      gonb, gopls and goimports, built at the versions tools/go.mod pins (a module of
#      its own, so the tools' dependencies stay out of the library's module graph);
#   3. the GoNB kernelspec "gonb" ("Go (gonb)") in .venv/share/jupyter/kernels/gonb,
#      started through kernel/gonb-kernel, which links this module in with GoNB's
#      -go_work flag and selects the pure-Go GoMLX backend by default. Its "env" holds
#      everything the kernel needs that would otherwise come from the user's $HOME or
#      PATH: Go (GOROOT), the module cache this script filled (GOMODCACHE, an absolute
#      path), GOPROXY=off, GOTOOLCHAIN=local and, when given, a shared build cache.
#      So a JupyterHub user with an empty home runs every notebook offline.
#
# It is idempotent: each step keeps a stamp keyed on its inputs (the lock, go.mod and
# go.sum of both modules, the tool versions, the repository path) and is skipped when nothing changed.
# Missing prerequisites end the script with a message saying what to install.
#
# Environment: PYTHON (default python3) picks the interpreter for the virtualenv;
# NNLAB_FORCE_SETUP=1 redoes every step; NNLAB_SHARED_GOCACHE=DIR names a Go build cache
# that every kernel should use (the Docker image sets /opt/nnlab/go/build, filled while
# building it): it is recorded in the kernelspec, and kernel/gonb-kernel uses it when the
# kernel's user may write to it. Without it, each user's kernel builds into that user's
# own Go build cache (the first cell then waits while it compiles the lab's packages).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"
# A bare name (python3) is looked up on PATH without .venv/bin, which is first on PATH
# in the Docker image, in an activated virtualenv and in JupyterLab's terminal: the
# virtualenv's own python is never the interpreter asked for. Otherwise a second run
# would see a "new" interpreter, delete .venv and then run the python it deleted.
if [[ "$PYTHON" != */* ]]; then
	path_without_venv="$(tr ':' '\n' <<<"$PATH" | grep -vxF -e "$VENV/bin" -e "$VENV/bin/" | paste -sd: - || true)"
	PYTHON="$(PATH="$path_without_venv" command -v "$PYTHON" || printf '%s' "$PYTHON")"
fi
MIN_PYTHON="3.11.2" # the lock in requirements.txt was resolved for it

say() { printf 'setup: %s\n' "$*"; }
die() {
	printf '\nsetup: ERROR: %s\n\n' "$*" >&2
	exit 1
}

# version_ge A B: whether version A >= version B (dotted numbers).
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

# hash_of FILE... prints one hash over the files' contents and the extra words in $EXTRA.
hash_of() { { cat "$@"; printf '%s\n' "${EXTRA:-}"; } | sha256sum | cut -d' ' -f1; }

# stamp_ok NAME KEY: whether .venv/.stamp-NAME holds KEY.
stamp_ok() {
	[ "${NNLAB_FORCE_SETUP:-}" != 1 ] && [ -f "$VENV/.stamp-$1" ] && [ "$(cat "$VENV/.stamp-$1")" = "$2" ]
}

# ---------------------------------------------------------------- prerequisites
case "$(realpath -ms "$PYTHON" 2>/dev/null || printf '%s' "$PYTHON")/" in
"$(realpath -ms "$VENV")"/*)
	die "PYTHON=$PYTHON is the virtualenv's own python, which setup would delete to make
the virtualenv. Set PYTHON to the interpreter that made it (e.g. PYTHON=python3 or
PYTHON=/usr/bin/python3), or leave PYTHON unset."
	;;
esac
command -v "$PYTHON" >/dev/null 2>&1 ||
	die "$PYTHON not found. Install Python >= $MIN_PYTHON with its venv module
(Debian/Ubuntu: apt-get install python3 python3-venv), or set PYTHON=/path/to/python3."
PY_VERSION="$("$PYTHON" -c 'import platform; print(platform.python_version())')" ||
	die "$PYTHON does not run."
version_ge "$PY_VERSION" "$MIN_PYTHON" ||
	die "$PYTHON is Python $PY_VERSION; the notebooks' Jupyter needs Python >= $MIN_PYTHON.
Install a newer python3 (and its venv module), or set PYTHON=/path/to/python3."
"$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1 ||
	die "Python's venv module is missing or incomplete for $PYTHON ($PY_VERSION).
Debian/Ubuntu: apt-get install python3-venv   (or python${PY_VERSION%.*}-venv)"

command -v go >/dev/null 2>&1 ||
	die "go not found on PATH. Install Go >= $(awk '$1 == "go" {print $2; exit}' "$ROOT/go.mod")
(https://go.dev/doc/install) and put its bin directory on PATH."
GO_NEED="$(awk '$1 == "go" {print $2; exit}' "$ROOT/go.mod")"
# Outside the module (an old Go may refuse to read our go.mod) and with
# GOTOOLCHAIN=local: report the Go that is installed, never download another one.
GO_HAVE="$(cd / && GOTOOLCHAIN=local go env GOVERSION 2>/dev/null || true)"
GO_HAVE="${GO_HAVE#go}"
[ -n "$GO_HAVE" ] || die "could not run 'go env GOVERSION' with $(command -v go)."
version_ge "$GO_HAVE" "$GO_NEED" ||
	die "$(command -v go) is Go $GO_HAVE; go.mod needs Go >= $GO_NEED.
Install a newer Go (https://go.dev/doc/install) and put it first on PATH."
GO_ROOT="$(cd / && GOTOOLCHAIN=local go env GOROOT)"
GO_BIN_DIR="$GO_ROOT/bin"
# The module cache `go mod download` fills below, as an absolute path: the kernelspec
# points every kernel at it, whoever runs the kernel and whatever its $HOME.
GO_MODCACHE="$(cd / && GOTOOLCHAIN=local go env GOMODCACHE)"
case "$GO_MODCACHE" in
/*) ;;
*) die "'go env GOMODCACHE' is '$GO_MODCACHE', not an absolute path: set GOMODCACHE or GOPATH (or HOME) for setup." ;;
esac
SHARED_GOCACHE="${NNLAB_SHARED_GOCACHE:-}"
case "$SHARED_GOCACHE" in
"" | /*) ;;
*) die "NNLAB_SHARED_GOCACHE='$SHARED_GOCACHE' is not an absolute path." ;;
esac

# ---------------------------------------------------------------- 1. virtualenv
REQS="$ROOT/kernel/requirements.txt"
PYTHON_PATH="$(command -v "$PYTHON")"
KEY="$(EXTRA="$PY_VERSION $PYTHON_PATH $VENV" hash_of "$REQS")"
if stamp_ok python "$KEY"; then
	say "Python virtualenv up to date ($VENV)"
else
	say "creating virtualenv $VENV with Python $PY_VERSION and installing kernel/requirements.txt"
	rm -rf "$VENV"
	hash -r # forget where bash found commands: some may have been in $VENV/bin
	"$PYTHON_PATH" -m venv "$VENV" ||
		die "'$PYTHON -m venv' failed. Debian/Ubuntu: apt-get install python3-venv"
	"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQS" ||
		die "pip could not install kernel/requirements.txt into $VENV (see the pip output above)."
	echo "$KEY" >"$VENV/.stamp-python"
fi

# ---------------------------------------------------------------- 2. Go modules and tools
TOOLS=(github.com/janpfeifer/gonb golang.org/x/tools/gopls golang.org/x/tools/cmd/goimports)
KEY="$(EXTRA="$GO_HAVE $ROOT ${TOOLS[*]}" hash_of "$ROOT/go.mod" "$ROOT/go.sum" "$ROOT/tools/go.mod" "$ROOT/tools/go.sum" "$ROOT/kernel/setup.sh")"
if stamp_ok gotools "$KEY" && [ -x "$VENV/bin/gonb" ] && [ -x "$VENV/bin/gopls" ] && [ -x "$VENV/bin/goimports" ]; then
	say "gonb, gopls, goimports up to date"
else
	# Both modules: the kernel runs with GOPROXY=off, and `make lint` runs the linters
	# tools/go.mod pins (shadow, staticcheck) from the module cache too.
	say "downloading the modules go.mod and tools/go.mod require (the kernel runs with GOPROXY=off)"
	(cd "$ROOT" && GOTOOLCHAIN=local go mod download && GOTOOLCHAIN=local go -C tools mod download) ||
		die "'go mod download' failed: the Go module proxy must be reachable once for setup."
	# The kernel (gonb) and the cells (gonbui, through go.mod) must speak the same protocol.
	lib_gonb="$(cd "$ROOT" && GOTOOLCHAIN=local go list -m -f '{{.Version}}' github.com/janpfeifer/gonb)"
	tool_gonb="$(cd "$ROOT" && GOTOOLCHAIN=local go -C tools list -m -f '{{.Version}}' github.com/janpfeifer/gonb)"
	[ "$lib_gonb" = "$tool_gonb" ] ||
		die "go.mod requires gonb $lib_gonb but tools/go.mod builds the kernel from gonb $tool_gonb: pin the same version in both."
	say "building gonb, gopls, goimports (versions from tools/go.mod) into $VENV/bin (gopls takes a minute)"
	(cd "$ROOT" && GOTOOLCHAIN=local go build -C tools -o "$VENV/bin/" "${TOOLS[@]}") ||
		die "building the Go tools failed (see the go output above)."
	echo "$KEY" >"$VENV/.stamp-gotools"
fi

# ---------------------------------------------------------------- 3. kernelspec
# GoNB writes its own kernel.json (with -go_work stored in argv) and its logo; we then
# point argv[0] at kernel/gonb-kernel, which sets PATH and GoMLX defaults and execs gonb.
KDIR="$VENV/share/jupyter/kernels/gonb"
SERVER_CONFIG="$VENV/etc/jupyter/jupyter_server_config"
KEY="$(EXTRA="$ROOT $GO_ROOT $GO_MODCACHE $SHARED_GOCACHE" hash_of "$VENV/.stamp-gotools" "$ROOT/kernel/setup.sh" "$ROOT/kernel/jupyter_server_config.json" "$ROOT/kernel/jupyter_server_config.py")"
if stamp_ok kernelspec "$KEY" && [ -f "$KDIR/kernel.json" ] && [ -f "$SERVER_CONFIG.json" ] && [ -f "$SERVER_CONFIG.py" ]; then
	say "kernelspec gonb up to date ($KDIR)"
else
	say "installing kernelspec gonb into $KDIR"
	out="$(JUPYTER_DATA_DIR="$VENV/share/jupyter" PATH="$VENV/bin:$GO_BIN_DIR:$PATH" \
		"$VENV/bin/gonb" --install --go_work="$ROOT" 2>&1)" ||
		die "'gonb --install' failed:
$out"
	"$VENV/bin/python" - "$KDIR/kernel.json" "$ROOT/kernel/gonb-kernel" "$GO_ROOT" "$GO_MODCACHE" "$SHARED_GOCACHE" <<'EOF'
import json, os, sys
path, wrapper, go_root, go_modcache, shared_gocache = sys.argv[1:]
with open(path) as f:
    spec = json.load(f)
spec["argv"][0] = wrapper
env = spec.setdefault("env", {})
env.update({
    # Go itself: gonb-kernel puts NNLAB_GO_BIN_DIR on PATH.
    "GOROOT": go_root,
    "NNLAB_GO_BIN_DIR": os.path.join(go_root, "bin"),
    # The module cache setup filled; with GOPROXY=off nothing else is looked for.
    "GOMODCACHE": go_modcache,
    "GOPROXY": "off",
    "GOTOOLCHAIN": "local",
})
if shared_gocache:
    env["NNLAB_SHARED_GOCACHE"] = shared_gocache
with open(path, "w") as f:
    json.dump(spec, f, indent=1)
    f.write("\n")
EOF
	# gonb --install copies its binary next to kernel.json when it lives under /tmp or
	# a cache folder; the wrapper runs .venv/bin/gonb, so drop that copy.
	rm -f "$KDIR/gonb" "$KDIR/gonb~"
	# So JupyterLab shows GoNB's status from the start (docs/operators.md, "The kernel status in JupyterLab"),
	# and its HTML export keeps <details> and highlights Go (docs/operators.md, "JupyterLab's own HTML export").
	install -D -m 644 "$ROOT/kernel/jupyter_server_config.json" "$SERVER_CONFIG.json"
	install -D -m 644 "$ROOT/kernel/jupyter_server_config.py" "$SERVER_CONFIG.py"
	echo "$KEY" >"$VENV/.stamp-kernelspec"
fi

# (Captured first: `jupyter ... | grep -q` can fail under pipefail when grep exits early.)
specs="$(JUPYTER_PREFER_ENV_PATH=1 "$VENV/bin/jupyter" kernelspec list 2>&1 || true)"
grep -q "^ *gonb  *$KDIR\$" <<<"$specs" ||
	die "'jupyter kernelspec list' in $VENV does not show gonb at $KDIR:
$specs"
say "ready: kernel 'gonb' in $KDIR"
