#!/usr/bin/env bash
# report: public and confidential packs of a small synthetic council in HTML, PDF and Excel.
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
"$bin" generate --size small --years 2 --seed 3 --out "$work/council" >/dev/null || { echo "FAIL: generate"; exit 1; }
"$bin" load "$work/council" --db "$work/s.db" >/dev/null || { echo "FAIL: load"; exit 1; }
"$bin" comment 4.3 --period 2025-10 --db "$work/s.db" --author "A. Manager" \
  --text "Two teams carried vacancies in September." --actions "Weekly timeliness review." >/dev/null || fail=1
for audience in public confidential; do
  "$bin" report --db "$work/s.db" --period 2025-10 --audience $audience --out "$work/packs" >"$work/$audience.list" || { echo "FAIL: report $audience"; fail=1; }
  [ "$(wc -l <"$work/$audience.list")" = 3 ] || { echo "FAIL: three files for $audience"; cat "$work/$audience.list"; fail=1; }
done
pub=$work/packs/pack-901-2025-10-public conf=$work/packs/pack-901-2025-10-confidential
pages=$(pdfinfo "$conf.pdf" | awk '/^Pages:/ {print $2}')
marks=$(pdftotext "$conf.pdf" - | grep -c "Part 2 - not for publication")
[ "$marks" -ge "$pages" ] || { echo "FAIL: the Part 2 mark on $marks of $pages confidential pages"; fail=1; }
pdftotext "$pub.pdf" - | grep -q "Part 2" && { echo "FAIL: Part 2 in the public PDF"; fail=1; }
grep -q "Part 2" "$pub.html" && { echo "FAIL: Part 2 in the public HTML"; fail=1; }
grep -q "Part 2 - not for publication" "$conf.html" || { echo "FAIL: no Part 2 mark in the confidential HTML"; fail=1; }
for f in "$pub.html" "$conf.html"; do
  grep -q "Two teams carried vacancies in September." "$f" || { echo "FAIL: commentary missing from $f"; fail=1; }
  grep -q "Performing below expectation\|below expectation" "$f" || { echo "FAIL: no exceptions section in $f"; fail=1; }
done
grep -q "Counts from 1 to 5 are shown as c" "$pub.html" || { echo "FAIL: no suppression note in the public pack"; fail=1; }
unzip -p "$pub.xlsx" xl/sharedStrings.xml | grep -q '<t>\[c\]</t>' || { echo "FAIL: no [c] in the public workbook"; fail=1; }
unzip -p "$conf.xlsx" xl/sharedStrings.xml | grep -q '<t>\[c\]</t>' && { echo "FAIL: [c] in the confidential workbook"; fail=1; }
# Mistakes: a bad format, a council the store does not hold.
"$bin" report --db "$work/s.db" --period 2025-10 --format docx --out "$work/x" >/dev/null 2>"$work/err"; [ $? = 65 ] || { echo "FAIL: bad format accepted"; fail=1; }
grep -q "choose from html, pdf and xlsx" "$work/err" || { echo "FAIL: bad format message"; cat "$work/err"; fail=1; }
"$bin" report --db "$work/s.db" --period 2025-10 --council 999 --out "$work/x" >/dev/null 2>&1 && { echo "FAIL: unknown council accepted"; fail=1; }
exit $fail
