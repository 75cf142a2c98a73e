"""Run a notebook on a remote Jupyter server as JupyterLab does: REST and the kernel websocket.

Usage (with the virtualenv kernel/setup.sh made):

    .venv/bin/python hub/run_notebook.py --url URL --token TOKEN --path PATH --out FILE
        [--timeout SECONDS] [--then-sleep]

URL is the server's base address (for a JupyterHub user: http://HOST:PORT/user/NAME/),
TOKEN a token the server accepts (a hub token with access to that server), PATH the
notebook's path on the server (relative to its root folder). The script reads the
notebook through the contents API, starts a session for it with the notebook's kernel
(POST api/sessions, so the kernel gets JPY_SESSION_NAME as in JupyterLab), waits for the
kernel to answer kernel_info, and sends each code cell as an execute_request on the
kernel's websocket (api/kernels/ID/channels), collecting the outputs the kernel
publishes for it until it is idle again. It then saves the executed notebook on the
server (PUT api/contents, as JupyterLab's save) and writes it to FILE, with each cell's
wall time in its metadata (nnlab.wall_seconds) and, in the notebook's metadata,
nnlab.{kernel_ready_seconds,run_seconds}.

It asks the kernel for completions at the end (as JupyterLab does while typing), and
with --then-sleep it leaves a cell running (it prints "sleeping" and sleeps), so that a
test can check what stopping the server leaves behind. The kernel is left running.

Exit status 0 when every cell ran (cells with errors included: the caller checks the
outputs), 1 when the notebook could not be run (no kernel, a timeout).
"""

import argparse
import json
import sys
import time
import urllib.parse
import urllib.request
import uuid

import websocket  # websocket-client, installed with jupyter_server

PROTOCOL_VERSION = "5.3"


class Server:
    """The REST API of one Jupyter server."""

    def __init__(self, url, token):
        self.url = url if url.endswith("/") else url + "/"
        self.token = token

    def api(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Authorization", "token " + self.token)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(req, timeout=120) as res:
            text = res.read()
        return json.loads(text) if text else None

    def ws_url(self, kernel_id, session_id):
        parts = urllib.parse.urlsplit(self.url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        path = f"{parts.path}api/kernels/{kernel_id}/channels?session_id={session_id}"
        return f"{scheme}://{parts.netloc}{path}"


class Kernel:
    """The websocket of one kernel, speaking Jupyter's JSON message protocol."""

    def __init__(self, server, kernel_id):
        self.session = uuid.uuid4().hex
        self.ws = websocket.create_connection(
            server.ws_url(kernel_id, self.session),
            header=["Authorization: token " + server.token],
            timeout=30,
        )

    def send(self, channel, msg_type, content):
        msg_id = uuid.uuid4().hex
        self.ws.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": msg_type,
                        "session": self.session,
                        "username": "nnlab-test",
                        "version": PROTOCOL_VERSION,
                        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": content,
                    "channel": channel,
                    "buffers": [],
                }
            )
        )
        return msg_id

    def recv(self, deadline):
        """Returns the next message, or raises TimeoutError after deadline."""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from the kernel in time")
            self.ws.settimeout(min(left, 30))
            try:
                frame = self.ws.recv()
            except websocket.WebSocketTimeoutException:
                continue
            if isinstance(frame, bytes):
                continue  # binary frames carry buffers; no notebook here sends them
            return json.loads(frame)

    def request(
        self, channel, msg_type, content, timeout, on_iopub=None, until_idle=True
    ):
        """Sends a request and returns its reply, passing the iopub messages it causes to
        on_iopub; with until_idle, waits for the kernel's idle status as well."""
        msg_id = self.send(channel, msg_type, content)
        deadline = time.monotonic() + timeout
        reply, idle = None, not until_idle
        while reply is None or not idle:
            msg = self.recv(deadline)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["channel"] == "iopub":
                kind = msg["header"]["msg_type"]
                if kind == "status" and msg["content"].get("execution_state") == "idle":
                    idle = True
                elif on_iopub is not None and on_iopub(msg) is False:
                    return None
            elif msg["channel"] == channel and msg["header"]["msg_type"].endswith(
                "_reply"
            ):
                reply = msg["content"]
        return reply


