"""Fill the image's shared Go build cache while the image is built.

A learner's first cell should only link, not compile GoMLX, gonum and the lab's packages
(a minute or two). This compiles every package a notebook can import the way a kernel
compiles a cell: one notebook of one cell that imports them all, run through the kernel
the image installs (export/run.py, as `make html` runs the labs), so GoNB's own `go build`
in a module of its own fills the cache the kernelspec names (NNLAB_SHARED_GOCACHE) with
exactly what a cell's build looks up. The packages are what `go list` finds for the
patterns of learner-packages.txt (the list the Makefile and the grading sandbox read too),
less the internal ones (a cell cannot import them; they are compiled as what the others
import), so a new package needs no change here.

Usage (from the repository root, after `make setup`):

    .venv/bin/python docker/warm.py
"""

import pathlib
import shlex
import subprocess
import sys
import tempfile

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

ROOT = pathlib.Path(__file__).resolve().parent.parent


def learner_packages():
    """The import paths of the packages a notebook may import."""
    patterns = shlex.split((ROOT / "learner-packages.txt").read_text(), comments=True)
    out = subprocess.run(["go", "list", *patterns], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.split()
    return [p for p in out if "/internal/" not in p and not p.endswith("/internal")]


def main():
    pkgs = learner_packages()
    if not pkgs:
        print("warm.py: go list found no learner packages", file=sys.stderr)
        return 1
    src = ('import (\n\t"fmt"\n\n' + "".join(f'\t_ "{p}"\n' for p in pkgs) + ")\n\n%%\n"
           f'fmt.Println("compiled the {len(pkgs)} learner packages into the build cache")\n')
    nb = new_notebook(cells=[new_code_cell(src)],
                      metadata={"kernelspec": {"name": "gonb", "display_name": "Go (gonb)", "language": "go"}})
    with tempfile.TemporaryDirectory(prefix="nnlab-warm-") as tmp:
        path = pathlib.Path(tmp) / "warm.ipynb"
        nbformat.write(nb, path)
        return subprocess.run([sys.executable, str(ROOT / "export" / "run.py"), "--out", str(pathlib.Path(tmp) / "out"),
                               str(path)], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main())
