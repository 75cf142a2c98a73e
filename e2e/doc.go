// Package e2e tests the labs the way a learner meets them: in a real JupyterLab session, in
// a browser, with the Go kernel.
//
// The package has no code of its own, only a test. TestLabInJupyterLab copies the notebooks
// into a temporary folder (JupyterLab saves outputs into the notebook it opens, and the
// committed notebooks stay output-free), starts the JupyterLab that `make setup` installed in
// .venv on a free local port with a random token and its own temporary configuration, and
// runs lab.mjs with Node on each lab in that one server: C2_W1 first, then C2_W2, C2_W3, the
// decision-tree labs C2_W4 and C2_W4_Lab01, and the eight optional labs of weeks 1 to 3.
// lab.mjs (its header says what it checks on the page) drives Debian's Chromium through npm's
// playwright-core, pinned in package-lock.json; it never downloads a browser. What each lab
// must show (the summary, the epochs and steps, the grids, the printed lines, how many
// pictures) is read from internal/nbtest/labs.json, the fixture the lab tests (test/labs) and model tests
// read too; the optional labs are checked for errors and their number of pictures only (their
// printed outputs are the lab tests' job (test/labs)). Each lab's screenshot and cell text go to
// build/e2e/lab.png and lab.txt for C2_W1, build/e2e/<lab>/ for the others. Before the labs,
// the test runs lab.mjs on a small notebook with a compile error, a panic and a stale
// language_info and checks that it fails and names all three.
//
// `make test` installs what the test needs (`make setup` and `make e2e-deps`: npm ci in
// this folder, and apt-get install chromium when /usr/bin/chromium is missing). The test
// is skipped with -short. With a cold Go build cache, the first cell of a lab compiles the
// lab's packages first. Run it alone with
//
//	go test ./e2e/ -v -count=1
//
// Environment: CHROMIUM overrides /usr/bin/chromium; NNLAB_E2E_TIMEOUT (a Go duration,
// default 15m) bounds the notebook run in the browser.
package e2e
