#!/bin/sh
# Regenerate the expected output of the torch golden tests with Debian's CPython 3.11
# and python3-torch (/usr/bin/python3; `apt-get install -y python3-torch`). Only needed
# to (re)generate: the tests themselves run wick alone.
#
#   tests/torch/regen.sh                   regenerate every tests/torch/NNN_*.py
#   tests/torch/regen.sh 012_views.py      regenerate only the named programs
#
# For each program P.py it writes P.out (stdout) and P.rc (exit status, only when
# non-zero). stderr is not recorded: PyTorch's tracebacks and warnings name its own
# Python files, so programs print the errors they check (`type(e).__name__`, `e`).
#
# Debian ships PyTorch 1.13; where 2.x prints differently (torch-compat.md lists the
# cases) a program states the 2.x text with lines of the form
#   # regen-sed: s/1.13 text/2.x text/
# which are applied, as sed expressions, to the generated P.out.
#
# Conventions (tests/torch.t runs wick the same way): cwd is tests/torch, the program is
# named by its bare file name, stdin is /dev/null, LC_ALL=C.UTF-8, PYTHONHASHSEED=0.
set -u
PY=${PYTHON:-/usr/bin/python3}
# REGEN_DIR: another folder of programs with the same conventions (tests/cheatsheet).
here=${REGEN_DIR:-$(cd "$(dirname "$0")" && pwd)}
cd "$here" || exit 1
"$PY" -c 'import torch' 2>/dev/null || { echo "regen.sh: $PY cannot import torch (apt-get install -y python3-torch)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wick-tregen.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
if [ $# -gt 0 ]; then progs="$*"; else progs=$(ls [0-9][0-9][0-9]_*.py); fi
n=0
for prog in $progs; do
    prog=$(basename "$prog")
    base=${prog%.py}
    [ -f "$prog" ] || { echo "regen.sh: no such program: $prog" >&2; exit 1; }
    env -u PYTHONPATH -u PYTHONHOME -u PYTHONSTARTUP -u PYTHONWARNINGS \
        PYTHONDONTWRITEBYTECODE=1 PYTHONHASHSEED=0 PYTHONIOENCODING=utf-8 \
        LC_ALL=C.UTF-8 LANG=C.UTF-8 OMP_NUM_THREADS=1 \
        timeout 120 "$PY" "$prog" </dev/null >"$tmp/out" 2>"$tmp/err"
    rc=$?
    sed -n 's/^# regen-sed: //p' "$prog" >"$tmp/sed"
    if [ -s "$tmp/sed" ]; then sed -f "$tmp/sed" "$tmp/out" >"$base.out"; else cp "$tmp/out" "$base.out"; fi
    if [ "$rc" -ne 0 ]; then echo "$rc" >"$base.rc"; sed 's/^/  /' "$tmp/err" | tail -n 3 >&2; else rm -f "$base.rc"; fi
    n=$((n + 1))
done
echo "regen.sh: regenerated $n program(s) with $PY"
