#!/bin/sh
# TAP runner for the nn / optim / utils.data golden programs (prove tests/nn.t): every
# tests/nn/NNN_*.py against the stdout and exit status real PyTorch produced
# (tests/nn/regen.sh). stderr is not compared (PyTorch prints build-specific warnings
# there); it is shown when a program fails. A program listed in tests/nn/known-failures
# fails as a TODO: visible in prove's report, and "unexpectedly succeeded" once fixed.
# Until torch is built in, every program is skipped.
# Environment: WICK, WICK_NN_FILTER, WICK_NN_TIMEOUT (default 60 s).
set -u
. "$(dirname "$0")/lib/golden.sh"
golden_setup nn 60
have_torch=yes
"$wick" -c 'import torch' >/dev/null 2>&1 </dev/null || have_torch=no
i=0
while IFS= read -r prog; do
    i=$((i + 1))
    if [ "$have_torch" = no ]; then echo "ok $i - $prog # SKIP torch module not built yet"; continue; fi
    golden_run "$prog" OMP_NUM_THREADS=1
    golden_report "$i" "$prog" "$(golden_todo "$prog")"
done <"$list"
exit 0
