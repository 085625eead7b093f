#!/bin/sh
# run.sh O BIN UNIT_BINARIES...
# Runs every unit test binary and every tests/cli/*.sh (but lib*.sh, sourced
# by the others) against BIN, then prints one closing line "N passed,
# N failed, N skipped" and exits non-zero on failure. A script says "skip
# NAME: why" for each check it cannot run here; those are counted and shown,
# never taken for passes.
#
# The unit binaries and the scripts run one more at a time than there are
# processors (TEST_JOBS overrides): each has its own temporary directory,
# journal and tmux server, and waits for what it expects instead of
# sleeping, so they do not disturb one another; the one more uses a
# processor while another test waits (a lock held, a timeout, tmux, a
# child). The slowest start first (SLOW below), so that the last to finish
# is a short one. Results are
# printed in order, unit binaries first, each with its seconds of wall clock
# and of processor (user + system, of it and all it waited for).
# In a sanitized build (O ends in "sanitize") the scripts whose subject the
# sanitizers do not see are left out, and said so: build.sh and install.sh
# (they build and install with their own flags), html_browser.sh (Chromium
# reads the same HTML the plain run checked).
set -u
O=$1; BIN=$2; shift 2
passed=0; failed=0; skipped=0
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# The slowest, longest first: seconds each takes with a processor to itself
# (its processor time plus the time it waits on no processor, from a
# scheduler trace of make check, plain and sanitized), the sanitized run's
# first; the others follow in name order.
SLOW="hosts.sh concurrent.sh screens.sh bad_journal.sh build.sh journal.sh test_cluster_probe
crash.sh tmux.sh report.sh fault.sh html_browser.sh install.sh output_files.sh plan.sh
shared_journal.sh test_journal terminal_text.sh"

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

# skipped NAME WHY: a script not run here, said so
skipped() {
	echo "skip $1: $2" >"$work/$1.log"
	echo 0 >"$work/$1.rc"; echo 0 >"$work/$1.secs"
	printf '0m0s 0m0s\n0m0s 0m0s\n' >"$work/$1.times"
}

units=""
for t in "$@"; do units="$units $t"; done
scripts=""
for t in tests/cli/*.sh; do
	[ -e "$t" ] || continue
	case $(basename "$t") in
	lib*.sh) continue ;; # sourced by the scripts
	build.sh|install.sh|html_browser.sh)
		case $O in *sanitize*)
			skipped "$(basename "$t")" "not run again in the sanitized build"
			continue ;;
		esac ;;
	esac
	scripts="$scripts $t"
done

# the order they start in: SLOW first, then the rest
order=""
for s in $SLOW; do
	for t in $units $scripts; do
		[ "$(basename "$t")" = "$s" ] && order="$order $t"
	done
done
slow=" $(echo $SLOW) "
for t in $units $scripts; do
	case $slow in *" $(basename "$t") "*) ;; *) order="$order $t" ;; esac
done

jobs=${TEST_JOBS:-$(($(nproc 2>/dev/null || echo 1) + 1))}
# one test: its output, exit code, seconds and times in $work/NAME.{log,rc,secs,times}
export MU="$BIN" O work
printf '%s\n' $order | xargs -P "$jobs" -I{} sh -c '
	name=$(basename "$1"); start=$(date +%s)
	case $name in
	*.sh) sh "$1" >"$work/$name.log" 2>&1 ;;
	*) "$1" >"$work/$name.log" 2>&1 ;;
	esac
	echo $? >"$work/$name.rc"
	echo $(($(date +%s) - start)) >"$work/$name.secs"
	times >"$work/$name.times"' sh {}

# result NAME: sets rc, secs and cpu (the processor seconds, user + system)
result() {
	rc=$(cat "$work/$1.rc" 2>/dev/null || echo 127)
	secs=$(cat "$work/$1.secs" 2>/dev/null)
	cpu=$(awk 'NR == 2 { split($1, u, "m"); split($2, s, "m")
		printf "%d", u[1] * 60 + u[2] + s[1] * 60 + s[2] + 0.5 }' "$work/$1.times" 2>/dev/null)
	took="${secs:-?}s, cpu ${cpu:-?}s"
}

for t in $units; do
	name=$(basename "$t"); l=$work/$name.log
	result "$name"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$l" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$l" | tail -n 1)
	s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$l" | tail -n 1)
	passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
	if [ "$rc" -ne 0 ] && [ -z "$f" ]; then failed=$((failed + 1)); fi
	if [ "$rc" -ne 0 ]; then
		echo "FAIL $name (exit $rc, $took):"; sed 's/^/    /' "$l"
	else
		echo "ok   $name: ${p:-0} passed${s:+, $s skipped} ($took)"
	fi
done

for t in tests/cli/*.sh; do
	name=$(basename "$t"); l=$work/$name.log
	case $name in lib*.sh) continue ;; esac
	[ -e "$t" ] || continue
	result "$name"
	[ -e "$l" ] || : >"$l"
	p=$(grep -c '^ok ' "$l"); f=$(grep -c '^FAIL ' "$l"); s=$(grep -c '^skip ' "$l")
	passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
	if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then
		echo "FAIL $name (exit $rc, $took):"; grep -v '^ok ' "$l" | sed 's/^/    /'
	else
		if [ "$s" -gt 0 ]; then echo "ok   $name: $p passed, $s skipped ($took)"
		else echo "ok   $name: $p passed ($took)"; fi
		grep '^skip ' "$l" | sed 's/^/    /'
	fi
done

echo "$O: $passed passed, $failed failed, $skipped skipped"
# for make test's last line (see tests/summary.sh)
[ -z "${SUMMARY:-}" ] || echo "$passed $failed $skipped" >"$SUMMARY"
[ "$failed" -eq 0 ]
