#!/bin/sh
# TAP runner for the CUDA golden tests (prove tests/cuda.t): builds nothing.
# Runs ${WICK:-build/bin/wick} on every tests/cuda/*.py and compares stdout with P.out exactly
# (expected outputs are PyTorch 2.11's on a GPU, from shared/reference/cuda.md). Without a
# CUDA device (`nvidia-smi -L` lists none) the whole file is skipped visibly. With
# WICK_CUDA_SAVE=DIR, each program's stdout and stderr are also kept as DIR/P.out, DIR/P.err.
set -u
if ! nvidia-smi -L 2>/dev/null | grep -q '^GPU '; then
    echo "1..0 # SKIP no CUDA device"
    exit 0
fi
case ${WICK:-build/bin/wick} in
    /*) wick=${WICK} ;;
    *) wick=$(pwd)/${WICK:-build/bin/wick} ;;
esac
here=$(cd "$(dirname "$0")/cuda" && pwd)
if [ ! -x "$wick" ]; then echo "Bail out! interpreter not found: $wick"; exit 1; fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wick-cudat.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
n=0
for p in "$here"/*.py; do [ -f "$p" ] && n=$((n + 1)); done
echo "1..$n"
i=0
for p in "$here"/*.py; do
    [ -f "$p" ] || continue
    i=$((i + 1))
    name=$(basename "$p" .py)
    (cd "$here" && timeout "${WICK_CUDA_TIMEOUT:-60}" "$wick" "$name.py" >"$tmp/out" 2>"$tmp/err")
    if [ -n "${WICK_CUDA_SAVE:-}" ]; then cp "$tmp/out" "$WICK_CUDA_SAVE/$name.out"; cp "$tmp/err" "$WICK_CUDA_SAVE/$name.err"; fi
    if cmp -s "$tmp/out" "$here/$name.out"; then
        echo "ok $i - $name"
    else
        echo "not ok $i - $name"
        diff -u "$here/$name.out" "$tmp/out" | head -40 | sed 's/^/# /'
        head -5 "$tmp/err" | sed 's/^/# stderr: /'
    fi
done
