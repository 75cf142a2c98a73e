// Package grading holds the tests of the course's nbgrader set-up: the student
// edition that `make student` writes, and `make grade` over a class of
// submissions made from it, through the real nbgrader and the real GoNB
// kernel. The set-up itself is nbgrader_config.py and course.py in this
// folder (see the README's "Grading a class").
package grading
