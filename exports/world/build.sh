#!/bin/sh
# Rebuilds outlines.txt from the npm package world-atlas (see README.md).
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent world-atlas@2.0.2 >/dev/null && tar xzf world-atlas-2.0.2.tgz)
python3 build.py "$tmp/package/countries-110m.json" > outlines.txt
