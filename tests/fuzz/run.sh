#!/bin/sh
# run.sh SECONDS|smoke FUZZER... - run each libFuzzer harness for SECONDS (or,
# with "smoke", for its fixed number of inputs: SMOKE below) on a fresh
# corpus seeded from the content, the fixtures (Mesos answers included), hostile text (the text
# harnesses) and tests/fuzz/regressions/,
# then print "ok NAME" or "FAIL NAME" and a closing "fuzz: N passed, N failed".
# The harnesses run as many at a time as there are processors (FUZZ_JOBS
# overrides), each for SECONDS of wall clock, so each has a processor to
# itself for its SECONDS; results are printed in the order given.
# make test's short runs are "smoke": a number of inputs, not seconds, so
# that they do the same work however loaded the machine is, and can run
# beside the tests, niced, taking the processor time the tests leave.
# A crash leaves its input in crashes/ beside the harnesses: add it to
# tests/fuzz/regressions/NAME/ once fixed, so every later run replays it.
set -u

# SMOKE: each harness's inputs in make test, about what it runs in 5 s of a
# processor to itself (the seeds and every regression input first): NAME:INPUTS.
# Twice this (10 s each, 52 s of processor in all) put make test at 4 min 2 s
# on 2 idle processors; make fuzz runs each for FUZZ_SECONDS.
SMOKE="content:15000 inventory:75000 version:400000 terminal:60000 report_escape:38000
mesos_parse:17000"

# run.sh --one SECONDS|smoke CRASHES FUZZER: one harness; its lines on stdout, and
# exit 0 when it passed
if [ "${1:-}" = --one ]; then
	secs=$2; crashes=$3; bin=$4
	root=$(pwd)
	name=$(basename "$bin" | sed 's/^fuzz_//')
	work=$(mktemp -d)
	mkdir -p "$work/corpus"
	case $name in
	content)
		i=0
		for f in content/hops/*.yaml tests/fixtures/content/*/hops/*.yaml; do
			[ -f "$f" ] && cp "$f" "$work/corpus/seed$i" && i=$((i + 1))
		done ;;
	inventory)
		cp tests/fixtures/inventory/*.yaml "$work/corpus/" 2>/dev/null ;;
	mesos_parse)
		# recorded answers of every endpoint and version, broken ones, credentials
		cp tests/fixtures/mesos/*.json tests/fixtures/mesos/*.txt "$work/corpus/" 2>/dev/null ;;
	version)
		for v in "0.22" "0.22.1" "0.22.x" "0.11.0 0.28.2" "0.28 0.26" "1.0 0.9" "abc"; do
			printf '%s' "$v" >"$work/corpus/$(printf '%s' "$v" | tr ' .' '__')"
		done ;;
	terminal|report_escape)
		# escape sequences (OSC 52, CSI, 8-bit CSI), C1, bidi controls,
		# invalid UTF-8, wide characters, and each format's specials
		i=0
		for v in 'hops/\033]52;c;aGVsbG8=\007.yaml' '\033[2J\033[31mred\r\n\t' \
			 'a\302\2332J \23331m' 'ok \342\200\256txt.exe\342\201\246' \
			 '\377\376\300\257\355\240\200 cut\342\202' 'caf\303\251 \346\235\261 \360\237\230\200' \
			 '<a href="x">&amp; \047q\047</a>' '"\\u202e \\ \342\200\250' \
			 '1. # - * _x_ `c` [l](u) | ~' 'a\\x1b \\u009b'; do
			printf "$v" >"$work/corpus/seed$i"; i=$((i + 1))
		done ;;
	esac
	[ -d "tests/fuzz/regressions/$name" ] && cp tests/fuzz/regressions/$name/* "$work/corpus/" 2>/dev/null
	if [ "$secs" = smoke ]; then
		n=$(printf '%s\n' $SMOKE | sed -n "s/^$name://p")
		[ -n "$n" ] || { echo "FAIL fuzz $name: no number of inputs in SMOKE"; rm -rf "$work"; exit 1; }
		limit=-runs=$n
	else
		limit=-max_total_time=$secs
	fi
	(cd "$work" && "$root/$bin" "$limit" -timeout=10 -rss_limit_mb=2048 \
		-max_len=65536 -print_final_stats=1 corpus) >"$work/log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
	if [ $rc -eq 0 ] && [ "$secs" = smoke ]; then
		echo "ok   fuzz $name: ${runs:-?} inputs, no crash"
	elif [ $rc -eq 0 ]; then
		echo "ok   fuzz $name: ${runs:-?} inputs in ${secs}s, no crash"
	else
		echo "FAIL fuzz $name (exit $rc):"
		grep -E 'ERROR|SUMMARY|Test unit written' "$work/log" | sed 's/^/    /' | head -20
		cp "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* "$crashes"/ \
			2>/dev/null
	fi
	rm -rf "$work"
	exit $rc
fi

secs=$1; shift
passed=0; failed=0
crashes=$(cd "$(dirname "$1")" && pwd)/crashes
mkdir -p "$crashes"
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
self=$0
export secs crashes out self
printf '%s\n' "$@" | xargs -P "$jobs" -I{} sh -c '
	sh "$self" --one "$secs" "$crashes" "$1" >"$out/$(basename "$1").log" 2>&1
	echo $? >"$out/$(basename "$1").rc"' sh {}
for bin in "$@"; do
	r=$out/$(basename "$bin")
	cat "$r.log" 2>/dev/null
	if [ "$(cat "$r.rc" 2>/dev/null)" = 0 ]; then passed=$((passed + 1)); else
		[ -s "$r.log" ] || echo "FAIL fuzz $(basename "$bin"): did not run"
		failed=$((failed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ -z "${SUMMARY:-}" ] || echo "$passed $failed 0" >"$SUMMARY"
[ "$failed" -eq 0 ]
