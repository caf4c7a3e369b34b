#!/bin/sh
# TAP runner for the numpy golden tests (prove tests/numpy.t).
#
# Runs ${WICK:-build/bin/wick} on every tests/numpy/NNN_*.py and compares stdout and the
# exit status with P.out and P.rc (0 when absent), produced by real NumPy + PyTorch
# (tests/numpy/regen.sh). Every program is skipped while `import numpy` fails (the module
# is not registered yet); programs that call Tensor.numpy()/torch.from_numpy() are
# skipped while those raise.
#
# Environment: WICK, WICK_NUMPY_FILTER (extended regex on names), WICK_NUMPY_TIMEOUT (s).
set -u
case ${WICK:-build/bin/wick} in
    /*) wick=${WICK} ;;
    */*) wick=$(pwd)/${WICK:-build/bin/wick} ;;
    *) wick=$(command -v "$WICK" 2>/dev/null || echo "$(pwd)/$WICK") ;;
esac
here=$(cd "$(dirname "$0")/numpy" && pwd) || { echo "Bail out! tests/numpy not found"; exit 1; }
tmo=${WICK_NUMPY_TIMEOUT:-20}
filter=${WICK_NUMPY_FILTER:-.}
[ -x "$wick" ] || { echo "Bail out! interpreter not found or not executable: $wick (build it, or set WICK)"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wick-numpyt.XXXXXX") || { echo "Bail out! mktemp failed"; exit 1; }
trap 'rm -rf "$tmp"' EXIT INT TERM
ls "$here" | grep -E '^[0-9]{3}_.*\.py$' | grep -E -- "$filter" >"$tmp/list"
total=$(wc -l <"$tmp/list" | tr -d ' ')
echo "1..$total"
have_np=0; have_bridge=0
"$wick" -c 'import numpy' >/dev/null 2>&1 </dev/null && have_np=1
"$wick" -c 'import numpy, torch; torch.from_numpy(torch.zeros(1).numpy())' >/dev/null 2>&1 </dev/null && have_bridge=1
i=0
while IFS= read -r prog; do
    i=$((i + 1))
    base=${prog%.py}
    if [ $have_np = 0 ]; then echo "ok $i # SKIP numpy not registered"; continue; fi
    if [ $have_bridge = 0 ] && grep -q -E 'from_numpy|\.numpy\(\)' "$here/$prog"; then
        echo "ok $i # SKIP Tensor.numpy()/torch.from_numpy() not wired"; continue
    fi
    if [ ! -f "$here/$base.out" ]; then
        echo "not ok $i - $prog"; echo "# missing $base.out (run tests/numpy/regen.sh)"; continue
    fi
    (cd "$here" && exec env PYTHONHASHSEED=0 LC_ALL=C.UTF-8 LANG=C.UTF-8 \
        timeout -k 2 "$tmo" "$wick" "$prog" </dev/null >"$tmp/out" 2>"$tmp/err")
    rc=$?
    exp_rc=0
    [ -f "$here/$base.rc" ] && exp_rc=$(tr -d ' \n' <"$here/$base.rc")
    if cmp -s "$here/$base.out" "$tmp/out" && [ "$rc" = "$exp_rc" ]; then echo "ok $i - $prog"; continue; fi
    echo "not ok $i - $prog"
    [ "$rc" = "$exp_rc" ] || echo "# exit status: expected $exp_rc, got $rc"
    diff -u --label expected --label actual "$here/$base.out" "$tmp/out" | head -n 25 | sed 's/^/# /'
    [ "$rc" = "$exp_rc" ] || tail -n 5 "$tmp/err" | sed 's/^/# stderr: /'
    echo "# rerun: cd tests/numpy && $wick $prog"
done <"$tmp/list"
exit 0
