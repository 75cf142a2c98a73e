"""The labs as nbgrader assignments: the student edition, and grading a class.

Usage (from the repository root, with the virtualenv kernel/setup.sh made):

    .venv/bin/python grading/course.py student
    .venv/bin/python grading/course.py grade SUBMISSIONS

Every notebooks/C2_W<n>_Assignment.ipynb is the source of assignment C2_W<n>.

`student` copies each source notebook into nbgrader's source folder
(build/nbgrader/source/<assignment>/) and runs nbgrader's generate_assignment,
which writes the student edition to build/student/<assignment>/<notebook>.ipynb:
solutions replaced by a stub, hidden tests removed, outputs cleared, every cell
but the solutions locked.

`grade` grades every SUBMISSIONS/<student>/<assignment>/<notebook>.ipynb
(nbgrader's submitted/ layout) from a fresh gradebook: generate_assignment,
then nbgrader's autograde for each student and assignment (through the GoNB
kernel, each with its own model state folder NNLAB_STATE_DIR), then
generate_feedback and the CSV export. It writes build/grades/gradebook.db,
build/grades/autograded/, build/grades/feedback/<student>/<assignment>/*.html,
build/grades/grades.csv and the kernels' logs in build/grades/logs/, and prints
a table of scores and times.
"""

import contextlib
import csv
import os
import pathlib
import shutil
import subprocess
import sys
import time

# See kernel/run.py: skip a slow, unused import of jsonschema's format checkers.
sys.modules.setdefault("rfc3987_syntax", None)

ROOT = pathlib.Path(__file__).resolve().parent.parent
# NNLAB_BUILD moves build/ elsewhere (the tests grade in a temporary folder); nbgrader_config.py reads it too.
BUILD = pathlib.Path(os.environ.get("NNLAB_BUILD", ROOT / "build")).resolve()
SOURCE = BUILD / "nbgrader" / "source"
GRADES = BUILD / "grades"
# Find the kernelspec in this virtualenv before any user-wide one of the same name.
os.environ["JUPYTER_PREFER_ENV_PATH"] = "1"
# nbgrader runs the virtualenv's alembic to create the gradebook.
os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")


def assignments():
    """Returns {assignment id: source notebook} for notebooks/C2_W*_Assignment.ipynb."""
    found = {}
    for nb in sorted((ROOT / "notebooks").glob("C2_W*_Assignment.ipynb")):
        found[nb.stem.removesuffix("_Assignment")] = nb
    return found


def api():
    """Returns nbgrader's API on this course's configuration (grading/nbgrader_config.py)."""
    from nbgrader.apps import NbGraderAPI  # noqa: PLC0415 - nbgrader loads only when a command needs it
    from nbgrader.coursedir import CourseDirectory  # noqa: PLC0415 - nbgrader loads only when a command needs it
    from traitlets.config.loader import PyFileConfigLoader  # noqa: PLC0415 - nbgrader loads only when a command needs it

    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT / "grading")).load_config()
    return NbGraderAPI(CourseDirectory(config=config), config=config)


def check(result, what):
    """Raises SystemExit with nbgrader's log when an API call failed."""
    if not result["success"]:
        log = (result.get("log") or "") + (result.get("error") or "")
        print("\n".join(log.splitlines()[-40:]), file=sys.stderr)
        raise SystemExit(f"course.py: {what} failed (nbgrader's log above)")


def generate(nbg, found):
    """Copies the source notebooks in and writes the student edition of each."""
    GRADES.mkdir(parents=True, exist_ok=True)  # the gradebook's folder
    for aid, nb in found.items():
        src = SOURCE / aid
        if src.exists():
            shutil.rmtree(src)
        src.mkdir(parents=True)
        shutil.copy(nb, src / nb.name)
        check(nbg.generate_assignment(aid, force=True, create=True), f"generate_assignment {aid}")
        out = BUILD / "student" / aid / nb.name
        if not out.is_file():
            raise SystemExit(f"course.py: nbgrader wrote no {out}")
        print(f"{os.path.relpath(nb, ROOT)} -> {os.path.relpath(out)}", flush=True)


def warm_build_cache():
    """Builds the packages the notebooks import, so that no cell's first compile
    (GoMLX is large) counts against the per-cell time limit."""
    subprocess.run(["go", "build", "./autils/...", "./helpers/..."], cwd=ROOT, check=True)


