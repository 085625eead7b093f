# concurrent.sh - two operators mark the same session at once from two
# processes, while a third reads it: no command fails, no event is lost.
. tests/cli/lib.sh
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z
J=$T/concurrent.db
N=${CONCURRENT_N:-100}

run "$MU" --journal "$J" start --from 0.26 --to 0.28 --title "two operators"
expect_rc concurrent-start 0
S=$out

# worker NAME ITEM: N notes on ITEM; after every N/4th, marks done the next of
# the items listed in $T/NAME.acks ("ID!" to force it, with a reason); one line
# "WHAT N EXIT STDERR" per command in $T/NAME.log
worker() {
	name=$1 item=$2 i=0 step=$((N / 4))
	[ $step -ge 1 ] || step=1
	while [ $i -lt "$N" ]; do
		i=$((i + 1))
		"$MU" --journal "$J" --operator "$name" note "$S" "$item" "$name note $i" \
			>/dev/null 2>"$T/$name.err"
		rc=$?
		echo "note $i $rc $(cat "$T/$name.err")" >>"$T/$name.log"
		[ $((i % step)) -eq 0 ] || continue
		ack=$(cut -d' ' -f1 "$T/$name.acks")
		rest=$(cut -s -d' ' -f2- "$T/$name.acks")
		echo "$rest" >"$T/$name.acks"
		case $ack in
		"") continue ;;
		*!) "$MU" --journal "$J" --operator "$name" mark "$S" "${ack%!}" done --force \
			--note "$name forces it" >/dev/null 2>"$T/$name.err" ;;
		*) "$MU" --journal "$J" --operator "$name" mark "$S" "$ack" done \
			>/dev/null 2>"$T/$name.err" ;;
		esac
		rc=$?
		echo "mark $ack $rc $(cat "$T/$name.err")" >>"$T/$name.log"
	done
}
echo "0.26-0.27/implicit-roles 0.26-0.27/allocator-api 0.26-0.27/executor-lost-callback" \
	>"$T/alice.acks"
echo "0.26-0.27/isolator-prepare 0.27-0.28/scalar-precision! 0.26-0.27/teardown-frameworks-acl" \
	>"$T/bob.acks"

