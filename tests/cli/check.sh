#!/usr/bin/env bash
# scrutiny check: exit 0 on clean records, 1 on soft problems only (folder and
# store), 65 on problems a load would refuse; table, CSV and JSON; --out.
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
expect() { grep -q -- "$2" "$1" || { echo "FAIL: '$2' not in $1"; cat "$1"; fail=1; }; }
mkdir "$work/in"
printf 'la_code,name,region\n900,Test,E12000007\n' >"$work/in/councils.csv"
printf 'team_id,la_code,name,service_area\nT1,900,Care,CLA\n' >"$work/in/teams.csv"
printf 'child_id,la_code,sex,date_of_birth,ethnicity,uasc\nC1,900,F,2012-06-01,WBRI,N\nC2,900,M,2011-01-15,WBRI,N\n' >"$work/in/children.csv"
printf 'episode_id,child_id,decom,rne,ls,cin,place,place_provider,team_id\nE1,C1,2024-01-02,S,C2,N1,U1,PR1,T1\nE2,C2,2024-01-02,S,C2,N1,U1,PR1,T1\n' >"$work/in/looked_after_episodes.csv"
printf 'child_id,review_date\nC1,2024-01-25\nC1,2024-04-20\nC2,2024-01-25\nC2,2024-04-20\n' >"$work/in/looked_after_reviews.csv"

"$bin" check "$work/in" --period 2024-06 >"$work/clean" 2>&1
code=$?
[ $code = 0 ] || { echo "FAIL: clean folder exit $code, wanted 0"; cat "$work/clean"; fail=1; }
expect "$work/clean" "0 problems about 0 children"

# C2's reviews are in the case notes only: the soft rule and 8.8 point to it.
printf 'child_id,review_date\nC1,2024-01-25\nC1,2024-04-20\n' >"$work/in/looked_after_reviews.csv"
"$bin" check "$work/in" --period 2024-06 >"$work/soft" 2>&1
code=$?
[ $code = 1 ] || { echo "FAIL: soft problems exit $code, wanted 1"; fail=1; }
expect "$work/soft" "review-not-recorded: looked-after child with no review recorded"
expect "$work/soft" "T1"
expect "$work/soft" "8.8 Looked-after children reviewed within 6 months: 50.0%; 1 of those counted has problems in review date. Without them: 100.0%. Had they met the standard: 100.0%."
expect "$work/soft" "child C2  .*looked_after_episodes.csv:3"

"$bin" load "$work/in" --db "$work/s.db" >/dev/null 2>&1 || { echo "FAIL: load"; fail=1; }
"$bin" check --db "$work/s.db" --period 2024-06 --format csv --out "$work/store.csv" >/dev/null 2>&1
code=$?
[ $code = 1 ] || { echo "FAIL: store check exit $code, wanted 1"; fail=1; }
expect "$work/store.csv" "^rule,child_id,file,row,record_type,key,field,value,team,indicators,detail$"
expect "$work/store.csv" "^review-not-recorded,C2,,,looked_after_episodes,E2,review_date,,T1,8.8,"

# A review row with its key date left out: a hard problem, as load reports it.
printf 'child_id,review_date\nC1,2024-01-25\nC1,2024-04-20\nC2,\n' >"$work/in/looked_after_reviews.csv"
"$bin" check "$work/in" --period 2024-06 --format json >"$work/hard.json" 2>&1
code=$?
[ $code = 65 ] || { echo "FAIL: hard problems exit $code, wanted 65"; fail=1; }
python3 - "$work/hard.json" <<'PY' || fail=1
import json, sys
j = json.load(open(sys.argv[1]))
hard = [p for p in j["problems"] if p["rule"] == "missing-value"]
assert j["hard_problems"] is True, j
assert len(hard) == 1 and hard[0]["child_id"] == "C2" and hard[0]["row"] == 4 and hard[0]["field"] == "review_date", hard
assert "8.8" in hard[0]["indicators"], hard
[ind] = [i for i in j["indicators"] if i["number"] == "8.8"]
assert ind["with_problems"] == 1 and ind["value"] == 50 and ind["had_they_met_the_standard"] == 100, ind
PY

"$bin" check "$work/nowhere" --period 2024-06 >/dev/null 2>"$work/err"
code=$?
[ $code = 74 ] || { echo "FAIL: missing folder exit $code, wanted 74"; cat "$work/err"; fail=1; }
"$bin" check --db "$work/none.db" --period 2024-06 >/dev/null 2>"$work/err"
code=$?
[ $code = 74 ] || { echo "FAIL: missing store exit $code, wanted 74"; fail=1; }
[ ! -e "$work/none.db" ] || { echo "FAIL: check created a store"; fail=1; }
"$bin" check "$work/in" --period 2024-13 >/dev/null 2>"$work/err"
code=$?
[ $code = 64 ] || { echo "FAIL: bad period exit $code, wanted 64 (65 means hard problems)"; fail=1; }
exit $fail
