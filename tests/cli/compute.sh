#!/usr/bin/env bash
# compute and drill on a small store: values, breakdowns, history, formats, drill-down and errors.
set -u
bin=$1
root=$2
suite="$root/config/suites/scrutiny-dataset.toml"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
printf 'la_code,name,region\n900,Test,E12000007\n' >"$work/in/councils.csv"
printf 'la_code,year,children_0_17\n900,2023,20000\n' >"$work/in/population.csv"
printf 'team_id,la_code,name,service_area\nT1,900,Assessment 1,ASSESSMENT\nT2,900,Assessment 2,ASSESSMENT\n' >"$work/in/teams.csv"
printf 'child_id,la_code,sex,date_of_birth,ethnicity,uasc\nC1,900,F,2015-06-01,WBRI,N\nC2,900,M,2012-02-29,BAFR,N\nC3,900,F,2020-01-01,WBRI,N\n' >"$work/in/children.csv"
cat >"$work/in/assessments.csv" <<'CSV'
assessment_id,child_id,start_date,authorisation_date,requires_support,team_id
A1,C1,2024-03-01,2024-05-03,Y,T1
A2,C2,2024-03-01,2024-05-09,N,T2
A3,C3,2024-05-10,,,T2
CSV
fail=0
"$bin" load "$work/in" --db "$work/s.db" >/dev/null || { echo "FAIL: load"; exit 1; }
run() { "$bin" "$@" --db "$work/s.db" --suite "$suite"; }
# A1 took 43 working days (Good Friday 29 March, Easter Monday 1 April); A2 took 46 (early May bank holiday 6 May).
run compute --period 2024-05 --indicator 4.3 >"$work/out" || fail=1
grep -Eq "^4\.3 .* 2024-05 +50\.0% +1 +2" "$work/out" || { echo "FAIL: 4.3 value"; cat "$work/out"; fail=1; }
run compute --period 2024-05 --indicator 4.3 --by team --format csv >"$work/out" || fail=1
grep -q "^4.3,.*,2024-05,2024-05-01,2024-05-31,team,T1,100,1,1$" "$work/out" || { echo "FAIL: by team"; cat "$work/out"; fail=1; }
run compute --period 2024-06 --history 3 --indicator 4.4 --format json >"$work/out" || fail=1
python3 -c "import json,sys; d=json.load(open('$work/out')); v=[x['value'] for x in d[0]['groups'][0]['values']]; sys.exit(0 if v==[2,1,1] else 1)" \
  || { echo "FAIL: history of open assessments"; cat "$work/out"; fail=1; }
run drill 4.3 --period 2024-05 --format csv >"$work/out" || fail=1
grep -q "^assessments,A1,C1,All,numerator" "$work/out" && grep -q "^assessments,A2,C2,All,denominator" "$work/out" \
  || { echo "FAIL: drill"; cat "$work/out"; fail=1; }
run drill 4.3 --period 2024-05 --by team --group T2 --numerator --format csv >"$work/out" || fail=1
[ "$(wc -l <"$work/out")" = 1 ] || { echo "FAIL: drill of one group's numerator should be empty"; cat "$work/out"; fail=1; }
# Errors: a bad period, an unknown indicator, a broken suite.
run compute --period 2024-13 >/dev/null 2>"$work/err"; [ $? = 65 ] || { echo "FAIL: bad period exit"; fail=1; }
grep -q "period '2024-13'" "$work/err" || { echo "FAIL: bad period message"; cat "$work/err"; fail=1; }
run drill 99.9 --period 2024-05 >/dev/null 2>"$work/err"; [ $? = 65 ] || { echo "FAIL: unknown indicator exit"; fail=1; }
sed 's/date = "authorisation_date"/date = "authorized_date"/' "$suite" >"$work/bad.toml"
"$bin" indicators --suite "$work/bad.toml" >/dev/null 2>"$work/err"; [ $? = 65 ] || { echo "FAIL: bad suite exit"; fail=1; }
grep -q "bad.toml:[0-9]*: indicator 4.2: assessments has no date field 'authorized_date'" "$work/err" || { echo "FAIL: bad suite message"; cat "$work/err"; fail=1; }
exit $fail
