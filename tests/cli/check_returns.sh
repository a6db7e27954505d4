#!/usr/bin/env bash
# check reads the returns load takes: the public fake Annex A workbook, whose
# List 8 row 5 has care starting in 2010 for a child born in 2018 and List 7
# row 8 a plan 11 months before the child's birth (read from its XML by hand).
set -u
bin=$1
sample=$2/tests/samples/annex-a/Annex_A.xlsx  # public fake data (tests/samples/NOTICE.md)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
"$bin" check --council 900 --as-at 2021-03-31 --period 2021-03 "$sample" --format csv --out "$work/all.csv"
code=$?
# The reader's own problems (9 rows left out or values blanked) are problems a load reports: exit 65.
[ $code = 65 ] || { echo "FAIL: check of the workbook exit $code, not 65"; fail=1; }
[ "$(grep -c '^not-read,' "$work/all.csv")" = 9 ] || { echo "FAIL: not 9 reader problems"; fail=1; }
grep -q '^implausible-age,900-2529037,Annex_A.xlsx\[List 8\],5,looked_after_episodes,900-L8-5,decom,2010-02-24,900-team-children-in-care-team-2,8\.1;' "$work/all.csv" ||
  { echo "FAIL: care begun before birth not found and counted against 8.1"; grep implausible "$work/all.csv"; fail=1; }
grep -q '^implausible-age,900-6913085,Annex_A.xlsx\[List 7\],8,cp_plans,' "$work/all.csv" ||
  { echo "FAIL: plan before birth not found"; fail=1; }
# 8.1 on 31 March 2021 is 3 (tests/cli/convert_annex_a.sh); without that child, 2.
"$bin" check --council 900 --as-at 2021-03-31 --period 2021-03 "$sample" >"$work/table" 2>&1
grep -q "8.1 Children looked after: 3; 1 of those counted has problems in decom. Without them: 2." "$work/table" ||
  { echo "FAIL: 8.1 not said to be 3, 2 without the faulty record"; grep "^  8\.1 " "$work/table"; fail=1; }
"$bin" check --period 2021-03 "$sample" >/dev/null 2>"$work/err"
[ $? = 65 ] && grep -q "give the council's code with --council" "$work/err" ||
  { echo "FAIL: a return without --council is not refused with the reason"; cat "$work/err"; fail=1; }
printf '\x89PNG\r\n\x1a\n' >"$work/picture.png"
"$bin" check --council 900 --period 2021-03 "$work/picture.png" >/dev/null 2>"$work/err"
[ $? = 65 ] || { echo "FAIL: a picture is not refused"; cat "$work/err"; fail=1; }
exit $fail
