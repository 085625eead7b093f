#!/bin/sh
# run.sh O BIN UNIT_BINARIES... [-- O BIN UNIT_BINARIES...]...
# Runs, for each build ("part": its directory O, its binary BIN and its unit
# test binaries), every unit test binary and every tests/cli/*.sh (but
# lib*.sh, sourced by the others) against BIN, then prints the part's
# results and one closing line "O: N passed, N failed, N skipped"; exits
# non-zero on any failure. A script says "skip NAME: why" for each check it
# cannot run here; those are counted and shown, never taken for passes.
# SUMMARY=FILE (one part) or "--summary FILE" before a part's O: where the
# part leaves "PASSED FAILED SKIPPED" for tests/summary.sh.
#
# The tests of every part run in one pool, one more at a time than there
# are processors (TEST_JOBS overrides): each has its own temporary
# directory, journal and tmux server, and waits for what it expects instead
# of sleeping, so they do not disturb one another; the one more uses a
# processor while another test waits (a lock held, a timeout, tmux, a
# child). The slowest start first (SLOW below), whatever their part, so
# that the last to finish is a short one and no processor idles at the end
# while one part's slowest still runs. Results are printed part by part,
# unit binaries first, each with its seconds of wall clock and of
# processor (user + system, of it and all it waited for); with several
# parts, a last line says when each part's last test ended.
# In a sanitized build (O ends in "sanitize") the scripts whose subject the
# sanitizers do not see are left out, and said so: build.sh and install.sh
# (they build and install with their own flags), html_browser.sh (Chromium
# reads the same HTML the plain run checked). Every test gets its part's O
# and MU and the environment run.sh was started with (make's, for the
# tests that run make: build.sh and install.sh, of the plain part only).
set -u
passed=0; failed=0; skipped=0
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# The slowest, longest first, as PART:NAME (PART "san" for a sanitized
# build, "plain" for the others): the seconds each took in make test with
# the plain and the sanitized tests at once on 2 processors (CI, idle
# machine); the others follow in name order, the sanitized part's first.
SLOW="san:screens.sh san:hosts.sh san:bad_journal.sh plain:screens.sh plain:hosts.sh
san:test_cluster_probe san:concurrent.sh plain:bad_journal.sh plain:build.sh san:readme.sh
san:journal.sh plain:readme.sh san:tmux.sh san:crash.sh san:fault.sh san:report.sh
san:shared_journal.sh plain:test_cluster_probe plain:install.sh plain:tmux.sh
san:output_files.sh san:plan.sh plain:cluster.sh plain:journal.sh san:test_journal
plain:fault.sh plain:html_browser.sh san:cluster.sh plain:concurrent.sh plain:shared_journal.sh
plain:plan.sh plain:test_journal"

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

