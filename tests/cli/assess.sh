#!/usr/bin/env bash
# assess on a small store: the scorecard table and JSON, the shipped files, and mistakes in a targets file.
set -u
bin=$1
root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
printf 'la_code,name,region\n900,Test,E12000007\n' >"$work/in/councils.csv"
printf 'la_code,year,children_0_17\n900,2023,20000\n' >"$work/in/population.csv"
printf 'child_id,la_code,sex,date_of_birth,ethnicity,uasc\nC1,900,F,2015-06-01,WBRI,N\nC2,900,M,2012-02-29,BAFR,N\n' >"$work/in/children.csv"
cat >"$work/in/assessments.csv" <<'CSV'
assessment_id,child_id,start_date,authorisation_date,requires_support
A1,C1,2024-03-01,2024-05-03,Y
A2,C2,2024-03-01,2024-05-09,N
CSV
fail=0
"$bin" load "$work/in" --db "$work/s.db" >/dev/null || { echo "FAIL: load"; exit 1; }
# 4.3: A1 within 45 working days, A2 not: 50.0% against the shipped target of 90% (tolerance 5): red.
"$bin" assess --db "$work/s.db" --period 2024-05 --indicator 4.3 >"$work/out" || fail=1
grep -Eq "^4\.3 .* 50\.0% +90\.0% red " "$work/out" || { echo "FAIL: table line for 4.3"; cat "$work/out"; fail=1; }
"$bin" comment 4.3 --db "$work/s.db" --period 2024-05 --author "A. Manager" --text "One late of two." >/dev/null || fail=1
"$bin" assess --db "$work/s.db" --period 2024-05 --format json >"$work/out" || fail=1
python3 - "$work/out" <<'PY' || { echo "FAIL: json"; head -c 2000 "$work/out"; fail=1; }
import json, sys
d = json.load(open(sys.argv[1]))
lines = {l["number"]: l for l in d["indicators"]}
assert d["council"] == "900" and d["period"]["label"] == "2024-05"
assert len(lines) >= 70
l = lines["4.3"]
assert l["value"] == 50 and l["target"]["rag"] == "red" and l["target"]["value"] == 90
assert l["previous"]["period"]["label"] == "2024-04" and l["previous"]["travel"] == "none"
assert l["benchmarks"]["comparisons"][0]["name"] == "England"
assert all(c["source"] for c in l["benchmarks"]["comparisons"])
assert l["spc"]["variation"] == "none" and l["spc"]["run_chart"]
assert l["commentary"][0]["text"] == "One late of two." and l["commentary"][0]["author"] == "A. Manager"
assert lines["4.2"]["commentary"] == []
PY
# A mistake in a targets file: the file, line and rule, exit 65, no scorecard.
printf '[[target]]\nindicator = "4.3"\nyears = "2024-25"\ntarget = 90\ntolerance = -1\n' >"$work/bad.toml"
"$bin" assess --db "$work/s.db" --period 2024-05 --targets "$work/bad.toml" >"$work/out" 2>"$work/err"; code=$?
[ $code = 65 ] || { echo "FAIL: bad targets exit $code"; fail=1; }
grep -q "bad.toml:5: target for 4.3: a tolerance cannot be negative" "$work/err" || { echo "FAIL: bad targets message"; cat "$work/err"; fail=1; }
[ -s "$work/out" ] && { echo "FAIL: a scorecard was written despite the error"; fail=1; }
"$bin" assess --db "$work/s.db" --period 2024-05 --council 999 >/dev/null 2>"$work/err" && { echo "FAIL: unknown council accepted"; fail=1; }
grep -q "no council '999'" "$work/err" || { echo "FAIL: unknown council message"; cat "$work/err"; fail=1; }
exit $fail
