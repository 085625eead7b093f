# fault.sh - the wizard under faults: killed (SIGKILL, SIGHUP) while a key
# script checks items off, its journal deleted under it, two wizards and a
# command-line loop on one session at once. Afterwards the journal is whole
# (PRAGMA integrity_check), nothing the wizard showed as done is missing, and
# every failure was said.
. tests/cli/lib.sh
json_server
J=$T/j.db
export MESOS_UPGRADE_JOURNAL=$J
ROUNDS=${FAULT_ROUNDS:-8}

integrity() {
	pyrun -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("PRAGMA integrity_check").fetchone()[0])' "$J"
}

# resolved [JOURNAL]: items done or skipped in session 1 of JOURNAL ($J unless
# given), per status --format json
resolved() {
	out=$("$MU" --journal "${1:-$J}" status 1 --format json)
	jv 'd["totals"]["done"] + d["totals"]["skipped"]'
}

# shown: the progress on the wizard's last complete screen dump in $1 ("N/M" on
# the status bar), 0 when there is none
shown() {
	pyrun -c 'import re, sys
dumps = open(sys.argv[1], errors="replace").read().split("\n--\n")
done = 0
for d in dumps[:-1]:
    lines = [l for l in d.split("\n") if l.strip()]
    m = re.match(r"^ (\d+)/(\d+)", lines[-1]) if lines else None
    if m:
        done = int(m.group(1))
print(done)' "$1"
}

# dumped FILE N: wait (30 s at most) until the wizard has printed N dumps in
# FILE, each ending with a line "--" (it flushes after each): what the keys
# before the Nth :dump did is done, on a busy machine as on an idle one
# (the shell that starts the wizard in the background opens FILE for it, and
# that can come after this starts waiting: FILE is emptied in the foreground
# first, or an earlier wizard's dumps in it would end the wait at once, and
# the keys after it would be sent before the wizard has read the first ones)
dumped() {
	_w=0
	while [ $_w -lt 300 ]; do
		_n=$(grep -c '^--$' "$1" 2>/dev/null)
		[ "${_n:-0}" -ge "$2" ] && break
		sleep 0.1; _w=$((_w + 1))
	done
}

"$MU" --operator alice start --from 0.11 --to 0.28 >/dev/null
keys=$T/keys
i=0
while [ $i -lt 150 ]; do printf '<Space>\n:dump\n' >>"$keys"; i=$((i + 1)); done

# ---- killed at random moments while checking off --------------------------------
lost=0
r=0
while [ $r -lt "$ROUNDS" ]; do
	sig=KILL
	[ $((r % 2)) -eq 1 ] && sig=HUP
	: >"$T/out" # (see dumped)
	MESOS_UPGRADE_KEYS=$keys "$MU" --operator alice >"$T/out" 2>"$T/err" &
	pid=$!
	# killed at a random moment once it is checking off (its first dump is out):
	# a slow start (a sanitized build on a busy machine) must not end every round
	# before the first check-off; the wait is bounded
	w=0
	while [ ! -s "$T/out" ] && [ $w -lt 500 ] && kill -0 $pid 2>/dev/null; do
		sleep 0.02; w=$((w + 1))
	done
	sleep "0.0$(awk -v s=$r 'BEGIN { srand(s); printf "%d", 1 + rand() * 9 }')"
	kill -$sig $pid 2>/dev/null
	wait $pid 2>/dev/null
	s=$(shown "$T/out")
	d=$(resolved)
	if [ "$d" -lt "$s" ]; then
		lost=$((lost + 1))
		echo "# round $r ($sig): the screen showed $s resolved, the journal has $d"
	fi
	r=$((r + 1))
done
if [ $lost -eq 0 ]; then ok "killed wizard: nothing shown as done is missing ($ROUNDS rounds)"
else fail "killed wizard: nothing shown as done is missing" "$lost rounds lost check-offs"; fi
v=$(integrity)
if [ "$v" = ok ]; then ok "killed wizard: integrity_check ok"; else
	fail "killed wizard: integrity_check ok" "$v"; fi
if [ "$(resolved)" -gt 0 ]; then ok "killed wizard: check-offs were made"; else
	fail "killed wizard: check-offs were made" "none: the kills came too early"; fi

