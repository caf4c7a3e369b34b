#!/usr/bin/python3
# console.t — terminal front ends through a pseudo-terminal (pexpect), TAP: jupyter-console on `wick kernel` (a multi-line `for` block through is_complete, a magic) and the magics in wick's own REPL.
#
# Expected texts are IPython's (jupyter-console 6.4 on Debian's ipykernel prints the same
# for these inputs); timings are checked by their format only. jupyter-console missing
# (Debian: jupyter-console): its tests are skipped, the REPL's still run.
# Environment: WICK (default build/bin/wick).
import os
import re
import shutil
import signal
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "kernel"))
WICK = os.path.abspath(os.environ.get("WICK", os.path.join(ROOT, "build/bin/wick")))
os.environ["WICK"] = WICK
try:
    import pexpect
except ImportError:
    print("1..0 # SKIP pexpect not installed (Debian: python3-pexpect)")
    sys.exit(0)
if not os.access(WICK, os.X_OK):
    print(f"1..0 # SKIP {WICK} not built")
    sys.exit(0)

signal.alarm(300)
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]")
E = r"(?:\x1b\[[0-9;?]*[A-Za-z])*"   # colour codes prompt_toolkit puts inside prompts
TIME_RE = r"[0-9.]+(?:e[+-]\d+)? (?:s|ms|µs|ns)"


class Tap:
    def __init__(self):
        self.n = self.failed = 0

    def check(self, name, fn, skip=None):
        self.n += 1
        if skip:
            print(f"ok {self.n} - {name} # SKIP {skip}", flush=True)
            return
        try:
            fn()
            print(f"ok {self.n} - {name}", flush=True)
        except Exception as e:  # a failed expectation is a failed test, not a crash
            self.failed += 1
            print(f"not ok {self.n} - {name}", flush=True)
            for line in f"{type(e).__name__}: {e}"[:1500].splitlines():
                print(f"#   {line}", flush=True)


tap = Tap()
home = tempfile.mkdtemp(prefix="wick-console-")


def clean(text):
    return ANSI.sub("", text).replace("\r", "")


# ---------------------------------------------------------------- jupyter-console

def console_prompt(n):
    return r"In " + E + r"\[" + E + str(n) + E + r"\]: "


class Console:
    child = None

    def start(self):
        import harness as H
        H.make_kernelspecs()
        env = dict(os.environ, TERM="xterm", HOME=home)
        self.child = pexpect.spawn("jupyter-console", ["--kernel", "wick-test", "--no-confirm-exit"], env=env,
                                   encoding="utf-8", timeout=30, dimensions=(40, 120))
        self.child.expect(console_prompt(1))
        assert "wick" in clean(self.child.before), clean(self.child.before)

    def for_block(self):
        c = self.child
        c.send("for i in range(3):\r")
        c.expect(r"\.\.\.: " + E)        # is_complete said incomplete: a continuation line
        c.send("print(i * 10)\r")        # the kernel's indent was inserted before it
        c.expect(r"\.\.\.: " + E)
        c.send("\r")                     # a blank last line: complete, it runs
        c.expect(console_prompt(2))
        out = clean(c.before)
        assert "    print(i * 10)" in out, repr(out)
        assert re.search(r"\n0\n10\n20\n", out), repr(out)

    def magic(self):
        self.child.send("%who\r")
        self.child.expect(console_prompt(3))
        assert "i\t \n" in clean(self.child.before), repr(clean(self.child.before))

    def stop(self):
        if not self.child:
            return
        self.child.sendcontrol("d")
        try:
            self.child.expect(pexpect.EOF, timeout=15)
        except pexpect.TIMEOUT:
            self.child.terminate(force=True)


console = Console()
why = None if shutil.which("jupyter-console") else "jupyter-console not installed (Debian: jupyter-console)"
tap.check("jupyter-console starts on wick kernel and shows its banner", console.start, why)
if not why and not console.child:
    why = "jupyter-console did not start"
tap.check("jupyter-console: a multi-line for block through is_complete", console.for_block, why)
tap.check("jupyter-console: %who", console.magic, why)
console.stop()

# ---------------------------------------------------------------- the REPL's magics

workdir = tempfile.mkdtemp(prefix="wick-magic-")
with open(os.path.join(workdir, "script.py"), "w") as f:
    f.write("a = 1\nb = [a] * 2\n")
