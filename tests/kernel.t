#!/usr/bin/python3
# kernel.t — drives `wick kernel` through jupyter_client (protocol 5.3) and prints TAP.
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "kernel"))
try:
    import zmq  # noqa: F401
    import harness as H
except ImportError as e:
    print(f"1..0 # SKIP jupyter_client/pyzmq not installed ({e})")
    sys.exit(0)

signal.alarm(600)   # a hung kernel fails the run instead of blocking `make test`

try:
    probe = subprocess.run([H.WICK, "kernel"], capture_output=True, text=True, timeout=10).stderr
except (OSError, subprocess.TimeoutExpired) as e:
    probe = str(e)
if "usage: wick kernel" not in probe:
    H.fail_all(f"{H.WICK} has no `kernel` command yet")

H.make_kernelspecs()
tap = H.Tap()
t0 = time.time()
km, kc = H.start()
tap.note(f"start_new_kernel took {time.time() - t0:.3f} s")


# ---------------------------------------------------------------- kernel_info, messages

def kernel_info():
    msg_id = kc.kernel_info()
    reply = H.shell_reply(kc, msg_id)
    H.check_message(reply, "kernel_info_reply", msg_id)
    c = reply["content"]
    assert c["status"] == "ok" and c["protocol_version"] == "5.3" and c["implementation"] == "wick", c
    li = c["language_info"]
    assert (li["name"], li["mimetype"], li["file_extension"], li["pygments_lexer"], li["codemirror_mode"]) == \
        ("wick", "text/x-python", ".py", "python3", "python"), li
    assert c["banner"] and c["help_links"], c
    io = H.iopub_until_idle(kc, msg_id)
    assert [m["content"]["execution_state"] for m in io] == ["busy", "idle"], io


def raw_wire_format():
    raw = H.RawShell(km, kc)
    try:
        msg_id, frames = raw.frames("kernel_info_request")
        raw.send(frames)
        got = raw.recv()
        assert got and got[0] == b"<IDS|MSG>", got
        header = json.loads(got[2])
        assert H.DATE_RE.match(header["date"]), header["date"]
        assert header["version"] == "5.3" and header["msg_type"] == "kernel_info_reply", header
        assert json.loads(got[3])["msg_id"] == msg_id
        import hashlib
        import hmac
        mac = hmac.new(kc.session.key, digestmod=hashlib.sha256)
        for part in got[2:6]:
            mac.update(part)
        assert got[1].decode() == mac.hexdigest(), "signature mismatch"
    finally:
        raw.close()


def bad_signatures_dropped():
    raw = H.RawShell(km, kc)
    try:
        cases = [raw.frames("kernel_info_request", key=b"not the key")[1],       # forged
                 raw.frames("kernel_info_request", key=b"")[1],                  # unsigned
                 [b"garbage"],                                                   # no delimiter
                 [b"<IDS|MSG>", b"x", b"{}"],                                    # too short
                 raw.frames("kernel_info_request", raw_content=b"\xff{not json")[1],  # bad JSON
                 raw.frames("kernel_info_request", raw_content=b"[1, 2]")[1]]          # not an object
        for frames in cases:
            raw.send(frames)
            assert raw.recv(timeout=0.5) is None, f"answered {frames[:2]}"
        msg_id, good = raw.frames("kernel_info_request")
        raw.send(good)
        got = raw.recv()
        assert got and json.loads(got[3])["msg_id"] == msg_id, "good message not answered"
        raw.send(good)                                                           # replay
        assert raw.recv(timeout=0.5) is None, "replayed message answered"
    finally:
        raw.close()
    H.drain(kc)


def second_client_routing():
    from jupyter_client import BlockingKernelClient
    kc2 = BlockingKernelClient(connection_file=km.connection_file)   # its own session id
    kc2.load_connection_file()
    kc2.start_channels()
    try:
        id1, id2 = kc.kernel_info(), kc2.kernel_info()
        assert H.shell_reply(kc2, id2)["parent_header"]["msg_id"] == id2
        assert H.shell_reply(kc, id1)["parent_header"]["msg_id"] == id1
    finally:
        kc2.stop_channels()
    H.drain(kc)


