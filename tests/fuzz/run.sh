#!/bin/sh
# run.sh — builds the libFuzzer target over the lexer/parser and runs it
# (FUZZ_SECONDS, default 600). Crashes are written to build-fuzz/crashes/.
set -e
cd "$(dirname "$0")/../.."
out=build-fuzz
mkdir -p "$out/corpus" "$out/crashes"
src="lang/arena.c lang/ast.c lang/astdump.c lang/lexer.c lang/sbuf.c $(ls lang/parse*.c)"
clang -std=c11 -D_GNU_SOURCE -Ilang -g -O1 -fsanitize=fuzzer,address,undefined \
    -o "$out/fuzz_parse" tests/fuzz/fuzz_parse.c $src -lm
# Seed the corpus with every program we have.
cp tests/lang/*.py tests/parser/cases/*.py "$out/corpus/" 2>/dev/null || true
"$out/fuzz_parse" -max_total_time="${FUZZ_SECONDS:-600}" -timeout=5 -rss_limit_mb=2048 \
    -artifact_prefix="$out/crashes/" "$out/corpus"
