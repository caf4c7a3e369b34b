#!/usr/bin/env bash
# prepare.sh — run here, before a GPU session: builds with CUDA, stages the binaries and the host libraries they need in .gpu/ (ignored), checks the 64 MiB carry limit and prints the one device call.
#
#   tests/gpu/prepare.sh              (repository root; BUILD=build by default, JOBS=2)
#   BUILD=build-gpurun tests/gpu/prepare.sh
#
# .gpu/ then holds: bin/wick, lib/wick_cuda.so (found by wick next to it, ../lib/), the
# packed host libraries in lib/ (ZeroMQ, libsodium, jansson, readline, ...; see
# ../shared/gpu/README.md), tests/cuda_selftest and tests/cuda_test_alloc, env.sh, and
# MANIFEST (commit, date, sizes). tests/gpu/run.sh uses it on the GPU machine.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
b=${BUILD:-build}
jobs=${JOBS:-2}
shared=${GPU_SHARED:-$root/../shared/gpu}
dest=.gpu
limit_mib=64

sh tests/gpu/build.sh "$b" "$jobs" || echo "prepare.sh: the build had failures (above); staging what exists"
for f in "$b/bin/wick" "$b/lib/wick_cuda.so"; do
    [ -f "$f" ] || { echo "prepare.sh: $f missing: nothing to carry (is nvcc here? make CUDA=1 needs it)" >&2; exit 1; }
done
rm -rf "$dest"
mkdir -p "$dest/bin" "$dest/lib" "$dest/tests"
cp "$b/bin/wick" "$dest/bin/"
cp "$b/lib/wick_cuda.so" "$dest/lib/"
for t in cuda_selftest cuda_test_alloc; do
    [ -f "$b/tests/$t" ] && cp "$b/tests/$t" "$dest/tests/"
done
if [ -x "$shared/pack" ]; then
    "$shared/pack" "$dest/lib" "$dest/bin/wick" "$dest/lib/wick_cuda.so" "$dest"/tests/* || echo "prepare.sh: pack failed" >&2
    cp "$shared/env.sh" "$dest/env.sh"
else
    echo "prepare.sh: $shared/pack not found (set GPU_SHARED): host libraries not packed" >&2
fi

# size of what travels: tracked + untracked-not-ignored files, plus the carry
bytes() { xargs -0 stat -c %s 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'; }
tree_b=$( { git ls-files -z; git ls-files -z -o --exclude-standard; } | bytes)
carry_b=$(find "$dest" -type f -print0 | bytes)
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
if awk -v t="$tree_b" -v c="$carry_b" -v l="$limit_mib" 'BEGIN { exit !(t + c > (l - 4) * 1048576) }'; then
    echo "prepare.sh: $(mib $((tree_b + carry_b))) MiB would travel (limit $limit_mib): stripping debug info from .gpu"
    strip --strip-debug "$dest/bin/wick" "$dest/lib/"*.so* "$dest"/tests/* 2>/dev/null
    carry_b=$(find "$dest" -type f -print0 | bytes)
fi
total_b=$((tree_b + carry_b))
{
    echo "commit: $(git rev-parse HEAD 2>/dev/null) ($(git status --short --untracked-files=no 2>/dev/null | wc -l) files changed locally)"
    echo "prepared: $(date -u '+%Y-%m-%d %H:%M UTC') from $b/ on $(uname -srm)"
    echo "travels: working tree $(mib "$tree_b") MiB + .gpu $(mib "$carry_b") MiB = $(mib "$total_b") MiB (limit $limit_mib)"
    (cd "$dest" && find . -type f -exec ls -l {} + | awk '{ printf "  %10d %s\n", $5, $9 }')
} >"$dest/MANIFEST"
cat "$dest/MANIFEST"
if [ "$total_b" -gt $((limit_mib * 1048576)) ]; then
    echo "prepare.sh: still over $limit_mib MiB: carry less (drop .gpu/tests: run.sh builds them there with cc);" \
         "a full rebuild there (make CUDA=1) needs ZeroMQ/readline headers that machine may lack" >&2
    exit 1
fi
cat <<EOT

The device call (one command; what it writes to \$OUT comes back):
  run(command="bash tests/gpu/run.sh", carry=[".gpu"], timeout_s=540)
It finishes in about 7 minutes (GPU_RUN_BUDGET=420 seconds) and writes summary.txt,
bench.txt, goldens.txt, selftest.txt, memcheck.txt, env.txt and logs.tar.gz to \$OUT.
EOT
