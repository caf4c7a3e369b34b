#!/usr/bin/python3
# notebooks.t — runs every notebooks/*.ipynb on `wick kernel` with `jupyter nbconvert
# --execute` and compares each code cell's outputs with the ones real Python produced (TAP).
#
# The expected outputs are tests/notebooks/NAME.expected.json, written only by
# tests/notebooks/regen.sh from a run on the python3 kernel (CPython 3.11 + PyTorch);
# wick's output is never stored as an expectation. For each notebook:
#   - it is stored without outputs (outputs saved from a wick session would look like
#     expectations but would prove nothing);
#   - its expectations are current: the code cells' sources equal the ones regen.sh ran;
#   - it runs on wick without an error output;
#   - one test per code cell: its outputs equal the expected ones (stream text per stream
#     name; execute_result/display_data compared by text/plain only; execution counts,
#     metadata and display ids ignored).
#
# Environment: WICK (default build/bin/wick).
import difflib
import json
import os
import shutil
import signal
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "notebooks"))
import nbharness as H  # noqa: E402

WICK = os.path.abspath(os.environ.get("WICK", os.path.join(H.ROOT, "build/bin/wick")))


def skip(why):
    print(f"1..0 # SKIP {why}")
    sys.exit(0)


class Tap:
    n = 0
    failed = 0

    def result(self, ok, name, detail=""):
        self.n += 1
        self.failed += not ok
        print(f"{'ok' if ok else 'not ok'} {self.n} - {name}", flush=True)
        if not ok:
            for line in str(detail).splitlines()[:60]:
                print(f"#   {line}", flush=True)


def render(outputs):
    """Outputs as readable lines: a `[stdout]`/`[execute_result]`... header, then the text."""
    lines = []
    for o in outputs:
        kind, value = next(iter(o.items()))
        body = o["text"] if "stream" in o else f"{value}: {o['evalue']}" if kind == "error" else str(value)
        lines.append(f"[{value if kind == 'stream' else kind}]")
        lines.extend(body.splitlines())
    return lines


def show(want, got):
    diff = difflib.unified_diff(render(want), render(got), "CPython/PyTorch", "wick", lineterm="", n=2)
    return "\n".join(diff)


def check_notebook(tap, jup, path):
    name = os.path.relpath(path, H.ROOT)
    with open(path) as f:
        nb = json.load(f)
    tap.result(not H.has_outputs(nb), f"{name}: stored without outputs",
               "clear them: tests/notebooks/regen.sh " + os.path.basename(path))
    exp_path = H.expected_path(path)
    if not os.path.exists(exp_path):
        tap.result(False, f"{name}: has expected outputs",
                   f"missing {os.path.relpath(exp_path, H.ROOT)}: run tests/notebooks/regen.sh")
        return
    with open(exp_path) as f:
        expected = json.load(f)["cells"]
    sources = [H.text(c["source"]) for c in H.code_cells(nb)]
    stale = [i + 1 for i, (s, e) in enumerate(zip(sources, expected)) if s != e["source"]]
    current = not stale and len(sources) == len(expected)
    tap.result(current, f"{name}: expected outputs are current",
               f"code cells changed since regen.sh ran (cells {stale or 'count'}): "
               "run tests/notebooks/regen.sh " + os.path.basename(path))
    if not current:
        return
    executed, err = jup.execute(path)
    if executed is None:
        tap.result(False, f"{name}: executes with nbconvert", err)
        return
    ran = H.code_cells(executed)
    errors = [o for c in ran for o in c["outputs"] if o["output_type"] == "error"]
    tap.result(not errors, f"{name}: executes without error outputs",
               "\n".join(f"{o['ename']}: {o['evalue']}" for o in errors))
    for i, (want, got) in enumerate(zip(expected, ran)):
        first = want["source"].strip().splitlines()[:1] or [""]
        label = f"{name}: cell {i + 1} ({first[0][:40]}) outputs as in CPython"
        g = H.normal(got["outputs"])
        tap.result(want["outputs"] == g, label, show(want["outputs"], g) or f"want: {want['outputs']!r}\ngot:  {g!r}")


def main():
    signal.alarm(900)
    if not shutil.which("jupyter-nbconvert"):
        skip("jupyter-nbconvert not installed (Debian: jupyter-nbconvert python3-nbclient)")
    try:
        import nbformat  # noqa: F401
    except ImportError:
        skip("nbformat not installed (Debian: python3-nbformat)")
    if not os.access(WICK, os.X_OK):
        skip(f"{WICK} not built")
    paths = H.notebooks()
    if not paths:
        skip("no notebooks")
    jup = H.Jupyter([WICK, "kernel"], "wick (under test)")
    tap = Tap()
    try:
        for path in paths:
            check_notebook(tap, jup, path)
    finally:
        jup.close()
    print(f"1..{tap.n}")
    return 1 if tap.failed else 0


sys.exit(main())
