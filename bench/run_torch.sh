#!/usr/bin/env bash
# Tensor benchmarks: run every bench/torch/*.py workload in wick and in Debian's CPython
# with python3-torch (one process each, side by side), check that both printed the same
# checksum (relative tolerance $TOL), and print each timing with the ratio wick / PyTorch
# (< 1.0 means wick is faster). Then start-up time to the first printed tensor (best of
# $STARTUP_RUNS) and peak resident memory (/usr/bin/time -f %M) of each program.
#
#   bench/run_torch.sh                                   (from the repository root)
#   WICK=path/to/wick PYTHON=/usr/bin/python3 BENCH_THREADS=1 bench/run_torch.sh
#   bench/run_torch.sh tiny_autograd op_overhead         (only these workloads)
#
# BENCH_THREADS (default 1) is passed to torch.set_num_threads in both runtimes (and to
# wick as WICK_NUM_THREADS, which works even where the binding is missing).
# Exit status is non-zero when wick is missing, fails, or a checksum disagrees.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
w=${WICK:-build/bin/wick}
case $w in /*) ;; */*) w=$(pwd)/$w ;; *) w=$(command -v "$w" || echo "$w") ;; esac
py=${PYTHON:-/usr/bin/python3}
tol=${TOL:-1e-3}
startup_runs=${STARTUP_RUNS:-5}
export BENCH_THREADS=${BENCH_THREADS:-1}
export WICK_NUM_THREADS=$BENCH_THREADS
# PyTorch's set_num_threads does not reach OpenBLAS (its libblas.so.3); wick sets it itself.
export OPENBLAS_NUM_THREADS=$BENCH_THREADS
workloads=${*:-op_overhead tiny_autograd gemm memory_bound mlp cnn lstm digits_mlp}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wick-tbench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0
if [ ! -x "$w" ]; then
    echo "error: wick not found at $w (build it or set WICK)" >&2
    exit 1
fi
if ! "$py" -c 'import torch' 2>/dev/null; then
    echo "error: $py cannot import torch (install python3-torch or set PYTHON)" >&2
    exit 1
fi
timer=/usr/bin/time
[ -x $timer ] || timer=""
bench_dir=$root/bench/torch
# run, value, ratio, close, startup_ms
# shellcheck source=bench/benchlib.sh
. "$root/bench/benchlib.sh"

printf '%-22s %12s %12s %8s  %s\n' workload wick_s pytorch_s ratio check
rss_lines=""
for name in $workloads; do
    f=$root/bench/torch/$name.py
    if [ ! -f "$f" ]; then echo "unknown workload: $name" >&2; status=1; continue; fi
    if ! run "$name.py" "$py" "$f"; then
        printf '%-22s %12s %12s %8s  %s\n' "$name" - - - "PyTorch FAILED: $(tail -n 1 "$tmp/$name.py.err")"
        status=1; continue
    fi
    if ! run "$name.w" "$w" "$f"; then
        printf '%-22s %12s %12s %8s  %s\n' "$name" - - - "wick FAILED: $(tail -n 1 "$tmp/$name.w.err")"
        status=1; continue
    fi
    check=ok
    cw=$(value "$tmp/$name.w.out" checksum) cp=$(value "$tmp/$name.py.out" checksum)
    if [ -n "$cw$cp" ] && ! close "$cw" "$cp"; then check="MISMATCH wick=$cw pytorch=$cp"; status=1; fi
    while read -r key val _; do
        [ "$key" = checksum ] && continue
        if [ "$val" = skipped ]; then
            printf '%-22s %12s %12s %8s  %s\n' "$key" skipped skipped - "TODO"
            continue
        fi
        pv=$(value "$tmp/$name.py.out" "$key")
        printf '%-22s %12s %12s %8s  %s\n' "$key" "$val" "${pv:-n/a}" "$(ratio "$val" "$pv")" "$check"
    done <"$tmp/$name.w.out"
    rss_lines+=$(printf '%-22s %12s %12s %8s' "$name.py" "$(cat "$tmp/$name.w.rss")" "$(cat "$tmp/$name.py.rss")" \
                 "$(ratio "$(cat "$tmp/$name.w.rss")" "$(cat "$tmp/$name.py.rss")")")$'\n'
done

# Start-up to the first printed tensor: best wall time of $startup_runs runs, milliseconds.
startup_prog='import torch; print(torch.ones(2))'
sw=$(startup_ms start.w "$w" -c "$startup_prog") || status=1
sp=$(startup_ms start.py "$py" -c "$startup_prog") || status=1
scheck=ok
cmp -s "$tmp/start.w.out" "$tmp/start.py.out" || { scheck="output differs"; status=1; }
echo
printf '%-22s %12s %12s %8s  %s\n' startup wick_ms pytorch_ms ratio output
printf '%-22s %12s %12s %8s  %s\n' "print(torch.ones(2))" "$sw" "$sp" "$(ratio "$sw" "$sp" %.3f)" "$scheck"
if [ -n "$timer" ]; then
    echo
    printf '%-22s %12s %12s %8s\n' "peak RSS (KiB)" wick pytorch ratio
    printf '%-22s %12s %12s %8s\n' "print(torch.ones(2))" "$(cat "$tmp/start.w.rss")" "$(cat "$tmp/start.py.rss")" \
           "$(ratio "$(cat "$tmp/start.w.rss")" "$(cat "$tmp/start.py.rss")" %.3f)"
    printf '%s' "$rss_lines"
fi
echo
echo "threads: BENCH_THREADS=$BENCH_THREADS (torch.set_num_threads in both; WICK_NUM_THREADS for wick)"
exit $status
