"""The grading sandbox: each submission's GoNB kernel runs inside bubblewrap.

nbgrader, nbclient and the gradebook stay outside, in the grader's process;
only the kernel (gonb, gopls, the cells' programs) runs inside. The two sides
talk over ZeroMQ ipc sockets in a folder private to the kernel, so the
sandbox needs no network at all (it has none: a network namespace holding
only its own loopback).

Inside, read-only: /usr, Go, the module cache, the packages the notebooks
import (go.mod, go.sum and the folders of the packages learner-packages.txt
lists and of every package of this module they import, as `go list -deps`
finds them once per make grade: internal/notebook, the reference answers), the
kernel's wrapper and binaries. Writable, and sized: the submission's home (a
tmpfs seeded with the submission's files and a copy of a warm Go build cache)
and /tmp. Nothing else of the machine is there: not the gradebook, the source
notebooks, notebooks/, .git, grading/, the other students, the teacher's home.
A pid namespace ends every process of the submission when its kernel ends.

Limits, read from the environment make grade sets (NNLAB_GRADE_*):
  memory and processes: as root, cgroup v1 memory and pids controllers, one
  cgroup per submission (the machine's v2 hierarchy has no controllers); as
  another user, rlimits on the kernel (prlimit: address space per process,
  RLIMIT_NPROC, which counts every process of that user, and file size).
  disk: the tmpfs sizes. Output: counted outside, per cell (SandboxExecute).
  Time: nbgrader's per-cell timeout (nbgrader_config.py).

SandboxKernelManager is nbclient's kernel manager; SandboxExecute is
nbgrader's Execute preprocessor with the output cap, the per-cell reaper of
left-behind processes, and a line in the cell's output when a limit was hit.
"""

import json
import os
import shlex
import shutil
import signal
import subprocess
import tempfile
import time
import uuid

from jupyter_client.manager import AsyncKernelManager
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".venv")
# The warm build cache course.py fills before grading; each kernel gets a private copy.
TEMPLATE_GOCACHE = os.environ.get("NNLAB_GRADE_GOCACHE", os.path.join(VENV, "grading-go-build"))
HOME = "/home/student"
MIB = 1 << 20

# What the cells need of the repository, read-only, besides the packages (repo_paths). Everything
# else of it is absent.
REPO_FILES = ["go.mod", "go.sum", "kernel/gonb-kernel", "kernel/tied",
              ".venv/bin/gonb", ".venv/bin/gopls", ".venv/bin/goimports"]
# The list of the packages a notebook may import (Go package patterns; the Makefile and
# docker/warm.py read it too). With what they import of this module, they go in.
LEARNER_PACKAGES_FILE = os.path.join(ROOT, "learner-packages.txt")
# Where course.py passes repo_paths, found once, to the process grading each submission (JSON).
REPO_PATHS_ENV = "NNLAB_GRADE_REPO_PATHS"
# Variables of the kernel's environment that go in (the rest of the grader's stays out).
PASS_ENV = ("NBGRADER_", "GOMLX_", "NNLAB_GO_BIN_DIR", "NNLAB_KERNEL_", "GOROOT", "GOMODCACHE", "GOPROXY",
            "GOFLAGS", "LANG", "LC_ALL")


def learner_packages():
    """The Go package patterns learner-packages.txt lists: the packages a notebook may import."""
    with open(LEARNER_PACKAGES_FILE) as f:
        return shlex.split(f.read(), comments=True)


_repo_paths = None


def repo_paths():
    """REPO_FILES and the folders (relative to ROOT) of the learner packages and of every package of
    this module they import, found with `go list -deps` (offline: the module cache has them). It runs
    once per make grade: course.py finds them before grading and passes them to each submission's
    process in REPO_PATHS_ENV, which this reads instead."""
    global _repo_paths
    if _repo_paths is None and os.environ.get(REPO_PATHS_ENV):
        _repo_paths = json.loads(os.environ[REPO_PATHS_ENV])
    if _repo_paths is None:
        out = subprocess.run(["go", "list", "-deps", "-f", "{{if not .Standard}}{{.Dir}}{{end}}", *learner_packages()],
                             cwd=ROOT, capture_output=True, text=True, env={**os.environ, "GOFLAGS": "-mod=mod"})
        if out.returncode != 0:
            raise RuntimeError(f"sandbox: go list of the learner packages failed:\n{out.stderr}")
        dirs = {os.path.relpath(d, ROOT) for d in out.stdout.split() if d == ROOT or d.startswith(ROOT + os.sep)}
        _repo_paths = REPO_FILES + sorted(dirs)
    return _repo_paths


