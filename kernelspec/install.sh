#!/bin/sh
# install.sh — installs the wick kernelspec with argv[0] set to a wick binary: install.sh WICK_BIN [jupyter kernelspec install options: --user | --prefix P | --sys-prefix]
set -e
[ $# -ge 1 ] || { echo "usage: $0 WICK_BIN [--user | --prefix P]" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/wick"
for f in "$here"/logo-*; do [ -e "$f" ] && cp "$f" "$tmp/wick/"; done
sed "s|\"argv\": \[\"wick\"|\"argv\": [\"$bin\"|" "$here/kernel.json" > "$tmp/wick/kernel.json"
grep -q "\"$bin\"" "$tmp/wick/kernel.json" || { echo "$0: could not set argv[0]" >&2; exit 1; }
jupyter kernelspec install --name wick "$@" "$tmp/wick"
