"""Time a trivial GoNB cell through the kernel, by what the notebook has declared before it.

GoNB compiles and runs every cell as a new program that links the packages of every declaration made
so far, so a cell pays for the packages the notebook imports. For each case below, a fresh kernel runs
the case's setup cells, one untimed trivial cell, then --cells trivial cells (%% fmt.Println(1)), each
timed by the client (nbclient, set up by export/run.py's notebook_client, as bench/nbtime.py does);
the figure of a case is the median of those cells. Cases:

  fmt        only fmt imported
  autils     X, y = autils.LoadData() declared (the labs' data cell)
  figures    a figures function referenced (the pictures' package)
  nn         helpers/nn imported (a function referenced, no model)
  model      a model declared with nn.Sequential

Usage: python bench/celltime.py [--cells 8] [--work build/bench] [--out FILE]
"""

import argparse
import json
import os
import pathlib
import statistics
import sys
import tempfile
import time

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "export"))
import run  # noqa: E402

MOD = "github.com/mlspec-go/nnlab"
CASES = {
    "fmt": [],
    "autils": [f'import "{MOD}/autils"', "var X, y = autils.LoadData()"],
    "figures": [f'import "{MOD}/helpers/figures"', "var showActivations = figures.ShowActivations"],
    "nn": [f'import "{MOD}/helpers/nn"', "var sequential = nn.Sequential"],
    "model": [f'import "{MOD}/helpers/nn"',
              'var model = nn.Sequential("bench_model", nn.Input(400), nn.Dense(25, nn.Sigmoid), nn.Dense(1, nn.Sigmoid))'],
}
TRIVIAL = "%%\nfmt.Println(1)"


def time_case(setup, cells, work, timeout):
    """Runs the case in a fresh kernel; returns the seconds of each timed trivial cell."""
    sources = ['import "fmt"', *setup, TRIVIAL] + [TRIVIAL] * cells
    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "gonb", "display_name": "Go (gonb)", "language": "go"}
    path = work / "celltime.ipynb"
    nbformat.write(nb, path)
    saved = dict(os.environ)
    os.environ["JUPYTER_PATH"] = str(ROOT / ".venv" / "share" / "jupyter")
    os.environ["NNLAB_STATE_DIR"] = tempfile.mkdtemp(prefix="nnlab-bench-celltime-")
    os.environ.pop("JUPYTER_PREFER_ENV_PATH", None)
    client = run.notebook_client(nb, path, timeout, kernel="gonb", startup_timeout=180)
    walls, started = {}, {}
    client.on_cell_start = lambda cell, cell_index, **_: started.__setitem__(cell_index, time.perf_counter())
    client.on_cell_executed = lambda cell, cell_index, **_: walls.__setitem__(
        cell_index, time.perf_counter() - started[cell_index])
    try:
        with open(work / "celltime.kernel.log", "wb") as log:
            client.execute(stdout=log, stderr=log)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    first = len(sources) - cells
    return [walls[i] for i in range(first, len(sources))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cells", type=int, default=8, help="timed trivial cells per case (>= 1)")
    ap.add_argument("--work", type=pathlib.Path, default=ROOT / "build" / "bench")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    ap.add_argument("--out", type=pathlib.Path, help="also write the JSON report to this file")
    args = ap.parse_args()
    if not (ROOT / ".venv" / "share" / "jupyter" / "kernels" / "gonb" / "kernel.json").is_file():
        sys.exit("celltime: no gonb kernelspec in .venv: run kernel/setup.sh (make setup) first")
    work = (args.work / "celltime").resolve()
    work.mkdir(parents=True, exist_ok=True)
    report = {"method": f"median wall time of {args.cells} cells '{TRIVIAL}' after the case's declarations, "
                        "fresh kernel per case, one untimed cell first", "cases": {}}
    for name, setup in CASES.items():
        try:
            secs = time_case(setup, args.cells, work, args.timeout)
        except Exception as e:  # noqa: BLE001 - a failing case makes its figure meaningless
            sys.exit(f"celltime: case {name} failed: {e} (kernel log: {work / 'celltime.kernel.log'})")
        report["cases"][name] = {"median": round(statistics.median(secs), 3),
                                 "min": round(min(secs), 3), "max": round(max(secs), 3)}
        print(f"celltime: {name:8s} {statistics.median(secs):.3f} s a cell "
              f"({min(secs):.3f} to {max(secs):.3f})", file=sys.stderr, flush=True)
    text = json.dumps(report, indent=2)
    if args.out:
        args.out.write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
