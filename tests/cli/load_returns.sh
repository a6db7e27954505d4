#!/usr/bin/env bash
# load finds each source by its content and joins them: the public fake SSDA903
# XML, CIN census and CSWW returns of one council in one load (8.1 as after
# convert, tests/cli/convert_ssda903_xml.sh); a file of no known kind, a return
# without --council and a malformed return are refused and nothing is stored.
set -u
bin=$1
samples=$2/tests/samples  # public fake data (tests/samples/NOTICE.md)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
cp "$samples/ssda903/fake_903.xml" "$work/looked-after.dat"  # the name says nothing
"$bin" load "$work/looked-after.dat" "$samples/cin-census/fake_CIN_data.xml" "$samples/csww/social_work_workforce_2022.xml" \
  --council 900 --db "$work/s.db" --problems "$work/problems.txt" >"$work/out" 2>&1
code=$?
[ $code = 0 ] || { echo "FAIL: load of the mix exit $code"; cat "$work/out"; fail=1; }
grep -q "looked-after.dat (SSDA903 XML)" "$work/out" || { echo "FAIL: SSDA903 XML not found by content"; fail=1; }
grep -q "fake_CIN_data.xml (CIN census XML)" "$work/out" || { echo "FAIL: CIN census not found"; fail=1; }
grep -q "social_work_workforce_2022.xml (CSWW workforce XML)" "$work/out" || { echo "FAIL: CSWW not found"; fail=1; }
grep -q "looked-after.dat:2: column 'REASON_PLACED_CEASED', value 'XXX'" "$work/problems.txt" ||
  { echo "FAIL: --problems does not list the return's problems"; fail=1; }
"$bin" compute --db "$work/s.db" --period 2018-03 --indicator 8.1 --format csv >"$work/compute" 2>&1
grep -q "^8.1,.*,109," "$work/compute" || { echo "FAIL: 8.1 is not 109"; cat "$work/compute"; fail=1; }
"$bin" status --db "$work/s.db" >"$work/status" 2>&1
grep -q "workers  *4 " "$work/status" || { echo "FAIL: the CSWW workers are not stored"; cat "$work/status"; fail=1; }
grep -q "cin_episodes  *388 " "$work/status" || { echo "FAIL: the census's CIN episodes are not stored"; fail=1; }
# The teams Annex A names and the workforce return's one team load together (docs/loading.md).
"$bin" load "$samples/annex-a/Annex_A.xlsx" "$samples/csww/social_work_workforce_2022.xml" --council 900 \
  --as-at 2021-03-31 --db "$work/teams.db" >"$work/teams.out" 2>&1 ||
  { echo "FAIL: Annex A and the workforce return not loaded together"; tail -5 "$work/teams.out"; fail=1; }
"$bin" status --db "$work/teams.db" 2>&1 | grep -q "^teams  *13 " ||
  { echo "FAIL: not the 12 teams Annex A names and the workforce return's"; fail=1; }
before=$(sha256sum "$work/s.db")

# Files of no kind Scrutiny reads, named and refused before anything is read.
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$work/chart.png"
echo "minutes of the meeting" >"$work/notes.txt"
for f in chart.png notes.txt; do
  "$bin" load "$work/$f" --council 900 --db "$work/s.db" >"$work/bad" 2>&1
  code=$?
  [ $code = 65 ] || { echo "FAIL: $f exit $code, not 65"; fail=1; }
  grep -q "$work/$f: a file that is neither XML nor an .xlsx workbook; expected an SSDA903" "$work/bad" ||
    { echo "FAIL: no clear refusal of $f"; cat "$work/bad"; fail=1; }
done
"$bin" load "$samples/csww/social_work_workforce_2022.xml" --db "$work/s.db" >"$work/bad" 2>&1
[ $? = 64 ] || { echo "FAIL: a return without --council is not exit 64"; fail=1; }
# One good source and one malformed: nothing is stored.
printf '<?xml version="1.0"?>\n<EXPSSDA903>\n<CHILD>\n</EXPSSDA903>\n' >"$work/broken.xml"
"$bin" load "$samples/csww/social_work_workforce_2022.xml" "$work/broken.xml" --council 901 --db "$work/s.db" >"$work/bad" 2>&1
code=$?
[ $code = 65 ] || { echo "FAIL: a malformed source exit $code, not 65"; fail=1; }
grep -q "broken.xml:4: not well-formed XML" "$work/bad" || { echo "FAIL: no line for the malformed source"; cat "$work/bad"; fail=1; }
# Two SSDA903 returns of one year (the sample's XML and CSV forms): refused.
"$bin" load "$samples/ssda903/fake_903.xml" "$samples/ssda903" --council 900 --db "$work/s.db" >"$work/bad" 2>&1
code=$?
[ $code = 65 ] || { echo "FAIL: two SSDA903 returns of one year exit $code, not 65"; fail=1; }
grep -q "are both the 2017-18 return" "$work/bad" || { echo "FAIL: no refusal of two returns of one year"; fail=1; }
# Two sources of looked-after episodes (the SSDA903 and Annex A List 8): refused.
"$bin" load "$samples/ssda903/fake_903.xml" "$samples/annex-a/Annex_A.xlsx" --council 900 --as-at 2018-03-31 --db "$work/s.db" >"$work/bad" 2>&1
code=$?
[ $code = 65 ] || { echo "FAIL: two sources of episodes exit $code, not 65"; fail=1; }
grep -q "looked_after_episodes is also given by" "$work/bad" || { echo "FAIL: no problem for a record type given twice"; cat "$work/bad"; fail=1; }
[ "$(sha256sum "$work/s.db")" = "$before" ] || { echo "FAIL: a refused load changed the store"; fail=1; }
exit $fail
