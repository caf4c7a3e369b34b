#!/bin/sh
# Runs every tests/nn/NNN_*.py under CPython + real PyTorch with OUR torch.nn,
# torch.optim and torch.utils.data (runtime/python, via harness.py) and compares
# stdout and exit status with the expected files made by regen.sh from real PyTorch.
# Prints TAP; the last line summarises.
#
# usage: tests/nn/check_with_cpython.sh [PYTHON]   (default /usr/bin/python3)
#        NN_FILTER=regex restricts the programs run.
set -u
py=${1:-/usr/bin/python3}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here" || exit 1
filter=${NN_FILTER:-.}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wick-nncheck.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
progs=$(ls [0-9][0-9][0-9]_*.py | grep -E -- "$filter")
total=$(echo "$progs" | grep -c .)
echo "1..$total"
i=0
pass=0
for p in $progs; do
    i=$((i + 1))
    base=${p%.py}
    env -u PYTHONPATH PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE=1 OMP_NUM_THREADS=1 \
        LC_ALL=C.UTF-8 timeout 120 "$py" harness.py "$p" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    exp_rc=0
    [ -f "$base.rc" ] && exp_rc=$(tr -d ' \n' <"$base.rc")
    if [ "$rc" = "$exp_rc" ] && cmp -s "$base.out" "$tmp/out"; then
        echo "ok $i - $p"
        pass=$((pass + 1))
    else
        echo "not ok $i - $p (exit $rc, expected $exp_rc)"
        diff -u --label expected --label ours "$base.out" "$tmp/out" | head -n 30 | sed 's/^/# /'
        tail -n 5 "$tmp/err" | sed 's/^/# stderr: /'
    fi
done
echo "# $pass/$total programs match real PyTorch"
[ "$pass" = "$total" ]