# a reader: status --format json until both writers are done, once every
# $EVERY of their commands (back to back, the reads took the processor the
# writers were waiting for, the more the busier the machine); one line
# "EXIT DONE NOTED STDERR" a read in $T/reader.log (DONE the items done,
# NOTED those with a note; instead the error when the answer is not JSON).
# One python3 runs the reads and parses the answers, not one a read.
EVERY=3
reader() {
	python3 - "$MU" "$J" "$S" "$T" "$EVERY" >"$T/reader.log" 2>&1 <<'EOF'
import json, os, subprocess, sys, time
mu, journal, session, t, every = sys.argv[1:6]
done = os.path.join(t, "writers-done")
def commands():  # how many the writers have run: a line each in their logs
    n = 0
    for w in ("alice", "bob"):
        try:
            with open(os.path.join(t, w + ".log"), "rb") as f:
                n += f.read().count(b"\n")
        except OSError:
            pass
    return n
while not os.path.exists(done):
    p = subprocess.run([mu, "--journal", journal, "status", session, "--format", "json"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        d = json.loads(p.stdout)
        got = "%d %d" % (d["totals"]["done"],
                         sum(1 for h in d["hops"] for i in h["items"] if i["note"]))
    except Exception as e:  # the line says what was wrong with the answer
        got = "%s: %s" % (type(e).__name__, e)
    print(p.returncode, got, p.stderr.decode("utf-8", "replace").replace("\n", " "), flush=True)
    want = commands() + int(every)
    while commands() < want and not os.path.exists(done):
        time.sleep(0.01)
EOF
}

start=$(date +%s)
worker alice 0.26-0.27/rebuild-modules &
a=$!
worker bob 0.27-0.28/restart-agents &
b=$!
reader &
r=$!
wait $a
wait $b
touch "$T/writers-done"
wait $r
echo "# writers took $(($(date +%s) - start)) s"

# every command succeeded
for w in alice bob; do
	bad=$(grep -v '^[a-z]* [^ ]* 0 $' "$T/$w.log" | head -n 5 | tr '\n' ';')
	expect_eq "concurrent-$w-all-exit-0" "$bad" ""
done
expect_eq concurrent-alice-commands "$(wc -l <"$T/alice.log")" $((N + 3))
expect_eq concurrent-bob-commands "$(wc -l <"$T/bob.log")" $((N + 3))

# no event lost, none doubled
python3 - "$J" "$N" <<'EOF'
import sqlite3, sys
db, n = sys.argv[1], int(sys.argv[2])
def check(name, cond, why):
    print("ok " + name if cond else "FAIL %s: %s" % (name, why))
c = sqlite3.connect(db)
ic = c.execute("PRAGMA integrity_check").fetchall()
check("concurrent-integrity", ic == [("ok",)], ic[:5])
total = c.execute("SELECT count(*) FROM events").fetchone()[0]
check("concurrent-events-equal-commands", total == 2 * (n + 3), "%d events for %d commands" % (total, 2 * (n + 3)))
for who, item in (("alice", "0.26-0.27/rebuild-modules"), ("bob", "0.27-0.28/restart-agents")):
    texts = [t for (t,) in c.execute("SELECT text FROM events WHERE operator = ? AND action = 'note'"
                                     " AND item = ? ORDER BY id", (who, item))]
    want = ["%s note %d" % (who, i) for i in range(1, n + 1)]
    check("concurrent-%s-notes-in-order" % who, texts == want,
          "%d notes, missing %s" % (len(texts), sorted(set(want) - set(texts))[:5]))
acks = c.execute("SELECT operator, item, forced FROM events WHERE action = 'ack' ORDER BY item").fetchall()
want = sorted([("alice", "0.26-0.27/allocator-api", 0), ("alice", "0.26-0.27/executor-lost-callback", 0),
               ("alice", "0.26-0.27/implicit-roles", 0), ("bob", "0.26-0.27/isolator-prepare", 0),
               ("bob", "0.26-0.27/teardown-frameworks-acl", 0), ("bob", "0.27-0.28/scalar-precision", 1)],
              key=lambda r: r[1])
check("concurrent-acks", acks == want, acks)
EOF

# the reader always got a whole, consistent answer, never going back in time
python3 - "$T/reader.log" <<'EOF'
import sys
lines = open(sys.argv[1]).read().splitlines()
bad, prev = [], (0, 0)
for l in lines:
    f = l.split()
    if len(f) < 3 or f[0] != "0" or not f[1].isdigit() or not f[2].isdigit():
        bad.append(l)
        continue
    cur = (int(f[1]), int(f[2]))
    if cur < prev or cur[0] < prev[0] or cur[1] < prev[1]:
        bad.append("went back from %s to %s" % (prev, cur))
    prev = cur
print("ok concurrent-reader-ran" if lines else "FAIL concurrent-reader-ran: no reads")
print("ok concurrent-reader-consistent" if not bad else "FAIL concurrent-reader-consistent: %s" % bad[:5])
print("# %d reads while writing" % len(lines))
EOF

run "$MU" --journal "$J" status "$S" --format json
expect_rc concurrent-status-after 0
printf '%s' "$out" | python3 -c 'import json, sys
d = json.load(sys.stdin)
items = {i["id"]: i for h in d["hops"] for i in h["items"]}
def check(name, got, want):
    print("ok " + name if got == want else "FAIL %s: got %r, expected %r" % (name, got, want))
check("concurrent-status-done", d["totals"]["done"], 6)
check("concurrent-status-forced", d["totals"]["forced"], 1)
check("concurrent-status-latest-alice", (items["0.26-0.27/rebuild-modules"]["note"] or {}).get("text"),
      "alice note %s" % sys.argv[1])
check("concurrent-status-latest-bob", (items["0.27-0.28/restart-agents"]["note"] or {}).get("text"),
      "bob note %s" % sys.argv[1])' "$N"

# ---- two operators whose first command meets a journal that is not there yet ----

# both create and set up the journal at once: each must get a session (ids 1
# and 2 between them), neither an error
bad="" nbad=0
round=0
while [ $round -lt 10 ]; do
	round=$((round + 1))
	F=$T/first-$round.db
	"$MU" --journal "$F" --operator alice start --from 0.26 --to 0.28 >"$T/f1.out" 2>"$T/f1.err" &
	p1=$!
	"$MU" --journal "$F" --operator bob start --from 0.26 --to 0.28 >"$T/f2.out" 2>"$T/f2.err" &
	p2=$!
	wait $p1; r1=$?
	wait $p2; r2=$?
	ids=$(cat "$T/f1.out" "$T/f2.out" | sort | tr '\n' ' ')
	if [ $r1 -ne 0 ] || [ $r2 -ne 0 ] || [ "$ids" != "1 2 " ]; then
		nbad=$((nbad + 1))
		[ $nbad -gt 2 ] ||
			bad="$bad round $round: exits $r1 $r2, ids '$ids', $(cat "$T/f1.err" "$T/f2.err" | tr '\n' ' ');"
	fi
done
expect_eq concurrent-first-use "$nbad of 10 rounds failed:$bad" "0 of 10 rounds failed:"
