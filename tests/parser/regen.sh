#!/bin/sh
# regen.sh — regenerate tests/parser/cases/*.out (and *.pos) with Debian's CPython 3.11.
# Usage: tests/parser/regen.sh [case.py ...]
set -e
cd "$(dirname "$0")/cases"
PY=${PYTHON:-/usr/bin/python3}
[ $# -gt 0 ] || set -- *.py
for f in "$@"; do
    f=$(basename "$f")
    base=${f%.py}
    "$PY" - "$f" "$base" <<'PYEOF'
import ast, sys
path, base = sys.argv[1], sys.argv[2]
src = open(path, 'rb').read()
mode = 'exec'
if src.startswith(b'# mode: eval'): mode = 'eval'
if src.startswith(b'# mode: single'): mode = 'single'
if mode != 'exec':
    src = src.split(b'\n', 1)[1]
try:
    tree = compile(src, path, mode, ast.PyCF_ONLY_AST)
    out = ast.dump(tree) + '\n'
    pos = ast.dump(tree, include_attributes=True) + '\n'
except SyntaxError as e:
    out = '%s: %s (line %s, offset %s)\n' % (type(e).__name__, e.msg, e.lineno, e.offset)
    pos = None
except ValueError as e:
    out = 'SyntaxError: %s (line 1, offset 1)\n' % e
    pos = None
open(base + '.out', 'w').write(out)
if pos is not None and b'# nopos' not in src:
    open(base + '.pos', 'w').write(pos)
else:
    import os
    if os.path.exists(base + '.pos'): os.remove(base + '.pos')
PYEOF
done
