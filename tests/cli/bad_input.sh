#!/usr/bin/env bash
# Bad input to every reader (docs/returns.md, "Bad input"): malformed XML, a
# truncated or encrypted workbook, the wrong file, mixed years, text that is not
# UTF-8 and a 2 GB file each give a clear error naming the file, a non-zero
# exit, and nothing written (convert) or loaded (load of a scrutiny folder or of
# returns: the store is unchanged).
set -u
bin=$1
samples=$2/tests/samples  # public fake data (tests/samples/NOTICE.md)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

# refuses NAME PATTERN convert-arguments...: convert exits 65 within 20 s and
# under 1 GB of memory, prints PATTERN on stderr, and writes no output folder.
refuses() {
  local name=$1 pattern=$2
  shift 2
  (ulimit -v 1000000; timeout 20 "$bin" convert --council 900 "$@" --out "$work/out" >"$work/stdout" 2>"$work/stderr")
  local code=$?
  [ $code = 65 ] || { echo "FAIL: $name: exit $code, wanted 65"; cat "$work/stderr"; fail=1; }
  grep -qF -- "$pattern" "$work/stderr" "$work/stdout" || { echo "FAIL: $name: no '$pattern'"; cat "$work/stderr"; fail=1; }
  [ ! -e "$work/out" ] || { echo "FAIL: $name: an output folder was written"; fail=1; }
  rm -rf "$work/out"
}

# Malformed XML, wrong root, the wrong return, a picture.
printf '<Message>\n<Header>\n</Heder>\n</Message>\n' >"$work/unclosed.xml"
refuses "cin unclosed tag" "unclosed.xml:3: not well-formed XML: Start-end tags mismatch" --from cin-census "$work/unclosed.xml"
refuses "csww unclosed tag" "unclosed.xml:3: not well-formed XML" --from csww "$work/unclosed.xml"
refuses "903 XML as census" "column 'root element', value 'EXPSSDA903': a CIN return is a Message element" \
  --from cin-census "$samples/ssda903/fake_903.xml"
refuses "census as csww" "column 'Collection', value 'CIN': the header's Collection is CSWW" \
  --from csww "$samples/cin-census/fake_CIN_data.xml"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$work/photo.png"
refuses "png as census" "photo.png:3: not well-formed XML" --from cin-census "$work/photo.png"
cp "$work/photo.png" "$work/photo.xlsx"
refuses "png as xlsx" "photo.xlsx: not an .xlsx workbook" --from annex-a "$work/photo.xlsx"

