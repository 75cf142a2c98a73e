"""The labs as nbgrader assignments: the student edition, and grading a class.

Usage (from the repository root, with the virtualenv kernel/setup.sh made):

    .venv/bin/python grading/course.py student
    .venv/bin/python grading/course.py grade SUBMISSIONS [--jobs=N] [--shard=i/N]
    .venv/bin/python grading/course.py grade --merge=DIR1,DIR2,...

Every notebooks/C2_W<n>_Assignment.ipynb is the source of assignment C2_W<n>.

`student` copies each source notebook into nbgrader's source folder
(build/nbgrader/source/<assignment>/) and runs nbgrader's generate_assignment,
which writes the student edition to build/student/<assignment>/<notebook>.ipynb:
solutions replaced by a stub, hidden tests removed, outputs cleared, every cell
but the solutions locked.

`grade` grades every SUBMISSIONS/<student>/<assignment>/<notebook>.ipynb
(nbgrader's submitted/ layout) from a fresh gradebook, in two steps:

- execute: generate_assignment, then nbgrader's autograde of each submission in
  a process of its own with a copy of the gradebook (--jobs=N of them at once),
  its GoNB kernel in a sandbox of its own (sandbox.py; NNLAB_GRADE_SANDBOX=off
  runs it without, loudly). The executed notebooks go to build/grades/executed/.
- record: nbgrader's autograde again, told to run nothing (nbgrader_config.py,
  NNLAB_GRADE_RECORD), reads the executed notebooks' outputs into the one
  gradebook; then generate_feedback and the CSV export.

It writes build/grades/gradebook.db, build/grades/autograded/,
build/grades/feedback/<student>/<assignment>/*.html, build/grades/grades.csv,
build/grades/graded.json and the kernels' logs in build/grades/logs/, and
prints a table of scores and times. --shard=i/N grades every N-th submission
from the i-th; `grade --merge=dir1,dir2,...` records the executed notebooks of
graded shards (their build/grades folders) as one run would have.
"""

import concurrent.futures
import csv
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
import warnings

# See export/run.py: skip a slow, unused import of jsonschema's format checkers.
sys.modules.setdefault("rfc3987_syntax", None)