def limits():
    """The limits make grade set, as a dict of ints (bytes, counts)."""
    env = os.environ.get
    return {
        "memory": int(env("NNLAB_GRADE_MEMORY", "2048")) * MIB,
        "procs": int(env("NNLAB_GRADE_PROCS", "512")),
        "disk": int(env("NNLAB_GRADE_DISK", "1024")) * MIB,
        "output": int(env("NNLAB_GRADE_OUTPUT", "1024")) * 1024,
    }


def enabled():
    """Whether grading runs sandboxed: always, unless NNLAB_GRADE_SANDBOX is "off"."""
    return os.environ.get("NNLAB_GRADE_SANDBOX", "on") != "off"


def cgroup_v1():
    """The v1 memory and pids hierarchies when this process may make cgroups in them, else None."""
    dirs = ("/sys/fs/cgroup/memory", "/sys/fs/cgroup/pids")
    if all(os.path.isfile(os.path.join(d, "cgroup.procs")) and os.access(d, os.W_OK) for d in dirs):
        return dirs
    return None


def how():
    """One line on how the limits are enforced here, for make grade's output."""
    lim = limits()
    what = (f"memory {lim['memory'] // MIB} MiB, {lim['procs']} processes, disk {lim['disk'] // MIB} MiB, "
            f"output {lim['output'] // 1024} KiB a cell")
    if cgroup_v1():
        return f"sandbox: bubblewrap; limits per submission by cgroup v1 (root): {what}"
    return (f"sandbox: bubblewrap; limits by rlimits (not root: no cgroup; memory is per process and the "
            f"process count is this user's, all submissions together): {what}")


def _write(path, value):
    with open(path, "w") as f:
        f.write(str(value))


def _read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return ""


def _children():
    """Returns {ppid: [pid, ...]} for every process of the machine."""
    kids = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            stat = _read(f"/proc/{name}/stat")
            if stat:
                ppid = int(stat[stat.rindex(")") + 2:].split()[1])
                kids.setdefault(ppid, []).append(int(name))
    return kids


def descendants(pid):
    """The pids of pid's descendants (pid not included)."""
    kids, out, todo = _children(), [], [pid]
    while todo:
        for k in kids.get(todo.pop(), []):
            out.append(k)
            todo.append(k)
    return out


