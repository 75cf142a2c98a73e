"""Time whole notebooks end to end: our Go notebook (GoNB kernel) against the Python twin (ipykernel).

Both are executed by the same client (nbclient, as `jupyter nbconvert --execute` does), set up by
export/run.py's notebook_client as for `make html`, in the notebook's own folder, one after the
other, alternating ours / Python, after untimed warm-up runs of each (so Go's build cache, the OS
file cache and matplotlib's font cache are warm). The time of one run is the wall time of
NotebookClient.execute(): kernel start, every cell, kernel shutdown; its CPU time is that of the
kernel and everything it ran and waited for (GoNB's go builds and cell programs), from this process's
RUSAGE_CHILDREN once the client has reaped the kernel, which other processes on a shared machine do
not inflate as they inflate the wall time. Every run must succeed: a cell error ends the benchmark
with the error. NBGRADER_EXECUTION is removed from the kernels' environment: the Go notebook of week 3
skips its optional lambda sweep while nbgrader grades, and the benchmark runs every cell on both sides.

The Python notebook runs on ipykernel from this interpreter (the bench virtualenv), through a
kernelspec written under --work; ours through the kernelspec "gonb" that kernel/setup.sh
installed in .venv/share/jupyter.

Usage: python bench/nbtime.py --ours notebooks/C2_W1_Assignment.ipynb \\
           --python bench/C2_W1_python.ipynb [--runs 3] [--warmup 1] [--work build/bench] [--data build/bench]
           [--out FILE]
"""

import argparse
import html
import json
import os
import pathlib
import re
import resource
import statistics
import sys
import tempfile
import time

import nbformat

ROOT = pathlib.Path(__file__).resolve().parent.parent
# export/run.py's notebook_client sets up the client, for both notebooks.
sys.path.insert(0, str(ROOT / "export"))
import run  # noqa: E402

PY_KERNEL = "nnlab-bench-python3"


def write_python_kernelspec(work):
    """Writes a kernelspec running ipykernel on this interpreter; returns its Jupyter data dir."""
    data_dir = work / "jupyter"
    kdir = data_dir / "kernels" / PY_KERNEL
    kdir.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (bench)",
        "language": "python",
    }
    (kdir / "kernel.json").write_text(json.dumps(spec, indent=1) + "\n")
    return data_dir


def cell_seconds(nb, walls):
    """Per code cell: first source line and wall seconds as the client saw them."""
    out = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or i not in walls:
            continue
        lines = [line.strip() for line in cell.source.splitlines()]
        first = next((line for line in lines if line and line != "%%"), "")
        out.append({"cell": first[:70], "seconds": round(walls[i], 3)})
    return out


def failure_details(nb):
    """The stderr and HTML error reports (GoNB's compile errors) of the first failed cell."""
    for cell in nb.cells:
        outs = cell.get("outputs", []) if cell.cell_type == "code" else []
        if not any(o.get("output_type") == "error" for o in outs):
            continue
        parts = []
        for o in outs:
            if o.get("output_type") == "stream" and o.get("name") == "stderr":
                parts.append(o.get("text", ""))
            elif "text/html" in o.get("data", {}):
                markup = o["data"]["text/html"]
                markup = "".join(markup) if isinstance(markup, list) else markup
                text = html.unescape(re.sub(r"<style.*?</style>|<script.*?</script>|<[^>]+>", "", markup, flags=re.S))
                parts.append("\n".join(line for line in text.splitlines() if line.strip()))
        return "\n".join(p.strip() for p in parts if p.strip())
    return ""


