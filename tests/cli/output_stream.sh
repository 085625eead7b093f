# output_stream.sh - outputs written as they are made (issue 17): "status
# --format json", "plan" and every report format reach stdout, or report -o's
# temporary file, 64 KiB at a time, never held whole. Checked here with
# outputs several times that size: the file -o writes is stdout's byte for
# byte, the JSON parses whole; a write that fails part way (a full disk, a
# closed pipe, a signal) is said once, exits 74 (or dies of the signal), and
# leaves no partial file and the old one as it was.
. tests/cli/lib.sh
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z
export MESOS_UPGRADE_JOURNAL=$T/journal.db
D=$T/files
mkdir -p "$D"

# 400 agents: every output below is well past the 64 KiB a stream holds
{
	printf 'masters: [m1, m2, m3]\nleader: m1\nagents:\n'
	i=100
	while [ $i -lt 500 ]; do printf '  - agent-%d\n' $i; i=$((i + 1)); done
} >"$T/inventory.yaml"
"$MU" start --from 0.26 --to 0.28 --inventory "$T/inventory.yaml" >/dev/null ||
	fail setup "start failed"
"$MU" status 1 --format json >"$T/pending.json" 2>"$T/err" || fail setup "status failed"
"$MU" mark 1 '*' done >/dev/null || fail setup "mark failed"

# big NAME FILE: FILE is well past a stream's bound, or the checks below prove little
big() {
	if [ "$(wc -c <"$2")" -gt 98304 ]; then ok "$1: more than 96 KiB"; else
		fail "$1: more than 96 KiB" "$(wc -c <"$2") bytes: the stream was never drained"; fi
}

big "status --format json of 826 items" "$T/pending.json"
py "status --format json, streamed: one whole JSON document" "import json, sys
d = json.load(open(sys.argv[1]))
items = [i for h in d['hops'] for i in h['items']]
if len(items) != 826: print(len(items), 'items')" "$T/pending.json"

for f in md html json text; do
	"$MU" report 1 --format $f >"$T/report.$f" 2>"$T/err" || fail "report --format $f" "$(cat "$T/err")"
	big "report --format $f" "$T/report.$f"
	run "$MU" report 1 --format $f -o "$D/report.$f"
	expect_rc "report --format $f -o: exit 0" 0
	if cmp -s "$D/report.$f" "$T/report.$f"; then ok "report --format $f -o: stdout's bytes, all of them"
	else fail "report --format $f -o: stdout's bytes, all of them" "the files differ"; fi
done
py "report --format json, streamed: one whole JSON document" "import json, sys
json.load(open(sys.argv[1]))" "$T/report.json"

# said once: one line on stderr, the reason in it
once() {
	n=$(grep -c 'cannot write' "$T/err")
	if [ "$n" = 1 ]; then ok "$1: said once"; else fail "$1: said once" "$(cat "$T/err")"; fi
}

if [ -w /dev/full ]; then
	"$MU" status 1 --format json >/dev/full 2>"$T/err"; rc=$? err=$(cat "$T/err")
	expect_rc "status --format json > /dev/full: exit 74" 74
	expect_err "status --format json > /dev/full: says why" \
		"mesos-upgrade: cannot write the output: No space left on device"
	once "status --format json > /dev/full"
	"$MU" report 1 --format html >/dev/full 2>"$T/err"; rc=$? err=$(cat "$T/err")
	expect_rc "report --format html > /dev/full: exit 74" 74
	once "report --format html > /dev/full"
else
	echo "skip /dev/full: not writable here"
fi

# a reader gone: with SIGPIPE ignored, the write fails (EPIPE) and is said once. The
# pipe's reader is closed before the command starts: one that read a little and went
# away (| head -c 100) could go after the whole output had fit in the pipe, grown to
# 1 MiB (fd_gather.h), which is no failure at all
pyrun -c "import os, subprocess, sys
r, w = os.pipe()
os.close(r)
with open(sys.argv[2], 'w') as err:
    p = subprocess.run([sys.argv[1], 'status', '1', '--format', 'json'], stdout=w, stderr=err,
                       restore_signals=False, timeout=60)  # (Python ignores SIGPIPE: so does it)
open(sys.argv[3], 'w').write(str(p.returncode))" "$MU" "$T/err" "$T/rc"
rc=$(cat "$T/rc") err=$(cat "$T/err")
expect_rc "status --format json to a closed pipe, SIGPIPE ignored: exit 74" 74
expect_err "status --format json to a closed pipe: says why" "cannot write the output: Broken pipe"
once "status --format json to a closed pipe"

if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null; then
	# the disk full at the second write into the temporary: the first 64 KiB are there
	# (TMPDIR no directory: no timeline spool, whose writes would come first; report.h)
	echo old >"$D/full.json"
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 TMPDIR=$T/no-such-dir \
		strace -f -o /dev/null -e trace=write -e inject=write:error=ENOSPC:when=2 \
		"$MU" report 1 --format json -o "$D/full.json" >"$T/out" 2>"$T/err"
	rc=$? err=$(cat "$T/err")
	expect_rc "full disk part way through report -o: exit 74" 74
	expect_err "full disk part way through report -o: says why" \
		"cannot write $D/full.json: No space left on device"
	once "full disk part way through report -o"
	if [ "$(cat "$D/full.json")" = old ]; then ok "full disk part way through report -o: the old file kept"
	else fail "full disk part way through report -o: the old file kept" "$(head -c 80 "$D/full.json")"; fi
	left=$(ls -A "$D" | grep -E '\.tmp-[0-9]+' | tr '\n' ' ')
	if [ -z "$left" ]; then ok "full disk part way through report -o: no temporary left"
	else fail "full disk part way through report -o: no temporary left" "$left"; fi
	# a signal at the second write: the process dies of it, and takes its temporary along
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 TMPDIR=$T/no-such-dir \
		strace -f -o /dev/null -e trace=write -e inject=write:signal=TERM:error=EINTR:when=2 \
		"$MU" report 1 --format md -o "$D/full.json" >"$T/out" 2>"$T/err"
	rc=$?
	expect_rc "SIGTERM part way through report -o: killed by it" 143
	if [ "$(cat "$D/full.json")" = old ]; then ok "SIGTERM part way through report -o: the old file kept"
	else fail "SIGTERM part way through report -o: the old file kept" "$(head -c 80 "$D/full.json")"; fi
	left=$(ls -A "$D" | grep -E '\.tmp-[0-9]+' | tr '\n' ' ')
	if [ -z "$left" ]; then ok "SIGTERM part way through report -o: no temporary left"
	else fail "SIGTERM part way through report -o: no temporary left" "$left"; fi
else
	echo "skip a write failing part way: strace (ptrace) is not usable here"
fi
