#!/usr/bin/env bash
# load and convert read three years of a small hand-made SSDA903 return (two CSV
# folders and one XML file) into one history per child, and the indicators
# count each year as worked out by hand below; two returns of one year, --year
# with several returns, and a missing year are refused or reported.
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
header="CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
episodes="CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
mkdir "$work/y2021" "$work/y2022"
# 2021-22: A starts (open at the year end); B starts, changes placement, open at the year end.
printf '%s\nA,1,10/10/2012,WBRI,,,\nB,2,05/05/2010,WBRI,,,\n' "$header" >"$work/y2021/header.csv"
printf '%s\nA,01/05/2021,S,C2,N1,U1,PR1,,,,,,\nB,01/09/2021,S,C2,N1,U1,PR1,01/01/2022,X1,,,,\nB,01/01/2022,P,C2,N1,U4,PR1,,,,,,\n' \
  "$episodes" >"$work/y2021/episodes.csv"
# 2022-23: A's episode again, now ceased (E13); B's open episode again; C starts.
printf '%s\nA,1,10/10/2012,WBRI,,,\nB,2,05/05/2010,WBRI,,,\nC,1,03/03/2015,WBRI,,,\n' "$header" >"$work/y2022/header.csv"
printf '%s\nA,01/05/2021,S,C2,N1,U1,PR1,01/06/2022,E13,,,,\nB,01/01/2022,P,C2,N1,U4,PR1,,,,,,\nC,01/10/2022,S,C2,N1,U1,PR1,,,,,,\n' \
  "$episodes" >"$work/y2022/episodes.csv"
# 2023-24 (XML): B still open; C ceases, its DOB corrected; D and F start.
child() {  # CHILDID DOB EPISODE-ITEMS
  printf '<CHILD><HEADER><CHILDID>%s</CHILDID><SEX>1</SEX><DOB>%s</DOB><ETHNIC>WBRI</ETHNIC></HEADER>' "$1" "$2"
  printf '<EPISODE>%s<LS>C2</LS><CIN>N1</CIN><PLACE_PROVIDER>PR1</PLACE_PROVIDER></EPISODE></CHILD>\n' "$3"
}
{
  echo '<?xml version="1.0"?>'
  echo '<EXPSSDA903>'
  child B 05/05/2010 '<DECOM>01/01/2022</DECOM><RNE>P</RNE><PL>U4</PL>' | sed 's/<SEX>1/<SEX>2/'
  child C 04/03/2015 '<DECOM>01/10/2022</DECOM><RNE>S</RNE><PL>U1</PL><DEC>01/05/2023</DEC><REC>E13</REC>'
  child D 01/01/2016 '<DECOM>01/02/2024</DECOM><RNE>S</RNE><PL>U1</PL>'
  child F 01/01/2017 '<DECOM>01/03/2024</DECOM><RNE>S</RNE><PL>U1</PL>'
  echo '</EXPSSDA903>'
} >"$work/y2023.xml"

"$bin" load "$work/y2023.xml" "$work/y2021" "$work/y2022" --council 900 --db "$work/s.db" >"$work/out" 2>&1
code=$?
[ $code = 0 ] || { echo "FAIL: load of three years exit $code"; cat "$work/out"; fail=1; }
grep -q "(2021-22 to 2023-24, 8 records found in two years kept once)" "$work/out" ||
  { echo "FAIL: the years and the records kept once are not reported"; cat "$work/out"; fail=1; }
grep -q "y2023.xml:4: column 'DOB', value 'CHILD C: 04/03/2015 (was 03/03/2015 in $work/y2022/header.csv:4)'" "$work/out" ||
  { echo "FAIL: the corrected DOB is not reported with both files"; cat "$work/out"; fail=1; }
# value PERIOD INDICATOR: the indicator's value for the period.
value() { "$bin" compute --db "$work/s.db" --period "$1" --indicator "$2" --format csv | awk -F, 'NR == 2 { print $9 }'; }
# 8.1 at each year end: 2022 A, B; 2023 B, C (A ceased 01/06/2022); 2024 B, D, F (C ceased 01/05/2023).
# 8.3 each year: A, B; C only (A and B, in the 2022-23 return, started before); D, F.
# 8.4 each year: none; A; C.
expect() {  # PERIOD INDICATOR VALUE
  got=$(value "$1" "$2")
  [ "$got" = "$3" ] || { echo "FAIL: $2 for $1 is '$got', not $3"; fail=1; }
}
expect 2022-03 8.1 2
expect 2023-03 8.1 2
expect 2024-03 8.1 3
expect 2021-22 8.3 2
expect 2022-23 8.3 1
expect 2023-24 8.3 2
expect 2021-22 8.4 0
expect 2022-23 8.4 1
expect 2023-24 8.4 1

"$bin" convert --from ssda903 --council 900 "$work/y2021" "$work/y2022" "$work/y2023.xml" --out "$work/csv" >"$work/conv" 2>&1
code=$?
[ $code = 0 ] || { echo "FAIL: convert of three years exit $code"; cat "$work/conv"; fail=1; }
grep -q "SSDA903 returns 2021-22 to 2023-24 (3 years)" "$work/conv" || { echo "FAIL: convert summary"; cat "$work/conv"; fail=1; }
[ "$(($(wc -l <"$work/csv/looked_after_episodes.csv") - 1))" = 6 ] || { echo "FAIL: convert does not write 6 episodes"; fail=1; }

before=$(sha256sum "$work/s.db")
# Two returns of one year: refused, nothing stored.
cp -r "$work/y2022" "$work/again"
"$bin" load "$work/y2022" "$work/again" --council 900 --db "$work/s.db" >"$work/bad" 2>&1
code=$?
[ $code = 65 ] || { echo "FAIL: two returns of one year exit $code, not 65"; fail=1; }
grep -q "are both the 2022-23 return" "$work/bad" || { echo "FAIL: no refusal of two returns of one year"; cat "$work/bad"; fail=1; }
"$bin" load "$work/y2021" "$work/y2022" --year 2022 --council 900 --db "$work/s.db" >"$work/bad" 2>&1
[ $? = 64 ] || { echo "FAIL: --year with several returns is not exit 64"; fail=1; }
[ "$(sha256sum "$work/s.db")" = "$before" ] || { echo "FAIL: a refused load changed the store"; fail=1; }
# A year missing between two: reported, the load goes on.
"$bin" load "$work/y2021" "$work/y2023.xml" --council 900 --db "$work/s.db" >"$work/gap" 2>&1
code=$?
[ $code = 0 ] || { echo "FAIL: a missing year exit $code"; cat "$work/gap"; fail=1; }
grep -q "column 'collection year', value '2022-23': no return of this year is given" "$work/gap" ||
  { echo "FAIL: the missing year is not reported"; cat "$work/gap"; fail=1; }
exit $fail
