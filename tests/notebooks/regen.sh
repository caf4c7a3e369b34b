#!/bin/sh
# Regenerate the expected outputs of the teaching notebooks with CPython and real PyTorch.
#
#   tests/notebooks/regen.sh                        every notebooks/*.ipynb
#   tests/notebooks/regen.sh 02-tensors.ipynb       only the named notebooks
#
# Each notebook runs under `jupyter nbconvert --execute` on the python3 kernel
# (/usr/bin/python3 -m ipykernel_launcher: Debian's python3-ipykernel, CPython 3.11 and
# python3-torch), with the kernel's working directory notebooks/ and the environment of
# tests/notebooks/nbharness.py (PYTHONHASHSEED=0, one thread, C.UTF-8). Its outputs go to
# tests/notebooks/NAME.expected.json; tests/notebooks.t runs the same notebook on
# `wick kernel` and compares. A notebook that shows an error or writes to stderr under
# python3 is refused. The outputs saved inside the notebook are cleared: expectations come
# only from here, never from wick.
#
# Review `git diff tests/notebooks/` before committing.
here=$(cd "$(dirname "$0")" && pwd) || exit 1
exec /usr/bin/python3 "$here/regen.py" "$@"
