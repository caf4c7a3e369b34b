#!/bin/sh
# build.sh — builds the CUDA plugin (OUT, default build/lib/wick_cuda.so) when nvcc exists; prints why and exits 0 when not.
# Usage: sh cuda/build.sh [OUT]    Environment: NVCC (default: nvcc on PATH, else /usr/local/cuda/bin/nvcc),
#        CC (host C compiler, default cc), CUDA_ARCH_FLAGS (default sm_75, sm_80, sm_90 SASS + compute_90 PTX).
set -eu
out=${1:-build/lib/wick_cuda.so}
nvcc=${NVCC:-$(command -v nvcc 2>/dev/null || echo /usr/local/cuda/bin/nvcc)}
if [ ! -x "$nvcc" ]; then echo "cuda/build.sh: nvcc not found; CUDA plugin not built"; exit 0; fi
# The toolkit root holds include/cublas_v2.h; nvcc on PATH may be a wrapper script
# (/usr/local/bin/nvcc exec'ing /usr/local/cuda-13.0/bin/nvcc), so its own folder is not enough.
cuda_home=""
for d in "${CUDA_HOME:-}" "$(dirname "$(readlink -f "$nvcc")")/.." /usr/local/cuda \
         "$(sed -n 's|^exec \(/[^ ]*\)/bin/nvcc.*|\1|p' "$nvcc" 2>/dev/null)"; do
    if [ -n "$d" ] && [ -f "$d/include/cublas_v2.h" ]; then cuda_home=$(cd "$d" && pwd); break; fi
done
if [ -z "$cuda_home" ]; then echo "cuda/build.sh: cublas_v2.h not found next to $nvcc; CUDA plugin not built"; exit 0; fi
cc=${CC:-cc}
obj=$(dirname "$out")/../cuda-obj
mkdir -p "$obj" "$(dirname "$out")"
arch=${CUDA_ARCH_FLAGS:-"-gencode arch=compute_75,code=sm_75 -gencode arch=compute_80,code=sm_80 -gencode arch=compute_90,code=[sm_90,compute_90]"}
if "$nvcc" --help 2>/dev/null | grep -q -- '--compress-mode'; then arch="$arch --compress-mode=size"; fi
cflags="-std=c11 -O2 -g -Wall -Wextra -D_GNU_SOURCE -fPIC -fvisibility=hidden -I. -I$cuda_home/include"
nvflags="-std=c++17 -O3 -I. -Xcompiler -fPIC,-fvisibility=hidden,-Wall,-Wextra $arch"
objs=""
for f in cuda/*.c; do
    case $f in cuda/selftest.c) continue ;; esac
    o=$obj/$(basename "$f" .c).o
    $cc $cflags -c "$f" -o "$o"
    objs="$objs $o"
done
pids=""
for f in cuda/*.cu; do
    o=$obj/$(basename "$f" .cu).o
    "$nvcc" $nvflags -c "$f" -o "$o" &
    pids="$pids $!"
    objs="$objs $o"
done
for p in $pids; do wait "$p"; done
"$nvcc" -shared $arch -cudart static -o "$out" $objs -L"$cuda_home/lib64" -lcublas -ldl -lpthread
echo "cuda/build.sh: built $out"
