#!/bin/sh
# Regenerate the expected output of the language golden tests with Debian's
# CPython 3.11 (/usr/bin/python3, not whatever python3 is first on PATH).
#
#   tests/lang/regen.sh                  regenerate every tests/lang/NNN_*.py
#   tests/lang/regen.sh 042_property.py  regenerate only the named programs
#
# For each program P.py it writes
#   P.out  stdout (always written, may be empty)
#   P.err  stderr, only when non-empty (a stale P.err is removed)
#   P.rc   exit status, only when non-zero (a stale P.rc is removed)
#
# Conventions (tests/lang.t runs wick exactly the same way):
#   * the program runs with tests/lang as the working directory and is named
#     by its bare file name:  cd tests/lang && python3 NNN_topic.py
#   * stdin is P.in when that file exists, /dev/null otherwise
#   * programs named *_argv.py get the arguments:  a b c
#   * environment: WICK_TEST_VAR=hello-wick, TEST_TMPDIR=<fresh empty dir>,
#     LC_ALL=C.UTF-8, PYTHONNODEBUGRANGES=1 (no ^^^ markers in tracebacks),
#     PYTHONDONTWRITEBYTECODE=1, PYTHONHASHSEED=0, PYTHON* overrides unset
#   * stderr: the absolute directory CPython prints in tracebacks
#     ("File \"/abs/tests/lang/P.py\"") is stripped to "File \"P.py\"".
#
# Programs whose output CPython cannot produce (wick-specific behaviour such
# as 64-bit int overflow) live in tests/lang/wick/ with hand-written expected
# files; this script never touches them.
set -u
PY=${PYTHON:-/usr/bin/python3}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here" || exit 1

ver=$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
if [ "$ver" != "3.11" ]; then
    echo "regen.sh: $PY is Python '$ver', expected Debian's 3.11" >&2
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wick-regen.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ $# -gt 0 ]; then
    progs="$*"
else
    progs=$(ls [0-9][0-9][0-9]_*.py)
fi

n=0
for prog in $progs; do
    prog=$(basename "$prog")
    base=${prog%.py}
    [ -f "$prog" ] || { echo "regen.sh: no such program: $prog" >&2; exit 1; }
    stdin=/dev/null
    [ -f "$base.in" ] && stdin=$base.in
    args=
    case $prog in *_argv.py) args="a b c" ;; esac
    work=$tmp/work
    rm -rf "$work" && mkdir "$work"
    # shellcheck disable=SC2086
    env -u PYTHONPATH -u PYTHONHOME -u PYTHONSTARTUP -u PYTHONWARNINGS \
        -u PYTHONOPTIMIZE -u PYTHONINSPECT -u PYTHONSAFEPATH -u PYTHONUTF8 \
        PYTHONNODEBUGRANGES=1 PYTHONDONTWRITEBYTECODE=1 PYTHONHASHSEED=0 \
        PYTHONIOENCODING=utf-8 LC_ALL=C.UTF-8 LANG=C.UTF-8 \
        WICK_TEST_VAR=hello-wick TEST_TMPDIR="$work" \
        timeout 60 "$PY" "$prog" $args <"$stdin" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    D="$here/" perl -pe 's/\Q$ENV{D}\E//g' <"$tmp/err" >"$tmp/err.n"
    cp "$tmp/out" "$base.out"
    if [ -s "$tmp/err.n" ]; then cp "$tmp/err.n" "$base.err"; else rm -f "$base.err"; fi
    if [ "$rc" -ne 0 ]; then echo "$rc" >"$base.rc"; else rm -f "$base.rc"; fi
    n=$((n + 1))
done
echo "regen.sh: regenerated $n program(s) with $PY"