# The parts: part K's O, BIN, unit binaries and summary file in O_K, MU_K,
# UNITS_K and SUM_K; its results under $work/K/
nparts=0
while [ $# -gt 0 ]; do
	nparts=$((nparts + 1)); sum=${SUMMARY:-}
	[ $nparts -eq 1 ] || sum=
	if [ "$1" = --summary ]; then sum=$2; shift 2; fi
	[ $# -ge 2 ] || { echo "usage: run.sh [--summary FILE] O BIN UNIT... [-- ...]" >&2; exit 2; }
	eval "O_$nparts=\$1 MU_$nparts=\$2 SUM_$nparts=\$sum"; shift 2
	u=""
	while [ $# -gt 0 ] && [ "$1" != -- ]; do u="$u $1"; shift; done
	[ $# -eq 0 ] || shift
	eval "UNITS_$nparts=\$u"
	mkdir "$work/$nparts"
done
[ $nparts -ge 1 ] || { echo "usage: run.sh [--summary FILE] O BIN UNIT... [-- ...]" >&2; exit 2; }

# skipped K NAME WHY: a script not run in part K, said so
skipped() {
	echo "skip $2: $3" >"$work/$1/$2.log"
	echo 0 >"$work/$1/$2.rc"; echo 0 >"$work/$1/$2.secs"
	printf '0m0s 0m0s\n0m0s 0m0s\n' >"$work/$1/$2.times"
}

# every test of every part, a line "K PATH", then in the order they start:
# SLOW first, then the rest
k=1
while [ $k -le $nparts ]; do
	eval "o=\$O_$k units=\$UNITS_$k"
	case $o in *sanitize*) kind=san ;; *) kind=plain ;; esac
	for t in $units; do echo "$k $t $kind:$(basename "$t")"; done
	for t in tests/cli/*.sh; do
		[ -e "$t" ] || continue
		case $(basename "$t") in
		lib*.sh) continue ;; # sourced by the scripts
		build.sh|install.sh|html_browser.sh)
			case $o in *sanitize*)
				skipped $k "$(basename "$t")" "not run again in the sanitized build"
				continue ;;
			esac ;;
		esac
		echo "$k $t $kind:$(basename "$t")"
	done
	k=$((k + 1))
done >"$work/all"
for s in $SLOW; do grep " $s\$" "$work/all"; done >"$work/order"
slow=" $(echo $SLOW) "
for kind in san plain; do
	while read -r k t s; do
		case $slow in *" $s "*) continue ;; esac
		case $s in "$kind":*) echo "$k $t $s" ;; esac
	done <"$work/all"
done >>"$work/order"

jobs=${TEST_JOBS:-$(($(nproc 2>/dev/null || echo 1) + 1))}
# one test: its output, exit code, seconds, times and when it ended (seconds
# after the pool's start) in $work/K/NAME.{log,rc,secs,times,end}
i=1
while [ $i -le $nparts ]; do eval "export O_$i MU_$i"; i=$((i + 1)); done
t0=$(date +%s)
# a test that hangs is stopped and failed (SIGTERM, SIGKILL 10 s later; in
# the foreground, as a test in a terminal was before), not
# waited on for ever; the slowest takes under a minute on an idle machine
TEST_LIMIT=${TEST_LIMIT:-900}
export work t0 TEST_LIMIT
cut -d' ' -f1,2 "$work/order" | xargs -P "$jobs" -L 1 sh -c '
	eval "O=\$O_$1 MU=\$MU_$1"; export O MU
	name=$(basename "$2"); d=$work/$1; start=$(date +%s)
	case $name in
	*.sh) timeout --foreground -k 10 "$TEST_LIMIT" sh "$2" >"$d/$name.log" 2>&1 ;;
	*) timeout --foreground -k 10 "$TEST_LIMIT" "$2" >"$d/$name.log" 2>&1 ;;
	esac
	rc=$?
	[ $rc -eq 124 ] && echo "FAIL $name: still running after $TEST_LIMIT s, stopped" >>"$d/$name.log"
	echo $rc >"$d/$name.rc"
	end=$(date +%s)
	echo $((end - start)) >"$d/$name.secs"; echo $((end - t0)) >"$d/$name.end"
	times >"$d/$name.times"' sh

# result DIR NAME: sets rc, secs and cpu (the processor seconds, user + system)
result() {
	rc=$(cat "$1/$2.rc" 2>/dev/null || echo 127)
	secs=$(cat "$1/$2.secs" 2>/dev/null)
	cpu=$(awk 'NR == 2 { split($1, u, "m"); split($2, s, "m")
		printf "%d", u[1] * 60 + u[2] + s[1] * 60 + s[2] + 0.5 }' "$1/$2.times" 2>/dev/null)
	took="${secs:-?}s, cpu ${cpu:-?}s"
}

# report K: part K's results, closing line and summary file; adds to the totals
report() {
	d=$work/$1; passed=0; failed=0; skipped=0
	eval "o=\$O_$1 units=\$UNITS_$1 sum=\$SUM_$1"
	for t in $units; do
		name=$(basename "$t"); l=$d/$name.log
		result "$d" "$name"
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
		name=$(basename "$t"); l=$d/$name.log
		case $name in lib*.sh) continue ;; esac
		[ -e "$t" ] || continue
		result "$d" "$name"
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
	echo "$o: $passed passed, $failed failed, $skipped skipped"
	# for make test's last line (see tests/summary.sh)
	[ -z "$sum" ] || echo "$passed $failed $skipped" >"$sum"
	[ "$failed" -eq 0 ] || bad=1
}

bad=0; k=1; ended=""
while [ $k -le $nparts ]; do
	report $k
	eval "o=\$O_$k"
	ended="$ended${ended:+, }$o's at $(cat "$work/$k"/*.end 2>/dev/null | sort -n | tail -n 1) s"
	k=$((k + 1))
done
[ $nparts -eq 1 ] || echo "the last test of $ended ($jobs at a time)"
[ "$bad" -eq 0 ]
