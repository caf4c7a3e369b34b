#!/usr/bin/python3
# regen_magic.py — writes tests/kernel/magic.expected.json from Debian's python3 kernel (ipykernel + IPython): the outputs of magic_cells.CELLS, which tests/kernel-magic.t then checks on wick. Review `git diff tests/kernel/` after running it.
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jupyter_client.manager import start_new_kernel  # noqa: E402
import harness as H  # noqa: E402
import magic_cells as M  # noqa: E402


def main():
    km, kc = start_new_kernel(kernel_name="python3", cwd=M.workdir(), startup_timeout=60)
    try:
        import IPython
        cells = M.run_all(kc, lambda kc, code: H.execute(kc, code, timeout=60))
    finally:
        km.shutdown_kernel(now=True)
    doc = {"generated_by": f"python3 kernel (ipykernel), IPython {IPython.__version__}", "cells": cells}
    with open(M.EXPECTED, "w") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"regen_magic.py: wrote {os.path.relpath(M.EXPECTED)}")


main()