repl = pexpect.spawn(WICK, [], env=dict(os.environ, HOME=home, TERM="dumb"), cwd=workdir, encoding="utf-8",
                     timeout=30, dimensions=(40, 200))
repl.expect_exact(">>> ")


def run(line):
    """Output of one line at the REPL (echo removed)."""
    repl.sendline(line)
    repl.expect(r"(>>> |\.\.\. )")
    out = clean(repl.before)
    return out[len(line) + 1:] if out.startswith(line + "\n") else out


def who():
    assert run("%who") == "Interactive namespace is empty.\n"
    run("x = 5")
    run("name = 'wick'")
    assert run("%who") == "name\t x\t \n"
    assert run("%who int") == "x\t \n"
    assert run("%who float") == "No variables match your requested type.\n"


def whos():
    out = run("%whos")
    assert out == ("Variable   Type    Data/Info\n----------------------------\n"
                   "name       str     wick\nx          int     5\n"), repr(out)


def whos_tensor():
    run("import torch")
    run("t = torch.zeros(2, 3)")
    out = run("%whos Tensor")
    assert "t          Tensor    2x3: 6 elems, type `torch.float32`, device `cpu`, 24 bytes\n" in out, repr(out)
    run("del t, torch")


def time_magic():
    out = run("%time x * 7")
    assert re.fullmatch(f"CPU times: user {TIME_RE}, sys: {TIME_RE}, total: {TIME_RE}\nWall time: {TIME_RE}\n35\n",
                        out), repr(out)


def timeit_magic():
    out = run("%timeit -n 20 -r 3 x + 1")
    assert re.search(f"^{TIME_RE} ± {TIME_RE} per loop \\(mean ± std. dev. of 3 runs, 20 loops each\\)\n$", out,
                     re.M), repr(out)
    out = run("%timeit -r 2 sum(range(10))")      # auto-ranging: a power of ten loops
    assert re.search(f"^{TIME_RE} ± {TIME_RE} per loop \\(mean ± std. dev. of 2 runs, 1(?:0|00|,000)* loops? each\\)\n$",
                     out, re.M), repr(out)


def usage_error():
    assert run("%foo") == "UsageError: Line magic function `%foo` not found.\n"
    repl.sendline("%%foo")                     # a cell magic lasts until a blank line
    repl.expect_exact("... ")
    assert run("") == "UsageError: Cell magic `%%foo` not found.\n"


def help_magic():
    assert run("nosuchname?") == "Object `nosuchname` not found.\n"
    out = run("?len")
    assert "Return the number of items in a container." in out, repr(out)


def memory():
    out = run("%memory")
    lines = out.splitlines()
    assert lines[0].split() == ["device", "allocated", "reserved", "peak", "allocated", "peak", "reserved"], out
    assert lines[1].startswith("cpu "), out


def run_and_load():
    assert run("%run script.py") == ""
    assert run("b") == "[1, 1]\n"
    assert run("%load script.py") == ""
    repl.sendline("")                           # the file's text is the next line's
    repl.expect_exact(">>> ")
    assert run("a + len(b)") == "3\n"


def reset_and_history():
    run("%reset -f")
    assert run("%who") == "Interactive namespace is empty.\n"
    out = run("%history -n 1-2")
    assert out == "   1: %who\n   2: x = 5\n", repr(out)


def for_block_with_magic():
    repl.sendline("for k in range(2):")
    repl.expect_exact("... ")
    repl.sendline("    %who int")
    repl.expect_exact("... ")
    out = run("")
    assert out.count("k\t \n") == 2, repr(out)


for name, fn in [("REPL %who", who), ("REPL %whos", whos), ("REPL %whos of a tensor", whos_tensor),
                 ("REPL %time returns the value", time_magic), ("REPL %timeit format", timeit_magic),
                 ("REPL unknown magic: UsageError", usage_error), ("REPL ?obj / obj?", help_magic),
                 ("REPL %memory table", memory), ("REPL %run and %load", run_and_load),
                 ("REPL %reset -f and %history", reset_and_history),
                 ("REPL magic inside a for block", for_block_with_magic)]:
    tap.check(name, fn)
repl.sendeof()
print(f"1..{tap.n}")
sys.exit(1 if tap.failed else 0)
