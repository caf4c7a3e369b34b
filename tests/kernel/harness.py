# harness.py — helpers for the kernel protocol tests: kernelspecs for the wick under test, TAP output, and message collection through jupyter_client.
import json
import os
import re
import sys
import tempfile
import time
import traceback

from jupyter_client.manager import start_new_kernel

try:
    from jupyter_kernel_test.msgspec_v5 import validate_message
except ImportError:  # the schema checks are optional
    validate_message = None

WICK = os.path.abspath(os.environ.get("WICK", "build/bin/wick"))
TIMEOUT = 10
DATE_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
# iopub types and replies with a schema in jupyter_kernel_test (others are not validated)
# (input_request: 0.4.5's schema wants a number for `password`, the spec a bool)
UNVALIDATED = {"comm_close", "comm_open", "comm_msg", "input_request"}


def make_kernelspecs():
    """A JUPYTER_PATH with 'wick-test' (signal interrupts) and 'wick-test-msg' (message)."""
    root = tempfile.mkdtemp(prefix="wick-kernel-")
    for name, mode in (("wick-test", "signal"), ("wick-test-msg", "message")):
        d = os.path.join(root, "kernels", name)
        os.makedirs(d)
        spec = {"argv": [WICK, "kernel", "-f", "{connection_file}"], "display_name": "wick",
                "language": "python", "interrupt_mode": mode}
        with open(os.path.join(d, "kernel.json"), "w") as f:
            json.dump(spec, f)
    os.environ["JUPYTER_PATH"] = root
    os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(root, "runtime")
    return root


class Skip(Exception):
    """Raised by a check that cannot run here: reported as `ok N - name # SKIP reason`."""


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, name, fn, *args):
        self.n += 1
        try:
            fn(*args)
            print(f"ok {self.n} - {name}", flush=True)
        except Skip as e:
            print(f"ok {self.n} - {name} # SKIP {e}", flush=True)
        except Exception as e:  # a failed expectation is a failed test, not a crash
            self.failed += 1
            print(f"not ok {self.n} - {name}", flush=True)
            detail = f"{type(e).__name__}: {e}"[:1500]
            for line in detail.splitlines() + traceback.format_exc().splitlines()[-4:]:
                print(f"#   {line}", flush=True)

    def note(self, text):
        print(f"# {text}", flush=True)

    def done(self):
        print(f"1..{self.n}", flush=True)
        return 1 if self.failed else 0


def check_message(msg, msg_type=None, parent_id=None):
    """Header fields of the spec, and the jupyter_kernel_test schema where one exists."""
    h = msg["header"]
    for key in ("msg_id", "session", "username", "date", "msg_type", "version"):
        assert key in h, f"header lacks {key}: {h}"
    assert h["version"] == "5.3", h
    if isinstance(h["date"], str):
        assert DATE_RE.match(h["date"]), h["date"]
    else:  # jupyter_client parsed it: it must have carried a zone
        assert h["date"].utcoffset() is not None and not h["date"].utcoffset(), h["date"]
    if msg_type:
        assert h["msg_type"] == msg_type, (h["msg_type"], msg_type)
    if parent_id:
        assert msg["parent_header"].get("msg_id") == parent_id, msg["parent_header"]
    if validate_message and h["msg_type"] not in UNVALIDATED and msg["content"].get("status") != "aborted":
        validate_message(msg, msg_type, parent_id)


def start(name="wick-test"):  # noqa: E302
    return start_new_kernel(kernel_name=name, startup_timeout=30)


def shell_reply(kc, msg_id, timeout=TIMEOUT):
    while True:
        m = kc.get_shell_msg(timeout=timeout)
        if m["parent_header"].get("msg_id") == msg_id:
            return m


def iopub_until_idle(kc, msg_id, timeout=TIMEOUT):
    """The iopub messages of one request, busy first and idle last."""
    out = []
    deadline = time.time() + timeout
    while True:
        m = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        check_message(m, parent_id=msg_id)
        out.append(m)
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return out


def execute(kc, code, timeout=TIMEOUT, **kw):
    """Runs code; returns (reply, iopub messages without the busy/idle pair)."""
    msg_id = kc.execute(code, **kw)
    reply = shell_reply(kc, msg_id, timeout)
    check_message(reply, "execute_reply", msg_id)
    io = iopub_until_idle(kc, msg_id, timeout)
    assert io[0]["msg_type"] == "status" and io[0]["content"]["execution_state"] == "busy", io[0]
    return reply, io[1:-1]


def request(kc, channel, msg_type, content, reply_type, timeout=TIMEOUT):
    """Sends a raw request on shell or control and returns its reply."""
    chan = kc.shell_channel if channel == "shell" else kc.control_channel
    get = kc.get_shell_msg if channel == "shell" else kc.get_control_msg
    msg = kc.session.msg(msg_type, content)
    chan.send(msg)
    deadline = time.time() + timeout
    while True:
        m = get(timeout=max(0.1, deadline - time.time()))
        if m["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
            check_message(m, reply_type, msg["header"]["msg_id"])
            return m


def streams(io, name=None):
    return "".join(m["content"]["text"] for m in io
                   if m["msg_type"] == "stream" and (name is None or m["content"]["name"] == name))


def of_type(io, msg_type):
    return [m for m in io if m["msg_type"] == msg_type]


def drain(kc):
    for get in (kc.get_shell_msg, kc.get_iopub_msg):
        try:
            while True:
                get(timeout=0.2)
        except Exception:
            pass


class RawShell:
    """A DEALER of our own on the shell port: exact bytes in, exact bytes out."""

    def __init__(self, km, kc):
        import zmq
        self.zmq = zmq
        self.session = kc.session
        self.sock = zmq.Context.instance().socket(zmq.DEALER)
        self.sock.linger = 0
        self.sock.connect(km._make_url("shell"))
        time.sleep(0.2)

    def frames(self, msg_type, content=None, key=None, raw_content=None):
        """Serialised frames of a new request, signed with key (default: the session's);
        raw_content replaces the content frame (and is signed)."""
        msg = self.session.msg(msg_type, content or {})
        frames = self.session.serialize(msg)        # [delim, sig, h, p, md, c]
        if raw_content is not None:
            frames[5] = raw_content
            key = self.session.key if key is None else key
        if key is not None:
            import hashlib
            import hmac
            sig = hmac.new(key, digestmod=hashlib.sha256) if key else None
            if sig:
                for part in frames[2:6]:
                    sig.update(part)
            frames[1] = sig.hexdigest().encode() if sig else b""
        return msg["header"]["msg_id"], frames

    def send(self, frames):
        self.sock.send_multipart(frames)

    def recv(self, timeout=2.0):
        """Raw frames of the next reply, or None."""
        if not self.sock.poll(int(timeout * 1000)):
            return None
        return self.sock.recv_multipart()

    def close(self):
        self.sock.close()


def fail_all(message):
    print(f"1..0 # SKIP {message}")
    sys.exit(0)
