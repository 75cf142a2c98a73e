#!/usr/bin/env bash
# docker/standin-bases.sh makes sure the Docker engine has the two base images the
# Dockerfile names, for docker/image_test.go. It uses the image the engine already has,
# else pulls it; only when no image registry answers (as on the project's build machines)
# does it make a stand-in, and says so:
#
#   python:3.11-slim-bookworm  Debian bookworm (debootstrap --variant=minbase from Debian's
#                              archive) with python3, python3-venv, ca-certificates, netbase,
#                              tzdata and the host's extra certificate authorities (without
#                              them nothing in the build reaches PyPI or the Go module proxy
#                              where an egress proxy re-signs HTTPS), python3 in /usr/local/bin
#                              as in the official image;
#   golang:VERSION-bookworm    that Debian root with /usr/local/go taken from the Go module
#                              proxy's toolchain module golang.org/toolchain@v0.0.1-goVERSION.
#                              linux-amd64, its exec bits and _go.mod files restored (the module
#                              zip has neither; `go` repairs them when it switches toolchains,
#                              `go mod download` does not).
#
# Usage (root; needs docker, debootstrap, go):
#   docker/standin-bases.sh PYTHON_IMAGE GOLANG_IMAGE
# The stand-ins live in the engine's data root, so this is quick once they exist.
set -euo pipefail
say() { printf 'standin-bases: %s\n' "$*" >&2; }
die() {
	say "ERROR: $*"
	exit 1
}
[ "$#" -eq 2 ] || die "usage: $0 PYTHON_IMAGE GOLANG_IMAGE"
py_image="$1"
go_image="$2"
docker="${DOCKER:-docker}"
minbase=nnlab-standin/minbase:bookworm

have() { "$docker" image inspect "$1" >/dev/null 2>&1; }

# needed IMAGE: whether IMAGE must be made here (absent, and no registry gives it).
needed() {
	if have "$1"; then
		say "$1: the engine has it ($("$docker" image inspect -f '{{.Id}}' "$1" | cut -c1-19))"
		return 1
	fi
	if timeout 60 "$docker" pull -q "$1" >/dev/null 2>&1; then
		say "$1: pulled from the registry"
		return 1
	fi
	say "$1: absent and no image registry answers: making a STAND-IN from Debian's archive"
	return 0
}

work="$(mktemp -d /var/tmp/nnlab-standin.XXXXXX)"
trap 'rm -rf "$work"' EXIT

make_minbase() {
	have "$minbase" && return 0
	command -v debootstrap >/dev/null || die "debootstrap is missing (apt-get install debootstrap)"
	say "debootstrap --variant=minbase bookworm (about 3 minutes)"
	debootstrap --variant=minbase bookworm "$work/rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 ||
		die "debootstrap failed: $(tail -n 20 "$work/debootstrap.log")"
	tar -C "$work/rootfs" -c . | "$docker" import - "$minbase" >/dev/null
	rm -rf "$work/rootfs"
}

if needed "$py_image"; then
	make_minbase
	name="nnlab-standin-python-$$"
	# What the official slim image has: deb822 sources, no apt caches, no translations.
	script='set -e
cat >/etc/apt/sources.list.d/debian.sources <<EOF
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
rm -f /etc/apt/sources.list
cat >/etc/apt/apt.conf.d/docker-clean <<EOF
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
echo "Acquire::Languages \"none\";" >/etc/apt/apt.conf.d/docker-no-languages
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3 python3-venv ca-certificates netbase tzdata
mkdir -p /usr/local/share/ca-certificates
cp /tmp/cas/*.crt /usr/local/share/ca-certificates/ 2>/dev/null || true
update-ca-certificates
ln -sf /usr/bin/python3 /usr/local/bin/python3
ln -sf /usr/bin/python3 /usr/local/bin/python
rm -rf /var/lib/apt/lists/* /tmp/cas'
	"$docker" create --name "$name" "$minbase" bash -c "$script" >/dev/null
	trap '"$docker" rm -f "$name" >/dev/null 2>&1; rm -rf "$work"' EXIT
	mkdir -p "$work/cas"
	cp /usr/local/share/ca-certificates/*.crt "$work/cas/" 2>/dev/null || true
	"$docker" cp "$work/cas" "$name:/tmp/cas"
	"$docker" start -a "$name" >"$work/python.log" 2>&1 || die "making $py_image failed: $(tail -n 20 "$work/python.log")"
	"$docker" export "$name" | "$docker" import \
		--change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
		--change 'ENV LANG=C.UTF-8' --change 'CMD ["python3"]' - "$py_image" >/dev/null
	"$docker" rm -f "$name" >/dev/null
	say "$py_image: stand-in made (Debian's $("$docker" run --rm "$py_image" python3 --version))"
fi

if needed "$go_image"; then
	make_minbase
	version="${go_image#golang:}"
	version="${version%%-*}"
	mod="golang.org/toolchain@v0.0.1-go$version.linux-amd64"
	say "downloading $mod from the Go module proxy"
	dir="$(cd / && GOMODCACHE="$work/gomod" GOFLAGS=-modcacherw GOTOOLCHAIN=local go mod download -json "$mod" |
		sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
	[ -n "$dir" ] && [ -d "$dir" ] || die "go mod download $mod gave no folder"
	mkdir -p "$work/golayer/usr/local"
	cp -a "$dir" "$work/golayer/usr/local/go"
	g="$work/golayer/usr/local/go"
	chmod -R u+w,go-w,a+rX "$g"
	chmod 755 "$g"/bin/* "$g"/pkg/tool/linux_amd64/*
	find "$g/lib" -name 'go_?*_?*_exec' -exec chmod 755 {} +
	find "$g" -name _go.mod | while read -r f; do mv "$f" "${f%_go.mod}go.mod"; done
	"$docker" create --name "nnlab-standin-minbase-$$" "$minbase" true >/dev/null
	"$docker" export "nnlab-standin-minbase-$$" >"$work/minbase.tar"
	"$docker" rm -f "nnlab-standin-minbase-$$" >/dev/null
	tar -C "$work/golayer" -rf "$work/minbase.tar" ./usr/local/go
	"$docker" import \
		--change 'ENV PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
		--change "ENV GOLANG_VERSION=$version" --change 'ENV GOTOOLCHAIN=local' --change 'ENV GOPATH=/go' \
		--change 'WORKDIR /go' "$work/minbase.tar" "$go_image" >/dev/null
	say "$go_image: stand-in made ($("$docker" run --rm "$go_image" go version))"
fi
