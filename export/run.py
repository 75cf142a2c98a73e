"""Run Jupyter notebooks headless through the GoNB kernel and export them.

Usage (from the repository root, with the virtualenv kernel/setup.sh made):

    .venv/bin/python export/run.py [--out build] [--timeout SECONDS] [--allow-errors] [NOTEBOOK ...]

Each notebook (default: notebooks/*.ipynb) is executed top to bottom with nbclient
through the kernel "gonb", in the notebook's own folder, with JPY_SESSION_NAME set to
the notebook's absolute path (as JupyterLab does). The executed notebook is written to
OUT/notebooks/NAME.ipynb and a self-contained HTML page to OUT/html/NAME.html (see
export/htmlpage.py: pictures embedded, maths as MathML, no script from a CDN, the first
heading as its title), and the wall time of each notebook is printed. Consecutive stream
outputs of a cell are merged into one (GoNB's chunks depend on timing), so two runs of a
seeded notebook write the same outputs apart from the timings they print.

When a cell fails (a compile error, a panic, a non-zero exit), the run stops at that
cell, still writes the partial notebook and HTML, and exits with status 1 after
printing which notebook and cell failed and the error text.

With --allow-errors, every cell runs even after one fails (as "Run All" does in
JupyterLab), the cells that failed are listed, and the exit status is 0 unless a
notebook could not be run at all (the kernel died, a cell timed out). The student
edition of a notebook, whose exercises are left blank, is run this way.
"""

import argparse
import os
import pathlib
import sys
import time

# jsonschema (imported by nbformat) imports rfc3987_syntax when installed, and that
# compiles ~20 Earley grammars at import: about 3 s of CPU per run for a format check
# notebooks never use. Pretend it is absent.
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError  # noqa: E402
from nbconvert.filters import strip_ansi  # noqa: E402
from nbconvert.preprocessors import CoalesceStreamsPreprocessor  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
KERNEL = "gonb"


def html_to_text(markup):
    """Returns the visible text of an HTML fragment (GoNB reports errors as HTML), without
    its blank lines."""
    soup = BeautifulSoup(markup, features="html.parser")
    for el in soup.find_all(["style", "script"]):
        el.decompose()
    lines = [line.rstrip() for line in soup.get_text().splitlines()]
    return "\n".join(line for line in lines if line.strip())


def cell_error_text(cell):
    """Collects what a failed cell reported: stderr, HTML error reports and error outputs."""
    parts = []
    stderr = ""  # consecutive stderr chunks are one text: GoNB may split it anywhere
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream" and out.get("name") == "stderr":
            stderr += strip_ansi(out.get("text", ""))
            continue
        if stderr:
            parts.append(stderr)
            stderr = ""
        if kind == "error":
            tb = "\n".join(strip_ansi(line) for line in out.get("traceback", []))
            parts.append(tb or f"{out.get('ename', '')}: {out.get('evalue', '')}")
        elif kind == "display_data" and "text/html" in out.get("data", {}):
            markup = out["data"]["text/html"]
            if isinstance(markup, list):
                markup = "".join(markup)
            # GoNB shows compile errors and panics' stack lines as HTML with hover context.
            if "gonb-err" in markup or "application/vnd.jupyter.stderr" in markup or "<pre" in markup:
                parts.append(html_to_text(markup))
    if stderr:
        parts.append(stderr)
    return "\n".join(p.strip("\n") for p in parts if p.strip())


def error_cells(nb):
    """Returns the indices of the code cells with an error output."""
    return [
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", []))
    ]


def describe_cell(nb, index):
    """Names a cell the way a reader finds it: its position, execution count, first line."""
    cell = nb.cells[index]
    code_no = sum(1 for c in nb.cells[: index + 1] if c.cell_type == "code")
    lines = [line.strip() for line in cell.source.splitlines()]
    first = next((line for line in lines if line and line != "%%"), "")
    count = cell.get("execution_count")
    shown = f", In [{count}]" if count else ""
    return f"cell {index + 1} (code cell {code_no}{shown}): {first[:80]}"


def export(nb, path, out_dir):
    """Writes the executed notebook and its HTML page under out_dir."""
    from htmlpage import PageExporter  # noqa: PLC0415 - see run_notebook
    name = path.stem
    nb_dir = out_dir / "notebooks"
    html_dir = out_dir / "html"
    nb_dir.mkdir(parents=True, exist_ok=True)
    html_dir.mkdir(parents=True, exist_ok=True)
    # GoNB sends a cell's prints in chunks that depend on timing; merged into one stream
    # output per run of prints, two runs of a seeded notebook give the same outputs.
    nb, _ = CoalesceStreamsPreprocessor().preprocess(nb, {})
    nbformat.write(nb, nb_dir / f"{name}.ipynb")
    body, _ = PageExporter().from_notebook_node(nb)
    (html_dir / f"{name}.html").write_text(body, encoding="utf-8")
    return nb_dir / f"{name}.ipynb", html_dir / f"{name}.html"