ROOT = pathlib.Path(__file__).resolve().parent.parent
# NNLAB_BUILD moves build/ elsewhere (the tests grade in a temporary folder); nbgrader_config.py reads it too.
BUILD = pathlib.Path(os.environ.get("NNLAB_BUILD", ROOT / "build")).resolve()
SOURCE = BUILD / "nbgrader" / "source"
GRADES = BUILD / "grades"
sys.path.insert(0, str(ROOT / "grading"))
import sandbox  # noqa: E402

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
    (GoMLX is large) counts against the per-cell time limit: into the Go build
    cache of this user and, for the sandbox, into the lean cache every sandboxed
    kernel gets a private copy of (sandbox.TEMPLATE_GOCACHE)."""
    pkgs = [*sandbox.learner_packages(), "github.com/janpfeifer/gonb/gonbui"]
    subprocess.run(["go", "build", *pkgs], cwd=ROOT, check=True)
    if sandbox.enabled():
        env = dict(os.environ, GOCACHE=sandbox.TEMPLATE_GOCACHE, GOPROXY="off", GOFLAGS="-ldflags=-s")
        subprocess.run(["go", "build", *pkgs], cwd=ROOT, check=True, env=env)


def student():
    found = assignments()
    if not found:
        raise SystemExit("course.py: no notebooks/C2_W*_Assignment.ipynb")
    generate(api(), found)
    return 0


def find_work(submissions, found):
    """Returns [(student, assignment)] for SUBMISSIONS/<student>/<assignment>/, sorted."""
    work = []
    for sdir in sorted(p for p in submissions.iterdir() if p.is_dir()):
        for adir in sorted(p for p in sdir.iterdir() if p.is_dir()):
            if adir.name not in found:
                print(f"course.py: skipping {adir}: no assignment {adir.name} "
                      f"(known: {', '.join(found)})", file=sys.stderr)
                continue
            work.append((sdir.name, adir.name))
    return work


def refuse_links(submissions, work):
    """Returns the submissions holding a symbolic link or a special file: nbgrader's
    copy would follow a link out of the submission (to the gradebook, another
    student), so those are not graded."""
    bad = []
    for sid, aid in work:
        folder = submissions / sid / aid
        for p in [folder, *folder.rglob("*")]:
            if p.is_symlink() or not (p.is_dir() or p.is_file()):
                print(f"course.py: not grading {sid}/{aid}: {p.relative_to(submissions)} is a link or a "
                      "special file", file=sys.stderr)
                bad.append((sid, aid))
                break
    return bad


def execute_one(sid, aid, submissions, jobdir):
    """Runs `course.py autograde-one` for one submission in a process of its own, with
    its own copy of the gradebook under jobdir (nbgrader writes the executed notebook
    to jobdir/grades/autograded/). Returns (success, seconds)."""
    (jobdir / "grades").mkdir(parents=True)
    shutil.copytree(SOURCE, jobdir / "nbgrader" / "source")
    shutil.copy(GRADES / "gradebook.db", jobdir / "grades" / "gradebook.db")
    env = dict(os.environ, NNLAB_BUILD=str(jobdir), NNLAB_SUBMISSIONS=str(submissions),
               # Unsandboxed, each submission trains its own model under a state folder of its
               # own; sandboxed, the state lives in the submission's own home.
               NNLAB_STATE_DIR=str(GRADES / "state" / sid / aid))
    log = GRADES / "logs" / f"{sid}-{aid}.kernel.log"
    start = time.monotonic()
    with open(log, "wb") as f:
        p = subprocess.run([sys.executable, __file__, "autograde-one", sid, aid], env=env,
                           stdout=subprocess.PIPE, stderr=f, cwd=ROOT, check=False)
    seconds = time.monotonic() - start
    if p.returncode != 0:
        print(p.stdout.decode(errors="replace"), file=sys.stderr, end="")
        print(f"course.py: could not autograde {sid}/{aid} (nbgrader's log above)", file=sys.stderr, flush=True)
        return False, seconds
    executed = GRADES / "executed" / sid / aid
    executed.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(jobdir / "grades" / "autograded" / sid / aid, executed)
    shutil.rmtree(jobdir, ignore_errors=True)
    print(f"autograded {sid}/{aid} in {seconds:.1f} s", flush=True)
    return True, seconds


def autograde_one(sid, aid):
    """The child of execute_one: nbgrader's autograde of one submission (the kernel in its sandbox)."""
    result = api().autograde(aid, sid, force=True, create=True)
    if not result["success"]:
        log = (result.get("log") or "") + (result.get("error") or "")
        print("\n".join(log.splitlines()[-15:]))
        return 1
    return 0


def record(nbg, graded):
    """Records the executed notebooks of GRADES/executed/<student>/<assignment>/ into the
    gradebook with nbgrader's autograde run without executing anything (nbgrader_config.py,
    NNLAB_GRADE_RECORD), then writes the feedback. Returns the submissions it could not record."""
    os.environ["NNLAB_GRADE_RECORD"] = "1"
    os.environ["NNLAB_SUBMISSIONS"] = str(GRADES / "executed")
    try:
        rec = api()
    finally:
        del os.environ["NNLAB_GRADE_RECORD"]
    # nbgrader's own session warnings about re-recording a submission say nothing to the teacher.
    warnings.filterwarnings("ignore", message=".*not in session.*")
    failed = []
    for sid, aid in graded:
        result = rec.autograde(aid, sid, force=True, create=True)
        if not result["success"]:
            log = (result.get("log") or "") + (result.get("error") or "")
            print("\n".join(log.splitlines()[-15:]), file=sys.stderr)
            print(f"course.py: could not record {sid}/{aid} (nbgrader's log above)", file=sys.stderr, flush=True)
            failed.append((sid, aid))
    for sid, aid in graded:
        if (sid, aid) not in failed:
            check(nbg.generate_feedback(aid, sid, force=True), f"generate_feedback {aid} of {sid}")
    return failed