def children_cpu_seconds():
    """User + system CPU seconds of this process's reaped children (and what they reaped)."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def execute(path, kernel, jupyter_path, env, out_dir, timeout):
    """Executes the notebook at path once; returns (seconds, CPU seconds, per-cell seconds). Raises
    on failure."""
    nb = nbformat.read(path, as_version=4)
    saved = dict(os.environ)
    os.environ.update(env)
    os.environ.pop("NBGRADER_EXECUTION", None)  # every cell runs, the optional ones too
    os.environ["JUPYTER_PATH"] = str(jupyter_path)
    os.environ.pop("JUPYTER_PREFER_ENV_PATH", None)
    client = run.notebook_client(nb, path, timeout, kernel=kernel, startup_timeout=180)
    # Per-cell wall time measured here (GoNB's own timestamps have one-second steps).
    walls, started = {}, {}
    client.on_cell_start = lambda cell, cell_index, **_: started.__setitem__(cell_index, time.perf_counter())
    client.on_cell_executed = lambda cell, cell_index, **_: walls.__setitem__(
        cell_index, time.perf_counter() - started[cell_index])
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        with open(out_dir / f"{path.stem}.kernel.log", "wb") as log:
            start, cpu_start = time.perf_counter(), children_cpu_seconds()
            client.execute(stdout=log, stderr=log)  # the kernel's own log goes to a file
            seconds = time.perf_counter() - start
            cpu = children_cpu_seconds() - cpu_start
    except Exception as e:
        details = failure_details(nb)
        raise RuntimeError(f"{e}\n{details}" if details else str(e)) from e
    finally:
        os.environ.clear()
        os.environ.update(saved)
        nbformat.write(nb, out_dir / path.name)  # the last execution, for inspection
    return seconds, cpu, cell_seconds(nb, walls)


def shown(path):
    """path relative to the repository when inside it."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def spread(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ours", type=pathlib.Path, default=ROOT / "notebooks" / "C2_W1_Assignment.ipynb")
    ap.add_argument("--python", type=pathlib.Path, default=ROOT / "bench" / "C2_W1_python.ipynb")
    ap.add_argument("--runs", type=int, default=3, help="timed runs of each (>= 1)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed runs of each first")
    ap.add_argument("--work", type=pathlib.Path, default=ROOT / "build" / "bench",
                    help="folder for the kernelspec, executed notebooks and kernel logs")
    ap.add_argument("--data", type=pathlib.Path, default=ROOT / "build" / "bench",
                    help="folder with X.npy and y.npy for the Python notebook")
    ap.add_argument("--timeout", type=int, default=1200, help="seconds per cell")
    ap.add_argument("--out", type=pathlib.Path, help="also write the JSON report to this file")
    args = ap.parse_args()

    work = args.work.resolve()
    ours, python = args.ours.resolve(), args.python.resolve()
    for p in (ours, python):
        if not p.is_file():
            sys.exit(f"nbtime: no notebook {p}")
    gonb_data = ROOT / ".venv" / "share" / "jupyter"
    if not (gonb_data / "kernels" / "gonb" / "kernel.json").is_file():
        sys.exit(f"nbtime: no gonb kernelspec under {gonb_data}: run kernel/setup.sh (make setup) first")
    py_data = write_python_kernelspec(work)
    state = tempfile.mkdtemp(prefix="nnlab-bench-nbstate-")

    sides = {
        "ours": dict(path=ours, kernel="gonb", jupyter_path=gonb_data, env={"NNLAB_STATE_DIR": state}),
        "python": dict(path=python, kernel=PY_KERNEL, jupyter_path=py_data,
                       env={"BENCH_DATA_DIR": str(args.data.resolve())}),
    }
    times = {k: [] for k in sides}
    cpu_times = {k: [] for k in sides}
    cells = {}
    total = args.warmup + args.runs
    for i in range(total):
        for name, side in sides.items():
            label = "warm-up" if i < args.warmup else f"run {i - args.warmup + 1}/{args.runs}"
            try:
                secs, cpu, cells[name] = execute(side["path"], side["kernel"], side["jupyter_path"], side["env"],
                                            work / "executed", args.timeout)
            except Exception as e:  # noqa: BLE001 - a failing notebook makes the comparison meaningless
                sys.exit(f"nbtime: {name} notebook {side['path'].name} failed ({label}):\n{e}")
            print(f"nbtime: {name:6s} {label}: {secs:.1f} s (CPU {cpu:.1f} s)", file=sys.stderr, flush=True)
            if i >= args.warmup:
                times[name].append(secs)
                cpu_times[name].append(cpu)

    report = {
        "method": "nbclient execute (kernel start, all cells, shutdown), alternating ours/python, "
                  f"{args.warmup} warm-up + {args.runs} timed runs each",
        "ours": {"notebook": shown(ours), "runs": times["ours"], "seconds": spread(times["ours"]),
                 "cpu_runs": cpu_times["ours"], "cpu_seconds": spread(cpu_times["ours"]),
                 "cells_last_run": cells["ours"]},
        "python": {"notebook": shown(python), "runs": times["python"], "seconds": spread(times["python"]),
                   "cpu_runs": cpu_times["python"], "cpu_seconds": spread(cpu_times["python"]),
                   "cells_last_run": cells["python"]},
    }
    text = json.dumps(report, indent=2)
    if args.out:
        args.out.write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
