#!/bin/sh
# run.sh O BIN UNIT_BINARIES...
# Runs every unit test binary and every tests/cli/*.sh against BIN, then
# prints one closing line "N passed, N failed, N skipped" and exits non-zero
# on failure. A script says "skip NAME: why" for each check it cannot run
# here; those are counted and shown, never taken for passes.
set -u
O=$1; BIN=$2; shift 2
passed=0; failed=0; skipped=0
log=$(mktemp); trap 'rm -f "$log"' EXIT

for t in "$@"; do
	"$t" >"$log" 2>&1; rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
	if [ "$rc" -ne 0 ] && [ -z "$f" ]; then failed=$((failed + 1)); fi
	if [ "$rc" -ne 0 ]; then
		echo "FAIL $(basename "$t") (exit $rc):"; sed 's/^/    /' "$log"
	else
		echo "ok   $(basename "$t"): ${p:-0} passed${s:+, $s skipped}"
	fi
done

for t in tests/cli/*.sh; do
	[ -e "$t" ] || continue
	[ "$t" = tests/cli/lib.sh ] && continue
	MU="$BIN" O="$O" sh "$t" >"$log" 2>&1; rc=$?
	p=$(grep -c '^ok ' "$log"); f=$(grep -c '^FAIL ' "$log"); s=$(grep -c '^skip ' "$log")
	passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
	if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then
		echo "FAIL $(basename "$t") (exit $rc):"; grep -v '^ok ' "$log" | sed 's/^/    /'
	else
		if [ "$s" -gt 0 ]; then echo "ok   $(basename "$t"): $p passed, $s skipped"
		else echo "ok   $(basename "$t"): $p passed"; fi
		grep '^skip ' "$log" | sed 's/^/    /'
	fi
done

echo "$O: $passed passed, $failed failed, $skipped skipped"
# for make test's last line (see tests/summary.sh)
[ -z "${SUMMARY:-}" ] || echo "$passed $failed $skipped" >"$SUMMARY"
[ "$failed" -eq 0 ]