def parse_shard(shard):
    """Returns (i, n) for "i/n", 1 <= i <= n."""
    try:
        i, n = (int(x) for x in shard.split("/"))
    except ValueError:
        i = n = 0
    if not 1 <= i <= n:
        raise SystemExit(f"course.py: SHARD={shard}: expected i/N with 1 <= i <= N, e.g. SHARD=2/4")
    return i, n


def write_graded(work, failed, seconds):
    """Writes GRADES/graded.json: what was graded, in how long (what merge reads of a shard)."""
    with open(GRADES / "graded.json", "w") as f:
        json.dump([{"student": s, "assignment": a, "seconds": seconds[s, a], "graded": (s, a) not in failed}
                   for s, a in work], f, indent=1)


def grade_options(args):
    """Returns make grade's options ({"jobs", "shard", "merge"}, from --name=value) and the other arguments."""
    opts = {"jobs": str(os.cpu_count() or 1), "shard": "", "merge": ""}
    rest = []
    for a in args:
        k, eq, v = a.removeprefix("--").partition("=")
        if a.startswith("--") and eq and k in opts:
            opts[k] = v
        else:
            rest.append(a)
    return opts, rest


def select_work(rest, shard, found):
    """Returns the SUBMISSIONS folder rest names and [(student, assignment)] to grade in it (the
    SHARD of them if shard is set); raises SystemExit when there is nothing to grade."""
    if len(rest) != 1:
        raise SystemExit("course.py: grade SUBMISSIONS [--jobs=N] [--shard=i/N] | grade --merge=dir,...")
    submissions = pathlib.Path(rest[0]).resolve()
    if not submissions.is_dir():
        raise SystemExit(f"course.py: {submissions} is not a folder. Give SUBMISSIONS=DIR with "
                         "DIR/<student>/<assignment>/<notebook>.ipynb in it.")
    work = find_work(submissions, found)
    if shard:
        i, n = parse_shard(shard)
        work = work[i - 1::n]
        print(f"shard {i}/{n}: {len(work)} submission(s)", flush=True)
    if not work:
        raise SystemExit(f"course.py: no submissions in {submissions}: expected "
                         "<student>/<assignment>/<notebook>.ipynb, e.g. alice/C2_W1/C2_W1_Assignment.ipynb")
    return submissions, work


def prepare(submissions, work, found):
    """Starts GRADES afresh with the student edition of the assignments in work, warms the build
    cache, and finds the sandbox's folders once for every submission (sandbox.repo_paths).
    Returns nbgrader's API."""
    os.environ["NNLAB_SUBMISSIONS"] = str(submissions)  # read by nbgrader_config.py
    if GRADES.exists():
        shutil.rmtree(GRADES)
    (GRADES / "logs").mkdir(parents=True)
    nbg = api()
    generate(nbg, {aid: found[aid] for aid in sorted({a for _, a in work})})
    warm_build_cache()
    if sandbox.enabled():
        os.environ[sandbox.REPO_PATHS_ENV] = json.dumps(sandbox.repo_paths())
    return nbg


def execute_all(submissions, work, failed, jobs):
    """Executes every submission of work not in failed, jobs at once (execute_one), adding those
    that could not be executed to failed. Returns {(student, assignment): seconds} and the wall time."""
    seconds = dict.fromkeys(work, 0.0)
    jobroot = pathlib.Path(tempfile.mkdtemp(prefix="jobs-", dir=GRADES))
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        runs = {w: pool.submit(execute_one, *w, submissions, jobroot / f"{w[0]}-{w[1]}")
                for w in work if w not in failed}
        for w, run in runs.items():
            ok, seconds[w] = run.result()
            if not ok:
                failed.append(w)
    wall = time.monotonic() - start
    shutil.rmtree(jobroot, ignore_errors=True)
    return seconds, wall


