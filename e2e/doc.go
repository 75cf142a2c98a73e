// Package e2e tests the labs the way a learner meets them: in a real JupyterLab session, in
// a browser, with the Go kernel.
//
// The package has no code of its own, only a test. TestLabInJupyterLab copies
// notebooks/C2_W1_Assignment.ipynb into a temporary folder (JupyterLab saves outputs
// into the notebook it opens, and the committed notebooks stay output-free), starts the
// JupyterLab that `make setup` installed in .venv on a free local port with a random
// token and its own temporary configuration, and runs lab.mjs with Node. lab.mjs drives
// Debian's Chromium through npm's playwright-core (pinned in package-lock.json; it never
// downloads a browser): it waits for the "Go (gonb)" kernel, checks that the toolbar's
// kernel indicator reads idle before any cell runs and that opening the notebook did not
// mark it modified (its metadata are what the kernel reports), clicks Run > Run All Cells,
// waits for every cell to finish, and checks the page: the model summary
// (Total params: 10,431), the digit pictures and no error output (nothing on stderr
// either); last, it restarts the kernel and checks that the indicator reads idle again.
// It saves a screenshot of the whole notebook in build/e2e/lab.png, the text of every
// cell in build/e2e/lab.txt and every cell's stdout in build/e2e/cells.json, where the
// test reads the training log (Epoch 20/20) with the Go tests' own parser (nbtest's
// Lab.Losses). Then, in the same server, it runs the multiclass lab
// (notebooks/C2_W2_Assignment.ipynb) the same way, with that lab's summary
// (Total params: 10,575), 40 epochs of 157 steps and its grids; its screenshot and text go
// to build/e2e/C2_W2/. The week-3 lab (C2_W3_Assignment.ipynb, --lab C2_W3) follows, with its
// regression lines and twelve pictures, then the two decision-tree labs (notebooks/C2_W4_Assignment.ipynb
// and C2_W4_Lab01_Decision_Trees.ipynb, --lab C2_W4 and C2_W4_Lab01), which have no
// model: lab.mjs checks lines they print and their three pictures each (build/e2e/C2_W4/,
// build/e2e/C2_W4_Lab01/). Then the eight optional labs of weeks 1 to 3 run the same way, one
// after the other, each checked for errors and for its number of pictures (their printed
// outputs are the lab tests' job, test/labs); their screenshots go to build/e2e/<lab>/. What each lab must
// show (the whole summary, the epochs and steps, the cells drawing grids, how many pictures; cells
// named by their nbgrader grade_id) is read from testdata/labs.json, the fixture the lab tests
// (test/labs) and model tests read too: `lab.mjs --lab C2_W2` picks the multiclass lab's. Before that, the test
// runs lab.mjs on a small notebook with a line on stderr, a compile error, a panic and a stale
// language_info and checks that it fails and names all four.
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
