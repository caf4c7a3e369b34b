#!/bin/sh
# gpu_check.sh — one-shot GPU session check: builds the plugin and its self-test, runs the self-test, the allocator tests and tests/cuda.t; logs go to $OUT.
# Run from the repository root on the device machine:  sh tests/cuda/gpu_check.sh
# Needs nvcc (CUDA 13) and a C compiler; uses build-gpu/ so it never disturbs build/.
set -u
OUT=${OUT:-/tmp/wick-gpu-check}
mkdir -p "$OUT"
B=build-gpu
mkdir -p $B/lib $B/tests
log() { echo "== $*" | tee -a "$OUT/summary.txt"; }
: >"$OUT/summary.txt"
log "$(date -u) $(nvidia-smi -L 2>&1 | head -4 | tr '\n' ' ')"
nvidia-smi >"$OUT/nvidia-smi.txt" 2>&1
log "build plugin"
if ! sh cuda/build.sh $B/lib/wick_cuda.so >"$OUT/build.log" 2>&1; then log "plugin build FAILED (see build.log)"; fi
grep -i "warning" "$OUT/build.log" | head -20 >>"$OUT/summary.txt"
ls -l $B/lib/wick_cuda.so >>"$OUT/summary.txt" 2>&1
CC=${CC:-cc}
RT="runtime/tensor.c runtime/dtype.c runtime/error.c runtime/rng.c runtime/cpu_backend.c runtime/cpu_elementwise.c runtime/cpu_gemm.c runtime/cpu_index.c runtime/cpu_iter.c runtime/cpu_reduce.c runtime/cuda_loader.c"
log "build selftest"
$CC -std=c11 -O2 -g -Wall -Wextra -D_GNU_SOURCE -I. -o $B/tests/cuda_selftest cuda/selftest.c $RT -lm -ldl -lpthread $(pkg-config --libs openblas 2>/dev/null || echo -lopenblas) >"$OUT/selftest-build.log" 2>&1 \
  || $CC -std=c11 -O2 -g -D_GNU_SOURCE -I. -o $B/tests/cuda_selftest cuda/selftest.c $RT -lm -ldl -lpthread >>"$OUT/selftest-build.log" 2>&1 \
  || log "selftest build FAILED (see selftest-build.log)"
$CC -std=c11 -O2 -g -Wall -Wextra -D_GNU_SOURCE -o $B/tests/test_alloc tests/cuda/test_alloc.c cuda/alloc.c cuda/alloc_report.c -lpthread >>"$OUT/selftest-build.log" 2>&1
log "allocator unit tests"
$B/tests/test_alloc >"$OUT/test_alloc.tap" 2>&1; tail -1 "$OUT/test_alloc.tap" >>"$OUT/summary.txt"
grep "^not ok" "$OUT/test_alloc.tap" >>"$OUT/summary.txt"
log "plugin self-test (every kernel against the CPU backend)"
WICK_CUDA_PLUGIN=$PWD/$B/lib/wick_cuda.so timeout 300 $B/tests/cuda_selftest >"$OUT/selftest.tap" 2>&1
echo "exit $?" >>"$OUT/selftest.tap"
grep -c "^ok" "$OUT/selftest.tap" | sed 's/^/passed: /' >>"$OUT/summary.txt"
grep "^not ok\|^# device\|SKIP\|exit" "$OUT/selftest.tap" | head -60 >>"$OUT/summary.txt"
if command -v compute-sanitizer >/dev/null 2>&1 || [ -x /usr/local/cuda/bin/compute-sanitizer ]; then
    log "compute-sanitizer memcheck (self-test)"
    CS=$(command -v compute-sanitizer || echo /usr/local/cuda/bin/compute-sanitizer)
    WICK_CUDA_PLUGIN=$PWD/$B/lib/wick_cuda.so timeout 240 "$CS" --tool memcheck --leak-check no $B/tests/cuda_selftest >"$OUT/memcheck.log" 2>&1
    tail -3 "$OUT/memcheck.log" >>"$OUT/summary.txt"
fi
if [ -x build/bin/wick ] || [ -x $B/bin/wick ]; then
    log "tests/cuda.t"
    WICK_CUDA_PLUGIN=$PWD/$B/lib/wick_cuda.so prove -v tests/cuda.t >"$OUT/cuda_t.log" 2>&1; tail -3 "$OUT/cuda_t.log" >>"$OUT/summary.txt"
fi
cat "$OUT/summary.txt"
