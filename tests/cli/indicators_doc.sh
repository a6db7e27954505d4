#!/usr/bin/env bash
# docs/indicators.md is what `scrutiny indicators --doc` prints from the default suite.
set -eu
bin=$1
root=$2
if ! "$bin" indicators --suite "$root/config/suites/scrutiny-dataset.toml" --doc | diff -u "$root/docs/indicators.md" - >/tmp/scrutiny_ind_diff.$$; then
  head -40 /tmp/scrutiny_ind_diff.$$
  echo "FAIL: docs/indicators.md is stale: run  scrutiny indicators --doc > docs/indicators.md"
  exit 1
fi
rm -f /tmp/scrutiny_ind_diff.$$
