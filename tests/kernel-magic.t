#!/usr/bin/python3
# kernel-magic.t — magics, a trailing `;` and IPython's pretty printing of long containers on `wick kernel`, each cell's outputs against tests/kernel/magic.expected.json (written by tests/kernel/regen_magic.py from Debian's python3 kernel), plus %memory's table and ?obj pages (TAP).
import json
import os
import signal
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "kernel"))
try:
    import zmq  # noqa: F401
    import harness as H
    import magic_cells as M
    from jupyter_client.manager import start_new_kernel
except ImportError as e:
    print(f"1..0 # SKIP jupyter_client/pyzmq not installed ({e})")
    sys.exit(0)
if not os.access(H.WICK, os.X_OK):
    print(f"1..0 # SKIP {H.WICK} not built")
    sys.exit(0)

signal.alarm(300)
H.make_kernelspecs()
tap = H.Tap()
expected = M.load()["cells"]
km, kc = start_new_kernel(kernel_name="wick-test", cwd=M.workdir(), startup_timeout=30)


def cell_check(want):
    def check():
        reply, io = H.execute(kc, want["source"])
        got = M.normal(want["source"], reply, io)
        assert got == want["outputs"], f"\nwant {json.dumps(want['outputs'], ensure_ascii=False)[:1200]}" \
                                       f"\ngot  {json.dumps(got, ensure_ascii=False)[:1200]}"
    return check


def current():
    assert [e["source"] for e in expected] == M.CELLS, "cells changed: run tests/kernel/regen_magic.py"


tap.check("the expected outputs are for the current cells", current)
for want in expected:
    tap.check(f"cell {want['source'][:50]!r} as on the python3 kernel", cell_check(want))


def memory_table():
    H.execute(kc, "import torch\nt = torch.ones(256)")
    reply, io = H.execute(kc, "%memory")
    shown = [m for m in io if m["msg_type"] == "display_data"]
    assert reply["content"]["status"] == "ok" and len(shown) == 1, io
    data = shown[0]["content"]["data"]
    head, cpu = data["text/plain"].splitlines()[:2]
    assert head.split() == ["device", "allocated", "reserved", "peak", "allocated", "peak", "reserved"], head
    assert cpu.split()[0] == "cpu" and cpu.split()[1:3] != ["0", "B"], cpu      # the 1 KiB tensor counts
    assert data["text/html"].startswith("<table>") and "<td>cpu</td>" in data["text/html"], data["text/html"]


def help_page():
    reply, io = H.execute(kc, "len?")
    pages = [p for p in reply["content"]["payload"] if p["source"] == "page"]
    assert len(pages) == 1 and "Return the number of items in a container." in pages[0]["data"]["text/plain"], \
        reply["content"]


def whos_tensor():
    reply, io = H.execute(kc, "%whos Tensor")
    text = "".join(m["content"]["text"] for m in io if m["msg_type"] == "stream")
    assert "t          Tensor    256: 256 elems, type `torch.float32`, device `cpu`, 1024 bytes\n" in text, text


def magic_in_block():
    reply, io = H.execute(kc, "for k in range(2):\n    %who int\n")
    text = "".join(m["content"]["text"] for m in io if m["msg_type"] == "stream")
    assert text == "k\t \nk\t \n", repr(text)


tap.check("%memory: a table per device (text and HTML)", memory_table)
tap.check("len?: a page payload with the docstring", help_page)
tap.check("%whos: shape, dtype, device and bytes of a tensor", whos_tensor)
tap.check("a magic inside an indented block", magic_in_block)
kc.stop_channels()
km.shutdown_kernel(now=True)
status = tap.done()
sys.stdout.flush()
os._exit(status)     # no jupyter_client finalizers logging after the interpreter shut logging down