# ---- SIGHUP: a clean exit (129), nothing lost (the wizard waits for keys meanwhile) ----
# (a session of its own: the rounds above leave theirs at a random item, and a
# Space that finishes a hop opens the hop's summary, which shows no progress)
H=$T/h.db
"$MU" --journal "$H" --operator alice start --from 0.11 --to 0.28 >/dev/null
mkfifo "$T/hup"
: >"$T/out" # (see dumped)
MESOS_UPGRADE_KEYS=$T/hup "$MU" --journal "$H" --operator alice >"$T/out" 2>"$T/err" &
pid=$!
exec 6>"$T/hup"
printf '<Space>\n:dump\n<Space>\n:dump\n' >&6
# both check-offs on the screen (a busy machine may take a while), 30 s at most
dumped "$T/out" 2
before=$(shown "$T/out")
kill -HUP $pid
wait $pid
rc=$?
exec 6>&-
if [ $rc -eq 129 ]; then ok "SIGHUP: exit 129 (128 + SIGHUP)"; else
	fail "SIGHUP: exit 129 (128 + SIGHUP)" "exit $rc"; fi
if [ "$before" -eq 2 ] && [ "$(resolved "$H")" -ge "$before" ]; then ok "SIGHUP: nothing lost"; else
	fail "SIGHUP: nothing lost" "showed $before (2 expected), journal $(resolved "$H")"; fi

# ---- the journal deleted while the wizard is open --------------------------------
"$MU" --journal "$T/d.db" start --from 0.26 --to 0.27 >/dev/null
mkfifo "$T/fifo"
: >"$T/out" # (see dumped)
MESOS_UPGRADE_KEYS=$T/fifo "$MU" --journal "$T/d.db" --operator alice >"$T/out" 2>"$T/err" &
pid=$!
exec 5>"$T/fifo"
printf '<Space>\n:dump\n' >&5
dumped "$T/out" 1
rm -f "$T/d.db" "$T/d.db-wal" "$T/d.db-shm"
printf '<Space>\n:dump\n' >&5
exec 5>&-
wait $pid
rc=$?
if [ $rc -eq 0 ]; then ok "deleted journal: the wizard goes on and exits 0"; else
	fail "deleted journal: the wizard goes on and exits 0" "exit $rc: $(cat "$T/err")"; fi
if grep -q "NOT RECORDED: journal .* was deleted or replaced" "$T/out"; then
	ok "deleted journal: the check-off is refused, and said"
else
	fail "deleted journal: the check-off is refused, and said" "$(tail -3 "$T/out")"
fi
run "$MU" --journal "$T/d.db" mark 1 0.26-0.27/implicit-roles done
expect_rc "deleted journal: the command line says there is none" 2

# ---- the journal made read-only while the wizard is open -------------------------
"$MU" --journal "$T/r.db" start --from 0.26 --to 0.27 >/dev/null
mkfifo "$T/rfifo"
: >"$T/out" # (see dumped)
MESOS_UPGRADE_KEYS=$T/rfifo "$MU" --journal "$T/r.db" --operator alice >"$T/out" 2>"$T/err" &
pid=$!
exec 5>"$T/rfifo"
printf '<Space>\n:dump\n' >&5
dumped "$T/out" 1
chmod a-w "$T/r.db"
printf '<Space>\n:dump\n' >&5
exec 5>&-
wait $pid
rc=$?
chmod u+w "$T/r.db"
if [ $rc -eq 0 ] && grep -q "NOT RECORDED: journal .* was made read-only" "$T/out"; then
	ok "read-only journal: the check-off is refused, and said"
else
	fail "read-only journal: the check-off is refused, and said" "exit $rc; $(tail -2 "$T/out")"
fi
n=$(python3 -c '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM events").fetchone()[0])' "$T/r.db")
if [ "$n" -eq 1 ]; then ok "read-only journal: the first check-off kept, the second not made"; else
	fail "read-only journal: the first check-off kept, the second not made" "$n events"; fi

# ---- two wizards and a command-line loop on one session at once -----------------
"$MU" --journal "$T/c.db" --operator alice start --from 0.26 --to 0.28 >/dev/null
ck=$T/ckeys
i=0
while [ $i -lt 30 ]; do printf '<Space>\n:tick\n' >>"$ck"; i=$((i + 1)); done
MESOS_UPGRADE_KEYS=$ck "$MU" --journal "$T/c.db" --operator w1 >/dev/null 2>"$T/e1" &
p1=$!
MESOS_UPGRADE_KEYS=$ck "$MU" --journal "$T/c.db" --operator w2 >/dev/null 2>"$T/e2" &
p2=$!
marks=0
i=0
while [ $i -lt 20 ]; do
	"$MU" --journal "$T/c.db" --operator cli note 1 0.27-0.28/restart-agents "loop $i" \
		>/dev/null 2>>"$T/e3" && marks=$((marks + 1))
	i=$((i + 1))