tap.check("kernel_info_reply: language_info, protocol 5.3, busy/idle", kernel_info)
tap.check("wire format: header date with microseconds and Z, hex HMAC over 4 frames", raw_wire_format)
tap.check("forged, unsigned, malformed and replayed messages are dropped", bad_signatures_dropped)
tap.check("replies are routed to the client that asked", second_client_routing)


# ---------------------------------------------------------------- execute

counter = {"n": 0}


def hello_and_result():
    reply, io = H.execute(kc, "print('hello, world')\n1+1")
    counter["n"] += 1
    c = reply["content"]
    assert c["status"] == "ok" and c["execution_count"] == counter["n"], c
    types = [m["msg_type"] for m in io]
    assert types == ["execute_input", "stream", "execute_result"], types
    assert io[0]["content"] == {"code": "print('hello, world')\n1+1", "execution_count": counter["n"]}
    assert H.streams(io, "stdout") == "hello, world\n", io
    res = io[2]["content"]
    assert res["data"] == {"text/plain": "2"} and res["execution_count"] == counter["n"], res


def stderr_order():
    code = "import sys\nprint('a')\nprint('b', file=sys.stderr)\nprint('c')"
    reply, io = H.execute(kc, code)
    counter["n"] += 1
    got = [(m["content"]["name"], m["content"]["text"]) for m in H.of_type(io, "stream")]
    assert got == [("stdout", "a\n"), ("stderr", "b\n"), ("stdout", "c\n")], got


def error_traceback():
    reply, io = H.execute(kc, "1/0", stop_on_error=False)
    counter["n"] += 1
    c = reply["content"]
    assert c["status"] == "error" and c["ename"] == "ZeroDivisionError", c
    assert c["evalue"] == "division by zero" and c["execution_count"] == counter["n"], c
    errs = H.of_type(io, "error")
    assert len(errs) == 1 and [m["msg_type"] for m in io] == ["execute_input", "error"], io
    tb = errs[0]["content"]["traceback"]
    assert isinstance(tb, list) and tb and all("\n" not in line for line in tb), tb
    assert tb[-1] == "ZeroDivisionError: division by zero", tb


def silent_and_store_history():
    reply, io = H.execute(kc, "print('quiet')\n1+1", silent=True)
    assert reply["content"]["status"] == "ok" and reply["content"]["execution_count"] == counter["n"]
    assert io == [], io
    reply, io = H.execute(kc, "2+2", store_history=False)
    assert reply["content"]["execution_count"] == counter["n"], reply["content"]
    assert H.of_type(io, "execute_result")[0]["content"]["data"]["text/plain"] == "4"
    reply, io = H.execute(kc, "3+3")
    counter["n"] += 1
    assert reply["content"]["execution_count"] == counter["n"], reply["content"]


def user_expressions():
    reply, _ = H.execute(kc, "x = 1", user_expressions={"a": "1+1"})
    counter["n"] += 1
    ue = reply["content"]["user_expressions"]
    assert ue["a"]["status"] == "ok" and ue["a"]["data"]["text/plain"] == "2", ue


def stop_on_error_aborts():
    first = kc.execute("import time\ntime.sleep(1)\n1/0")
    second = kc.execute("1+1")
    r1 = H.shell_reply(kc, first)
    r2 = H.shell_reply(kc, second)
    counter["n"] += 1
    assert r1["content"]["status"] == "error", r1["content"]
    assert r2["content"]["status"] == "aborted", r2["content"]
    H.drain(kc)
    reply, _ = H.execute(kc, "1+1")              # later requests run again
    counter["n"] += 1
    assert reply["content"]["status"] == "ok"


def large_output():
    t = time.time()
    reply, io = H.execute(kc, "for i in range(100000): print(i)", timeout=60)
    counter["n"] += 1
    text = H.streams(io, "stdout")
    assert text == "".join(f"{i}\n" for i in range(100000)), f"{len(text)} chars"
    tap.note(f"100000 lines in {len(H.of_type(io, 'stream'))} stream messages, {time.time() - t:.2f} s")


