#!/usr/bin/env bash
# docs/formats.md is what `scrutiny formats` prints, so it cannot drift from the code.
set -eu
bin=$1
root=$2
if ! "$bin" formats | diff -u "$root/docs/formats.md" - >/tmp/scrutiny_formats_diff.$$; then
  head -40 /tmp/scrutiny_formats_diff.$$
  echo "FAIL: docs/formats.md is stale: run  scrutiny formats > docs/formats.md"
  exit 1
fi
rm -f /tmp/scrutiny_formats_diff.$$