class SandboxKernelManager(AsyncKernelManager):
    """A kernel manager that starts the kernel in a bubblewrap sandbox of its own,
    with ipc sockets in a private folder and the submission's limits."""

    def __init__(self, **kw):
        super().__init__(**kw)
        # Short: a unix socket's path must stay under 108 bytes.
        self.sbx_dir = tempfile.mkdtemp(prefix="nnlab-k-")
        self.transport = "ipc"
        self.ip = os.path.join(self.sbx_dir, "ipc")
        self.connection_file = os.path.join(self.sbx_dir, "kernel.json")
        self.sbx_limits = limits()
        self.sbx_cgroups = []
        self.sbx_keep = None  # the kernel's own processes, seen before the first cell
        self.sbx_counts = {}

    def _cgroups(self):
        dirs = cgroup_v1()
        if not dirs:
            return []
        name = "nnlab-grade-" + uuid.uuid4().hex[:12]
        mem, pids = (os.path.join(d, name) for d in dirs)
        os.mkdir(mem)
        self.sbx_cgroups.append(mem)
        _write(os.path.join(mem, "memory.limit_in_bytes"), self.sbx_limits["memory"])
        if os.path.exists(os.path.join(mem, "memory.memsw.limit_in_bytes")):
            _write(os.path.join(mem, "memory.memsw.limit_in_bytes"), self.sbx_limits["memory"])
        os.mkdir(pids)
        self.sbx_cgroups.append(pids)
        _write(os.path.join(pids, "pids.max"), self.sbx_limits["procs"])
        return [mem, pids]

    def bwrap_args(self, env, cwd):
        """bwrap's arguments for a kernel started in cwd with the environment env."""
        lim = self.sbx_limits
        a = ["bwrap", "--unshare-all", "--unshare-user", "--disable-userns", "--cap-drop", "ALL",
             "--die-with-parent", "--new-session",
             "--ro-bind", "/usr", "/usr"]
        for d in ("bin", "lib", "lib64", "sbin"):
            if os.path.islink("/" + d):
                a += ["--symlink", os.readlink("/" + d), "/" + d]
            elif os.path.isdir("/" + d):
                a += ["--ro-bind", "/" + d, "/" + d]
        a += ["--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache", "--proc", "/proc", "--dev", "/dev",
              "--size", str(lim["disk"] // 4), "--tmpfs", "/tmp",
              "--size", str(lim["disk"]), "--tmpfs", HOME]
        for var in ("GOROOT", "GOMODCACHE"):
            p = env.get(var)
            if p and os.path.isdir(p) and not p.startswith("/usr/"):
                a += ["--ro-bind", p, p]
        for rel in repo_paths():
            p = os.path.join(ROOT, rel)
            if os.path.exists(p):
                a += ["--ro-bind", p, p]
        a += ["--ro-bind", cwd, "/submission", "--bind", self.sbx_dir, self.sbx_dir]
        if os.path.isdir(TEMPLATE_GOCACHE):
            a += ["--ro-bind", TEMPLATE_GOCACHE, "/gocache"]
        a += ["--remount-ro", "/", "--chdir", HOME, "--clearenv"]
        inside = {k: v for k, v in env.items() if k.startswith(PASS_ENV)}
        inside.update(PATH="/usr/local/bin:/usr/bin:/bin", HOME=HOME, TMPDIR="/tmp", USER="student",
                      GOCACHE=HOME + "/.cache/go-build", GOTOOLCHAIN="local", GOTELEMETRY="off",
                      NNLAB_STATE_DIR=HOME + "/.nnlab-state")
        for k, v in sorted(inside.items()):
            a += ["--setenv", k, v]
        return a

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        env = kw.get("env") or dict(os.environ)
        cwd = os.path.realpath(kw.get("cwd") or os.getcwd())
        # Inside: copy the submission's files and the warm build cache into the home, then start the kernel.
        seed = ("cp -a /submission/. " + HOME + "/ 2>/dev/null; mkdir -p " + HOME + "/.cache; "
                "if [ -d /gocache ]; then cp -a /gocache " + HOME + "/.cache/go-build; fi; exec \"$@\"")
        cmd = self.bwrap_args(env, cwd) + ["--", "/bin/sh", "-c", seed, "kernel-sandbox"] + list(kernel_cmd)
        groups = self._cgroups()
        if groups:
            # Join the submission's cgroups before bwrap starts: everything inside inherits them.
            joins = "; ".join(f"echo $$ > {os.path.join(g, 'cgroup.procs')}" for g in groups)
            cmd = ["/bin/sh", "-c", joins + '; exec "$@"', "join-cgroups"] + cmd
        else:
            lim = self.sbx_limits
            cmd = ["prlimit", f"--as={lim['memory']}", f"--nproc={lim['procs']}", f"--fsize={lim['disk']}",
                   "--"] + cmd
        kw["cwd"] = self.sbx_dir
        return await super()._async_launch_kernel(cmd, **kw)

    def _root_pid(self):
        proc = getattr(self.provisioner, "process", None)
        return proc.pid if proc is not None else None

    def counters(self):
        """The limit counters of the submission's cgroups: OOM kills, and times pids.max refused a fork."""
        out = {}
        for g in self.sbx_cgroups:
            for line in _read(os.path.join(g, "memory.oom_control")).splitlines() + \
                    _read(os.path.join(g, "pids.events")).splitlines():
                k, _, v = line.partition(" ")
                if k in ("oom_kill", "max"):
                    out[k] = int(v)
        return out

    def home_free(self):
        """Free bytes in the submission's home tmpfs, seen through its mount namespace (None if unseen)."""
        root = self._root_pid()
        if root is None:
            return None
        for pid in [root] + descendants(root):
            try:
                st = os.statvfs(f"/proc/{pid}/root{HOME}")
            except OSError:
                continue
            if st.f_blocks and st.f_blocks * st.f_frsize <= self.sbx_limits["disk"] + MIB:
                return st.f_bavail * st.f_frsize
        return None

    def before_cell(self):
        root = self._root_pid()
        if self.sbx_keep is None and root is not None:
            self.sbx_keep = {root, *descendants(root)}
        self.sbx_counts = self.counters()

    def after_cell(self):
        """Ends the processes the cell left behind, and returns a note per limit the cell hit."""
        notes = []
        root = self._root_pid()
        if root is not None and self.sbx_keep is not None:
            tools = {os.path.realpath(os.path.join(VENV, "bin", b)) for b in ("gonb", "gopls")}
            for pid in descendants(root):
                if pid in self.sbx_keep:
                    continue
                try:
                    if os.path.realpath(f"/proc/{pid}/exe") in tools:
                        continue  # gonb starts gopls when it needs it
                except OSError:
                    pass
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
        lim, now = self.sbx_limits, self.counters()
        if now.get("oom_kill", 0) > self.sbx_counts.get("oom_kill", 0):
            notes.append(f"grading: a program of this cell was killed: the submission went over its memory "
                         f"limit of {lim['memory'] // MIB} MiB.")
        if now.get("max", 0) > self.sbx_counts.get("max", 0):
            notes.append(f"grading: this cell reached the submission's limit of {lim['procs']} processes: "
                         "starting more failed.")
        free = self.home_free()
        if free is not None and free < MIB:
            notes.append(f"grading: the submission's disk space ({lim['disk'] // MIB} MiB) is full.")
        return notes

    async def _async_cleanup_resources(self, restart=False):
        await super()._async_cleanup_resources(restart=restart)
        for g in self.sbx_cgroups:
            for _ in range(100):
                for pid in _read(os.path.join(g, "cgroup.procs")).split():
                    try:
                        os.kill(int(pid), signal.SIGKILL)
                    except OSError:
                        pass
                try:
                    os.rmdir(g)
                    break
                except OSError:
                    time.sleep(0.05)  # EBUSY for a moment after the last task exits
        self.sbx_cgroups = []
        shutil.rmtree(self.sbx_dir, ignore_errors=True)


class SandboxExecute(Execute):
    """nbgrader's Execute with what the sandbox adds per cell: output beyond the cap
    is dropped (counted here, outside the sandbox), processes a cell leaves behind
    are ended, and a limit the cell hit is said on stderr in its output (which
    nbgrader scores 0)."""

    def _note(self, cell, text):
        cell.outputs.append(new_output("stream", name="stderr", text=text + "\n"))

    def preprocess_cell(self, cell, resources, index):
        self._out_bytes = {}
        self._out_capped = set()
        km = self.km if isinstance(self.km, SandboxKernelManager) and cell.cell_type == "code" else None
        if km is not None:
            km.before_cell()
        try:
            return super().preprocess_cell(cell, resources, index)
        finally:
            if km is not None:
                for note in km.after_cell():
                    self._note(cell, note)

    def output(self, outs, msg, display_id, cell_index):
        cap = limits()["output"]
        size = len(json.dumps(msg.get("content", {})))
        counted = self.__dict__.setdefault("_out_bytes", {})
        capped = self.__dict__.setdefault("_out_capped", set())
        used = counted.get(cell_index, 0) + size
        counted[cell_index] = used
        if used > cap:
            if cell_index not in capped:
                capped.add(cell_index)
                note = new_output("stream", name="stderr",
                                  text=f"grading: this cell printed more than {cap // 1024} KiB; the rest of its "
                                       "output was dropped.\n")
                outs.append(note)
            return None
        return super().output(outs, msg, display_id, cell_index)
