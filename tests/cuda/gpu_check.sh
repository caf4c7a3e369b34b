#!/bin/sh
# gpu_check.sh — kept for old notes: the one GPU-session command is now tests/gpu/run.sh (docs/gpu.md); this runs it.
# Run from the repository root on the device machine:  sh tests/cuda/gpu_check.sh
exec bash "$(dirname "$0")/../gpu/run.sh" "$@"
