#!/bin/sh
# Regenerate the expected output of the cheat-sheet programs (tests/cheatsheet/NNN_*.py,
# one per section of /work/shared/reference/pytorch-cheatsheet.rst) with Debian's CPython
# 3.11 and python3-torch 1.13 (/usr/bin/python3), a PyTorch built without CUDA. Only
# needed to (re)generate: tests/cheatsheet.t runs wick alone.
#
#   tests/cheatsheet/regen.sh                    regenerate every program
#   tests/cheatsheet/regen.sh 013_aggregation.py regenerate only the named programs
#
# Writes P.out (stdout) and P.rc (exit status, only when non-zero); stderr is not
# recorded. Same conventions as tests/torch/regen.sh (cwd tests/cheatsheet, bare program
# name, stdin /dev/null, LC_ALL=C.UTF-8, PYTHONHASHSEED=0, `# regen-sed:` lines).
# The generator is tests/torch/regen.sh's, run on this folder.
REGEN_DIR=$(cd "$(dirname "$0")" && pwd) || exit 1
export REGEN_DIR
exec sh "$REGEN_DIR/../torch/regen.sh" "$@"