def grade(args):
    """make grade: grades SUBMISSIONS (JOBS at once, or a SHARD of them), or merges graded shards."""
    opts, rest = grade_options(args)
    jobs = max(1, int(opts["jobs"] or 1))
    found = assignments()
    if opts["merge"]:
        return merge([pathlib.Path(d).resolve() for d in opts["merge"].split(",") if d], found)
    submissions, work = select_work(rest, opts["shard"], found)
    say_sandbox()
    nbg = prepare(submissions, work, found)
    failed = refuse_links(submissions, work)
    seconds, wall = execute_all(submissions, work, failed, jobs)
    write_graded(work, failed, seconds)
    failed += record(nbg, [w for w in work if w not in failed])
    return report(nbg, work, failed, seconds, f"{jobs} at once: {wall:.1f} s wall time")


def say_sandbox():
    """Says how the submissions run: in the sandbox, or loudly, without it."""
    if sandbox.enabled():
        missing = [tool for tool in ("bwrap", "prlimit") if not shutil.which(tool)]
        if missing:
            raise SystemExit(f"course.py: {' and '.join(missing)} not found: the grading sandbox needs bubblewrap "
                             "(apt-get install bubblewrap; make grade installs it) and util-linux's prlimit. "
                             "GRADE_SANDBOX=off grades without it, only inside a throwaway container.")
        print(sandbox.how(), flush=True)
        return
    bar = "!" * 78
    print(f"{bar}\n!! GRADE_SANDBOX=off: the submissions run WITHOUT the sandbox, with your rights:\n"
          f"!! any submission can read the solutions and other students' work, change grades,\n"
          f"!! write to your files and leave processes behind. Do this only inside a throwaway\n"
          f"!! container that holds nothing else.\n{bar}", file=sys.stderr, flush=True)


def merge(dirs, found):
    """Records the shards graded into dirs (each the build/grades folder of a
    `make grade SHARD=i/N`) into one gradebook, grades.csv and feedback, as one run would."""
    work, failed, seconds = [], [], {}
    for d in dirs:
        try:
            with open(d / "graded.json") as f:
                rows = json.load(f)
        except OSError as e:
            raise SystemExit(f"course.py: {d} holds no graded shard ({e}); give the build/grades folder of "
                             "each `make grade SHARD=i/N`") from None
        for r in rows:
            w = (r["student"], r["assignment"])
            if w in seconds:
                raise SystemExit(f"course.py: {w[0]}/{w[1]} is in two shards")
            if w[1] not in found:
                raise SystemExit(f"course.py: {d}: unknown assignment {w[1]}")
            work.append(w)
            seconds[w] = r["seconds"]
            if not r["graded"]:
                failed.append(w)
    work.sort()
    if GRADES.exists():
        shutil.rmtree(GRADES)
    GRADES.mkdir(parents=True)
    nbg = api()
    generate(nbg, {aid: found[aid] for aid in sorted({a for _, a in work})})
    for d in dirs:
        if (d / "executed").is_dir():
            shutil.copytree(d / "executed", GRADES / "executed", dirs_exist_ok=True)
        if (d / "logs").is_dir():
            shutil.copytree(d / "logs", GRADES / "logs", dirs_exist_ok=True)
    write_graded(work, failed, seconds)
    failed += record(nbg, [w for w in work if w not in failed])
    return report(nbg, work, failed, seconds, f"merged from {len(dirs)} shard(s)")


def report(nbg, work, failed, seconds, how):
    """Writes grades.csv and prints the table of scores; returns make grade's exit status."""
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
    print(f"\n{len(work)} submission(s) in {total:.0f} s ({total / len(work):.1f} s each; {how}). "
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
    if len(args) >= 2 and args[0] == "grade":
        return grade(args[1:])
    if len(args) == 3 and args[0] == "autograde-one":
        return autograde_one(args[1], args[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
