#!/bin/sh
# deps.sh — installs the Debian packages that building and testing wick need, if missing.
set -e
PKGS="gcc make clang libclang-rt-14-dev perl libreadline-dev python3 python3-pexpect
 libzmq3-dev libsodium-dev libjansson-dev python3-jupyter-client jupyter-client python3-jupyter-kernel-test
 jupyter-nbconvert python3-nbclient python3-nbformat libopenblas0-pthread jupyter-console"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "make deps: missing Debian packages:$missing" >&2
    echo "make deps: run as root (or: sudo apt-get install$missing)" >&2
    exit 1
fi
echo "make deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing
