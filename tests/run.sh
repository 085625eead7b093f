#!/bin/sh
# run.sh O BIN UNIT_BINARIES...
# Runs every unit test binary and every tests/cli/*.sh against BIN, then
# prints one closing line "N passed, N failed, N skipped" and exits non-zero
# on failure. A script says "skip NAME: why" for each check it cannot run
# here; those are counted and shown, never taken for passes.
#
# The scripts run as many at a time as there are processors (TEST_JOBS
# overrides): each has its own temporary directory, journal and tmux server,
# and waits for what it expects instead of sleeping, so they do not disturb
# one another. Results are printed in name order, each with its seconds.
# In a sanitized build (O ends in "sanitize") the scripts whose subject the
# sanitizers do not see are left out, and said so: build.sh and install.sh
# (they build and install with their own flags), html_browser.sh (Chromium
# reads the same HTML the plain run checked).
set -u
O=$1; BIN=$2; shift 2
passed=0; failed=0; skipped=0
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
log=$work/unit.log

# The tests' python3 (the scripts, and the fake cluster the unit tests
# spawn) is the one make test installs, Debian's /usr/bin/python3, put first
# in PATH: not whatever python3 comes first there, which may be a version
# manager's shim (pyenv's runs bash and pyenv before Python: 0.15 s of CPU a
# call, and a run makes some 550 calls). TEST_PYTHON=PATH chooses another.
py=${TEST_PYTHON:-}
if [ -z "$py" ] && [ -x /usr/bin/python3 ]; then py=/usr/bin/python3; fi
if [ -z "$py" ]; then py=$(command -v python3); fi
if [ -n "$py" ]; then
	mkdir "$work/bin" && ln -s "$py" "$work/bin/python3" && PATH=$work/bin:$PATH && export PATH
fi

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

scripts=""
for t in tests/cli/*.sh; do
	[ -e "$t" ] || continue
	case $(basename "$t") in
	lib.sh) continue ;;
	build.sh|install.sh|html_browser.sh)
		case $O in *sanitize*)
			echo "skip $(basename "$t"): not run again in the sanitized build" >"$work/$(basename "$t").log"
			echo 0 >"$work/$(basename "$t").rc"; echo 0 >"$work/$(basename "$t").secs"
			printf '0m0s 0m0s\n0m0s 0m0s\n' >"$work/$(basename "$t").times"
			continue ;;
		esac ;;
	esac
	scripts="$scripts $t"
done
jobs=${TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
# one script: its output, exit code and seconds in $work/NAME.{log,rc,secs}
export MU="$BIN" O work
printf '%s\n' $scripts | xargs -P "$jobs" -I{} sh -c '
	name=$(basename "$1"); start=$(date +%s)
	sh "$1" >"$work/$name.log" 2>&1; echo $? >"$work/$name.rc"
	echo $(($(date +%s) - start)) >"$work/$name.secs"
	times >"$work/$name.times"' sh {}

for rcfile in "$work"/*.sh.rc; do
	[ -e "$rcfile" ] || continue
	name=$(basename "$rcfile" .rc); l=$work/$name.log
	rc=$(cat "$rcfile"); secs=$(cat "$work/$name.secs")
	# the processor seconds (user + system) of the script and all it ran
	cpu=$(awk 'NR == 2 { split($1, u, "m"); split($2, s, "m")
		printf "%d", u[1] * 60 + u[2] + s[1] * 60 + s[2] + 0.5 }' "$work/$name.times" 2>/dev/null)
	p=$(grep -c '^ok ' "$l"); f=$(grep -c '^FAIL ' "$l"); s=$(grep -c '^skip ' "$l")
	passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
	if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then
		echo "FAIL $name (exit $rc, ${secs}s, cpu ${cpu:-?}s):"; grep -v '^ok ' "$l" | sed 's/^/    /'
	else
		if [ "$s" -gt 0 ]; then echo "ok   $name: $p passed, $s skipped (${secs}s, cpu ${cpu:-?}s)"
		else echo "ok   $name: $p passed (${secs}s, cpu ${cpu:-?}s)"; fi
		grep '^skip ' "$l" | sed 's/^/    /'
	fi
done

echo "$O: $passed passed, $failed failed, $skipped skipped"
# for make test's last line (see tests/summary.sh)
[ -z "${SUMMARY:-}" ] || echo "$passed $failed $skipped" >"$SUMMARY"
[ "$failed" -eq 0 ]
