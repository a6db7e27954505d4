#!/usr/bin/env bash
# convert --from ssda903 reads the public fake return, reports its faults, and
# writes a scrutiny CSV folder that load takes; compute then counts the children
# looked after on 31 March 2018.
set -u
bin=$1
samples=$2/tests/samples/ssda903  # public fake data (tests/samples/NOTICE.md)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
"$bin" convert --from ssda903 --council 900 "$samples" --out "$work/out" --problems "$work/problems.txt" >"$work/summary" 2>"$work/err"
code=$?
[ $code = 0 ] || { echo "FAIL: convert exit $code"; cat "$work/err"; fail=1; }
grep -q "SSDA903 return 2017-18" "$work/summary" || { echo "FAIL: no year in summary"; fail=1; }
grep -q "REASON_PLACED_CEASED in 2017-18 is one of: RD1, RD2, RD3, RD4" "$work/summary" || { echo "FAIL: no grouped rule"; fail=1; }
[ "$(grep -c "placed_for_adoption.csv:[0-9]*: column 'REASON_PLACED_CEASED', value 'XXX'" "$work/problems.txt")" = 29 ] ||
  { echo "FAIL: --problems does not list the 29 XXX reasons"; fail=1; }
"$bin" load "$work/out" --db "$work/s.db" >"$work/load" 2>&1 || { echo "FAIL: load refused the converted folder"; cat "$work/load"; fail=1; }
# 1196: hand count of children with an episode open on 31/03/2018 (LS not V3/V4) after
# the cleaning rules of docs/ssda903.md, recomputed from episodes.csv outside Scrutiny.
"$bin" compute --db "$work/s.db" --period 2018-03 --indicator 8.1 >"$work/compute" 2>&1
grep -q "1,196\|1196" "$work/compute" || { echo "FAIL: 8.1 is not 1196"; cat "$work/compute"; fail=1; }
"$bin" convert --from ssda903 --council 'bad code!' "$samples" --out "$work/x" >/dev/null 2>&1
[ $? = 65 ] || { echo "FAIL: a bad council code is not exit 65"; fail=1; }
[ $fail = 0 ] || head -40 "$work/summary"
exit $fail
