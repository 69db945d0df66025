#!/bin/sh
# Bootstrap the build system from a clean checkout: ./autogen.sh && ./configure && make
set -e
cd "$(dirname "$0")"
autoreconf --install --force
