#!/bin/sh
# lang-asan.t — the language golden tests again, on the ASan+UBSan build.
export WICK="${WICK_ASAN:-build-asan/bin/wick}"
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
exec sh "$(dirname "$0")/lang.t"