tap.check("execute: busy, execute_input, stream, execute_result, reply, idle", hello_and_result)
tap.check("stdout/stderr stream order is kept", stderr_order)
tap.check("error: iopub error + error reply with traceback lines", error_traceback)
tap.check("silent and store_history=False do not count", silent_and_store_history)
tap.check("user_expressions are evaluated", user_expressions)
tap.check("stop_on_error aborts the queued execute_request", stop_on_error_aborts)
tap.check("100000 lines of output arrive complete before idle", large_output)


# ---------------------------------------------------------------- stdin

def stdin_input():
    msg_id = kc.execute("print('got:' + input('name? '))", allow_stdin=True)
    req = kc.get_stdin_msg(timeout=H.TIMEOUT)
    kc.input("bob")                      # first, so a failed check leaves no cell waiting
    H.check_message(req, "input_request", msg_id)
    assert req["content"] == {"prompt": "name? ", "password": False}, req["content"]
    reply = H.shell_reply(kc, msg_id)
    io = H.iopub_until_idle(kc, msg_id)
    counter["n"] += 1
    assert reply["content"]["status"] == "ok", reply["content"]
    assert H.streams(io) == "got:bob\n", io


def stdin_refused():
    reply, _ = H.execute(kc, "print('got:' + input('name? '))", allow_stdin=False, stop_on_error=False)
    counter["n"] += 1
    assert reply["content"]["status"] == "error", reply["content"]


tap.check("input(): input_request on stdin, input_reply", stdin_input)
tap.check("input() with allow_stdin=False fails at once", stdin_refused)


# ---------------------------------------------------------------- completion, inspection, history

def is_complete():
    cases = [("x = 1", "complete"), ("for i in range(3):", "incomplete"), ("x = )", "invalid")]
    for code, want in cases:
        msg_id = kc.is_complete(code)
        r = H.shell_reply(kc, msg_id)
        H.check_message(r, "is_complete_reply", msg_id)
        assert r["content"]["status"] == want, (code, r["content"])
        if want == "incomplete":
            assert r["content"]["indent"] == "    ", r["content"]


def complete():
    for code, start in (("pri", 0), ("# é\npri", 4)):
        msg_id = kc.complete(code)
        r = H.shell_reply(kc, msg_id)
        H.check_message(r, "complete_reply", msg_id)
        c = r["content"]
        assert "print" in c["matches"], c
        assert (c["cursor_start"], c["cursor_end"]) == (start, len(code)), c


def complete_cursor_out_of_range():
    msg_id = kc.complete("pri", cursor_pos=99)
    c = H.shell_reply(kc, msg_id)["content"]
    assert c["status"] == "ok" and c["cursor_end"] <= 3, c


def inspect():
    msg_id = kc.inspect("print", 5)
    r = H.shell_reply(kc, msg_id)
    H.check_message(r, "inspect_reply", msg_id)
    assert r["content"]["found"] and r["content"]["data"]["text/plain"], r["content"]


def history():
    for code in ("40+2", "40+3", "40+2"):
        H.execute(kc, code)
        counter["n"] += 1
    msg_id = kc.history(hist_access_type="tail", n=3, output=False, raw=True)
    h = H.shell_reply(kc, msg_id)["content"]["history"]
    assert [e[2] for e in h] == ["40+2", "40+3", "40+2"], h
    assert [e[1] for e in h] == [counter["n"] - 2, counter["n"] - 1, counter["n"]], h
    session, line = h[0][0], h[0][1]
    msg_id = kc.history(hist_access_type="tail", n=1, output=True, raw=True)
    h = H.shell_reply(kc, msg_id)["content"]["history"]
    assert h[0][2] == ["40+2", "42"], h
    msg_id = kc.history(hist_access_type="range", session=session, start=line, stop=line + 1, raw=True, output=False)
    h = H.shell_reply(kc, msg_id)["content"]["history"]
    assert len(h) == 1 and h[0][:2] == [session, line], h
    for kw, count in (({}, 2), ({"unique": True}, 1), ({"n": 1}, 1)):
        msg_id = kc.history(hist_access_type="search", pattern="40+2", raw=True, output=False, **kw)
        h = H.shell_reply(kc, msg_id)["content"]["history"]
        assert len(h) == count, (kw, h)