# Truncated and encrypted workbooks.
head -c 9000 "$samples/annex-a/Annex_A.xlsx" >"$work/truncated.xlsx"
refuses "truncated xlsx" "truncated.xlsx: not an .xlsx workbook (not a zip file, or a truncated one)" \
  --from annex-a "$work/truncated.xlsx"
{ printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'; head -c 4096 /dev/zero; } >"$work/encrypted.xlsx"
refuses "encrypted xlsx" "encrypted.xlsx: an encrypted (password-protected) workbook" --from annex-a "$work/encrypted.xlsx"

# Mixed years: two episodes files in one SSDA903 folder; a census of another year than --year.
mkdir "$work/903"
cp "$samples"/ssda903/*.csv "$work/903/"
cp "$samples/ssda903/episodes.csv" "$work/903/episodes-last-year.csv"
refuses "903 two years" "both hold the episodes.csv table" --from ssda903 "$work/903"
rm "$work/903/episodes-last-year.csv"
refuses "census of another year" "the header's Year 2022 is the collection year 2021, not 2022 as given" \
  --from cin-census --year 2022 "$samples/cin-census/fake_CIN_data.xml"

# Text that is not UTF-8 (Latin-1 bytes).
sed 's/RND000215205141/RND\xe9215205141/' "$samples/cin-census/fake_CIN_data.xml" >"$work/latin1.xml"
refuses "census latin-1" "latin1.xml:20: byte 531 (0xE9) is not UTF-8" --from cin-census "$work/latin1.xml"
sed '2s/$/\xe9/' "$samples/ssda903/header.csv" >"$work/903/header.csv"
refuses "903 latin-1" "header.csv:2: byte" --from ssda903 "$work/903"
cp "$samples/ssda903/header.csv" "$work/903/header.csv"

# A 2 GB file (sparse: no disk, and it must take no memory): refused unread.
truncate -s 2G "$work/huge.xml"
refuses "2 GB census" "huge.xml: 2048 MB is more than the 1024 MB a return file may be" --from cin-census "$work/huge.xml"
truncate -s 2G "$work/huge.xlsx"
refuses "2 GB xlsx" "huge.xlsx: 2048 MB is more than" --from annex-a "$work/huge.xlsx"
truncate -s 2G "$work/903/oc2-big.csv"
refuses "2 GB 903 file" "oc2-big.csv: 2048 MB is more than" --from ssda903 "$work/903"
rm "$work/903/oc2-big.csv"
# The limit is an option: a 2 MB census is refused under --max-file-mb 1 and read by default.
{ cat "$samples/csww/social_work_workforce_2022.xml"; head -c 2100000 /dev/zero | tr '\0' ' '; } >"$work/padded.xml"
refuses "limit lowered" "padded.xml: 3 MB is more than the 1 MB" --from csww --max-file-mb 1 "$work/padded.xml"
"$bin" convert --from csww --council 900 "$work/padded.xml" --out "$work/out" >/dev/null 2>&1 ||
  { echo "FAIL: the padded return is not read under the default limit"; fail=1; }
rm -rf "$work/out"

# scrutiny load: the store is unchanged after each bad folder.
"$bin" generate --size small --years 1 --seed 3 --out "$work/council" >/dev/null || { echo "FAIL: generate"; exit 1; }
"$bin" load "$work/council" --db "$work/s.db" >/dev/null || { echo "FAIL: first load"; exit 1; }
"$bin" status --db "$work/s.db" | grep -v "^Store" >"$work/before"
# rejects NAME PATTERN FILE COMMAND: the council's folder, with FILE ($f) rewritten by COMMAND, is refused with exit 65.
rejects() {
  local name=$1 pattern=$2 f=$work/bad/$3
  rm -rf "$work/bad" && cp -r "$work/council" "$work/bad"
  eval "$4"
  timeout 30 "$bin" load "$work/bad" --db "$work/s.db" >"$work/stdout" 2>"$work/stderr"
  local code=$?
  [ $code = 65 ] || { echo "FAIL: load $name: exit $code, wanted 65"; cat "$work/stderr"; fail=1; }
  grep -qF -- "$pattern" "$work/stderr" || { echo "FAIL: load $name: no '$pattern'"; cat "$work/stderr"; fail=1; }
  "$bin" status --db "$work/s.db" | grep -v "^Store" >"$work/after"
  cmp -s "$work/before" "$work/after" || { echo "FAIL: load $name changed the store"; fail=1; }
}
rejects "latin-1" "children.csv:2: byte" children.csv 'sed -i "2s/,[FMU],/,\xe9,/" "$f"'
rejects "unclosed quote" "a quoted field is never closed" referrals.csv 'printf "\"unclosed,x\n" >>"$f"'
rejects "picture" "contacts.csv:3: byte 9 is a NUL byte" contacts.csv 'cp "$work/photo.png" "$f"'
rejects "2 GB of nothing" "contacts.csv:1: byte 1 is a NUL byte" contacts.csv 'rm "$f"; truncate -s 2G "$f"'

# scrutiny load of returns: the same refusals, nothing stored, the store unchanged.
# refuses_load NAME PATTERN load-arguments...: load exits 65 within 20 s and under 1 GB, and the store is as before.
refuses_load() {
  local name=$1 pattern=$2
  shift 2
  (ulimit -v 1000000; timeout 20 "$bin" load --council 900 --db "$work/s.db" "$@" >"$work/stdout" 2>"$work/stderr")
  local code=$?
  [ $code = 65 ] || { echo "FAIL: load $name: exit $code, wanted 65"; cat "$work/stderr"; fail=1; }
  grep -qF -- "$pattern" "$work/stderr" || { echo "FAIL: load $name: no '$pattern'"; cat "$work/stderr"; fail=1; }
  "$bin" status --db "$work/s.db" | grep -v "^Store" >"$work/after"
  cmp -s "$work/before" "$work/after" || { echo "FAIL: load $name changed the store"; fail=1; }
}
sed '0,/<\/Child>/s//<\/Chld>/' "$samples/cin-census/fake_CIN_data.xml" >"$work/mismatched.xml"
refuses_load "census mismatched tag" "not well-formed XML: Start-end tags mismatch" "$work/mismatched.xml"
refuses_load "census latin-1" "latin1.xml:20: byte 531 (0xE9) is not UTF-8" "$work/latin1.xml"
refuses_load "encrypted xlsx" "encrypted.xlsx: an encrypted (password-protected) workbook" "$work/encrypted.xlsx"
refuses_load "truncated xlsx" "truncated.xlsx" "$work/truncated.xlsx"
refuses_load "2 GB census" "huge.xml: 2048 MB is more than the 1024 MB" "$work/huge.xml"
refuses_load "2 GB xlsx" "huge.xlsx: 2048 MB is more than" "$work/huge.xlsx"
refuses_load "limit lowered" "padded.xml: 3 MB is more than the 1 MB" --max-file-mb 1 "$work/padded.xml"
# SSDA903: a file that is not text refuses the set; two files of one table; a big XML file, alone or as one year of several.
cp "$samples/ssda903/episodes.csv" "$work/903/episodes-last-year.csv"
refuses_load "903 two years in one folder" "both hold the episodes.csv table" "$work/903"
rm "$work/903/episodes-last-year.csv"
sed '2s/$/\xe9/' "$samples/ssda903/header.csv" >"$work/903/header.csv"
refuses_load "903 latin-1" "header.csv:2: byte" "$work/903"
cp "$work/photo.png" "$work/903/header.csv"
refuses_load "903 picture" "header.csv:3: byte 9 is a NUL byte" "$work/903"
cp "$samples/ssda903/header.csv" "$work/903/header.csv"
sed '2s/<CHILDID>907440/<CHILDID>90\xe97440/' "$samples/ssda903/fake_903.xml" >"$work/903-latin1.xml"
refuses_load "903 XML latin-1" "903-latin1.xml:2: byte" "$work/903-latin1.xml"
{ cat "$samples/ssda903/fake_903.xml"; head -c 2100000 /dev/zero | tr '\0' ' '; } >"$work/903-padded.xml"
refuses_load "903 XML over the limit" "903-padded.xml: 3 MB is more than the 1 MB" --max-file-mb 1 "$work/903-padded.xml"
refuses_load "903 years, one over the limit" "903-padded.xml: 3 MB is more than the 1 MB" --max-file-mb 1 \
  "$work/903" "$work/903-padded.xml"
# ISO-8859-1 declared is read: the XML sample re-encoded, with an e-acute in a child's id, is converted.
{ printf "<?xml version='1.0' encoding='ISO-8859-1'?>\n"; sed '1d; 2s/<UPN>O013219285333/<UPN>O01321\xe9285333/' \
    "$samples/ssda903/fake_903.xml"; } >"$work/903-iso.xml"
"$bin" convert --from ssda903 --council 900 "$work/903-iso.xml" --out "$work/out" >/dev/null 2>"$work/stderr" ||
  { echo "FAIL: an SSDA903 XML file declared ISO-8859-1 is not read"; cat "$work/stderr"; fail=1; }
rm -rf "$work/out"

[ $fail = 0 ] || cat "$work/stderr"
exit $fail