def notebook_client(nb, path, timeout, kernel=KERNEL, startup_timeout=120, allow_errors=False):
    """Returns the nbclient client that executes nb, read from path, through the kernel
    named kernel, in the notebook's own folder, with JPY_SESSION_NAME set to path (as
    JupyterLab does): timeout seconds a cell, startup_timeout for the kernel to start,
    timings recorded in the cells. bench/nbtime.py times whole notebooks with it."""
    os.environ["JPY_SESSION_NAME"] = str(path)
    return NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=timeout,
        startup_timeout=startup_timeout,
        allow_errors=allow_errors,
        record_timing=True,
        resources={"metadata": {"path": str(path.parent)}},
    )


def run_notebook(path, out_dir, timeout, allow_errors=False):
    """Executes one notebook; returns an error message, or None when every cell passed
    (with allow_errors: when the notebook ran to its end)."""
    # The page exporter is imported here rather than at the top, so that bench/nbtime.py
    # can import notebook_client on the bench virtualenv, which lacks its latex2mathml;
    # here, a missing package still stops the run before the notebook's first cell.
    from htmlpage import PageError  # noqa: PLC0415

    nb = nbformat.read(path, as_version=4)
    client = notebook_client(nb, path, timeout, allow_errors=allow_errors)
    failure = None
    running = {"index": None, "start": 0.0}

    def on_cell_start(cell, cell_index, **_):
        running["index"] = cell_index
        running["start"] = time.monotonic()

    def on_cell_executed(cell, cell_index, **_):
        # Wall time of the cell as the client sees it (GoNB's own timestamps have 1 s steps).
        cell.metadata.setdefault("nnlab", {})["wall_seconds"] = round(time.monotonic() - running["start"], 3)

    client.on_cell_start = on_cell_start
    client.on_cell_executed = on_cell_executed
    client.on_cell_error = on_cell_executed
    log_dir = out_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{path.stem}.kernel.log"
    start = time.monotonic()
    try:
        with open(log_path, "wb") as log:
            # The kernel's own log (GoNB writes it to stderr) goes to a file, not the console.
            client.execute(stdout=log, stderr=log)
    except CellTimeoutError as e:
        failure = f"timed out after {timeout} s\n{e}"
    except DeadKernelError as e:
        failure = f"the kernel died\n{e}"
    except CellExecutionError as e:
        failure = str(e)
    except Exception as e:  # noqa: BLE001 - the kernel did not start, a bad notebook, ...
        failure = f"{type(e).__name__}: {e}"
    elapsed = time.monotonic() - start

    try:
        _, html_file = export(nb, path, out_dir)
    except PageError as e:
        # The markdown cannot be made into a page (e.g. maths latex2mathml rejects).
        print(f"{path.name}: {elapsed:.1f} s, no HTML page", flush=True)
        return f"{path}: exporting the HTML page: {e}"
    print(f"{path.name}: {elapsed:.1f} s -> {os.path.relpath(html_file)}", flush=True)
    errors = error_cells(nb)
    if allow_errors and failure is None:
        for i in errors:
            print(f"  error output in {describe_cell(nb, i)}", flush=True)
        return None
    if failure is None and errors:
        failure = "error output"  # allow_errors=False should have raised; be safe.
    if failure is None:
        return None

    index = errors[0] if errors else running["index"]
    where = describe_cell(nb, index) if index is not None else "before the first cell"
    text = cell_error_text(nb.cells[index]) if errors else ""
    return f"{path}: {where}\n{text or strip_ansi(failure)}\n(kernel log: {os.path.relpath(log_path)})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path, help="default: notebooks/*.ipynb")
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "build", help="output folder (default: build)")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds per cell (default: 1800)")
    parser.add_argument(
        "--allow-errors",
        action="store_true",
        help="run every cell even after errors, list the failed cells, exit 0",
    )
    args = parser.parse_args()
    # Find the kernelspec in this virtualenv before any user-wide one of the same name.
    os.environ["JUPYTER_PREFER_ENV_PATH"] = "1"

    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not notebooks:
        print("run.py: no notebooks to run", file=sys.stderr)
        return 2
    out_dir = args.out.resolve()
    failures = []
    total = time.monotonic()
    for nb_path in notebooks:
        nb_path = nb_path.resolve()
        if not nb_path.is_file():
            failures.append(f"{nb_path}: no such notebook")
            continue
        err = run_notebook(nb_path, out_dir, args.timeout, args.allow_errors)
        if err:
            failures.append(err)
    print(f"{len(notebooks)} notebook(s) in {time.monotonic() - total:.1f} s", flush=True)
    for f in failures:
        print(f"\nFAILED {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
