#!/usr/bin/env bash
# CUDA benchmarks: run every bench/cuda/*.py workload in wick and in a PyTorch with CUDA
# (one process each, side by side), check that both printed the same checksum (relative
# tolerance $TOL), and print each timing with the ratio wick / PyTorch (< 1.0 means wick is
# faster), both rates, and issue 7's goal for that row. Then start-up to the first printed
# CUDA tensor (bench/cuda/startup.py, best of $STARTUP_RUNS) and peak resident memory.
#
#   bench/run_cuda.sh                                   (from the repository root)
#   WICK=path/to/wick PYTHON=python3 bench/run_cuda.sh add launch    (only these workloads)
#   BENCH_TIMEOUT=90 (default 120): seconds after which one workload process is stopped
#
# Without a CUDA device (nvidia-smi lists none) it says so, runs each workload in wick only
# (they print "skipped") and exits 0. PyTorch's columns read n/a where $PYTHON has no
# PyTorch or no CUDA. Exit status is non-zero when wick is missing, a workload fails in
# wick, or a checksum disagrees.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
w=${WICK:-build/bin/wick}
case $w in /*) ;; */*) w=$(pwd)/$w ;; *) w=$(command -v "$w" || echo "$w") ;; esac
py=${PYTHON:-python3}
tol=${TOL:-1e-3}
startup_runs=${STARTUP_RUNS:-3}
run_timeout=${BENCH_TIMEOUT:-120}
workloads=${*:-add sum matmul launch mlp}
bench_dir=$root/bench/cuda
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wick-cbench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
timer=/usr/bin/time
[ -x $timer ] || timer=""
# shellcheck source=bench/benchlib.sh
. "$root/bench/benchlib.sh"
status=0
if [ ! -x "$w" ]; then
    echo "error: wick not found at $w (build it or set WICK)" >&2
    exit 1
fi

# goal KEY: issue 7's bound on wick_s / pytorch_s for that row (>= 0.95x PyTorch's rate is
# <= 1/0.95 of its time), or nothing.
goal() {
    case $1 in
        add_f32_*|sum_f32_*|mm_*) echo 1.053 ;;
        add_2x2_launch) echo 0.70 ;;
        startup) echo 0.25 ;;
    esac
}

# verdict RATIO GOAL: "<=GOAL met", "<=GOAL MISSED" or "-".
verdict() {
    [ -n "$2" ] || { echo -; return; }
    awk -v r="$1" -v g="$2" 'BEGIN { if (r + 0 != r) print "<=" g " n/a"; else if (r <= g) print "<=" g " met"; else print "<=" g " MISSED" }'
}

rss() { tail -n 1 "$tmp/$1.rss" 2>/dev/null; }

# failure STATUS TAG: why run TAG failed
failure() {
    case $1 in
        124|137) echo "TIMED OUT (${run_timeout}s)" ;;
        *) echo "FAILED: $(grep -v '^Command exited' "$tmp/$2.err" | tail -n 1)" ;;
    esac
}

row() { printf '%-16s %12s %12s %7s %10s %10s %-8s %-14s %s\n' "$@"; }

card=$(nvidia-smi -L 2>/dev/null | sed -n 's/^GPU 0: \(.*\) (UUID.*/\1/p' | head -n 1)
if [ -z "$card" ]; then
    echo "no CUDA device (nvidia-smi lists no GPU): nothing is timed; each workload only reports skipped"
