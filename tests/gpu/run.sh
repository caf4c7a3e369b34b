#!/usr/bin/env bash
# run.sh — issue 7's one GPU-machine command: environment, binaries (carried or rebuilt), allocator tests, CUDA goldens, plugin self-test, benchmarks, compute-sanitizer; results in $OUT.
#
# From the repository root on the device machine (docs/gpu.md; prepare with tests/gpu/prepare.sh):
#   bash tests/gpu/run.sh
# Environment: OUT (default /tmp/wick-gpu); GPU_RUN_BUDGET (seconds for the whole run,
# default 420); WICK (an interpreter to try before the carried ones); PYTHON (the PyTorch to
# compare with, default python3); GPU_BUILD (where to rebuild, default build-gpu);
# GPU_RUN_REBUILD=1 (rebuild even when a carried binary runs).
#
# Writes 7 files to $OUT (the device tool brings back at most 8):
#   summary.txt   card, each step's result, pass/fail counts and the benchmark table
#   env.txt       nvidia-smi, driver/CUDA/nvcc versions, PyTorch, libraries, binaries used
#   goldens.txt   tests/cuda.t (TAP), full diffs of wick's output against the goldens, and
#                 the same goldens checked against this machine's PyTorch
#   selftest.txt  allocator unit tests and the plugin self-test (TAP)
#   bench.txt     bench/run_cuda.sh's table (wick and PyTorch side by side)
#   memcheck.txt  compute-sanitizer memcheck of the self-test and of one golden program
#   logs.tar.gz   every log, build logs included
# Never stops at a failure: each step runs under timeout within the budget, and the script
# exits 0 once summary.txt is written.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
OUT=${OUT:-/tmp/wick-gpu}
mkdir -p "$OUT"
budget=${GPU_RUN_BUDGET:-420}
py=${PYTHON:-python3}
gbuild=${GPU_BUILD:-build-gpu}
logs=$(mktemp -d "${TMPDIR:-/tmp}/wick-gpu-logs.XXXXXX") || exit 1
trap 'rm -rf "$logs"' EXIT
t0=$SECONDS
steps=""
card="" wick="" plugin="" selftest="" alloc_test="" cuda_ok=0
# with-libs CMD...: runs CMD with the carried libraries on LD_LIBRARY_PATH (set by step_env);
# wick: runs the chosen interpreter through it (set by step_binaries). PyTorch runs without them.
mkdir -p "$logs/bin"
wl=$logs/bin/with-libs wrun=$logs/bin/wick

# note STEP RESULT SECONDS: one row of summary.txt's step table (also printed as it happens)
note() {
    local r
    r=$(printf '%-10s %-62s %4ss' "$1" "$(echo "$2" | cut -c 1-90)" "$3")
    steps+="$r"$'\n'
    echo "== $r"
}

# timed MAX LOG CMD...: CMD under timeout (MAX seconds, or what the budget leaves, keeping
# 25 s for the summary), output appended to $logs/LOG. Status 124: timed out; 125: no time left.
timed() {
    local max=$1 log=$2 left
    shift 2
    left=$((budget - (SECONDS - t0) - 25))
    [ "$left" -lt "$max" ] && max=$left
    if [ "$max" -lt 5 ]; then echo "(not run: time budget spent) $*" >>"$logs/$log"; return 125; fi
    echo "\$ $* (limit ${max}s)" >>"$logs/$log"
    timeout -k 5 "$max" "$@" >>"$logs/$log" 2>&1
}

# tap FILE: "P passed, F failed of N" (or the skip line) from TAP output
tap() {
    local skip
    skip=$(grep -m1 '^1\.\.0 # SKIP' "$1" 2>/dev/null)
    if [ -n "$skip" ]; then echo "skipped: ${skip#1..0 # SKIP }"; return; fi
    awk '/^ok /{p++} /^not ok /{f++} /^1\.\./{sub(/^1\.\./, ""); n=$1} /^Bail out!/{b=$0}
         END { printf "%d passed, %d failed of %s%s", p, f, (n == "" ? "?" : n), (b ? " (" b ")" : "") }' "$1"
}

