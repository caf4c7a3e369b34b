#!/bin/sh
# TAP runner for the cheat-sheet programs (prove tests/cheatsheet.t): every section of
# the PyTorch cheat sheet as tests/cheatsheet/NNN_*.py, against the stdout and exit
# status Debian's PyTorch 1.13 (built without CUDA) produced (tests/cheatsheet/regen.sh).
# wick runs with no CUDA plugin, like tests/torch.t, so the CUDA lines behave as in a
# CPU-only PyTorch. Environment: WICK, WICK_CHEATSHEET_FILTER, WICK_CHEATSHEET_TIMEOUT
# (default 30 s).
set -u
. "$(dirname "$0")/lib/golden.sh"
golden_setup cheatsheet 30
i=0
while IFS= read -r prog; do
    i=$((i + 1))
    golden_run "$prog" WICK_CUDA_PLUGIN=/nonexistent/wick_cuda.so
    golden_report "$i" "$prog"
done <"$list"
exit 0