fi
have_py=0
pyver=$("$py" -c 'import torch; print(torch.__version__, torch.cuda.is_available())' 2>/dev/null)
case $pyver in *True) have_py=1 ;; esac
[ -n "$card" ] && [ $have_py = 0 ] && echo "PyTorch with CUDA not usable through $py (${pyver:-no torch}): PyTorch columns are n/a"
echo "# card: ${card:-none}; wick: $w; PyTorch: ${pyver:-none} ($py)"
row workload wick_s pytorch_s ratio wick_rate torch_rate unit goal check
rss_lines=""
for name in $workloads; do
    f=$bench_dir/$name.py
    if [ ! -f "$f" ]; then echo "unknown workload: $name" >&2; status=1; continue; fi
    : >"$tmp/$name.py.out"
    check=ok
    run "$name.w" "$w" "$f" || { check="wick $(failure $? "$name.w")"; status=1; }
    if [ $have_py = 1 ]; then
        run "$name.py" "$py" "$f" || check="$check; PyTorch $(failure $? "$name.py")"
    fi
    cw=$(value "$tmp/$name.w.out" checksum) cp=$(value "$tmp/$name.py.out" checksum)
    if [ -n "$cw" ] && [ -n "$cp" ] && ! close "$cw" "$cp"; then check="MISMATCH wick=$cw pytorch=$cp"; status=1; fi
    # every key either side printed, wick's order first
    keys=$(cat "$tmp/$name.w.out" "$tmp/$name.py.out" | awk '$1 != "checksum" && !seen[$1]++ { print $1 }')
    [ -z "$keys" ] && row "$name.py" - - - - - - - "$check"
    for key in $keys; do
        wv=$(value "$tmp/$name.w.out" "$key") pv=$(value "$tmp/$name.py.out" "$key")
        if [ "$wv" = skipped ]; then
            [ -n "$card" ] && status=1
            row "$key" skipped "${pv:-n/a}" - - - - - "$(awk -v k="$key" '$1 == k { $1 = $2 = ""; print substr($0, 3); exit }' "$tmp/$name.w.out")"
            continue
        fi
        r=$(ratio "$wv" "$pv")
        unit=$(value "$tmp/$name.w.out" "$key" 4)
        [ -n "$unit" ] || unit=$(value "$tmp/$name.py.out" "$key" 4)
        wr=$(value "$tmp/$name.w.out" "$key" 3) pr=$(value "$tmp/$name.py.out" "$key" 3)
        row "$key" "${wv:--}" "${pv:-n/a}" "$r" "${wr:--}" "${pr:--}" "${unit:--}" "$(verdict "$r" "$(goal "$key")")" "$check"
    done
    rss_lines+=$(printf '%-16s %12s %12s %7s' "$name.py" "$(rss "$name.w")" "$(rss "$name.py")" \
                 "$(ratio "$(rss "$name.w")" "$(rss "$name.py")")")$'\n'
done

if [ -n "$card" ]; then
    sw=$(startup_ms start.w "$w" "$bench_dir/startup.py") || status=1
    sp=n/a scheck="ok: $(head -n 1 "$tmp/start.w.out")"
    if [ $have_py = 1 ]; then
        sp=$(startup_ms start.py "$py" "$bench_dir/startup.py") || sp=FAIL
        cmp -s "$tmp/start.w.out" "$tmp/start.py.out" || scheck="output differs: $(head -n 1 "$tmp/start.w.out")"
    fi
    [ "$sw" = FAIL ] && scheck="wick FAILED: $(tail -n 1 "$tmp/start.w.err")"
    r=$(ratio "$sw" "$sp" %.3f)
    echo
    row startup wick_ms pytorch_ms ratio - - - goal output
    row "print(cuda)" "$sw" "$sp" "$r" - - ms "$(verdict "$r" "$(goal startup)")" "$scheck"
    if [ -n "$timer" ]; then
        echo
        printf '%-16s %12s %12s %7s\n' "peak RSS (KiB)" wick pytorch ratio
        printf '%-16s %12s %12s %7s\n' "print(cuda)" "$(rss start.w)" "$(rss start.py)" \
               "$(ratio "$(rss start.w)" "$(rss start.py)" %.3f)"
        printf '%s' "$rss_lines"
    fi
    echo
    echo "ratio = wick / PyTorch time (< 1 is faster); goal: issue 7's bound on that ratio"
else
    status=0
fi
exit $status
