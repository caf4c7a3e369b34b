#!/bin/sh
# TAP runner for the torch golden tests (prove tests/torch.t): every tests/torch/NNN_*.py
# against the stdout and exit status real PyTorch produced (tests/torch/regen.sh). stderr
# is not compared (PyTorch's tracebacks name its own files); programs print the
# exceptions they check.
#
# The goldens come from a PyTorch built without CUDA, so wick runs with no CUDA plugin
# (WICK_CUDA_PLUGIN points at a missing file): CUDA requests raise "Torch not compiled with
# CUDA enabled" even where build/lib/wick_cuda.so exists (GPU runs: tests/cuda.t).
# Environment: WICK, WICK_TORCH_FILTER, WICK_TORCH_TIMEOUT (default 20 s).
set -u
. "$(dirname "$0")/lib/golden.sh"
golden_setup torch 20
i=0
while IFS= read -r prog; do
    i=$((i + 1))
    golden_run "$prog" WICK_CUDA_PLUGIN=/nonexistent/wick_cuda.so
    golden_report "$i" "$prog"
done <"$list"
exit 0
