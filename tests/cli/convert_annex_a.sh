#!/usr/bin/env bash
# convert --from annex-a reads the public fake Annex A workbook, reports its
# faults, and writes a scrutiny CSV folder that load takes; compute then counts
# the contacts (1.1) and referrals (3.1) of September 2020.
set -u
bin=$1
sample=$2/tests/samples/annex-a/Annex_A.xlsx  # public fake data (tests/samples/NOTICE.md)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
"$bin" convert --from annex-a --council 900 --as-at 2021-03-31 "$sample" --out "$work/out" --problems "$work/problems.txt" >"$work/summary" 2>"$work/err"
code=$?
[ $code = 0 ] || { echo "FAIL: convert exit $code"; cat "$work/err"; fail=1; }
grep -q "Annex A workbook: 8 rows left out" "$work/summary" || { echo "FAIL: not 8 rows left out"; fail=1; }
grep -Eq "List 8 +looked_after_episodes +5 rows +1 left out" "$work/summary" || { echo "FAIL: List 8 not read"; fail=1; }
grep -Eq "List 11 +adopters +5 rows +0 left out" "$work/summary" || { echo "FAIL: List 11 not read"; fail=1; }
grep -Eq "^  care_leavers +6$" "$work/summary" || { echo "FAIL: not 6 care leavers from List 9"; fail=1; }
[ "$(wc -l <"$work/problems.txt")" = 9 ] || { echo "FAIL: --problems does not list 9 problems"; fail=1; }
grep -q "List 8\]:3: column 'Placement postcode \[Y\]', value 'nope': not a postcode" "$work/problems.txt" ||
  { echo "FAIL: List 8's bad postcode not reported"; fail=1; }
[ "$(grep -c "Annex_A.xlsx\[List 4\]:[0-9]*: column 'Was the child assessed" "$work/problems.txt")" = 5 ] ||
  { echo "FAIL: the 5 bad List 4 rows are not reported"; fail=1; }
"$bin" load "$work/out" --db "$work/s.db" >"$work/load" 2>&1 || { echo "FAIL: load refused the converted folder"; cat "$work/load"; fail=1; }
# Hand counts from the workbook's XML (outside Scrutiny): every contact and
# referral is dated 44090, 16/09/2020; 4 of the 5 contacts are kept (List 1
# row 3 has no date of birth) and all 6 referrals.
"$bin" compute --db "$work/s.db" --period 2020-09 --indicator 1.1 >"$work/c11" 2>&1
grep -Eq "^1\.1 .*2020-09 +4 +4 " "$work/c11" || { echo "FAIL: 1.1 is not 4"; cat "$work/c11"; fail=1; }
"$bin" compute --db "$work/s.db" --period 2020-09 --indicator 3.1 >"$work/c31" 2>&1
grep -Eq "^3\.1 .*2020-09 +6 +6 " "$work/c31" || { echo "FAIL: 3.1 is not 6"; cat "$work/c31"; fail=1; }
# List 8 by hand (serial dates): 5 children in care, line 4 left out (no
# ethnicity), line 6 ceased 44096 (22/09/2020): 3 looked after on 31/03/2021.
# Last visits 44202, 44249, 44249: two within 6 weeks (from 17/02/2021).
# Health assessments 43978, 43978, 44047, all within 12 months; dental checks
# 43847, 43847, 43815, none within 12 months.
"$bin" compute --db "$work/s.db" --period 2021-03 --format csv >"$work/c8" 2>&1
for expected in '^8\.1,.*,All,3,3,$' '^8\.9,.*,All,66\.6+7?,2,3$' '^8\.10,.*,All,100,3,3$' '^8\.11,.*,All,0,0,3$'; do
  grep -Eq "$expected" "$work/c8" || { echo "FAIL: List 8 figure $expected"; grep -E '^8\.(1|9|10|11),' "$work/c8"; fail=1; }
done
"$bin" convert --from annex-a --council 900 --as-at 2021-02-30 "$sample" --out "$work/x" >/dev/null 2>&1
[ $? = 65 ] || { echo "FAIL: a bad --as-at date is not exit 65"; fail=1; }
printf 'not a workbook\n' >"$work/bad.xlsx"
"$bin" convert --from annex-a --council 900 "$work/bad.xlsx" --out "$work/x" >/dev/null 2>"$work/bad_err"
[ $? = 65 ] || { echo "FAIL: a file that is not a workbook is not exit 65"; fail=1; }
grep -q "not an .xlsx workbook" "$work/bad_err" || { echo "FAIL: no reason given for the bad file"; cat "$work/bad_err"; fail=1; }
[ $fail = 0 ] || head -40 "$work/summary"
exit $fail
