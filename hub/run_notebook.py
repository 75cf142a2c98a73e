"""Run a notebook on a remote Jupyter server as JupyterLab does: REST and the kernel websocket.

Usage (with the virtualenv kernel/setup.sh made):

    .venv/bin/python hub/run_notebook.py --url URL --token TOKEN --path PATH --out FILE
        [--timeout SECONDS] [--then-sleep]

URL is the server's base address (for a JupyterHub user: http://HOST:PORT/user/NAME/),
TOKEN a token the server accepts (a hub token with access to that server), PATH the
notebook's path on the server (relative to its root folder). The script reads the
notebook through the contents API, starts a session for it with the notebook's kernel
(POST api/sessions, so the kernel gets JPY_SESSION_NAME as in JupyterLab) and executes
it with nbclient, through the kernel's websocket (api/kernels/ID/channels). Consecutive
stream outputs of a cell are merged into one, as export/run.py does. It then saves the
executed notebook on the server (PUT api/contents, as JupyterLab's save) and writes it to
FILE, with each cell's wall time in its metadata (nnlab.wall_seconds) and, in the
notebook's metadata, nnlab.{kernel_ready_seconds,run_seconds}. TIMEOUT bounds the whole
run, kernel start included.

The libraries speak the protocol: jupyter_server's gateway client (GatewayClient,
GatewayKernelManager, GatewayKernelClient) reaches the server's REST API and the kernel's
websocket, jupyter_client frames the messages, nbclient turns them into outputs and
nbconvert's CoalesceStreamsPreprocessor merges the streams. HubKernelClient adapts the
gateway's kernel client where it does not fit a kernel behind JupyterHub (see there).

It asks the kernel for completions at the end (as JupyterLab does while typing), and
with --then-sleep it leaves a cell running (it prints "sleeping" and sleeps), so that a
test can check what stopping the server leaves behind. The kernel is left running
(unless it never answered: then nbclient shuts it down).

Exit status 0 when every cell ran (cells with errors included: the caller checks the
outputs), 1 when the notebook could not be run (no kernel, a timeout).
"""

import argparse
import asyncio
import json
import sys
import threading
import time
import urllib.parse
from queue import Empty

# As in export/run.py: nbformat's jsonschema would compile rfc3987_syntax's grammars at
# import (seconds of CPU) for a format check notebooks never use.
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat  # noqa: E402
import websocket  # noqa: E402 - websocket-client, installed with jupyter_server
from jupyter_client.asynchronous import AsyncKernelClient  # noqa: E402
from jupyter_client.jsonutil import json_default  # noqa: E402
from jupyter_server.gateway.gateway_client import GatewayClient, gateway_request  # noqa: E402
from jupyter_server.gateway.managers import (  # noqa: E402
    GatewayKernelClient,
    GatewayKernelManager,
    HBChannelQueue,
)
from jupyter_server.utils import url_escape, url_path_join  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbconvert.preprocessors import CoalesceStreamsPreprocessor  # noqa: E402

# The cell that stays running with --then-sleep.
SLEEPING_CELL = 'import "time"\n%%\nfmt.Println("sleeping")\ntime.Sleep(time.Hour)'
# What JupyterLab asks for while one types; completions come from gopls, as in JupyterLab.
COMPLETION = 'import "fmt"\n%%\nfmt.Pri'


class WebSocketChannel(HBChannelQueue):
    """One channel (shell, iopub, ...) of the kernel's websocket. It differs from
    jupyter_server's ChannelQueue in two ways: it waits for a message without spinning
    (ChannelQueue yields to the event loop in a busy loop, a core per waiting client),
    and it sends the channel's name and the header's date as ISO 8601 text, as the
    websocket protocol has them (ChannelQueue sends a number, which GoNB rejects)."""

    async def _async_get(self, timeout=None):
        end = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            try:
                return self.get(block=False)
            except Empty:
                if self.response_router_finished:
                    raise RuntimeError("the kernel's websocket closed") from None
                left = end - time.monotonic()
                if left <= 0:
                    raise
                # In a thread, so the event loop runs on; briefly, so that a waiter
                # whose task was cancelled soon lets go of the queue.
                await asyncio.to_thread(self._wait_not_empty, min(left, 0.25))

    def _wait_not_empty(self, timeout):
        with self.not_empty:
            if not self._qsize():
                self.not_empty.wait(timeout)

    def send(self, msg):
        self.channel_socket.send(json.dumps({**msg, "channel": self.channel_name}, default=json_default))


