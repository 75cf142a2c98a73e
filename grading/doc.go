// Package grading holds the tests of the course's nbgrader set-up: the student
// edition that `make student` writes, and `make grade` over a class of
// submissions made from it, through the real nbgrader and the real GoNB
// kernel, each submission in its bubblewrap sandbox (sandbox.py): an honest
// class beside a hostile submission, and the class graded in shards and
// merged. The set-up itself is nbgrader_config.py, course.py and sandbox.py
// in this folder (see docs/teachers.md, "The student edition and grading a class").
package grading
