#!/bin/sh
# TAP runner for the language golden tests (prove tests/lang.t).
#
# Runs ${WICK:-build/bin/wick} on every tests/lang/NNN_*.py and
# tests/lang/wick/NNN_*.py and compares stdout, stderr and the exit status
# exactly with P.out, P.err (empty when absent) and P.rc (0 when absent).
# One TAP test per program; mismatches print a short unified diff as "# ".
#
# Each program is run exactly as tests/lang/regen.sh runs CPython:
#   cd tests/lang && $WICK NNN_topic.py [a b c for *_argv.py] < NNN_topic.in|/dev/null
# with the environment WICK_TEST_VAR=hello-wick, TEST_TMPDIR=<fresh empty dir>,
# LC_ALL=C.UTF-8 (plus PYTHON* settings that only matter to CPython), under
# `timeout 10`.  In stderr, the absolute test directory followed by "/" is
# stripped, so a traceback may name the file "P.py" or "/abs/.../P.py".
#
# Environment:
#   WICK                 interpreter to test (default build/bin/wick, relative
#                        paths are taken from the directory prove runs in)
#   WICK_LANG_FILTER     extended regex; only programs whose name matches run
#   WICK_LANG_TIMEOUT    seconds per program (default 10)
# The programs in tests/lang/wick/ are skipped when $WICK is CPython
# (its --version starts with "Python"): their output is wick-specific.
set -u
case ${WICK:-build/bin/wick} in
    /*) wick=${WICK} ;;
    */*) wick=$(pwd)/${WICK:-build/bin/wick} ;;
    *) wick=$(command -v "$WICK" 2>/dev/null || echo "$(pwd)/$WICK") ;;
esac
here=$(cd "$(dirname "$0")/lang" && pwd) || { echo "Bail out! tests/lang not found"; exit 1; }
tmo=${WICK_LANG_TIMEOUT:-10}
filter=${WICK_LANG_FILTER:-.}

if [ ! -x "$wick" ]; then
    echo "Bail out! interpreter not found or not executable: $wick (build it, or set WICK)"
    exit 1
fi
is_cpython=no
if "$wick" --version 2>&1 </dev/null | head -n 1 | grep -q '^Python '; then
    is_cpython=yes
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wick-langt.XXXXXX") || { echo "Bail out! mktemp failed"; exit 1; }
trap 'rm -rf "$tmp"' EXIT INT TERM

list=$tmp/list
: >"$list"
for dir in "$here" "$here/wick"; do
    [ -d "$dir" ] || continue
    for p in "$dir"/[0-9][0-9][0-9]_*.py; do
        [ -f "$p" ] || continue
        name=${p#"$here"/}
        echo "$name" | grep -Eq -- "$filter" && echo "$name" >>"$list"
    done
done
total=$(wc -l <"$list" | tr -d ' ')
echo "1..$total"
[ "$total" -eq 0 ] && exit 0

diag() { sed 's/^/# /'; }

i=0
failed=0
while IFS= read -r name; do
    i=$((i + 1))
    dir=$here
    case $name in */*) dir=$here/${name%/*} ;; esac
    prog=${name##*/}
    base=${prog%.py}
    if [ "$dir" != "$here" ] && [ "$is_cpython" = yes ]; then
        echo "ok $i - $name # SKIP wick-specific program, not run under CPython"
        continue
    fi
    if [ ! -f "$dir/$base.out" ]; then
        echo "not ok $i - $name"
        echo "# missing expected file $base.out (run tests/lang/regen.sh)"
        failed=$((failed + 1))
        continue
    fi
    stdin=$dir/$base.in
    [ -f "$stdin" ] || stdin=/dev/null
    args=
    case $prog in *_argv.py) args="a b c" ;; esac
    work=$tmp/work
    rm -rf "$work" && mkdir "$work"
    # shellcheck disable=SC2086
    (cd "$dir" && exec env -u PYTHONPATH -u PYTHONHOME -u PYTHONSTARTUP -u PYTHONWARNINGS \
        -u PYTHONOPTIMIZE -u PYTHONINSPECT -u PYTHONSAFEPATH -u PYTHONUTF8 \
        PYTHONNODEBUGRANGES=1 PYTHONDONTWRITEBYTECODE=1 PYTHONHASHSEED=0 \
        PYTHONIOENCODING=utf-8 LC_ALL=C.UTF-8 LANG=C.UTF-8 \
        WICK_TEST_VAR=hello-wick TEST_TMPDIR="$work" \
        timeout -k 2 "$tmo" "$wick" "$prog" $args <"$stdin" >"$tmp/out" 2>"$tmp/err.raw")
    rc=$?
    D="$dir/" perl -pe 's/\Q$ENV{D}\E//g' <"$tmp/err.raw" >"$tmp/err"
    exp_rc=0
    [ -f "$dir/$base.rc" ] && exp_rc=$(tr -d ' \n' <"$dir/$base.rc")
    if [ -f "$dir/$base.err" ]; then cp "$dir/$base.err" "$tmp/exp_err"; else : >"$tmp/exp_err"; fi
    ok=yes
    cmp -s "$dir/$base.out" "$tmp/out" || ok=no
    cmp -s "$tmp/exp_err" "$tmp/err" || ok=no
    [ "$rc" = "$exp_rc" ] || ok=no
    if [ $ok = yes ]; then
        echo "ok $i - $name"
        continue
    fi
    failed=$((failed + 1))
    echo "not ok $i - $name"
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        echo "# timed out after ${tmo}s (exit status $rc)"
    elif [ "$rc" != "$exp_rc" ]; then
        echo "# exit status: expected $exp_rc, got $rc"
    fi
    if ! cmp -s "$dir/$base.out" "$tmp/out"; then
        echo "# stdout differs:"
        diff -u --label expected --label actual "$dir/$base.out" "$tmp/out" | head -n 25 | diag
    fi
    if ! cmp -s "$tmp/exp_err" "$tmp/err"; then
        echo "# stderr differs:"
        diff -u --label expected --label actual "$tmp/exp_err" "$tmp/err" | head -n 25 | diag
    fi
    echo "# rerun: cd tests/lang${dir#"$here"} && $wick $prog $args"
done <"$list"
exit 0