def output_of(msg):
    """Converts an iopub message into an nbformat output (None for other messages)."""
    kind, c = msg["header"]["msg_type"], msg["content"]
    if kind == "stream":
        return {"output_type": "stream", "name": c["name"], "text": c["text"]}
    if kind in ("display_data", "execute_result"):
        out = {
            "output_type": kind,
            "data": c.get("data", {}),
            "metadata": c.get("metadata", {}),
        }
        if kind == "execute_result":
            out["execution_count"] = c.get("execution_count")
        return out
    if kind == "error":
        return {
            "output_type": "error",
            "ename": c.get("ename", ""),
            "evalue": c.get("evalue", ""),
            "traceback": c.get("traceback", []),
        }
    return None


class Collector:
    """Collects a cell's outputs from the iopub messages its execution causes."""

    def __init__(self, outputs):
        self.outputs = outputs

    def __call__(self, msg):
        outputs = self.outputs
        if msg["header"]["msg_type"] == "clear_output":
            outputs.clear()
            return
        out = output_of(msg)
        if out is None:
            return
        last = outputs[-1] if outputs else {}
        if (
            out["output_type"] == "stream"
            and last.get("output_type") == "stream"
            and last["name"] == out["name"]
        ):
            last["text"] += out["text"]  # as JupyterLab shows consecutive chunks
        else:
            outputs.append(out)


def run(args):
    server = Server(args.url, args.token)
    model = server.api(
        "GET",
        "api/contents/" + urllib.parse.quote(args.path) + "?content=1&type=notebook",
    )
    nb = model["content"]
    kernel_name = nb.get("metadata", {}).get("kernelspec", {}).get("name", "gonb")

    start = time.monotonic()
    sess = server.api(
        "POST",
        "api/sessions",
        {
            "path": args.path,
            "name": args.path.rsplit("/", 1)[-1],
            "type": "notebook",
            "kernel": {"name": kernel_name},
        },
    )
    kernel = Kernel(server, sess["kernel"]["id"])
    deadline = time.monotonic() + args.timeout
    while True:
        try:
            kernel.request(
                "shell", "kernel_info_request", {}, timeout=10, until_idle=False
            )
            break
        except TimeoutError:
            if time.monotonic() > deadline:
                raise
    ready = time.monotonic() - start
    print(f"{args.path}: kernel ready after {ready:.1f} s", flush=True)

    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        outputs = []
        collect = Collector(outputs)

        t0 = time.monotonic()
        left = deadline - t0
        reply = kernel.request(
            "shell",
            "execute_request",
            {
                "code": cell["source"]
                if isinstance(cell["source"], str)
                else "".join(cell["source"]),
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
            timeout=left,
            on_iopub=collect,
        )
        cell["outputs"] = outputs
        cell["execution_count"] = reply.get("execution_count")
        cell.setdefault("metadata", {}).setdefault("nnlab", {})["wall_seconds"] = round(
            time.monotonic() - t0, 3
        )
        if reply.get("status") != "ok":
            print(
                f"{args.path}: cell {i} ended with status {reply.get('status')}",
                flush=True,
            )

    total = time.monotonic() - start
    nb.setdefault("metadata", {})["nnlab"] = {
        "kernel_ready_seconds": round(ready, 3),
        "run_seconds": round(total, 3),
    }
    print(
        f"{args.path}: whole notebook in {total:.1f} s (kernel start included)",
        flush=True,
    )

    # Completions come from gopls, as in JupyterLab.
    code = 'import "fmt"\n%%\nfmt.Pri'
    kernel.request(
        "shell",
        "complete_request",
        {"code": code, "cursor_pos": len(code)},
        timeout=60,
        until_idle=False,
    )

    server.api(
        "PUT",
        "api/contents/" + urllib.parse.quote(args.path),
        {"type": "notebook", "format": "json", "content": nb},
    )
    with open(args.out, "w") as f:
        json.dump(nb, f, indent=1)

    if args.then_sleep:
        seen = []

        def sleeping(msg):
            out = output_of(msg)
            if out and out["output_type"] == "stream" and "sleeping" in out["text"]:
                seen.append(True)
                return False  # stop waiting: the cell keeps running

        kernel.request(
            "shell",
            "execute_request",
            {
                "code": 'import "time"\n%%\nfmt.Println("sleeping")\ntime.Sleep(time.Hour)',
                "silent": False,
                "store_history": False,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
            timeout=120,
            on_iopub=sleeping,
        )
        if not seen:
            raise RuntimeError("the sleeping cell did not start")
        print(f"{args.path}: a cell is left running", flush=True)
    kernel.ws.close()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--url", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--path", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--timeout", type=float, default=900)
    p.add_argument("--then-sleep", action="store_true")
    args = p.parse_args()
    try:
        run(args)
    except Exception as e:  # noqa: BLE001 - reported for the test's log
        print(f"{args.path}: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
