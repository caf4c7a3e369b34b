# regen.py — the body of tests/notebooks/regen.sh (run it through that script).
#
# For each notebook: runs it with `jupyter nbconvert --execute` on Debian's python3 kernel
# (ipykernel on /usr/bin/python3, with real PyTorch from python3-torch), refuses a
# notebook whose run shows an error, and writes tests/notebooks/NAME.expected.json:
#   {"notebook", "generated_by": {versions}, "cells": [{"source", "outputs"}]}
# where outputs are nbharness.normal()'s form. It also clears the notebook's own saved
# outputs, so the only expectations anywhere are the ones produced here.
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbharness as H  # noqa: E402

PY = "/usr/bin/python3"
ADDRESS = re.compile(r" at 0x[0-9a-f]+")   # differs from run to run: such a cell has no place here


def versions(env):
    import subprocess
    code = ("import sys, platform, IPython, ipykernel, torch; "
            "print(platform.python_version(), IPython.__version__, ipykernel.__version__, torch.__version__)")
    p = subprocess.run([PY, "-c", code], capture_output=True, text=True, env=env)
    if p.returncode:
        sys.exit(f"regen.sh: {PY} lacks IPython/ipykernel/torch (Debian: python3-ipykernel python3-torch)\n{p.stderr}")
    py, ipy, ipk, torch = p.stdout.split()
    return {"kernel": f"{PY} -m ipykernel_launcher", "python": py, "ipython": ipy, "ipykernel": ipk,
            "torch": torch}


def strip(nb_path):
    """Clears saved outputs and execution counts, keeping everything else byte-stable."""
    with open(nb_path) as f:
        nb = json.load(f)
    if not H.has_outputs(nb):
        return False
    for c in H.code_cells(nb):
        c["outputs"] = []
        c["execution_count"] = None
    with open(nb_path, "w") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write("\n")
    return True


def main(args):
    paths = [os.path.join(H.NOTEBOOKS, os.path.basename(a)) for a in args] if args else H.notebooks()
    jup = H.Jupyter([PY, "-m", "ipykernel_launcher"], "Python 3 (regen)")
    try:
        gen = versions(jup.env)
        failed = 0
        for path in paths:
            name = os.path.basename(path)
            if not os.path.exists(path):
                print(f"regen.sh: no such notebook: {path}", file=sys.stderr)
                failed += 1
                continue
            if strip(path):
                print(f"regen.sh: {name}: cleared the outputs saved in the notebook")
            executed, err = jup.execute(path)
            if executed is None:
                print(f"regen.sh: {name}: did not run under python3:\n{err}", file=sys.stderr)
                failed += 1
                continue
            cells = [{"source": H.text(c["source"]), "outputs": H.normal(c["outputs"])}
                     for c in H.code_cells(executed)]
            bad = [o for c in cells for o in c["outputs"]
                   if "error" in o or o.get("stream") == "stderr" or ADDRESS.search(json.dumps(o))]
            if bad:
                print(f"regen.sh: {name}: errors, stderr or object addresses under python3, not written: {bad}",
                      file=sys.stderr)
                failed += 1
                continue
            doc = {"notebook": f"notebooks/{name}", "generated_by": gen, "cells": cells}
            with open(H.expected_path(path), "w") as f:
                json.dump(doc, f, indent=1, ensure_ascii=False)
                f.write("\n")
            print(f"regen.sh: {name}: wrote {os.path.relpath(H.expected_path(path), H.ROOT)}")
    finally:
        jup.close()
    return 1 if failed else 0


sys.exit(main(sys.argv[1:]))
