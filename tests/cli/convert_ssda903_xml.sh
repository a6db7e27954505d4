#!/usr/bin/env bash
# convert --from ssda903 reads the XML form of the return (the public fake
# fake_903.xml); load and compute then count the children looked after on
# 31 March 2018 (8.1), checked against a count made from the XML here in
# Python. A malformed XML file is refused with its line, and nothing written.
set -u
bin=$1
xml=$2/tests/samples/ssda903/fake_903.xml  # public fake data (tests/samples/NOTICE.md)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
"$bin" convert --from ssda903 --council 900 "$xml" --out "$work/out" --problems "$work/problems.txt" >"$work/summary" 2>"$work/err"
code=$?
[ $code = 0 ] || { echo "FAIL: convert exit $code"; cat "$work/err"; fail=1; }
grep -q "SSDA903 return 2017-18" "$work/summary" || { echo "FAIL: no year in summary"; fail=1; }
grep -q "fake_903.xml:2: column 'REASON_PLACED_CEASED', value 'XXX'" "$work/problems.txt" ||
  { echo "FAIL: no problem naming the XML's line and item"; fail=1; }
"$bin" load "$work/out" --db "$work/s.db" >"$work/load" 2>&1 || { echo "FAIL: load refused the converted folder"; cat "$work/load"; fail=1; }
# Children with an episode open on 31/03/2018 whose LS is not V3/V4, after the episode
# cleaning of docs/ssda903.md (duplicates dropped, DEC after the year end cleared,
# an open or overlapping episode ended at the next DECOM).
expected=$(python3 - "$xml" <<'PY'
import datetime, sys, xml.etree.ElementTree as ET
def dmy(t):
    try: return datetime.datetime.strptime(t, "%d/%m/%Y").date()
    except (TypeError, ValueError): return None
day = datetime.date(2018, 3, 31)
count = 0
for child in ET.parse(sys.argv[1]).getroot().iter("CHILD"):
    eps = sorted(([dmy(e.findtext("DECOM")), dmy(e.findtext("DEC")), e.findtext("LS")] for e in child.iter("EPISODE")),
                 key=lambda e: e[0])
    kept = [e for i, e in enumerate(eps) if i == 0 or eps[i - 1][0] != e[0]]
    for i, e in enumerate(kept):
        if e[1] and e[1] > day: e[1] = None
        if i + 1 < len(kept) and (e[1] is None or e[1] > kept[i + 1][0]): e[1] = kept[i + 1][0]
    count += any(e[2] not in ("V3", "V4") and e[0] <= day and (e[1] is None or e[1] > day) for e in kept)
print(count)
PY
)
[ "$expected" = 109 ] || { echo "FAIL: the Python count is $expected, not the 109 found when this test was written"; fail=1; }
"$bin" compute --db "$work/s.db" --period 2018-03 --indicator 8.1 --format csv >"$work/compute" 2>&1
grep -q "^8.1,.*,$expected," "$work/compute" || { echo "FAIL: 8.1 is not $expected"; cat "$work/compute"; fail=1; }
# A malformed file: the CHILD element is never closed.
printf '<?xml version="1.0"?>\n<EXPSSDA903>\n<CHILD><HEADER><CHILDID>1</CHILDID></HEADER>\n</EXPSSDA903>\n' >"$work/bad.xml"
"$bin" convert --from ssda903 --council 900 "$work/bad.xml" --out "$work/bad" >"$work/bad.out" 2>&1
code=$?
[ $code = 65 ] || { echo "FAIL: malformed XML exit $code, not 65"; fail=1; }
grep -q "bad.xml:4: not well-formed XML" "$work/bad.out" || { echo "FAIL: no line for malformed XML"; cat "$work/bad.out"; fail=1; }
[ ! -e "$work/bad" ] || { echo "FAIL: something written for malformed XML"; fail=1; }
exit $fail
