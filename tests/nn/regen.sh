#!/bin/sh
# Regenerates the expected output of every tests/nn/NNN_*.py with real PyTorch
# (Debian's python3-torch): P.out is stdout, P.rc the exit status when non-zero.
# A program is expected to write nothing to stderr; regen warns when it does.
#
# usage: tests/nn/regen.sh [PYTHON]   (default /usr/bin/python3)
set -u
py=${1:-/usr/bin/python3}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here" || exit 1
"$py" -c 'import torch; print("regenerating with torch", torch.__version__)' || exit 1
# PyTorch's per-step losses for the digits parity tests (020-021), read by those programs.
OMP_NUM_THREADS=1 "$py" gen_digits.py || exit 1
for p in [0-9][0-9][0-9]_*.py; do
    base=${p%.py}
    env -u PYTHONPATH PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE=1 OMP_NUM_THREADS=1 \
        LC_ALL=C.UTF-8 timeout 120 "$py" "$p" >"$base.out" 2>"/tmp/nn-regen-$$.err"
    rc=$?
    rm -f "$base.rc"
    [ "$rc" != 0 ] && echo "$rc" >"$base.rc"
    if [ -s "/tmp/nn-regen-$$.err" ]; then
        echo "warning: $p wrote to stderr:"
        sed 's/^/    /' "/tmp/nn-regen-$$.err" | head -n 10
    fi
    echo "$p: rc=$rc, $(wc -l <"$base.out") lines"
done
rm -f "/tmp/nn-regen-$$.err"