tap.check("is_complete: complete, incomplete with indent, invalid", is_complete)
tap.check("complete: matches and code-point cursor positions", complete)
tap.check("complete: cursor_pos past the end is clamped", complete_cursor_out_of_range)
tap.check("inspect: docstring as text/plain", inspect)
tap.check("history: tail, output, range, search with unique and n", history)


# ---------------------------------------------------------------- comms, control, unknown

def comms():
    r = H.request(kc, "shell", "comm_info_request", {}, "comm_info_reply")
    assert r["content"] == {"status": "ok", "comms": {}}, r["content"]
    msg = kc.session.msg("comm_open", {"comm_id": "c0ffee", "target_name": "nope", "data": {}})
    kc.shell_channel.send(msg)
    io = H.iopub_until_idle(kc, msg["header"]["msg_id"])
    closes = H.of_type(io, "comm_close")
    assert len(closes) == 1 and closes[0]["content"]["comm_id"] == "c0ffee", io


def control_channel():
    r = H.request(kc, "control", "kernel_info_request", {}, "kernel_info_reply")
    assert r["content"]["status"] == "ok"
    r = H.request(kc, "control", "execute_request", {"code": "1+1"}, "execute_reply")
    assert r["content"]["status"] == "error", r["content"]
    H.drain(kc)


def unknown_type():
    msg = kc.session.msg("no_such_request", {})
    kc.shell_channel.send(msg)
    io = H.iopub_until_idle(kc, msg["header"]["msg_id"])
    assert [m["content"]["execution_state"] for m in io] == ["busy", "idle"], io
    reply, _ = H.execute(kc, "1+1")
    counter["n"] += 1
    assert reply["content"]["status"] == "ok"


def heartbeat_during_work():
    import zmq
    hb = zmq.Context.instance().socket(zmq.REQ)
    hb.linger = 0
    hb.connect(km._make_url("hb"))
    msg_id = kc.execute("import time\ntime.sleep(3)")
    time.sleep(0.3)
    try:
        for i in range(3):
            hb.send(b"ping %d" % i)
            assert hb.poll(1000), "no heartbeat during a computation"
            assert hb.recv() == b"ping %d" % i
    finally:
        hb.close()
    assert H.shell_reply(kc, msg_id)["content"]["status"] == "ok"
    counter["n"] += 1
    H.drain(kc)


tap.check("comm_info is empty; comm_open for an unknown target gets comm_close", comms)
tap.check("control: kernel_info served, execute refused with an error reply", control_channel)
tap.check("unknown message type: busy/idle, no reply, kernel alive", unknown_type)
tap.check("heartbeat answers during a long computation", heartbeat_during_work)


# ---------------------------------------------------------------- interrupts, signals

def interrupt(manager, client):
    msg_id = client.execute("while True: pass")
    time.sleep(0.5)
    t = time.time()
    manager.interrupt_kernel()
    reply = H.shell_reply(client, msg_id, timeout=5)
    elapsed = time.time() - t
    assert reply["content"]["status"] == "error", reply["content"]
    assert reply["content"]["ename"] == "KeyboardInterrupt", reply["content"]
    assert elapsed < 1.0, f"interrupt took {elapsed:.2f} s"
    H.drain(client)
    reply, io = H.execute(client, "1+1")
    assert reply["content"]["status"] == "ok" and manager.is_alive()


def sigint_while_idle():
    os.kill(km.provisioner.process.pid, signal.SIGINT)
    time.sleep(0.3)
    reply, io = H.execute(kc, "1+1")
    assert reply["content"]["status"] == "ok" and km.is_alive(), reply["content"]


