#!/usr/bin/env bash
# A load killed with SIGKILL at any moment leaves the store readable and
# holding either all of the previous data or all of the new load, never a mix;
# and the next load works. The big load is killed at several points of its
# run; at least one kill must land while it is writing the store.
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

make_council() {  # dir children referrals_per_child
  mkdir -p "$1"
  printf 'la_code,name,region\n900,Test Borough,E12000007\n' >"$1/councils.csv"
  awk -v n="$2" -v k="$3" 'BEGIN {
    print "child_id,la_code,sex,date_of_birth,ethnicity,uasc" > "'"$1"'/children.csv"
    print "referral_id,child_id,referral_date,source,nfa" > "'"$1"'/referrals.csv"
    for (i = 1; i <= n; i++) {
      printf "C%d,900,%s,20%02d-%02d-%02d,WBRI,N\n", i, (i % 2 ? "F" : "M"), 5 + i % 18, 1 + i % 12, 1 + i % 28 > "'"$1"'/children.csv"
      for (j = 1; j <= k; j++)
        printf "R%d-%d,C%d,2024-%02d-%02d,6,%s\n", i, j, i, 1 + j % 12, 1 + i % 28, (i % 9 ? "N" : "Y") > "'"$1"'/referrals.csv"
    }
  }'
}

counts() { sqlite3 "$work/s.db" "SELECT (SELECT COUNT(*) FROM children) || ' ' || (SELECT COUNT(*) FROM referrals) || ' ' || (SELECT COUNT(*) FROM loads)"; }

make_council "$work/before" 1000 2
make_council "$work/big" 150000 5
"$bin" load "$work/before" --db "$work/s.db" >/dev/null || { echo "FAIL: first load"; exit 1; }

start=$(date +%s%N)
"$bin" load "$work/big" --db "$work/copy.db" >/dev/null 2>"$work/progress" || { echo "FAIL: big load"; exit 1; }
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "an uninterrupted big load takes ${full_ms} ms"
# Loads over a second report progress; to a file, as periodic lines.
if [ "$full_ms" -gt 1500 ] && ! grep -Eq "^(checking|storing): [0-9]+% after" "$work/progress"; then
  echo "FAIL: a ${full_ms} ms load showed no progress"; fail=1
fi

check_after_kill() {  # label before
  local check got loads=${2##* }
  check=$(sqlite3 "$work/s.db" "PRAGMA integrity_check")
  got=$(counts)
  echo "killed $1: integrity $check, children referrals loads = $got"
  [ "$check" = ok ] || { echo "FAIL: store damaged after kill $1"; fail=1; }
  if [ "$got" != "$2" ] && [ "$got" != "150000 750000 $((loads + 1))" ]; then
    echo "FAIL: after kill $1 found '$got': neither the data before ('$2') nor the whole new load"; fail=1
  fi
}

# Kills at moments spread over the load: reading, checking, writing, committing.
for share in 30 60 85 95; do
  before=$(counts)
  "$bin" load "$work/big" --db "$work/s.db" >/dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v ms="$full_ms" -v s="$share" 'BEGIN { printf "%.3f", ms * s / 100000 }')"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  check_after_kill "at ${share}%" "$before"
done

# A kill the moment the write-ahead log shows the store being written.
mid_write=0
for attempt in 1 2 3; do
  before=$(counts)
  "$bin" load "$work/big" --db "$work/s.db" >/dev/null 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null && [ "$(stat -c %s "$work/s.db-wal" 2>/dev/null || echo 0)" -lt 2000000 ]; do sleep 0.02; done
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  check_after_kill "while writing (attempt $attempt)" "$before"
  if [ "$(counts)" = "$before" ]; then mid_write=1; break; fi
done
[ $mid_write = 1 ] || { echo "FAIL: no kill landed while the store was being written"; fail=1; }

"$bin" load "$work/big" --db "$work/s.db" >/dev/null || { echo "FAIL: load after kills"; fail=1; }
got=$(counts)
[ "${got% *}" = "150000 750000" ] || { echo "FAIL: after a full load found '$got'"; fail=1; }
exit $fail
