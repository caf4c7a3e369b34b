#!/usr/bin/python3
# repl.t — drives the REPL through a pseudo-terminal (pexpect) and prints TAP.
import os
import sys
import tempfile

import pexpect

WICK = os.path.abspath(os.environ.get("WICK", "build/bin/wick"))
TIMEOUT = 10
results = []


def check(name, fn):
    try:
        fn()
        results.append((True, name, ""))
    except Exception as e:  # a failed expectation is a failed test, not a crash
        results.append((False, name, f"{type(e).__name__}: {str(e)[:600]}"))


home = tempfile.mkdtemp(prefix="wick-repl-")
env = dict(os.environ, HOME=home, TERM="dumb")
child = pexpect.spawn(WICK, [], env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 200))


def prompt():
    child.expect_exact(">>> ")


def run(line, expect=None):
    child.sendline(line)
    if expect is not None:
        child.expect_exact(expect)
    prompt()


def t_banner():
    child.expect("wick [0-9.]+")
    prompt()


def t_expression_echo():
    run("6 * 7", "42")


def t_none_not_echoed():
    child.sendline("None")
    child.expect_exact(">>> ")
    assert "None" not in child.before.replace("None\r\n", "", 1), repr(child.before)


def t_multiline_block():
    child.sendline("def twice(x):")
    child.expect_exact("... ")
    child.sendline("    return x * 2")
    child.expect_exact("... ")
    child.sendline("")
    prompt()
    run("twice(21)", "42")


def t_error_then_recovery():
    child.sendline("1 / 0")
    child.expect_exact("ZeroDivisionError: division by zero")
    prompt()
    run("1 + 1", "2")


def t_completion():
    run("longish_variable_name = 5")
    child.send("longish_var\t")
    child.sendline("")
    child.expect_exact("5")
    prompt()


def t_ctrl_c_interrupts_loop():
    child.sendline("while True: pass")
    child.expect_exact("... ")
    child.sendline("")
    import time
    time.sleep(0.5)
    child.sendintr()
    child.expect_exact("KeyboardInterrupt")
    prompt()
    run("'alive'", "'alive'")


def t_ctrl_c_cancels_line():
    child.send("this line is abandoned")
    child.expect_exact("abandoned")   # readline has the text (echoed) before the interrupt
    child.sendintr()
    child.expect_exact("KeyboardInterrupt")
    prompt()
    run("3 + 4", "7")


def t_history_recall():
    run("'recall-me'", "'recall-me'")
    child.send("\x1b[A")   # up arrow
    child.sendline("")
    child.expect_exact("'recall-me'")
    prompt()


def t_ctrl_d_exits():
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, f"exit status {child.exitstatus}"


def t_history_persisted():
    with open(os.path.join(home, ".wick_history")) as f:
        text = f.read()
    assert "twice(21)" in text, text[:200]


tests = [t_banner, t_expression_echo, t_none_not_echoed, t_multiline_block,
         t_error_then_recovery, t_completion, t_ctrl_c_interrupts_loop,
         t_ctrl_c_cancels_line, t_history_recall, t_ctrl_d_exits, t_history_persisted]
for t in tests:
    check(t.__name__[2:], t)

print(f"1..{len(results)}")
for i, (ok, name, why) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    for line in why.splitlines():
        print(f"# {line}")
sys.exit(0)
