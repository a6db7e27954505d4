#!/usr/bin/env bash
# convert --from cin-census and --from csww read the public fake returns, report
# their faults, and write scrutiny CSV folders that load takes; compute then
# counts the referrals of June 2022 and the children in need on 31 March 2022.
set -u
bin=$1
samples=$2/tests/samples  # public fake data (tests/samples/NOTICE.md)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
"$bin" convert --from cin-census --council 900 "$samples/cin-census/fake_CIN_data.xml" --out "$work/cin" \
  --problems "$work/problems.txt" >"$work/summary" 2>"$work/err"
code=$?
[ $code = 0 ] || { echo "FAIL: convert cin-census exit $code"; cat "$work/err"; fail=1; }
grep -q "CIN census 2021-22: 7 of 332 children and 14 of 402 CINdetails left out" "$work/summary" ||
  { echo "FAIL: no counts in the summary"; fail=1; }
[ "$(grep -c "fake_CIN_data.xml:[0-9]*: column 'CIN[a-z]*Date', value '[0-9-]*': a date of this return is not after 2022-07-21" "$work/problems.txt")" = 17 ] ||
  { echo "FAIL: --problems does not list the 17 late dates"; fail=1; }
"$bin" load "$work/cin" --db "$work/s.db" >"$work/load" 2>&1 || { echo "FAIL: load refused the converted census"; cat "$work/load"; fail=1; }
# 13: referrals dated June 2022 in the CINdetails kept, counted outside Scrutiny
# by tests/samples/count_faults.py.
"$bin" compute --db "$work/s.db" --period 2022-06 --indicator 3.1 >"$work/compute" 2>&1
grep -qw "13" "$work/compute" || { echo "FAIL: 3.1 is not 13"; cat "$work/compute"; fail=1; }
# 134: children with a kept episode open on 31 March 2022, by the same script.
"$bin" compute --db "$work/s.db" --period 2022-03 --indicator 6.1 >"$work/compute61" 2>&1
grep -qw "134" "$work/compute61" || { echo "FAIL: 6.1 is not 134"; cat "$work/compute61"; fail=1; }
"$bin" convert --from csww --council 900 "$samples/csww/social_work_workforce_2022.xml" --out "$work/csww" >"$work/csww.txt" 2>&1 ||
  { echo "FAIL: convert csww"; cat "$work/csww.txt"; fail=1; }
grep -q "Workforce (CSWW) return of 30 September 2022: 26 of 30 workers left out" "$work/csww.txt" || { echo "FAIL: csww counts"; fail=1; }
grep -q "worker_caseloads  *3$" "$work/csww.txt" || { echo "FAIL: the Cases30 of the sample's workers kept are not read"; cat "$work/csww.txt"; fail=1; }
"$bin" load "$work/csww" --db "$work/w.db" >"$work/wload" 2>&1 || { echo "FAIL: load refused the workforce"; cat "$work/wload"; fail=1; }
"$bin" convert --from cin-census --council 900 "$samples/ssda903/fake_903.xml" --out "$work/x" >"$work/wrong" 2>&1
[ $? = 65 ] || { echo "FAIL: an SSDA903 XML given as a CIN census is not exit 65"; fail=1; }
grep -q "fake_903.xml:2: column 'root element', value 'EXPSSDA903'" "$work/wrong" || { echo "FAIL: wrong root not reported"; cat "$work/wrong"; fail=1; }
[ $fail = 0 ] || head -40 "$work/summary"
exit $fail
