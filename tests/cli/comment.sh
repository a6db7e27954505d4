#!/usr/bin/env bash
# comment: commentary kept in the store with its history, and its mistakes.
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
printf 'la_code,name,region\n900,Test,E12000007\n' >"$work/in/councils.csv"
printf 'la_code,year,children_0_17\n900,2023,20000\n' >"$work/in/population.csv"
printf 'child_id,la_code,sex,date_of_birth,ethnicity,uasc\nC1,900,F,2015-06-01,WBRI,N\n' >"$work/in/children.csv"
fail=0
"$bin" load "$work/in" --db "$work/s.db" >/dev/null || { echo "FAIL: load"; exit 1; }
c() { "$bin" comment "$@" --db "$work/s.db"; }
c 4.3 --period 2025-10 --text "Two teams carried vacancies." --actions "Weekly review." --author "A. Manager" >/dev/null || fail=1
c 4.3 --period 2025-10 --text "Vacancies filled; agency cover <ended> & reviewed." --author "B. Head" >/dev/null || fail=1
c 4.3 --period 2025-10 --history >"$work/out" || fail=1
[ "$(grep -c '^#' "$work/out")" = 2 ] || { echo "FAIL: two entries in the history"; cat "$work/out"; fail=1; }
head -1 "$work/out" | grep -q "by A. Manager" || { echo "FAIL: oldest first"; cat "$work/out"; fail=1; }
grep -q "agency cover <ended> & reviewed" "$work/out" || { echo "FAIL: text kept as written"; cat "$work/out"; fail=1; }
c 4.3 --period 2025-11 --history | grep -q "No commentary" || { echo "FAIL: other periods have none"; fail=1; }
# A new load of the council keeps its commentary.
"$bin" load "$work/in" --db "$work/s.db" >/dev/null || fail=1
[ "$(c 4.3 --period 2025-10 --history | grep -c '^#')" = 2 ] || { echo "FAIL: commentary lost on reload"; fail=1; }
# Mistakes: exit 65 with the reason, nothing saved.
expect() {  # message command...
  local message=$1; shift
  "$@" >/dev/null 2>"$work/err"; local code=$?
  [ $code = 65 ] || [ $code = 64 ] || { echo "FAIL: '$*' exit $code"; fail=1; }
  grep -q -- "$message" "$work/err" || { echo "FAIL: '$*' message"; cat "$work/err"; fail=1; }
}
expect "no indicator '99.9'" c 99.9 --period 2025-10 --text x --author y
expect "period '2025-13'" c 4.3 --period 2025-13 --text x --author y
expect "no council '901'" c 4.3 --period 2025-10 --text x --author y --council 901
expect "--text is required" c 4.3 --period 2025-10 --author y
expect "say who wrote it" env -u USER -u SCRUTINY_AUTHOR "$bin" comment 4.3 --period 2025-10 --text x --db "$work/s.db"
[ "$(c 4.3 --period 2025-10 --history | grep -c '^#')" = 2 ] || { echo "FAIL: a refused comment was saved"; fail=1; }
exit $fail
