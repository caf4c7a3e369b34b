#!/bin/sh
# build.sh — builds what a GPU run needs into one build folder: wick with the CUDA plugin, the allocator unit test and the plugin self-test.
# Usage (repository root): sh tests/gpu/build.sh BUILD [JOBS] [all|tests]   (tests: only the two test programs)
#   BUILD/bin/wick, BUILD/lib/wick_cuda.so (make CUDA=1), BUILD/tests/cuda_test_alloc,
#   BUILD/tests/cuda_selftest (cuda/selftest.c linked with BUILD/lib/libwickrt.a).
# Each part is tried even when an earlier one fails; exit status is that of the last failure.
set -u
b=${1:?usage: build.sh BUILD [JOBS]}
jobs=${2:-2}
what=${3:-all}
cc=${CC:-cc}
rc=0
if [ "$what" = all ]; then
    make BUILD="$b" CUDA=1 -j"$jobs" all || { echo "build.sh: make all failed" >&2; rc=1; }
fi
make BUILD="$b" CUDA=1 -j"$jobs" "$b/lib/libwickrt.a" "$b/tests/cuda_test_alloc" || { echo "build.sh: test libraries failed" >&2; rc=1; }
mkdir -p "$b/tests"
if [ -f "$b/lib/libwickrt.a" ]; then
    # the Makefile's flags for tests/runtime programs (WFLAGS, CFLAGS, the runtime library)
    $cc -std=c11 -Wall -Wextra -D_GNU_SOURCE -ffp-contract=off -Ilang -Iruntime -I. -O2 -g \
        -o "$b/tests/cuda_selftest" cuda/selftest.c "$b/lib/libwickrt.a" -lm -ldl -lpthread \
        || { echo "build.sh: cuda/selftest.c failed" >&2; rc=1; }
fi
for f in bin/wick lib/wick_cuda.so tests/cuda_test_alloc tests/cuda_selftest; do
    [ -f "$b/$f" ] || echo "build.sh: $b/$f missing" >&2
done
exit $rc
