#!/usr/bin/env bash
# Every command has help; exit codes are those documented in --help.
set -u
bin=$1
fail=0
check() {  # expected-code description command...
  local want=$1 what=$2; shift 2
  "$@" >/tmp/scrutiny_cli_out.$$ 2>&1
  local got=$?
  if [ "$got" != "$want" ]; then echo "FAIL: $what: exit $got, wanted $want"; cat /tmp/scrutiny_cli_out.$$; fail=1; fi
}
check 0 "--help" "$bin" --help
for c in generate load status formats calendar; do
  check 0 "$c --help" "$bin" "$c" --help
  "$bin" --help | grep -q "^  $c" || { echo "FAIL: --help does not list $c"; fail=1; }
done
"$bin" --help | grep -q "65 bad input data" || { echo "FAIL: --help does not document exit codes"; fail=1; }
check 64 "no command" "$bin"
check 64 "unknown command" "$bin" frobnicate
check 64 "unknown option" "$bin" status --colour
check 64 "load of a missing folder" "$bin" load /nonexistent/folder
check 65 "bad size" "$bin" generate --size huge --out /tmp/scrutiny_never
check 0 "calendar" "$bin" calendar --from 2024-03-21 --to 2024-05-29
[ "$("$bin" calendar --from 2024-03-21 --to 2024-05-29)" = 45 ] || { echo "FAIL: calendar count"; fail=1; }
[ "$("$bin" calendar --year 2026 | head -1)" = "2026-01-01 Thu" ] || { echo "FAIL: calendar year"; fail=1; }
check 65 "calendar bad date" "$bin" calendar --from 2024-02-30 --to 2024-05-29
rm -f /tmp/scrutiny_cli_out.$$
exit $fail
