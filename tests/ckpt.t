#!/bin/sh
# TAP runner for checkpoints (prove tests/ckpt.t): the C unit test build/tests/test_ckpt (PyTorch
# fixtures, round trips through real PyTorch, corrupt/malicious files, atomic saves, safetensors),
# then the wick-level programs tests/ckpt/NNN_*.py compared with their .out from real PyTorch
# (tests/ckpt/gen.py regenerates the fixtures; the .out files come from /usr/bin/python3 P.py).
# The programs are skipped visibly while the interpreter has no torch.save.
# Environment: BUILD (default build), WICK (default $BUILD/bin/wick).
set -u
# The expected errors are those of a CPU-only PyTorch build: hide the CUDA plugin (with it
# but no driver, wick answers like a CUDA build without a driver, as PyTorch would).
export WICK_CUDA_PLUGIN=/nonexistent/wick_cuda.so
root=$(cd "$(dirname "$0")/.." && pwd) || exit 1
cd "$root" || exit 1
build=${BUILD:-build}
bin=$build/tests/test_ckpt
wick=${WICK:-$build/bin/wick}
case $wick in /*) ;; *) wick=$root/$wick ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wick-ckptt.XXXXXX") || { echo "Bail out! mktemp failed"; exit 1; }
trap 'rm -rf "$tmp"' EXIT INT TERM
[ -x "$bin" ] || { echo "Bail out! $bin not built (make $bin)"; exit 1; }

# 1. the unit test, renumbered into this stream (its plan line is dropped)
"$bin" >"$tmp/unit" 2>"$tmp/unit.err"
urc=$?
n=0
while IFS= read -r line; do
    case $line in
        "ok "*|"not ok "*)
            n=$((n + 1))
            echo "$line" | sed -E "s/^(not )?ok [0-9]+/\\1ok $n/" ;;
        1..*) ;;
        *) echo "$line" ;;
    esac
done <"$tmp/unit"
n=$((n + 1))
if [ "$urc" = 0 ]; then echo "ok $n - test_ckpt exited 0"; else echo "not ok $n - test_ckpt exited $urc"; sed 's/^/# /' "$tmp/unit.err" | tail -20; fi

# 2. wick programs against PyTorch's output
has_save=0
printf 'import torch\nprint(hasattr(torch, "save") and hasattr(torch, "load"))\n' >"$tmp/probe.py"
[ -x "$wick" ] && [ "$("$wick" "$tmp/probe.py" 2>/dev/null)" = True ] && has_save=1
for prog in $(ls tests/ckpt | grep -E '^[0-9]{3}_.*\.py$'); do
    n=$((n + 1))
    if [ "$has_save" = 0 ]; then echo "ok $n - $prog # SKIP interpreter has no torch.save yet"; continue; fi
    (cd tests/ckpt && TMPDIR=$tmp timeout -k 2 60 "$wick" "$prog" >"$tmp/out" 2>"$tmp/err")
    if cmp -s "tests/ckpt/${prog%.py}.out" "$tmp/out"; then echo "ok $n - $prog"; continue; fi
    echo "not ok $n - $prog"
    diff "tests/ckpt/${prog%.py}.out" "$tmp/out" | head -20 | sed 's/^/# /'
    tail -5 "$tmp/err" | sed 's/^/# /'
done
echo "1..$n"