tap.check("interrupt (signal mode) stops `while True: pass` within 1 s", interrupt, km, kc)
tap.check("SIGINT while idle is harmless", sigint_while_idle)
km2, kc2 = H.start("wick-test-msg")
tap.check("interrupt (message mode) stops `while True: pass` within 1 s", interrupt, km2, kc2)


# ---------------------------------------------------------------- shutdown, lifetime

def wait_exit(proc, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            return proc.returncode
        time.sleep(0.05)
    raise AssertionError("kernel still running")


def shutdown_control(manager, client):
    r = H.request(client, "control", "shutdown_request", {"restart": False}, "shutdown_reply")
    assert r["content"] == {"status": "ok", "restart": False}, r["content"]
    assert wait_exit(manager.provisioner.process, 3) == 0


def shutdown_shell_restart():
    k3, c3 = H.start()
    try:
        r = H.request(c3, "shell", "shutdown_request", {"restart": True}, "shutdown_reply")
        assert r["content"] == {"status": "ok", "restart": True}, r["content"]
        assert wait_exit(k3.provisioner.process, 3) == 0
    finally:
        c3.stop_channels()
        k3.shutdown_kernel(now=True)


def restart_kernel():
    km2.restart_kernel(now=False)
    kc2.wait_for_ready(timeout=30)
    reply, io = H.execute(kc2, "1+1")
    assert reply["content"]["execution_count"] == 1, reply["content"]


def parent_death():
    d = tempfile.mkdtemp(prefix="wick-orphan-")
    conn = os.path.join(d, "conn.json")
    with open(conn, "w") as f:
        json.dump({"transport": "tcp", "ip": "127.0.0.1", "key": "k", "signature_scheme": "hmac-sha256",
                   "shell_port": 0, "iopub_port": 0, "stdin_port": 0, "control_port": 0, "hb_port": 0}, f)
    pidfile = os.path.join(d, "pid")
    parent = subprocess.Popen(["sh", "-c", f'JPY_PARENT_PID=$$ "$0" kernel -f "$1" & echo $! > "$2"; sleep 1',
                               H.WICK, conn, pidfile], stderr=subprocess.DEVNULL)
    parent.wait(5)
    pid = int(open(pidfile).read())
    ports = json.load(open(conn))
    assert all(ports[p] > 0 for p in ("shell_port", "hb_port")), ports       # port 0 written back
    deadline = time.time() + 5
    while time.time() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    raise AssertionError("kernel outlived its parent")


def round_trip_timing():
    """Kernel-side latencies measured with raw sockets (jupyter_client adds milliseconds)."""
    import zmq
    raw = H.RawShell(km, kc)
    sub = zmq.Context.instance().socket(zmq.SUB)
    sub.linger = 0
    sub.setsockopt(zmq.SUBSCRIBE, b"")
    sub.connect(km._make_url("iopub"))
    time.sleep(0.3)

    def once():
        msg_id, frames = raw.frames("execute_request", {"code": "1+1", "silent": False, "store_history": True,
                                                        "user_expressions": {}, "allow_stdin": False})
        raw.send(frames)
        assert raw.recv(5) is not None
        while True:
            f = sub.recv_multipart()
            if b'"idle"' in f[-1] and msg_id.encode() in f[-3]:
                return
    try:
        for _ in range(20):
            once()
        t = time.perf_counter()
        for _ in range(200):
            once()
        tap.note(f"execute round trip of 1+1 (to idle): {(time.perf_counter() - t) * 1000 / 200:.2f} ms")
    finally:
        sub.close()
        raw.close()
    counter["n"] += 220
    tap.note(f"start to kernel_info_reply: {start_latency() * 1000:.1f} ms")


def start_latency():
    import zmq
    d = tempfile.mkdtemp(prefix="wick-start-")
    conn = os.path.join(d, "conn.json")
    ports = []
    for _ in range(5):
        s = zmq.Context.instance().socket(zmq.ROUTER)
        ports.append(s.bind_to_random_port("tcp://127.0.0.1"))
        s.close()
    info = dict(zip(("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"), ports),
                transport="tcp", ip="127.0.0.1", key="secret", signature_scheme="hmac-sha256")
    json.dump(info, open(conn, "w"))
    from jupyter_client.session import Session
    session = Session(key=b"secret")
    dealer = zmq.Context.instance().socket(zmq.DEALER)
    dealer.linger = 0
    dealer.setsockopt(zmq.RECONNECT_IVL, 2)     # the default 100 ms retry would dominate
    dealer.connect(f"tcp://127.0.0.1:{info['shell_port']}")
    t = time.perf_counter()
    proc = subprocess.Popen([H.WICK, "kernel", "-f", conn], stderr=subprocess.DEVNULL)
    session.send(dealer, "kernel_info_request", {})
    try:
        assert dealer.poll(10000), "no kernel_info_reply"
        elapsed = time.perf_counter() - t
        dealer.recv_multipart()
    finally:
        dealer.close()
        proc.kill()
        proc.wait()
    return elapsed


def ipc_transport():
    from jupyter_client import KernelManager
    k4 = KernelManager(kernel_name="wick-test", transport="ipc",
                       ip=os.path.join(tempfile.mkdtemp(prefix="wick-ipc-"), "k"))
    k4.start_kernel()
    c4 = k4.client()
    c4.start_channels()
    try:
        c4.wait_for_ready(timeout=30)
        reply, io = H.execute(c4, "print('over ipc')")
        assert H.streams(io) == "over ipc\n", io
    finally:
        c4.stop_channels()
        k4.shutdown_kernel(now=True)


def shutdown_while_running():
    k5, c5 = H.start("wick-test-msg")
    try:
        c5.execute("while True: pass")
        time.sleep(0.3)
        r = H.request(c5, "control", "shutdown_request", {"restart": False}, "shutdown_reply")
        assert r["content"]["status"] == "ok"
        assert wait_exit(k5.provisioner.process, 3) == 0
    finally:
        c5.stop_channels()
        k5.shutdown_kernel(now=True)


tap.check("ipc transport", ipc_transport)
tap.check("shutdown_request on control while a cell runs", shutdown_while_running)
tap.check("timing (diagnostics only)", round_trip_timing)
tap.check("shutdown_request on control: reply then exit 0", shutdown_control, km, kc)
tap.check("shutdown_request on shell echoes restart=True and exits", shutdown_shell_restart)
tap.check("restart through the manager gives a fresh kernel", restart_kernel)
tap.check("kernel exits when JPY_PARENT_PID dies; port 0 written back", parent_death)

for m, c in ((km, kc), (km2, kc2)):
    c.stop_channels()
    m.shutdown_kernel(now=True)


# ---------------------------------------------------------------- jupyter_kernel_test

def conformance():
    """Each test of the standard suite as one TAP line (its own kernel)."""
    try:
        import unittest
        import test_conformance
    except ImportError as e:
        tap.note(f"SKIP jupyter_kernel_test: {e}")
        return

    class Result(unittest.TestResult):
        def __init__(self):
            super().__init__()
            self.outcome = {}

        def _fail(self, test, err):
            self.outcome.setdefault(test.id().split(".")[-1], []).append(self._exc_info_to_string(err, test))

        addError = addFailure = _fail

        def addSubTest(self, test, subtest, err):
            if err is not None:
                self._fail(test, err)

        def addSkip(self, test, reason):
            self.outcome.setdefault(test.id().split(".")[-1], None)

        def addSuccess(self, test):
            self.outcome.setdefault(test.id().split(".")[-1], [])

    result = Result()
    unittest.defaultTestLoader.loadTestsFromTestCase(test_conformance.WickKernelTests).run(result)
    for err in result.errors + result.failures:     # setUpClass/tearDownClass problems
        result.outcome.setdefault(str(err[0]), []).append(err[1])
    for name, errs in sorted(result.outcome.items()):
        if errs is None:
            tap.note(f"jupyter_kernel_test {name}: skipped (attribute not set)")
            continue

        def check(errs=errs):
            assert not errs, "\n".join(errs)[-1200:]
        tap.check(f"jupyter_kernel_test {name}", check)


conformance()
sys.exit(tap.done())
