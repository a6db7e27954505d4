#!/usr/bin/env bash
# A bad load reports file:line, column, value and rule, exits 65, and stores nothing.
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
printf 'la_code,name,region\n900,Test,E12000007\n' >"$work/in/councils.csv"
printf 'child_id,la_code,sex,date_of_birth,ethnicity,uasc\nC1,900,F,2015-06-01,WBRI,N\nC2,900,X,2015-13-01,WBRI,N\n' >"$work/in/children.csv"
"$bin" load "$work/in" --db "$work/s.db" >"$work/out" 2>"$work/err"
code=$?
fail=0
[ $code = 65 ] || { echo "FAIL: exit $code, wanted 65"; fail=1; }
grep -q "children.csv:3: column 'sex', value 'X': 'X' is not in code list sex" "$work/err" || { echo "FAIL: no sex error"; fail=1; }
grep -q "children.csv:3: column 'date_of_birth', value '2015-13-01': a date is YYYY-MM-DD" "$work/err" || { echo "FAIL: no date error"; fail=1; }
grep -q "2 problems found; nothing was loaded" "$work/err" || { echo "FAIL: no summary"; fail=1; }
[ ! -e "$work/s.db" ] || { echo "FAIL: a store was created for a bad load"; fail=1; }
[ $fail = 0 ] || cat "$work/err"
exit $fail
