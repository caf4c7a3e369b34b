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
set -u
PY=${PYTHON:-/usr/bin/python3}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here" || exit 1
"$PY" -c 'import torch' 2>/dev/null || { echo "regen.sh: $PY cannot import torch (apt-get install -y python3-torch)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wick-csregen.XXXXXX") || exit 1
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
