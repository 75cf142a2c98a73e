// Package labs tests what every notebook of notebooks/ shows a learner: each runs
// through the real GoNB kernel, as `make html` runs it, and its prints (in the course's
// formats), training logs, exercise checks, pictures and HTML page are checked, as is
// the nbgrader markup of the graded labs and their cells run out of order and again.
//
// One `make html` run, with the network cut off, executes every notebook once for all
// the checks of this package (sharedHTML in offline_test.go); only the binary lab runs
// a second time, to compare two seeded runs. The expected summaries, epochs and
// pictures the browser test (e2e/) also checks are in internal/nbtest/labs.json.
//
// The package has no code of its own. Run it alone with
//
//	go test ./test/labs/ -count=1
//
// (about ten minutes on two cores; skipped with -short, except the markup checks).
package labs
