#!/bin/sh
# run.sh — builds the libFuzzer targets and runs each for FUZZ_SECONDS (default 600):
#   fuzz_parse   lexer + parser (+ is_complete, ast dump)
#   fuzz_compile parser + scope pass + compiler (+ disassembler), whole interpreter linked
#   fuzz_kmsg    the Jupyter kernel's message parser (frames, signatures, JSON) + history query
# FUZZ_TARGETS selects targets (default: all three). Crashes go to $FUZZ_OUT/crashes/ (default build-fuzz).
set -e
cd "$(dirname "$0")/../.."
out=${FUZZ_OUT:-build-fuzz}   # FUZZ_OUT: another output folder
mkdir -p "$out/corpus" "$out/crashes"
flags="-std=c11 -D_GNU_SOURCE -Ilang -Iruntime -I. -g -O1 -fsanitize=fuzzer,address,undefined"
front="lang/arena.c lang/ast.c lang/astdump.c lang/lexer.c lang/sbuf.c $(ls lang/parse*.c)"
cp tests/lang/*.py tests/parser/cases/*.py "$out/corpus/" 2>/dev/null || true
# fuzz_kmsg seeds: mode byte, then frames separated by 0x1E (see fuzz_kmsg.c)
mkdir -p "$out/corpus-kmsg"
hdr='{"msg_id":"1","session":"s","username":"u","date":"2024-01-01T00:00:00Z","version":"5.3","msg_type":'
printf '\002id\036<IDS|MSG>\036\036%s"execute_request"}\036{}\036{}\036{"code":"1+1","silent":false}' "$hdr" \
    > "$out/corpus-kmsg/execute"
printf '\003<IDS|MSG>\036x\036%s"history_request"}\036{}\036{}\036{"hist_access_type":"search","pattern":"p*","n":2,"unique":true}' "$hdr" \
    > "$out/corpus-kmsg/history"
printf '\003<IDS|MSG>\036x\036%s"history_request"}\036{}\036{}\036{"hist_access_type":"range","start":-3,"stop":9,"output":true}\036buf' "$hdr" \
    > "$out/corpus-kmsg/range"
for t in ${FUZZ_TARGETS:-fuzz_parse fuzz_compile fuzz_kmsg}; do
    corpus=$out/corpus libs=
    case $t in
    fuzz_parse) srcs=$front ;;
    fuzz_compile) srcs=$(ls lang/*.c | grep -v '^lang/main.c$') ;;
    fuzz_kmsg) srcs="kernel/kmsg.c kernel/ksign.c kernel/kutil.c kernel/khist.c" corpus=$out/corpus-kmsg
               libs="-lzmq -lsodium -ljansson" ;;
    *) echo "unknown target $t" >&2; exit 2 ;;
    esac
    clang $flags -o "$out/$t" "tests/fuzz/$t.c" $srcs -lm -lreadline -lpthread -ldl $libs
    echo "== $t for ${FUZZ_SECONDS:-600} s"
    ASAN_OPTIONS=detect_leaks=0 "$out/$t" -max_total_time="${FUZZ_SECONDS:-600}" -timeout=5 \
        -rss_limit_mb=2048 -artifact_prefix="$out/crashes/$t-" "$corpus"
done
