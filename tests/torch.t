#!/bin/sh
# TAP runner for the torch golden tests (prove tests/torch.t).
#
# Runs ${WICK:-build/bin/wick} on every tests/torch/NNN_*.py and compares stdout and the
# exit status exactly with P.out and P.rc (0 when absent); the expected files come from
# real PyTorch (tests/torch/regen.sh). stderr is not compared (PyTorch's tracebacks name
# its own files); programs print the exceptions they check.
#
# The goldens come from a PyTorch built without CUDA, so wick runs with no CUDA plugin
# (WICK_CUDA_PLUGIN points at a missing file): CUDA requests raise "Torch not compiled with
# CUDA enabled" even where build/lib/wick_cuda.so exists (GPU runs: tests/cuda.t).
#
# Environment: WICK (interpreter, default build/bin/wick), WICK_TORCH_FILTER (extended
# regex on program names), WICK_TORCH_TIMEOUT (seconds per program, default 20).
set -u
case ${WICK:-build/bin/wick} in
    /*) wick=${WICK} ;;
    */*) wick=$(pwd)/${WICK:-build/bin/wick} ;;
    *) wick=$(command -v "$WICK" 2>/dev/null || echo "$(pwd)/$WICK") ;;
esac
here=$(cd "$(dirname "$0")/torch" && pwd) || { echo "Bail out! tests/torch not found"; exit 1; }
tmo=${WICK_TORCH_TIMEOUT:-20}
filter=${WICK_TORCH_FILTER:-.}
[ -x "$wick" ] || { echo "Bail out! interpreter not found or not executable: $wick (build it, or set WICK)"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wick-torcht.XXXXXX") || { echo "Bail out! mktemp failed"; exit 1; }
trap 'rm -rf "$tmp"' EXIT INT TERM
ls "$here" | grep -E '^[0-9]{3}_.*\.py$' | grep -E -- "$filter" >"$tmp/list"
total=$(wc -l <"$tmp/list" | tr -d ' ')
echo "1..$total"
i=0
while IFS= read -r prog; do
    i=$((i + 1))
    base=${prog%.py}
    if [ ! -f "$here/$base.out" ]; then
        echo "not ok $i - $prog"; echo "# missing $base.out (run tests/torch/regen.sh)"; continue
    fi
    (cd "$here" && exec env PYTHONHASHSEED=0 LC_ALL=C.UTF-8 LANG=C.UTF-8 WICK_CUDA_PLUGIN=/nonexistent/wick_cuda.so \
        timeout -k 2 "$tmo" "$wick" "$prog" </dev/null >"$tmp/out" 2>"$tmp/err")
    rc=$?
    exp_rc=0
    [ -f "$here/$base.rc" ] && exp_rc=$(tr -d ' \n' <"$here/$base.rc")
    if cmp -s "$here/$base.out" "$tmp/out" && [ "$rc" = "$exp_rc" ]; then echo "ok $i - $prog"; continue; fi
    echo "not ok $i - $prog"
    [ "$rc" = "$exp_rc" ] || echo "# exit status: expected $exp_rc, got $rc"
    diff -u --label expected --label actual "$here/$base.out" "$tmp/out" | head -n 25 | sed 's/^/# /'
    [ "$rc" = "$exp_rc" ] || tail -n 5 "$tmp/err" | sed 's/^/# stderr: /'
    echo "# rerun: cd tests/torch && $wick $prog"
done <"$tmp/list"
exit 0
