# golden.sh — shared parts of the golden-program TAP runners (torch.t, numpy.t, nn.t):
# they run ${WICK:-build/bin/wick} on tests/DIR/NNN_*.py from inside tests/DIR and
# compare stdout and the exit status with P.out and P.rc (0 when absent), files produced
# by real PyTorch/NumPy. Sourced, not run; POSIX sh.

# golden_setup DIR DEFAULT_TIMEOUT: sets wick, here, tmo, tmp, list; prints the plan.
# WICK_<DIR>_FILTER (extended regex) and WICK_<DIR>_TIMEOUT (seconds) override.
golden_setup() {
    dir=$1
    upper=$(echo "$dir" | tr a-z A-Z)
    case ${WICK:-build/bin/wick} in
        /*) wick=${WICK} ;;
        */*) wick=$(pwd)/${WICK:-build/bin/wick} ;;
        *) wick=$(command -v "$WICK" 2>/dev/null || echo "$(pwd)/$WICK") ;;
    esac
    here=$(cd "$(dirname "$0")/$dir" && pwd) || { echo "Bail out! tests/$dir not found"; exit 1; }
    eval "tmo=\${WICK_${upper}_TIMEOUT:-$2}"
    eval "filter=\${WICK_${upper}_FILTER:-.}"
    [ -x "$wick" ] || { echo "Bail out! interpreter not found or not executable: $wick (build it, or set WICK)"; exit 1; }
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/wick-$dir.XXXXXX") || { echo "Bail out! mktemp failed"; exit 1; }
    trap 'rm -rf "$tmp"' EXIT INT TERM
    list=$tmp/list
    ls "$here" | grep -E '^[0-9]{3}_.*\.py$' | grep -E -- "$filter" >"$list"
    echo "1..$(wc -l <"$list" | tr -d ' ')"
}

# golden_run PROG [ENV=VALUE...]: runs one program (stdout/stderr to $tmp/out, $tmp/err),
# leaves its exit status in rc.
golden_run() {
    prog=$1
    shift
    (cd "$here" && exec env -u PYTHONPATH PYTHONHASHSEED=0 LC_ALL=C.UTF-8 LANG=C.UTF-8 "$@" \
        timeout -k 2 "$tmo" "$wick" "$prog" </dev/null >"$tmp/out" 2>"$tmp/err")
    rc=$?
}

# golden_report N PROG [TODO]: compares the last run with PROG's expected files and prints
# the TAP line with diagnostics. A TODO reason marks a known failure (tests/DIR/known-failures).
golden_report() {
    n=$1 prog=$2 todo=${3:-}
    base=${prog%.py}
    if [ ! -f "$here/$base.out" ]; then
        echo "not ok $n - $prog"; echo "# missing $base.out (run tests/$dir/regen.sh)"; return
    fi
    exp_rc=0
    [ -f "$here/$base.rc" ] && exp_rc=$(tr -d ' \n' <"$here/$base.rc")
    if [ "$rc" = "$exp_rc" ] && cmp -s "$here/$base.out" "$tmp/out"; then echo "ok $n - $prog"; return; fi
    if [ -n "$todo" ]; then echo "not ok $n - $prog # TODO $todo"; else echo "not ok $n - $prog"; fi
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then echo "# timed out after ${tmo}s (exit status $rc)"
    elif [ "$rc" != "$exp_rc" ]; then echo "# exit status: expected $exp_rc, got $rc"; fi
    diff -u --label expected --label actual "$here/$base.out" "$tmp/out" | head -n 25 | sed 's/^/# /'
    [ -s "$tmp/err" ] && tail -n 8 "$tmp/err" | sed 's/^/# stderr: /'
    echo "# rerun: cd tests/$dir && $wick $prog"
}

# golden_todo PROG: the reason listed for PROG in tests/DIR/known-failures, or nothing.
golden_todo() { sed -n "s/^$1: //p" "$here/known-failures" 2>/dev/null | head -n 1; }