# status RC: a word for a step's exit status
status() { case $1 in 0) echo ok ;; 124|137) echo TIMEOUT ;; 125) echo "not run (time)" ;; *) echo "exit $1" ;; esac; }

step_env() {
    local s=$SECONDS f=$logs/env.txt smi cudav
    {
        echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
        echo "host: $(uname -srm), $(nproc) CPUs"
        echo "commit: $(git rev-parse HEAD 2>/dev/null || echo 'no git here')"
        [ -f .gpu/MANIFEST ] && { echo "--- .gpu/MANIFEST"; cat .gpu/MANIFEST; }
    } >>"$f"
    local ld=${LD_LIBRARY_PATH:-}
    if [ -f .gpu/env.sh ]; then
        echo "--- . .gpu/env.sh $root/.gpu" >>"$f"
        # shellcheck disable=SC1091
        . .gpu/env.sh "$root/.gpu" >>"$f" 2>&1
    else
        echo "--- no .gpu/env.sh carried: LD_LIBRARY_PATH left as it is" >>"$f"
    fi
    echo "LD_LIBRARY_PATH for wick: ${LD_LIBRARY_PATH:-}" >>"$f"
    printf '#!/bin/sh\nLD_LIBRARY_PATH=%s\nexport LD_LIBRARY_PATH\nexec "$@"\n' "'${LD_LIBRARY_PATH:-}'" >"$wl"
    chmod +x "$wl"
    if [ -n "$ld" ]; then export LD_LIBRARY_PATH=$ld; else unset LD_LIBRARY_PATH; fi
    timed 20 env.txt nvidia-smi
    timed 20 env.txt nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap,clocks.max.sm --format=csv
    timed 20 env.txt nvcc --version
    timed 20 env.txt compute-sanitizer --version
    timed 10 env.txt cc --version
    timed 40 env.txt "$py" -c 'import sys, torch
print("python", sys.version.split()[0], sys.executable)
print("torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available())
if torch.cuda.is_available(): print("device", torch.cuda.get_device_name(0), torch.cuda.get_device_capability(0))'
    smi=$(nvidia-smi --query-gpu=name,driver_version,compute_cap --format=csv,noheader 2>/dev/null | head -n 1)
    cudav=$(nvidia-smi 2>/dev/null | sed -n 's/.*CUDA Version: *\([0-9.]*\).*/\1/p' | head -n 1)
    card=${smi%%,*}
    local torchv
    torchv=$(grep '^torch ' "$f" | head -n 1)
    if [ -n "$card" ]; then
        note env "$smi, CUDA $cudav" $((SECONDS - s))
    else
        note env "no CUDA device (nvidia-smi lists no GPU): GPU steps report skipped" $((SECONDS - s))
    fi
    note pytorch "${torchv:-no PyTorch through $py}" 0
}

# wick_runs BIN: the binary starts and computes on the CPU
wick_runs() { [ -x "$1" ] && [ "$(timeout 30 "$wl" "$1" -c 'import torch; print(torch.ones(2).sum().item())' 2>/dev/null)" = 2.0 ]; }

# cuda_check: is_available() in the chosen wick; the reason when not (from the error CUDA raises)
cuda_check() {
    timeout 60 "$wrun" -c "import torch
print(torch.cuda.is_available())
torch.zeros(1, device='cuda')" >"$logs/cuda_check.out" 2>&1
    [ "$(head -n 1 "$logs/cuda_check.out")" = True ]
}

step_binaries() {
    local s=$SECONDS c how=""
    if [ "${GPU_RUN_REBUILD:-0}" != 1 ]; then
        for c in ${WICK:-} .gpu/bin/wick build/bin/wick "$gbuild/bin/wick"; do
            if wick_runs "$c"; then wick=$c how="found"; break; fi
            [ -e "$c" ] && echo "$c does not run here: $(timeout 30 "$wl" "$c" -c 'print(1)' 2>&1 | head -n 3)" >>"$logs/env.txt"
        done
    fi
    if [ -z "$wick" ] && [ -n "$card" ]; then
        echo "== rebuilding with make CUDA=1 into $gbuild/"
        timed 300 build.log sh tests/gpu/build.sh "$gbuild" "$(nproc)"
        c=$(status $?)
        wick_runs "$gbuild/bin/wick" && wick=$gbuild/bin/wick how="rebuilt here (build: $c)"
    fi
    if [ -z "$wick" ]; then
        note binaries "FAILED: no wick runs here (see env.txt${card:+, build.log})" $((SECONDS - s))
        return
    fi
    case $wick in /*) ;; *) wick=$root/$wick ;; esac
    printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$wl" "$wick" >"$wrun"
    chmod +x "$wrun"
    pick_plugin
    pick_tests
    {
        echo "--- binaries"
        echo "wick: $wick ($how)"; echo "plugin: ${plugin:-none found}"
        echo "selftest: ${selftest:-none}"; echo "allocator test: ${alloc_test:-none}"
        echo "--- ldd $wick"; "$wl" ldd "$wick" 2>&1
        [ -n "$plugin" ] && { echo "--- ldd $plugin"; "$wl" ldd "$plugin" 2>&1; }
        echo "--- torch.cuda.is_available() and torch.zeros(1, device='cuda')"; cat "$logs/cuda_check.out"
    } >>"$logs/env.txt"
    note binaries "$wick ($how)" $((SECONDS - s))
    if [ $cuda_ok = 1 ]; then
        note cuda "torch.cuda.is_available() True ($plugin)" 0
    else
        note cuda "unusable: $(tail -n 1 "$logs/cuda_check.out" | cut -c 1-100)" 0
    fi
}

# pick_plugin: the plugin next to wick (or $WICK_CUDA_PLUGIN); rebuilt with this machine's
# nvcc when CUDA fails for a reason a rebuild can fix (sets plugin, cuda_ok, how)
pick_plugin() {
    local dir c
    dir=$(dirname "$wick")
    plugin=${WICK_CUDA_PLUGIN:-}
    for c in "$dir/wick_cuda.so" "$dir/../lib/wick_cuda.so"; do [ -z "$plugin" ] && [ -f "$c" ] && plugin=$c; done
    if cuda_check; then
        cuda_ok=1
    elif [ -n "$card" ] && command -v nvcc >/dev/null &&
         grep -Eq 'rejected|no CUDA plugin|entry point|undefined symbol|no kernel image|invalid device function' "$logs/cuda_check.out"; then
        echo "== CUDA unusable with $plugin ($(tail -n 1 "$logs/cuda_check.out")): rebuilding the plugin"
        timed 240 build.log sh cuda/build.sh "$gbuild/lib/wick_cuda.so"
        if [ -f "$gbuild/lib/wick_cuda.so" ]; then
            plugin=$root/$gbuild/lib/wick_cuda.so
            export WICK_CUDA_PLUGIN=$plugin
            how="$how, plugin rebuilt here"
            cuda_check && cuda_ok=1
        fi
    fi
}

# pick_tests: the self-test and allocator test next to wick or carried; else built here
# (only on a GPU machine: without one, nothing is built)
pick_tests() {
    local dir c
    dir=$(dirname "$wick")
    for c in "$dir/../tests" .gpu/tests "$gbuild/tests"; do
        [ -z "$selftest" ] && [ -x "$c/cuda_selftest" ] && selftest=$c/cuda_selftest
        [ -z "$alloc_test" ] && [ -x "$c/cuda_test_alloc" ] && alloc_test=$c/cuda_test_alloc
    done
    if [ -n "$card" ] && { [ -z "$selftest" ] || [ -z "$alloc_test" ]; }; then
        timed 120 build.log sh tests/gpu/build.sh "$gbuild" "$(nproc)" tests
        [ -z "$selftest" ] && [ -x "$gbuild/tests/cuda_selftest" ] && selftest=$gbuild/tests/cuda_selftest
        [ -z "$alloc_test" ] && [ -x "$gbuild/tests/cuda_test_alloc" ] && alloc_test=$gbuild/tests/cuda_test_alloc
    fi
}

# not_built: why a test program is missing
not_built() { if [ -n "$card" ]; then echo "not built (see build.log)"; else echo "not found (nothing is built without a GPU)"; fi; }

step_alloc() {
    local s=$SECONDS
    if [ -z "$alloc_test" ]; then note alloc "$(not_built)" 0; return; fi
    timed 30 alloc.tap "$alloc_test"
    local rc=$?
    note alloc "$(tap "$logs/alloc.tap") [$(status $rc)]" $((SECONDS - s))
}

step_goldens() {
    local s=$SECONDS p n d agree=0 total=0
    [ -n "$wick" ] || { note goldens "not run: no wick" 0; return; }
    mkdir -p "$logs/golden" "$logs/golden-torch"
    WICK=$wrun WICK_CUDA_SAVE=$logs/golden WICK_CUDA_TIMEOUT=30 timed 120 cuda_t.tap sh tests/cuda.t
    note goldens "tests/cuda.t: $(tap "$logs/cuda_t.tap")" $((SECONDS - s))
    {
        echo "=== tests/cuda.t"; cat "$logs/cuda_t.tap"
        echo; echo "=== full diffs: expected (tests/cuda/P.out) vs wick, and wick's stderr"
        for p in "$logs"/golden/*.out; do
            [ -f "$p" ] || continue
            n=$(basename "$p" .out)
            diff -u "tests/cuda/$n.out" "$p" >"$logs/golden/$n.diff" && continue
            cat "$logs/golden/$n.diff"; sed 's/^/stderr: /' "$logs/golden/$n.err"
        done
    } >"$logs/goldens.txt"
    # the goldens themselves against this machine's PyTorch (they were transcribed from cuda.md)
    s=$SECONDS
    if [ -z "$card" ] || ! grep -q 'available True' "$logs/env.txt"; then
        note golden-pt "not run: no PyTorch with CUDA here" 0
        return
    fi
    printf '\n=== the goldens run by %s (PyTorch) on this machine: diffs against tests/cuda/P.out\n' "$py" >>"$logs/goldens.txt"
    for p in tests/cuda/*.py; do
        n=$(basename "$p" .py)
        total=$((total + 1))
        (cd tests/cuda && timed 40 "golden-torch/$n.out" "$py" "$n.py")
        if d=$(diff -u "tests/cuda/$n.out" <(grep -v '^\$ ' "$logs/golden-torch/$n.out")); then
            agree=$((agree + 1))
        else
            echo "$d" >>"$logs/goldens.txt"
        fi
    done
    note golden-pt "PyTorch reproduces $agree of $total golden files exactly" $((SECONDS - s))
}

step_selftest() {
    local s=$SECONDS
    if [ -z "$selftest" ]; then note selftest "$(not_built)" 0; return; fi
    WICK_CUDA_PLUGIN=${plugin:-} timed 120 selftest.tap "$wl" "$selftest"
    local rc=$?
    note selftest "$(tap "$logs/selftest.tap") [$(status $rc)]" $((SECONDS - s))
}

step_bench() {
    local s=$SECONDS
    [ -n "$wick" ] || { note bench "not run: no wick" 0; return; }
    WICK=$wrun PYTHON=$py BENCH_TIMEOUT=90 timed 200 bench.txt bash bench/run_cuda.sh
    local rc=$?
    note bench "bench/run_cuda.sh [$(status $rc)]: $(grep -c 'MISSED' "$logs/bench.txt") goals missed, $(grep -c ' met' "$logs/bench.txt") met" \
        $((SECONDS - s))
}

step_memcheck() {
    local s=$SECONDS cs rc
    cs=$(command -v compute-sanitizer || ls /usr/local/cuda/bin/compute-sanitizer 2>/dev/null)
    if [ -z "$card" ] || [ -z "$cs" ] || [ $cuda_ok = 0 ]; then
        note memcheck "not run: ${cs:+no usable CUDA device}${cs:-no compute-sanitizer here}" 0
        return
    fi
    if [ -n "$selftest" ]; then
        WICK_CUDA_PLUGIN=${plugin:-} timed 150 memcheck.txt "$wl" "$cs" --tool memcheck --leak-check no "$selftest"
        rc=$?
        note memcheck "self-test [$(status $rc)]: $(grep 'ERROR SUMMARY' "$logs/memcheck.txt" | tail -n 1 | sed 's/^=* *//')" $((SECONDS - s))
    fi
    s=$SECONDS
    (cd tests/cuda && timed 60 memcheck_golden.txt "$wl" "$cs" --tool memcheck --leak-check no "$wick" 002_arithmetic.py)
    rc=$?
    note memcheck "wick 002_arithmetic.py [$(status $rc)]: $(grep 'ERROR SUMMARY' "$logs/memcheck_golden.txt" | tail -n 1 | sed 's/^=* *//')" $((SECONDS - s))
    cat "$logs/memcheck_golden.txt" >>"$logs/memcheck.txt"
}

# out NAME [FILE]: copies FILE (default $logs/NAME) to $OUT/NAME, at most 8 MB (head and tail kept)
out() {
    local f=${2:-$logs/$1}
    [ -f "$f" ] || { echo "(nothing recorded)" >"$OUT/$1"; return; }
    if [ "$(stat -c %s "$f")" -gt 8000000 ]; then
        { head -c 4000000 "$f"; echo; echo "[... cut ...]"; tail -c 3000000 "$f"; } >"$OUT/$1"
    else
        cp "$f" "$OUT/$1"
    fi
}

write_summary() {
    local commit
    commit=$(git rev-parse --short HEAD 2>/dev/null || sed -n 's/^commit: \([0-9a-f]\{7\}\).*/\1/p' .gpu/MANIFEST 2>/dev/null)
    {
        echo "wick GPU run (tests/gpu/run.sh), $(date -u '+%Y-%m-%d %H:%M UTC'), commit ${commit:-unknown}, $((SECONDS - t0)) s"
        echo "card: ${card:-no CUDA device}"
        echo
        printf '%s' "$steps"
        echo
        echo "benchmarks (bench/run_cuda.sh):"
        if [ -f "$logs/bench.txt" ]; then grep -v '^\$ ' "$logs/bench.txt"; else echo "(not run)"; fi
        echo
        echo "files: summary.txt env.txt goldens.txt selftest.txt bench.txt memcheck.txt logs.tar.gz"
    } >"$OUT/summary.txt"
}

step_env
step_binaries
step_alloc
step_goldens
step_selftest
step_bench
step_memcheck

out env.txt
out goldens.txt
cat "$logs/alloc.tap" "$logs/selftest.tap" >"$logs/selftest.txt" 2>/dev/null
out selftest.txt
out bench.txt
out memcheck.txt
write_summary
tar -czf "$OUT/logs.tar.gz" -C "$logs" . 2>/dev/null
if [ "$(stat -c %s "$OUT/logs.tar.gz")" -gt 15000000 ]; then
    tar -czf "$OUT/logs.tar.gz" -C "$logs" --exclude='memcheck*' . 2>/dev/null
fi
cat "$OUT/summary.txt"
exit 0