@contextlib.contextmanager
def kernel_log(path):
    """Sends this process's stderr (file descriptor 2) to path meanwhile: the kernel
    nbgrader starts writes its log there. nbgrader's own log is captured by its API."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "wb") as log:
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def student():
    found = assignments()
    if not found:
        raise SystemExit("course.py: no notebooks/C2_W*_Assignment.ipynb")
    generate(api(), found)
    return 0


def grade(submissions):
    submissions = pathlib.Path(submissions).resolve()
    if not submissions.is_dir():
        raise SystemExit(f"course.py: {submissions} is not a folder. Give SUBMISSIONS=DIR with "
                         "DIR/<student>/<assignment>/<notebook>.ipynb in it.")
    found = assignments()
    work = []  # (student, assignment)
    for sdir in sorted(p for p in submissions.iterdir() if p.is_dir()):
        for adir in sorted(p for p in sdir.iterdir() if p.is_dir()):
            if adir.name not in found:
                print(f"course.py: skipping {adir}: no assignment {adir.name} "
                      f"(known: {', '.join(found)})", file=sys.stderr)
                continue
            work.append((sdir.name, adir.name))
    if not work:
        raise SystemExit(f"course.py: no submissions in {submissions}: expected "
                         "<student>/<assignment>/<notebook>.ipynb, e.g. alice/C2_W1/C2_W1_Assignment.ipynb")

    os.environ["NNLAB_SUBMISSIONS"] = str(submissions)  # read by nbgrader_config.py
    if GRADES.exists():
        shutil.rmtree(GRADES)
    GRADES.mkdir(parents=True)
    nbg = api()
    generate(nbg, {aid: found[aid] for aid in sorted({a for _, a in work})})
    warm_build_cache()

    seconds, failed = {}, []
    for sid, aid in work:
        # Each submission trains its own model: the weights live under a state
        # folder of its own, so no student's cells see another's trained model.
        os.environ["NNLAB_STATE_DIR"] = str(GRADES / "state" / sid / aid)
        start = time.monotonic()
        with kernel_log(GRADES / "logs" / f"{sid}-{aid}.kernel.log"):
            result = nbg.autograde(aid, sid, force=True, create=True)
        seconds[sid, aid] = time.monotonic() - start
        if not result["success"]:
            # One submission nbgrader cannot grade (not a notebook, say) must not
            # stop the class: say so, go on, and exit non-zero at the end.
            failed.append((sid, aid))
            log = (result.get("log") or "") + (result.get("error") or "")
            print("\n".join(log.splitlines()[-15:]), file=sys.stderr)
            print(f"course.py: could not autograde {sid}/{aid} (nbgrader's log above)", file=sys.stderr, flush=True)
            continue
        print(f"autograded {sid}/{aid} in {seconds[sid, aid]:.1f} s", flush=True)
    for sid, aid in work:
        if (sid, aid) not in failed:
            check(nbg.generate_feedback(aid, sid, force=True), f"generate_feedback {aid} of {sid}")

    from nbgrader.api import Gradebook  # noqa: PLC0415 - nbgrader loads only when a command needs it
    from nbgrader.plugins import CsvExportPlugin  # noqa: PLC0415 - nbgrader loads only when a command needs it

    out = GRADES / "grades.csv"
    with Gradebook(nbg.coursedir.db_url) as gb:
        CsvExportPlugin(to=str(out)).export(gb)
    with open(out, newline="") as f:
        rows = {(r["student_id"], r["assignment"]): r for r in csv.DictReader(f)}

    print(f"\n{'student':<20} {'assignment':<10} {'score':>11} {'seconds':>8}")
    for sid, aid in work:
        r = rows.get((sid, aid))
        if (sid, aid) in failed:
            score = "not graded"
        else:
            score = f"{float(r['score']):g} / {float(r['max_score']):g}" if r else "missing"
        print(f"{sid:<20} {aid:<10} {score:>11} {seconds[sid, aid]:>8.1f}")
    total = sum(seconds.values())
    print(f"\n{len(work)} submission(s) in {total:.0f} s ({total / len(work):.1f} s each). "
          f"Grades: {os.path.relpath(out)}; feedback: {os.path.relpath(GRADES / 'feedback')}/")
    if failed:
        print(f"course.py: {len(failed)} submission(s) could not be graded: "
              f"{', '.join(f'{s}/{a}' for s, a in failed)}", file=sys.stderr)
        return 1
    return 0


def main():
    args = sys.argv[1:]
    if args == ["student"]:
        return student()
    if len(args) == 2 and args[0] == "grade":
        return grade(args[1])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
