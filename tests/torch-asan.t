#!/bin/sh
# torch-asan.t — every torch golden program (tests/torch.t) again on the ASan+UBSan build,
# with LeakSanitizer's direct-leak check (tests/lib/asan.sh). The whole set runs in about
# 10-25 s on 2 cores, so no subset is needed.
# Environment: WICK_ASAN (default build-asan/bin/wick), WICK_TORCH_FILTER, WICK_TORCH_TIMEOUT.
set -u
. "$(dirname "$0")/lib/golden.sh"
. "$(dirname "$0")/lib/asan.sh"
WICK=${WICK_ASAN:-build-asan/bin/wick}
golden_setup torch 60
i=0
while IFS= read -r prog; do
    i=$((i + 1))
    golden_run "$prog" WICK_CUDA_PLUGIN=/nonexistent/wick_cuda.so
    asan_report "$i" "$prog"
done <"$list"
exit 0
