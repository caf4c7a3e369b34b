#!/bin/sh
# nn-asan.t — every nn / optim / utils.data golden program (tests/nn.t) again on the
# ASan+UBSan build, with LeakSanitizer's direct-leak check (tests/lib/asan.sh); programs in
# tests/nn/known-failures stay TODO. The whole set runs in about 10-20 s on 2 cores.
# Environment: WICK_ASAN (default build-asan/bin/wick), WICK_NN_FILTER, WICK_NN_TIMEOUT.
set -u
. "$(dirname "$0")/lib/golden.sh"
. "$(dirname "$0")/lib/asan.sh"
WICK=${WICK_ASAN:-build-asan/bin/wick}
golden_setup nn 120
i=0
while IFS= read -r prog; do
    i=$((i + 1))
    golden_run "$prog" OMP_NUM_THREADS=1
    asan_report "$i" "$prog" "$(golden_todo "$prog")"
done <"$list"
exit 0
