// Package hub tests the lab as a class meets it on JupyterHub: several students at once,
// each with their own empty home, on one hub.
//
// The package has no code of its own, only a test and the notebook client it drives.
// TestJupyterHubClass starts JupyterHub (jupyterhub 6.1.1 from .venv, pinned in
// kernel/requirements.txt) and its proxy, configurable-http-proxy (npm, pinned in
// package-lock.json, installed by `make hub-deps`), on 127.0.0.1 only, with the dummy
// authenticator and SimpleLocalProcessSpawner: each student gets a new empty home and
// a single-user server started as the Docker image starts it, through docker/start.sh
// (which copies the notebooks into the home) and jupyterhub-singleuser, with PATH
// /usr/bin:/bin only (no Go on it). Four students start their servers at the same
// time; as each becomes ready, run_notebook.py runs notebooks/C2_W1_Assignment.ipynb on
// it through the hub, as JupyterLab does (REST and the kernel websocket; nbclient drives
// the kernel through jupyter_server's gateway client). One student arrives with her own
// copy of the notebook, another seed: start.sh keeps it, and her training and
// predictions must differ from the others' (no student sees another's model state, kept
// under each home's .cache). The table class says what each student does. The test then
// stops the servers every way a hub does (the hub's API, a server killed outright, the
// hub shutting down) and
// checks that no process of any student (gonb, gopls, a running cell) is left. It logs
// each student's spawn and notebook times.
//
// `make test` installs what it needs (`make setup`, `make hub-deps`). The test is
// skipped with -short. Run it alone with
//
//	go test ./hub/ -v -count=1
package hub
