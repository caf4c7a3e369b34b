#!/bin/sh
# Regenerate the expected output of the numpy golden tests with Debian's CPython 3.11,
# python3-numpy (1.24) and python3-torch (/usr/bin/python3). Only needed to (re)generate.
#
#   tests/numpy/regen.sh                  every tests/numpy/NNN_*.py
#   tests/numpy/regen.sh 004_random.py    only the named programs
#
# Writes P.out (stdout) and P.rc (exit status, only when non-zero); stderr is not recorded
# (programs print the errors they check). Same conventions as tests/numpy.t: cwd is
# tests/numpy, bare file name, stdin /dev/null, LC_ALL=C.UTF-8, PYTHONHASHSEED=0.
set -u
PY=${PYTHON:-/usr/bin/python3}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here" || exit 1
"$PY" -c 'import numpy, torch' 2>/dev/null || { echo "regen.sh: $PY cannot import numpy and torch" >&2; exit 1; }
if [ $# -gt 0 ]; then progs="$*"; else progs=$(ls [0-9][0-9][0-9]_*.py); fi
for prog in $progs; do
    prog=$(basename "$prog")
    base=${prog%.py}
    env PYTHONHASHSEED=0 LC_ALL=C.UTF-8 LANG=C.UTF-8 "$PY" "$prog" </dev/null >"$base.out" 2>/dev/null
    rc=$?
    rm -f "$base.rc"
    [ "$rc" = 0 ] || echo "$rc" >"$base.rc"
    echo "regen: $prog (exit $rc)"
done
