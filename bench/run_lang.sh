#!/usr/bin/env bash
# Language benchmarks: run every bench/lang/*.py workload in wick and in
# Debian's CPython, best of $RUNS wall-clock runs each, check that both printed
# the same checksum, and print a table of times and ratios (wick / CPython;
# < 1.0 means wick is faster). Then compare start-up time of `-c pass`
# (best of 20, milliseconds).
#
#   bench/run_lang.sh                    (from the repository root)
#   WICK=path/to/wick PYTHON=/usr/bin/python3 RUNS=5 bench/run_lang.sh
#
# Exit status is non-zero when wick is missing, fails, or prints a different
# checksum for any workload.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
w=${WICK:-build/bin/wick}
case $w in /*) ;; */*) w=$(pwd)/$w ;; *) w=$(command -v "$w" || echo "$w") ;; esac
py=${PYTHON:-/usr/bin/python3}
runs=${RUNS:-3}
workloads="fib loop list dict method strbuild"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wick-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0
have_wick=yes
if [ ! -x "$w" ]; then
    echo "warning: wick not found at $w (build it or set WICK); timing CPython only" >&2
    have_wick=no
    status=1
fi

# best_time CMD... : run CMD $runs times, stdout to $tmp/out; prints the best wall seconds,
# or "FAIL" when a run exits non-zero.
best_time() {
    local best="" t i
    for ((i = 0; i < runs; i++)); do
        TIMEFORMAT=%3R
        if ! { time "$@" >"$tmp/out" 2>"$tmp/err" </dev/null; } 2>"$tmp/time"; then
            echo FAIL
            return 1
        fi
        t=$(tail -n 1 "$tmp/time")
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$t
        fi
    done
    echo "$best"
}

printf '%-10s %9s %10s %7s  %s\n' workload wick_s cpython_s ratio checksum
for name in $workloads; do
    f=$root/bench/lang/$name.py
    ct=$(best_time "$py" "$f")
    csum=$(cat "$tmp/out")
    wt=n/a ratio=n/a note=$csum
    if [ $have_wick = yes ]; then
        if wt=$(best_time "$w" "$f"); then
            wsum=$(cat "$tmp/out")
            if [ "$wsum" = "$csum" ]; then
                ratio=$(awk -v a="$wt" -v b="$ct" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
            else
                note="MISMATCH wick=$wsum cpython=$csum"
                status=1
            fi
        else
            note="wick FAILED: $(head -c 200 "$tmp/err" | tail -n 1)"
            status=1
        fi
    fi
    printf '%-10s %9s %10s %7s  %s\n' "$name" "$wt" "$ct" "$ratio" "$note"
done

# Start-up: best of 20 runs of `-c pass`, in milliseconds.
startup_ms() {
    local best="" t i
    for ((i = 0; i < 20; i++)); do
        TIMEFORMAT=%3R
        { time "$@" >/dev/null 2>&1 </dev/null; } 2>"$tmp/time" || { echo FAIL; return 1; }
        t=$(tail -n 1 "$tmp/time")
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$t
        fi
    done
    awk -v s="$best" 'BEGIN { printf "%.1f", s * 1000 }'
}
cs=$(startup_ms "$py" -c pass)
ws=n/a sratio=n/a
if [ $have_wick = yes ]; then
    ws=$(startup_ms "$w" -c pass) || status=1
    sratio=$(awk -v a="$ws" -v b="$cs" 'BEGIN { if (a + 0 == a && b > 0) printf "%.2f", a / b; else print "n/a" }')
fi
echo
printf '%-10s %9s %10s %7s\n' startup wick_ms cpython_ms ratio
printf '%-10s %9s %10s %7s\n' '-c pass' "$ws" "$cs" "$sratio"
exit $status
