#!/bin/sh
# TAP runner for the numpy golden tests (prove tests/numpy.t): every tests/numpy/NNN_*.py
# against the stdout and exit status real NumPy + PyTorch produced (tests/numpy/regen.sh).
# Every program is skipped while `import numpy` fails; programs that call
# Tensor.numpy()/torch.from_numpy() are skipped while those raise.
# Environment: WICK, WICK_NUMPY_FILTER, WICK_NUMPY_TIMEOUT (default 20 s).
set -u
. "$(dirname "$0")/lib/golden.sh"
golden_setup numpy 20
have_np=0; have_bridge=0
"$wick" -c 'import numpy' >/dev/null 2>&1 </dev/null && have_np=1
"$wick" -c 'import numpy, torch; torch.from_numpy(torch.zeros(1).numpy())' >/dev/null 2>&1 </dev/null && have_bridge=1
i=0
while IFS= read -r prog; do
    i=$((i + 1))
    if [ $have_np = 0 ]; then echo "ok $i # SKIP numpy not registered"; continue; fi
    if [ $have_bridge = 0 ] && grep -q -E 'from_numpy|\.numpy\(\)' "$here/$prog"; then
        echo "ok $i # SKIP Tensor.numpy()/torch.from_numpy() not wired"; continue
    fi
    golden_run "$prog"
    golden_report "$i" "$prog"
done <"$list"
exit 0
