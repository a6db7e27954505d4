#!/usr/bin/env bash
# status lists each load (with files and checksums) and the rows and dates held per record type.
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
printf 'la_code,name,region\n900,Test,E12000007\n' >"$work/in/councils.csv"
printf 'child_id,la_code,sex,date_of_birth,ethnicity,uasc\nC1,900,F,2015-06-01,WBRI,N\nC2,900,M,2012-02-29,WBRI,N\n' >"$work/in/children.csv"
printf 'referral_id,child_id,referral_date,source,nfa\nR1,C1,2024-01-10,6,N\nR2,C2,2023-04-03,2A,Y\n' >"$work/in/referrals.csv"
fail=0
"$bin" status --db "$work/s.db" | grep -q "none" || { echo "FAIL: an empty store should list no loads"; fail=1; }
"$bin" load "$work/in" --db "$work/s.db" >"$work/out" || { echo "FAIL: load"; exit 1; }
grep -q "Load 1 stored 5 records from 3 files" "$work/out" || { echo "FAIL: load summary"; cat "$work/out"; fail=1; }
"$bin" status --db "$work/s.db" --files >"$work/status"
grep -Eq "referrals +2  2023-04-03 to 2024-01-10" "$work/status" || { echo "FAIL: referral dates"; fail=1; }
grep -Eq "children +2  2012-02-29 to 2015-06-01" "$work/status" || { echo "FAIL: children"; fail=1; }
sum=$(sha256sum "$work/in/referrals.csv" | cut -d' ' -f1)
grep -q "referrals.csv .* 2 rows  sha256 $sum" "$work/status" || { echo "FAIL: checksum"; fail=1; }
[ $fail = 0 ] || cat "$work/status"
exit $fail
