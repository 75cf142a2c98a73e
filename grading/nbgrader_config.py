# nbgrader configuration of this course: the labs of notebooks/ as nbgrader
# assignments, graded through the GoNB kernel. grading/course.py (make student,
# make grade) loads it; nbgrader's own command line does too when run from
# this folder (cd grading && ../.venv/bin/nbgrader ...).
#
# Layout, relative to the repository root (build/ is $NNLAB_BUILD when set):
#   build/nbgrader/source/<assignment>/  the source notebooks, copied from notebooks/
#   build/student/<assignment>/          the student edition (nbgrader's release folder)
#   <SUBMISSIONS>/<student>/<assignment>/ the submissions (nbgrader's submitted folder)
#   build/grades/                        gradebook.db, autograded/, feedback/, grades.csv
import os
import sys

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# NNLAB_BUILD moves every folder below elsewhere (the tests grade in a temporary folder).
build = os.path.abspath(os.environ.get("NNLAB_BUILD", os.path.join(repo, "build")))

c.CourseDirectory.course_id = "nnlab-C2"
c.CourseDirectory.root = build
c.CourseDirectory.source_directory = "nbgrader/source"
c.CourseDirectory.release_directory = "student"
c.CourseDirectory.submitted_directory = os.path.abspath(
    os.environ.get("NNLAB_SUBMISSIONS", os.path.join(build, "submitted")))
c.CourseDirectory.autograded_directory = "grades/autograded"
c.CourseDirectory.feedback_directory = "grades/feedback"
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(build, "grades", "gradebook.db")

# Go: what replaces a solution in the student edition. A comment, because
# Exercise 1's solution sits inside the arguments of nn.Sequential(...); the
# graded functions declare and return their results around their solution, so
# they still compile with the comment alone.
c.ClearSolutions.code_stub = {"go": "// YOUR CODE HERE"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Time limits. Each cell may run for NNLAB_GRADE_TIMEOUT seconds (default 120:
# the lab's slowest cell takes a few seconds once Go's build cache is warm,
# which course.py sees to before grading). A cell still running then is
# interrupted (GoNB stops its program, killing it after 5 s), gets a
# CellTimeoutError, and the notebook goes on with the next cell: a hang costs
# the cells that hang, never the rest of the submission or the class.
c.Execute.timeout = int(os.environ.get("NNLAB_GRADE_TIMEOUT", "120"))
c.Execute.interrupt_on_timeout = True
c.Execute.iopub_timeout = 20  # > GoNB's 5 s between interrupting and killing a cell
c.Execute.startup_timeout = 120

# Before grading, nbgrader overwrites the grade cells and locked cells of a
# submission with the source notebook's, so edits there change nothing. A
# deleted grade cell is put back too, by OverwriteCellsGo (nbgrader_go.py):
# nbgrader's own way fails on these notebooks and writes a Python comment.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nbgrader.preprocessors import (  # noqa: E402  # noqa: E402
    AssignLatePenalties,
    CheckCellMetadata,
    ClearOutput,
    DeduplicateIds,
    LimitOutput,
    OverwriteKernelspec,
    SaveAutoGrades,
)
from nbgrader_go import OverwriteCellsGo  # noqa: E402
from sandbox import SandboxExecute, SandboxKernelManager, enabled  # noqa: E402

c.OverwriteCellsGo.add_missing_cells = True
c.OverwriteCellsGo.missing_cell_notification = (
    "This cell ({cell_id}) was missing from the submission: nbgrader added it back.")

if os.environ.get("NNLAB_GRADE_RECORD"):
    # Recording (course.py): the submissions are notebooks a sandboxed run has
    # already executed (their outputs are the result); nbgrader records their
    # scores into the gradebook without running anything, keeping cells and
    # outputs as they are.
    c.Autograde.sanitize_preprocessors = [DeduplicateIds, OverwriteKernelspec, CheckCellMetadata]
    c.Autograde.autograde_preprocessors = [SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]
else:
    c.Autograde.sanitize_preprocessors = [
        ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCellsGo, CheckCellMetadata,
    ]
    # Every kernel in its own sandbox (sandbox.py), unless make grade was told GRADE_SANDBOX=off.
    c.Autograde.autograde_preprocessors = [
        SandboxExecute, LimitOutput, SaveAutoGrades, AssignLatePenalties, CheckCellMetadata,
    ]
    if enabled():
        c.SandboxExecute.kernel_manager_class = SandboxKernelManager
