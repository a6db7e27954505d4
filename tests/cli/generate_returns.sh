#!/usr/bin/env bash
# generate --format writes one synthetic council as scrutiny CSV and as the
# returns councils make (SSDA903, CIN census, CSWW, Annex A). Each return, read
# back by convert, loaded and computed, must give the values the scrutiny CSV of
# the same council gives, for the indicators the return can carry
# (docs/synthetic-council.md says what each return loses).
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
c=$work/council
"$bin" generate --size small --years 2 --seed 11 --format scrutiny,ssda903,cin-census,csww,annex-a --out "$c" \
  >"$work/gen" 2>&1 || { echo "FAIL: generate"; cat "$work/gen"; exit 1; }
"$bin" load "$c" --db "$work/csv.db" >"$work/load" 2>&1 || { echo "FAIL: load the scrutiny CSV"; cat "$work/load"; exit 1; }

# read_back NAME FROM IN [convert options]: converts and loads a return into NAME.db.
read_back() {
  local name=$1 from=$2 in=$3
  shift 3
  "$bin" convert --from "$from" --council 901 "$in" --out "$work/$name" --problems "$work/$name.problems" "$@" \
    >"$work/$name.convert" 2>&1 || { echo "FAIL: convert $name"; tail -30 "$work/$name.convert"; fail=1; return 1; }
  # Only notes of what Scrutiny does not read (the workforce return's Cases30) are expected.
  if grep -v -e "not used: the record model keeps allocations" \
    "$work/$name.problems" | head -5 | grep .; then echo "FAIL: $name has problems"; fail=1; fi
  "$bin" load "$work/$name" --db "$work/$name.db" >"$work/$name.load" 2>&1 ||
    { echo "FAIL: load $name"; tail -30 "$work/$name.load"; fail=1; return 1; }
}

# value DB PERIOD INDICATOR [SEXES]: the indicator's value, or the sum over those sexes (e.g. M,F).
value() {
  local by=()
  [ -n "${4:-}" ] && by=(--by sex)
  "$bin" compute --db "$1" --period "$2" --indicator "$3" --format csv "${by[@]}" | python3 -c '
import csv, sys
sexes = sys.argv[1].split(",") if sys.argv[1] else None
rows = [r for r in csv.reader(sys.stdin)][1:]
vals = [float(r[-3] or 0) for r in rows if sexes is None or r[-4] in sexes]
print(round(sum(vals), 6))' "${4:-}"
}

# same NAME PERIOD INDICATOR [SEXES]: the return's value equals the scrutiny CSV's, which is not nothing.
same() {
  local want got
  want=$(value "$work/csv.db" "$2" "$3" "${4:-}")
  got=$(value "$work/$1.db" "$2" "$3")
  if [ "$want" != "$got" ] || [ "$want" = "0" ] || [ "$want" = "0.0" ]; then
    echo "FAIL: $1 $3 at $2: $got from the return, $want from the scrutiny CSV"
    fail=1
  fi
}

# SSDA903: 2024-25 has SEX 1/2 (children recorded U cannot be carried), 2025-26 M/F/U.
read_back ssda903-2024 ssda903 "$c/ssda903/901/2024-25" && {
  same ssda903-2024 2025-03 8.1 M,F
  same ssda903-2024 2024-25 8.3 M,F
  same ssda903-2024 2024-25 8.4 M,F
}
read_back ssda903-2025 ssda903 "$c/ssda903/901/2025-26" && {
  same ssda903-2025 2026-03 8.1
  same ssda903-2025 2025-26 8.3
  same ssda903-2025 2025-26 8.4
  same ssda903-2025 2025-26 8.15
  # Health and dental checks at the year end, from OC2 (the return has no dated checks).
  same ssda903-2025 2026-03 8.10
  same ssda903-2025 2026-03 8.11
  # Previous permanence of the children who came into care in the year, as the council holds it
  # (a date with an unknown day written as ZZ/ZZ/YYYY comes back as its year only).
  python3 - "$c/previous_permanence.csv" "$work/ssda903-2025/previous_permanence.csv" <<'PY' || fail=1
import csv, sys
def rows(path, year_end=None):
    out = set()
    for r in csv.DictReader(open(path)):
        if year_end and r["as_at_date"] != year_end: continue
        out.add((r["child_id"], r["previous_permanence"], r["permanence_la"], r["permanence_year"]))
    return out
want, got = rows(sys.argv[1], "2026-03-31"), rows(sys.argv[2])
if not want or want != got or not any(r[1] != "Z1" for r in got):
    sys.exit(f"FAIL: previous permanence: {len(got)} rows from the return, {len(want)} in the council")
PY
}
# CIN census: GenderCurrent in 2023-24's census, Sex in 2024-25's and later.
for year in 2024-25 2025-26; do
  end=$((${year%-*} + 1))-03
  read_back "cin-$year" cin-census "$c/cin-census/901/cin-census-$year.xml" && {
    same "cin-$year" "$end" 6.1
    same "cin-$year" "$end" 7.1
    same "cin-$year" "$year" 3.1
    same "cin-$year" "$year" 4.2
    same "cin-$year" "$year" 7.3
  }