class HubKernelClient(GatewayKernelClient):
    """The gateway's kernel client for a kernel behind JupyterHub: the websocket carries
    the token (JupyterHub's proxy and the single-user server ask for it), waits as long
    as a cell runs (the gateway's socket times out after KERNEL_LAUNCH_TIMEOUT without a
    message, which would end the client during a long silent cell), and its channels are
    WebSocketChannels."""

    async def start_channels(self, shell=True, iopub=True, stdin=True, hb=True, control=True):
        gateway = GatewayClient.instance()
        url = url_path_join(gateway.ws_url, gateway.kernels_endpoint, url_escape(self.kernel_id), "channels")
        url += "?session_id=" + self.session.session  # as JupyterLab names its connection
        self.channel_socket = websocket.create_connection(
            url,
            header=gateway.load_connection_args()["headers"],
            timeout=gateway.connect_timeout,
            enable_multithread=True,
        )
        self.channel_socket.settimeout(None)
        for name in ("shell", "iopub", "stdin", "hb", "control"):
            channel = WebSocketChannel(name, self.channel_socket, self.log)
            setattr(self, f"_{name}_channel", channel)
            self._channel_queues[name] = channel
        # The gateway's start_channels would open a second socket: start the queues only.
        AsyncKernelClient.start_channels(self, shell=shell, iopub=iopub, stdin=stdin, hb=hb, control=control)
        self.response_router = threading.Thread(target=self._route_responses, daemon=True)
        self.response_router.start()


async def rest(method, path, body=None):
    """Sends a request to the server's REST API (path relative to its base URL) and
    returns the decoded answer (None when empty)."""
    kwargs = {"method": method}
    if body is not None:
        kwargs["body"] = json.dumps(body)
        kwargs["headers"] = {"Content-Type": "application/json"}
    res = await gateway_request(url_path_join(GatewayClient.instance().url, path), **kwargs)
    return json.loads(res.body) if res.body else None


def contents_path(path):
    return "api/contents/" + urllib.parse.quote(path)


async def start_kernel(path, kernel_name):
    """Starts a session for the notebook at path, as JupyterLab does when it opens it,
    and returns a manager of its kernel (which the server owns: the manager only
    connects to it)."""
    session = await rest(
        "POST",
        "api/sessions",
        {"path": path, "name": path.rsplit("/", 1)[-1], "type": "notebook", "kernel": {"name": kernel_name}},
    )
    km = GatewayKernelManager(client_factory=HubKernelClient, owns_kernel=False)
    await km.start_kernel(kernel_id=session["kernel"]["id"])
    return km


def notebook_client(nb, km, path, started_at, timeout):
    """Returns the nbclient client that runs nb's cells through km's kernel within
    timeout seconds of started_at (time.monotonic()), recording each cell's wall time
    and when the kernel was ready (ready_at)."""
    deadline = started_at + timeout
    client = NotebookClient(
        nb,
        km=km,
        allow_errors=True,  # the caller checks the outputs
        startup_timeout=max(int(deadline - time.monotonic()), 1),
        timeout_func=lambda _cell: max(deadline - time.monotonic(), 1),
    )
    client.ready_at = None
    started = {}

    def on_notebook_start(**_):
        client.ready_at = time.monotonic()
        print(f"{path}: kernel ready after {client.ready_at - started_at:.1f} s", flush=True)

    def on_cell_start(cell_index, **_):
        started[cell_index] = time.monotonic()

    def on_cell_executed(cell, cell_index, execute_reply, **_):
        cell.metadata.setdefault("nnlab", {})["wall_seconds"] = round(time.monotonic() - started[cell_index], 3)
        if execute_reply and execute_reply["content"].get("status") != "ok":
            print(f"{path}: cell {cell_index} ended with status {execute_reply['content'].get('status')}", flush=True)

    client.on_notebook_start = on_notebook_start
    client.on_cell_start = on_cell_start
    client.on_cell_executed = on_cell_executed
    return client


async def leave_running(kc):
    """Starts a cell that prints "sleeping" and sleeps for an hour, and returns once it
    printed (the cell keeps running)."""
    msg_id = kc.execute(SLEEPING_CELL, store_history=False)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            msg = await kc.get_iopub_msg(timeout=max(deadline - time.monotonic(), 0))
        except Empty:
            break
        if (
            msg["parent_header"].get("msg_id") == msg_id
            and msg["msg_type"] == "stream"
            and "sleeping" in msg["content"]["text"]
        ):
            return
    raise RuntimeError("the sleeping cell did not start")


async def run(args):
    GatewayClient.instance(url=args.url, auth_token=args.token, request_timeout=120)
    model = await rest("GET", contents_path(args.path) + "?content=1&type=notebook")
    nb = nbformat.from_dict(model["content"])
    kernel_name = nb.metadata.get("kernelspec", {}).get("name", "gonb")

    start = time.monotonic()
    client = notebook_client(nb, await start_kernel(args.path, kernel_name), args.path, start, args.timeout)
    await client.async_execute()
    ready, total = client.ready_at - start, time.monotonic() - start
    print(f"{args.path}: whole notebook in {total:.1f} s (kernel start included)", flush=True)
    nb, _ = CoalesceStreamsPreprocessor().preprocess(nb, {})
    nb.metadata["nnlab"] = {"kernel_ready_seconds": round(ready, 3), "run_seconds": round(total, 3)}

    kc = client.kc
    await kc.complete(COMPLETION, len(COMPLETION), reply=True, timeout=60)
    await rest("PUT", contents_path(args.path), {"type": "notebook", "format": "json", "content": nb})
    nbformat.write(nb, args.out)
    if args.then_sleep:
        await leave_running(kc)
        print(f"{args.path}: a cell is left running", flush=True)
    kc.stop_channels()


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
        asyncio.run(run(args))
    except Exception as e:  # noqa: BLE001 - reported for the test's log
        print(f"{args.path}: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
