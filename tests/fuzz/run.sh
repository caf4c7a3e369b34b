#!/bin/sh
# run.sh — builds the libFuzzer targets and runs each for FUZZ_SECONDS (default 600):
#   fuzz_parse   lexer + parser (+ is_complete, ast dump)
#   fuzz_compile parser + scope pass + compiler (+ disassembler), whole interpreter linked
# FUZZ_TARGETS selects targets (default: both). Crashes go to build-fuzz/crashes/.
set -e
cd "$(dirname "$0")/../.."
out=build-fuzz
mkdir -p "$out/corpus" "$out/crashes"
flags="-std=c11 -D_GNU_SOURCE -Ilang -Iruntime -I. -g -O1 -fsanitize=fuzzer,address,undefined"
front="lang/arena.c lang/ast.c lang/astdump.c lang/lexer.c lang/sbuf.c $(ls lang/parse*.c)"
cp tests/lang/*.py tests/parser/cases/*.py "$out/corpus/" 2>/dev/null || true
for t in ${FUZZ_TARGETS:-fuzz_parse fuzz_compile}; do
    case $t in
    fuzz_parse) srcs=$front ;;
    fuzz_compile) srcs=$(ls lang/*.c | grep -v '^lang/main.c$') ;;
    *) echo "unknown target $t" >&2; exit 2 ;;
    esac
    clang $flags -o "$out/$t" "tests/fuzz/$t.c" $srcs -lm -lreadline -lpthread -ldl
    echo "== $t for ${FUZZ_SECONDS:-600} s"
    ASAN_OPTIONS=detect_leaks=0 "$out/$t" -max_total_time="${FUZZ_SECONDS:-600}" -timeout=5 \
        -rss_limit_mb=2048 -artifact_prefix="$out/crashes/$t-" "$out/corpus"
done
