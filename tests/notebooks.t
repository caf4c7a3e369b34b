#!/usr/bin/python3
# notebooks.t — executes every notebooks/*.ipynb with `jupyter nbconvert --execute` on `wick kernel` and compares the outputs with the ones saved in the notebook (TAP).
#
# For each notebook: one test that it ran without an error output, and one per code cell
# that its outputs equal the saved ones (stream text per stream name, and the data of
# execute_result/display_data; execution counts, metadata and display ids are ignored).
# A cell tagged `nbval-ignore-output` is run but not compared.
#
# Environment: WICK (default build/bin/wick); WICK_NOTEBOOKS_UPDATE=1 writes the fresh
# outputs back into notebooks/ instead of comparing (review the diff before committing).
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WICK = os.path.abspath(os.environ.get("WICK", "build/bin/wick"))
KERNEL = "wick-notebook-test"
TIMEOUT = 120


def skip(why):
    print(f"1..0 # SKIP {why}")
    sys.exit(0)


def setup():
    """A private JUPYTER_PATH with one kernelspec for the wick under test."""
    if not shutil.which("jupyter-nbconvert"):
        skip("jupyter-nbconvert not installed (Debian: jupyter-nbconvert python3-nbclient)")
    try:
        import nbformat  # noqa: F401
    except ImportError:
        skip("nbformat not installed (Debian: python3-nbformat)")
    if not os.access(WICK, os.X_OK):
        skip(f"{WICK} not built")
    root = tempfile.mkdtemp(prefix="wick-nb-")
    spec_dir = os.path.join(root, "kernels", KERNEL)
    os.makedirs(spec_dir)
    with open(os.path.join(spec_dir, "kernel.json"), "w") as f:
        json.dump({"argv": [WICK, "kernel", "-f", "{connection_file}"], "display_name": "wick",
                   "language": "python", "interrupt_mode": "signal"}, f)
    os.environ["JUPYTER_PATH"] = root
    os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(root, "runtime")
    os.environ["JUPYTER_DATA_DIR"] = os.path.join(root, "data")
    os.environ["JUPYTER_CONFIG_DIR"] = os.path.join(root, "config")
    return root


def execute(path, outdir):
    """Runs the notebook; returns (executed notebook or None, nbconvert's stderr)."""
    cmd = ["jupyter-nbconvert", "--to", "notebook", "--execute", f"--ExecutePreprocessor.kernel_name={KERNEL}",
           f"--ExecutePreprocessor.timeout={TIMEOUT}", "--output-dir", outdir, path]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT + 60)
    except subprocess.TimeoutExpired:
        return None, "nbconvert timed out"
    out = os.path.join(outdir, os.path.basename(path))
    if p.returncode or not os.path.exists(out):
        return None, p.stderr
    with open(out) as f:
        return json.load(f), p.stderr


def text(v):
    return "".join(v) if isinstance(v, list) else v


def normal(outputs):
    """Comparable form of a cell's outputs: consecutive streams of one name are joined
    (batching may split them differently); bundles keep only their data."""
    got = []
    for o in outputs:
        kind = o["output_type"]
        if kind == "stream":
            if got and got[-1][0] == "stream" and got[-1][1] == o["name"]:
                got[-1] = ("stream", o["name"], got[-1][2] + text(o["text"]))
            else:
                got.append(("stream", o["name"], text(o["text"])))
        elif kind in ("execute_result", "display_data"):
            got.append((kind, {k: text(v) if isinstance(v, list) else v for k, v in o["data"].items()}))
        else:
            got.append((kind, o.get("ename"), o.get("evalue")))
    return got


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def update(path, executed):
    """Writes the executed outputs back (without nbclient's timing metadata)."""
    with open(path) as f:
        nb = json.load(f)
    for cell, new in zip(code_cells(nb), code_cells(executed)):
        cell["outputs"] = new["outputs"]
        cell["execution_count"] = new["execution_count"]
    nb["metadata"]["language_info"] = executed["metadata"].get("language_info", nb["metadata"].get("language_info"))
    with open(path, "w") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write("\n")


class Tap:
    n = 0
    failed = 0

    def result(self, ok, name, detail=""):
        self.n += 1
        self.failed += not ok
        print(f"{'ok' if ok else 'not ok'} {self.n} - {name}", flush=True)
        if not ok:
            for line in str(detail).splitlines()[-30:]:
                print(f"#   {line}", flush=True)


def check_notebook(tap, path, outdir):
    name = os.path.relpath(path, ROOT)
    executed, err = execute(path, outdir)
    if executed is None:
        tap.result(False, f"{name}: executes with nbconvert", err)
        return
    errors = [o for c in code_cells(executed) for o in c["outputs"] if o["output_type"] == "error"]
    tap.result(not errors, f"{name}: executes without error outputs",
               "\n".join(f"{o['ename']}: {o['evalue']}" for o in errors))
    if os.environ.get("WICK_NOTEBOOKS_UPDATE"):
        update(path, executed)
        print(f"# {name}: outputs written back")
        return
    with open(path) as f:
        saved = code_cells(json.load(f))
    ran = code_cells(executed)
    for i, (want, got) in enumerate(zip(saved, ran)):
        first = text(want["source"]).strip().splitlines()[:1] or [""]
        label = f"{name}: cell {i + 1} ({first[0][:40]}) outputs as saved"
        if "nbval-ignore-output" in want["metadata"].get("tags", []):
            tap.result(True, label + " # SKIP output not compared (nbval-ignore-output)")
            continue
        w, g = normal(want["outputs"]), normal(got["outputs"])
        tap.result(w == g, label, f"want: {w!r}\ngot:  {g!r}")


def main():
    signal.alarm(900)
    root = setup()
    notebooks = sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))
    if not notebooks:
        skip("no notebooks")
    tap = Tap()
    try:
        for path in notebooks:
            check_notebook(tap, path, os.path.join(root, "out"))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"1..{tap.n}")
    return 1 if tap.failed else 0


sys.exit(main())
