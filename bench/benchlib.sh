# benchlib.sh — helpers shared by bench/run_torch.sh and bench/run_cuda.sh (sourced by bash).
# shellcheck shell=bash disable=SC2154
# The caller sets: tmp (scratch folder), bench_dir (where workloads run), timer
# (/usr/bin/time or empty), tol (checksum tolerance) and startup_runs; run_timeout
# (seconds, optional) stops a workload that hangs.

# run TAG CMD...: runs CMD from $bench_dir; stdout in $tmp/TAG.out, stderr in $tmp/TAG.err,
# peak RSS (KiB) in $tmp/TAG.rss (empty without /usr/bin/time). Fails when CMD fails.
run() {
    local tag=$1 to=(); shift
    [ -n "${run_timeout:-}" ] && to=(timeout -k 5 "$run_timeout")
    if [ -n "$timer" ]; then
        (cd "$bench_dir" && ${to[@]+"${to[@]}"} "$timer" -f %M -o "$tmp/$tag.rss" "$@" >"$tmp/$tag.out" 2>"$tmp/$tag.err" </dev/null)
    else
        : >"$tmp/$tag.rss"
        (cd "$bench_dir" && ${to[@]+"${to[@]}"} "$@" >"$tmp/$tag.out" 2>"$tmp/$tag.err" </dev/null)
    fi
}

# value FILE KEY [FIELD]: field FIELD (default 2) of the first line starting with KEY.
value() { awk -v k="$2" -v f="${3:-2}" '$1 == k { print $f; exit }' "$1" 2>/dev/null; }

# ratio A B [FMT]: A / B, or n/a.
ratio() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { if (a + 0 == a && b + 0 == b && b > 0) printf f, a / b; else print "n/a" }'; }

# close A B: true when A and B agree to relative tolerance $tol.
close() { awk -v a="$1" -v b="$2" -v t="$tol" 'BEGIN { d = a - b; if (d < 0) d = -d; m = (a < 0 ? -a : a); if (b * b > m * m) m = (b < 0 ? -b : b); exit !(a + 0 == a && b + 0 == b && d <= t * m + 1e-9) }'; }

# startup_ms TAG CMD...: best wall time of $startup_runs runs of CMD, in milliseconds
# (FAIL and non-zero status when a run fails); the last run's output stays in $tmp/TAG.out.
startup_ms() {
    local tag=$1 best="" t i; shift
    for ((i = 0; i < startup_runs; i++)); do
        TIMEFORMAT=%3R
        { time run "$tag" "$@"; } 2>"$tmp/time" || { echo FAIL; return 1; }
        t=$(tail -n 1 "$tmp/time")
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
    done
    awk -v s="$best" 'BEGIN { printf "%.1f", s * 1000 }'
}