done
wait $p1; r1=$?
wait $p2; r2=$?
if [ $r1 -eq 0 ] && [ $r2 -eq 0 ] && [ ! -s "$T/e1" ] && [ ! -s "$T/e2" ]; then
	ok "two wizards and a loop: both wizards exit 0, quietly"
else
	fail "two wizards and a loop: both wizards exit 0, quietly" "$r1 $r2 $(cat "$T/e1" "$T/e2")"
fi
if [ $marks -eq 20 ]; then ok "two wizards and a loop: every note recorded"; else
	fail "two wizards and a loop: every note recorded" "$marks of 20: $(cat "$T/e3")"; fi
n=$(python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("SELECT count(*) FROM events WHERE action = '"'"'note'"'"'").fetchone()[0])' "$T/c.db")
if [ "$n" -eq 20 ]; then ok "two wizards and a loop: no note lost"; else
	fail "two wizards and a loop: no note lost" "$n notes in the journal"; fi
v=$(J=$T/c.db; python3 -c '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$T/c.db")
if [ "$v" = ok ]; then ok "two wizards and a loop: integrity_check ok"; else
	fail "two wizards and a loop: integrity_check ok" "$v"; fi
# each item resolved at most once per resolution: no double check-off of a note
dups=$(python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("SELECT count(*) FROM (SELECT item FROM events WHERE action = '"'"'ack'"'"' GROUP BY item HAVING count(*) > 1)").fetchone()[0])' "$T/c.db")
if [ "$dups" -eq 0 ]; then ok "two wizards and a loop: no item acknowledged twice"; else
	fail "two wizards and a loop: no item acknowledged twice" "$dups items"; fi

# ---- a full disk during a check-off in the wizard ---------------------------------
# (a small tmpfs where mounting is allowed; otherwise said and left out; room
# for the journal of schema 5 and its write-ahead log while it is made, then
# filled)
MNT=$T/mnt
mkdir -p "$MNT"
if [ "$(id -u)" = 0 ] && command -v mount >/dev/null 2>&1 &&
	mount -t tmpfs -o size=512k,mode=0700 tmpfs "$MNT" 2>/dev/null; then
	trap 'umount "$MNT" 2>/dev/null; rm -rf "$T"' EXIT
	"$MU" --journal "$MNT/f.db" start --from 0.26 --to 0.27 >/dev/null
	mkfifo "$T/ffifo"
	: >"$T/out" # (see dumped)
	MESOS_UPGRADE_KEYS=$T/ffifo "$MU" --journal "$MNT/f.db" --operator alice >"$T/out" \
		2>"$T/err" &
	pid=$!
	# read-write: a wizard that is gone (it could not start) does not leave this
	# open waiting for a reader for ever; its end is said below
	exec 5<>"$T/ffifo"
	printf '<Space>\n:dump\n' >&5
	dumped "$T/out" 1
	dd if=/dev/zero of="$MNT/fill" bs=1k count=1024 2>/dev/null # fill what is left
	i=0
	while [ $i -lt 8 ]; do printf 'n\ntype %s\n<Enter>\n:dump\n' "$(printf 'x%.0s' $(seq 1 300))" >&5; i=$((i + 1)); done
	exec 5>&-
	wait $pid
	rc=$?
	if [ $rc -eq 0 ] && grep -q "NOT RECORDED" "$T/out" && grep -q "is full" "$T/out"; then
		ok "full disk: the wizard says nothing was recorded, and goes on"
	else
		fail "full disk: the wizard says nothing was recorded, and goes on" \
			"exit $rc; $(grep -o 'NOT RECORDED[^│]*' "$T/out" | head -2)"
	fi
	rm -f "$MNT/fill"
	v=$(python3 -c '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$MNT/f.db")
	if [ "$v" = ok ]; then ok "full disk: integrity_check ok"; else
		fail "full disk: integrity_check ok" "$v"; fi
	n=$(python3 -c '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM events WHERE action = '"'"'ack'"'"'").fetchone()[0])' "$MNT/f.db")
	if [ "$n" -eq 1 ]; then ok "full disk: the check-off made before is kept"; else
		fail "full disk: the check-off made before is kept" "$n acks"; fi
	umount "$MNT"
else
	echo "skip full-disk-wizard: mounting a tmpfs is not allowed here"
fi
