# asan.sh — the sanitizer options and direct-leak check shared by torch-asan.t and nn-asan.t.
# Sourced after golden.sh; POSIX sh.
#
# An ASan or UBSan report makes the program exit non-zero, so its test fails with the report
# on stderr. LeakSanitizer runs at exit without changing the exit status: reference cycles
# (a class and its methods, closures) are never collected and show up as *indirect* leaks
# only, so a *direct* leak (a block that nothing points to) is a reference-counting bug and
# fails the program's test.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export LSAN_OPTIONS="exitcode=0:malloc_context_size=16"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

# asan_report N PROG [TODO]: like golden_report, but a direct leak fails the test first.
asan_report() {
    if grep -q '^Direct leak' "$tmp/err"; then
        echo "not ok $1 - $2${3:+ # TODO $3}"
        echo "# LeakSanitizer: direct leak (a lost reference), first report:"
        awk '/^Direct leak/ { p = 1 } p && /^$/ { exit } p' "$tmp/err" | head -n 16 | sed 's/^/# /'
        echo "# rerun: cd tests/$dir && ASAN_OPTIONS=detect_leaks=1 $wick $2"
        return
    fi
    golden_report "$@"
}
