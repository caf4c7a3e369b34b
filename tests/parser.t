#!/bin/sh
# parser.t — TAP: runs wick-astdump on tests/parser/cases/*.py and compares with CPython's ast.dump output.
cd "$(dirname "$0")/.." || exit 1
BIN=${WICK_ASTDUMP:-build/bin/wick-astdump}
case "$BIN" in /*) ;; *) BIN="$PWD/$BIN" ;; esac
CASES=tests/parser/cases
if [ ! -x "$BIN" ]; then
    echo "1..0 # SKIP $BIN not built"
    exit 0
fi
n=0
for f in "$CASES"/*.py; do
    n=$((n + 1))
    [ -f "${f%.py}.pos" ] && n=$((n + 1))
done
n=$((n + 1))
echo "1..$n"
i=0
check() {  # check NAME EXPECTED-FILE ARGS...
    name=$1; exp=$2; shift 2
    i=$((i + 1))
    got=$("$BIN" "$@" 2>&1)
    rc=$?
    if [ $rc -gt 1 ]; then
        echo "not ok $i - $name (exit status $rc)"
        printf '%s\n' "$got" | head -5 | sed 's/^/# /'
    elif [ "$got" = "$(cat "$exp")" ]; then
        echo "ok $i - $name"
    else
        echo "not ok $i - $name"
        echo "# expected: $(head -c 600 "$exp")"
        echo "# got:      $(printf '%s' "$got" | head -c 600)"
    fi
}
for f in "$CASES"/*.py; do
    base=${f%.py}
    check "$(basename "$base")" "$base.out" "$f"
    if [ -f "$base.pos" ]; then
        check "$(basename "$base") positions" "$base.pos" -a "$f"
    fi
done
# is_complete (CPython codeop rules)
i=$((i + 1))
bad=0
while IFS='|' read -r src want; do
    got=$(printf "$src" | "$BIN" -c - | cut -d' ' -f1)
    if [ "$got" != "$want" ]; then
        bad=1
        echo "# is_complete('$src'): expected $want, got $got"
    fi
done <<'EOT'
x = 1|complete
x = |invalid
x = (1,|incomplete
if x:|incomplete
if x:\n|incomplete
if x:\n  pass|incomplete
if x:\n  pass\n|complete
def f():\n  return 1\n|complete
"""abc|incomplete
x = \\|incomplete
x = 1 +|invalid
@dec|incomplete
class A:\n  x = 1\n\n|complete
x = [1,\n2]|complete
|complete
# c|complete
x = )|invalid
if x:\n  pass\nelse:|incomplete
try:\n  pass\n|incomplete
1 2|invalid
print "x"|invalid
x=1\nif x:\n pass\n|invalid
if x:\npass|invalid
  x = 1|invalid
a ; b|complete
def f(|incomplete
EOT
if [ $bad = 0 ]; then echo "ok $i - is_complete"; else echo "not ok $i - is_complete"; fi