done
# Both censuses together: one history, each year's values as the scrutiny CSV's (episodes open across
# 31 March 2025 are in both, kept once).
read_back cin-both cin-census "$c/cin-census/901/cin-census-2024-25.xml" "$c/cin-census/901/cin-census-2025-26.xml" && {
  grep -q "found in two censuses kept once" "$work/cin-both.convert" || { echo "FAIL: cin-both not combined"; fail=1; }
  for year in 2024-25 2025-26; do
    end=$((${year%-*} + 1))-03
    same cin-both "$end" 6.1
    same cin-both "$end" 7.1
    same cin-both "$year" 3.1
    same cin-both "$year" 4.2
    same cin-both "$year" 7.3
  done
}
# scrutiny load takes the two censuses as one source too.
if "$bin" load --council 901 "$c/cin-census/901/cin-census-2025-26.xml" "$c/cin-census/901/cin-census-2024-25.xml" \
  --db "$work/cin-load.db" >"$work/cin-load.out" 2>&1; then
  same cin-load 2025-03 6.1
  same cin-load 2025-26 3.1
else
  echo "FAIL: load of two censuses"; tail -5 "$work/cin-load.out"; fail=1
fi
# CSWW of 30 September 2025: vacancy, agency and turnover rates, and caseloads (Cases30).
read_back csww csww "$c/csww/901/csww-2025-09-30.xml" && {
  same csww 2025-09 11.6
  same csww 2025-09 11.7
  same csww 2025-09-R12 11.8
  same csww 2025-09 11.9
}
# Both workforce returns: one history of the workers, each census's rates as the scrutiny CSV's (the
# 2025 return alone does not know who left in the year to 30 September 2024).
read_back csww-both csww "$c/csww/901/csww-2025-09-30.xml" "$c/csww/901/csww-2024-09-30.xml" && {
  grep -q "found in two returns kept once" "$work/csww-both.convert" || { echo "FAIL: csww-both not combined"; fail=1; }
  for end in 2024-09 2025-09; do
    same csww-both $end 11.6
    same csww-both $end 11.7
    same csww-both $end-R12 11.8
    same csww-both $end 11.9
  done
}
# scrutiny load takes them as one source too.
if "$bin" load --council 901 "$c/csww/901/csww-2024-09-30.xml" "$c/csww/901/csww-2025-09-30.xml" \
  --db "$work/csww-load.db" >"$work/csww-load.out" 2>&1; then
  same csww-load 2024-09-R12 11.8
else
  echo "FAIL: load of two workforce returns"; tail -5 "$work/csww-load.out"; fail=1
fi
# Two workforce returns of one year: refused, nothing stored; --year with several: a usage error.
"$bin" load --council 901 "$c/csww/901/csww-2025-09-30.xml" "$c/csww/901/csww-2025-09-30.xml" \
  --db "$work/csww-twice.db" >"$work/csww-twice.out" 2>&1
code=$?
[ $code = 65 ] || { echo "FAIL: two workforce returns of one year exit $code, not 65"; fail=1; }
grep -q "two workforce returns of 30 September 2025 are given: give one return per year" "$work/csww-twice.out" ||
  { echo "FAIL: no refusal of two workforce returns of one year"; cat "$work/csww-twice.out"; fail=1; }
[ ! -e "$work/csww-twice.db" ] || { echo "FAIL: a refused load made a store"; fail=1; }
"$bin" convert --from csww --council 901 --year 2025 "$c/csww/901/csww-2024-09-30.xml" \
  "$c/csww/901/csww-2025-09-30.xml" --out "$work/csww-year" >"$work/csww-year.out" 2>&1
[ $? = 64 ] || { echo "FAIL: --year with several workforce returns is not exit 64"; fail=1; }
# Annex A as at 31 March 2026 (the six months before it).
read_back annex-a annex-a "$c/annex-a/901/annex-a-2026-03-31.xlsx" --as-at 2026-03-31 && {
  same annex-a 2026-03 1.1
  same annex-a 2026-03 3.1
  same annex-a 2026-03 6.1
  same annex-a 2026-03 7.1
  same annex-a 2026-03 5.3
  # List 8: periods of care as they stand on the day, with their latest review, visit and checks.
  for i in 8.1 8.3 8.4 8.8 8.9 8.10 8.11 8.12 8.14; do same annex-a 2026-03 $i; done
  # List 11: everyone in touch with the adoption agency in the 12 months.
  same annex-a 2025-26 10.6
  same annex-a 2025-26 10.7
}
# A wrong format is refused with the formats named.
"$bin" generate --size small --years 1 --format ssda903,xml --out "$work/bad" >"$work/bad.out" 2>&1
[ $? != 0 ] || { echo "FAIL: --format xml accepted"; fail=1; }
grep -q "use scrutiny, ssda903, cin-census, csww or annex-a" "$work/bad.out" || { echo "FAIL: bad --format not explained"; cat "$work/bad.out"; fail=1; }
exit $fail
