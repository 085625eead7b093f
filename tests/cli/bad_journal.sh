# bad_journal.sh - journals that cannot be used: each gets a one-line message on
# stderr, its own exit code, and the file is left exactly as it was.
#   65: not a journal, random bytes, corrupt, newer schema, another application's
#   74: read-only, read-only directory, full disk;  75: locked too long
. tests/cli/lib.sh
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z
MNT=$T/mnt
# a tmpfs mounted below $T must go before $T can
trap 'umount "$MNT" 2>/dev/null; rm -rf "$T"' EXIT
# its Python (but the background lock holders) by one python3 (lib.sh's pyrun)
json_server

# expect_err1 NAME: stderr is exactly one line starting "mesos-upgrade: "
expect_err1() {
	if [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] &&
		[ "${err#mesos-upgrade: }" != "$err" ]; then ok "$1"; else
		fail "$1" "stderr is not one 'mesos-upgrade: ' line: $err"; fi
}
# listing DIR: the names and sizes of the files in DIR
listing() { (cd "$1" && ls -A | while read -r f; do echo "$f $(stat -c %s "$f")"; done); }

# refuse NAME FILE RC TEXT ARGS...: "mesos-upgrade --journal FILE ARGS" exits RC
# with one line on stderr containing TEXT, prints nothing, and FILE is unchanged
refuse() {
	name=$1 file=$2 want=$3 text=$4
	shift 4
	before=$(sum "$file")
	run "$MU" --journal "$file" "$@"
	expect_rc "$name-rc" "$want"
	expect_err1 "$name-one-line"
	expect_err "$name-says" "$text"
	expect_empty_out "$name-no-output"
	expect_eq "$name-unchanged" "$(sum "$file")" "$before"
}
# refuse_all NAME FILE RC TEXT: every journal command refuses FILE the same way
refuse_all() {
	refuse "$1-status" "$2" "$3" "$4" status
	refuse "$1-status-json" "$2" "$3" "$4" status 1 --format json
	refuse "$1-sessions" "$2" "$3" "$4" sessions
	refuse "$1-mark" "$2" "$3" "$4" mark 1 0.26-0.27/implicit-roles done
	refuse "$1-note" "$2" "$3" "$4" note 1 0.26-0.27/implicit-roles "text"
	refuse "$1-start" "$2" "$3" "$4" start --from 0.26 --to 0.28
}

# a good journal to spoil: one session 0.11 -> 0.28 (134 items)
GOOD=$T/good.db
"$MU" --journal "$GOOD" start --from 0.11 --to 0.28 >/dev/null 2>"$T/err" ||
	fail good-journal "$(cat "$T/err")"

# ---- not a journal ----------------------------------------------------------------------

printf 'this is a text file\nnot a journal\n' >"$T/text.db"
refuse_all text "$T/text.db" 65 "not a mesos-upgrade journal"

pyrun -c 'import random, sys
open(sys.argv[1], "wb").write(random.Random(7).randbytes(16384))' "$T/random.db"
refuse_all random "$T/random.db" 65 "not a mesos-upgrade journal"

# a database header and nothing after it
head -c 100 "$GOOD" >"$T/truncated.db"
refuse truncated-status "$T/truncated.db" 65 "journal" status
refuse truncated-mark "$T/truncated.db" 65 "journal" mark 1 0.26-0.27/implicit-roles done

pyrun -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
c.execute("INSERT INTO customers (name) VALUES (?)", ("ACME",))
c.commit()' "$T/other.db"
refuse_all other-app "$T/other.db" 65 "not a mesos-upgrade journal"

cp "$GOOD" "$T/newer.db"
pyrun -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA user_version = 99")
c.commit()' "$T/newer.db"
refuse_all newer "$T/newer.db" 65 "newer"

mkdir "$T/dir.db"
before=$(listing "$T/dir.db")
run "$MU" --journal "$T/dir.db" status
if [ "$rc" -ne 0 ] && [ "$rc" -lt 128 ]; then ok directory-refused; else
	fail directory-refused "exit $rc"; fi
expect_err1 directory-one-line
expect_err directory-names-it "$T/dir.db"
run "$MU" --journal "$T/dir.db" start --from 0.26 --to 0.28
if [ "$rc" -ne 0 ] && [ "$rc" -lt 128 ]; then ok directory-start-refused; else
	fail directory-start-refused "exit $rc"; fi
expect_err1 directory-start-one-line
expect_eq directory-unchanged "$(listing "$T/dir.db")" "$before"

run "$MU" --journal "$T/no/such/dir/j.db" start --from 0.26 --to 0.28
expect_rc missing-dir-rc 74
expect_err1 missing-dir-one-line

# ---- corrupt ---------------------------------------------------------------------------------

# a journal with a few hundred events: three notes on every item, item by item,
# so that the latest notes (which status reads) are spread over every page
cp "$GOOD" "$T/full.db"
pyrun - "$T/full.db" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
items = c.execute("SELECT item, digest FROM session_items WHERE session = 1 ORDER BY position").fetchall()
with c:
    n = 0
    for item, digest in items:
        for k in range(3):
            n += 1
            c.execute("INSERT INTO events (session, item, action, operator, host, time, text, forced,"
                      " digest) VALUES (1, ?, 'note', 'filler', 'host', '2026-01-31T21:00:00Z', ?, 0, ?)",
                      (item, "note %d on %s %s" % (n, item, "x" * 100), digest))
c.close()
EOF
run "$MU" --journal "$T/full.db" status --format json
expect_rc corrupt-base-valid 0
expect_eq corrupt-base-events "$(nevents "$T/full.db")" 402
pages=$(($(stat -c %s "$T/full.db") / 4096))
pyrun -c 'import random, sys
open(sys.argv[1], "wb").write(random.Random(11).randbytes(4096))' "$T/junk"
corrupt_page() { # DB PAGE: overwrite page PAGE (1-based) with random bytes
	dd if="$T/junk" of="$1" bs=4096 seek=$(($2 - 1)) count=1 conv=notrunc 2>/dev/null
}
# the leaf page of the events table nearest the middle of the file: every such
# page holds the latest note of some items, which status has to read
middle=$(pyrun - "$T/full.db" <<'EOF2'
import sqlite3, struct, sys
db = sys.argv[1]
c = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
root = c.execute("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'events'").fetchone()[0]
size = c.execute("PRAGMA page_size").fetchone()[0]
npages = c.execute("PRAGMA page_count").fetchone()[0]
c.close()
data = open(db, "rb").read()
leaves, todo = [], [root]
while todo:                       # walk the table b-tree: 0x05 interior, 0x0d leaf
    pg = todo.pop()
    off = (pg - 1) * size + (100 if pg == 1 else 0)
    kind, ncells = data[off], struct.unpack(">H", data[off + 3:off + 5])[0]
    if kind == 0x0d:
        leaves.append(pg)
    elif kind == 0x05:
        todo.append(struct.unpack(">I", data[off + 8:off + 12])[0])
        for k in range(ncells):
            cell = struct.unpack(">H", data[off + 12 + 2 * k:off + 14 + 2 * k])[0]
            todo.append(struct.unpack(">I", data[(pg - 1) * size + cell:(pg - 1) * size + cell + 4])[0])
print(min(leaves, key=lambda p: abs(p - npages / 2)) if leaves else 0)
EOF2
)
if [ "${middle:-0}" -gt 1 ]; then ok corrupt-found-events-page; else
	fail corrupt-found-events-page "no leaf page of the events table: '$middle'"; middle=$((pages / 2)); fi
cp "$T/full.db" "$T/corrupt.db"
corrupt_page "$T/corrupt.db" "$middle"
refuse corrupt-status "$T/corrupt.db" 65 "corrupt" status
refuse corrupt-status-json "$T/corrupt.db" 65 "corrupt" status 1 --format json
# a report checks the sessions table, not every page: it reads every event before
# it writes, and so finds this one
refuse corrupt-report "$T/corrupt.db" 65 "corrupt" report 1
# a check-off reads only what the rules need: it finds this page corrupt, or
# never reads it and records (the database cannot know); never anything else
for cmd in "mark 1 0.11-0.12/executor-info-source done" "note 1 0.20-0.21/restart-masters text"; do
	cp "$T/corrupt.db" "$T/c.db"
	before=$(sum "$T/c.db")
	run "$MU" --journal "$T/c.db" $cmd
	name=corrupt-${cmd%% *}
	case $rc in
	0) ok "$name-rc" ;;
	65) ok "$name-rc"
		expect_err1 "$name-one-line"
		expect_err "$name-says" "corrupt"
		expect_eq "$name-unchanged" "$(sum "$T/c.db")" "$before" ;;
	*) fail "$name-rc" "exit $rc, expected 65 or 0: $err" ;;
	esac
done
# never a crash, whichever page is hit: every command refuses the journal (65,
# one line, "corrupt", the file unchanged) or answers normally; sessions finds
# every one. Status and a report answer exactly what they answer of the whole
# journal (a page they do not read holds nothing they say); a check-off that
# never reads the page records
"$MU" --journal "$T/full.db" report 1 --format json >"$T/report.full"
"$MU" --journal "$T/full.db" status 1 --format json >"$T/status.full"
bad="" nstatus=0 nmark=0 nreport=0 nsessions=0
p=2
while [ $p -le "$pages" ]; do
	# the journal with page p corrupt, made once; each command gets a copy
	cp "$T/full.db" "$T/p.db"
	corrupt_page "$T/p.db" $p
	for cmd in "status 1 --format json" "mark 1 0.11-0.12/executor-info-source done" \
		"report 1 --format json" "sessions"; do
		cp "$T/p.db" "$T/c.db"
		run "$MU" --journal "$T/c.db" $cmd
		case $rc in
		0) case $cmd in report*) cmp -s "$T/out" "$T/report.full" ||
			bad="$bad page $p, report: not the whole journal's report;" ;;
			status*) cmp -s "$T/out" "$T/status.full" ||
			bad="$bad page $p, status: not the whole journal's status;" ;; esac ;;
		65) case $cmd in status*) nstatus=$((nstatus + 1)) ;; report*) nreport=$((nreport + 1)) ;;
			sessions) nsessions=$((nsessions + 1)) ;; *) nmark=$((nmark + 1)) ;; esac
			[ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] && [ "${err#mesos-upgrade: }" != "$err" ] &&
				[ "${err#*corrupt}" != "$err" ] || bad="$bad page $p, ${cmd%% *}: $err;"
			cmp -s "$T/c.db" "$T/p.db" || bad="$bad page $p, ${cmd%% *}: changed;" ;;
		*) bad="$bad page $p, ${cmd%% *}: exit $rc $err;" ;;
		esac
	done
	p=$((p + 1))
done
expect_eq corrupt-every-page-no-crash "$bad" ""
if [ $nmark -gt 0 ]; then ok corrupt-pages-found-by-mark; else
	fail corrupt-pages-found-by-mark "of $pages pages, mark found none corrupt"; fi
if [ $nreport -gt 0 ]; then ok corrupt-pages-found-by-report; else
	fail corrupt-pages-found-by-report "of $pages pages, report found none corrupt"; fi
if [ $nstatus -gt 0 ]; then ok corrupt-pages-found-by-status; else
	fail corrupt-pages-found-by-status "of $pages pages, status found none corrupt"; fi
# sessions checks every page first (what an operator runs after a crash)
expect_eq corrupt-every-page-found-by-sessions "$nsessions" "$((pages - 1))"

# ---- read-only --------------------------------------------------------------------------------

mkdir "$T/ro"
RO=$T/ro/j.db
cp "$GOOD" "$RO"
"$MU" --journal "$RO" --operator alice note 1 0.11-0.12/restart-masters "before" >/dev/null
chmod 0444 "$RO"
files=$(listing "$T/ro")
before=$(sum "$RO")
run "$MU" --journal "$RO" status 1
expect_rc readonly-status-rc 0
expect_out readonly-status-shows "note by alice"
expect_eq readonly-status-unchanged "$(sum "$RO")" "$before"
run "$MU" --journal "$RO" sessions --format json
expect_rc readonly-sessions-rc 0
refuse readonly-mark "$RO" 74 "read-only" mark 1 0.11-0.12/restart-masters done
refuse readonly-note "$RO" 74 "read-only" note 1 0.11-0.12/restart-masters "text"
refuse readonly-start "$RO" 74 "read-only" start --from 0.26 --to 0.28
# nothing left beside it either: an -shm or -wal made by a read-only open stays
# read-only (its mode is the journal's) and, for a normal user, makes every later
# write fail once the journal is writable again
expect_eq readonly-no-files-left "$(listing "$T/ro" | tr '\n' ' ')" "$(echo "$files" | tr '\n' ' ')"
chmod 0644 "$RO"

# a writable journal in a read-only directory: readable, not writable
mkdir "$T/rodir"
cp "$GOOD" "$T/rodir/j.db"
chmod 0555 "$T/rodir"
run "$MU" --journal "$T/rodir/j.db" status 1
expect_rc readonly-dir-status-rc 0
refuse readonly-dir-mark "$T/rodir/j.db" 74 "read-only" mark 1 0.11-0.12/restart-masters done
# a new journal in a read-only directory
run "$MU" --journal "$T/rodir/new.db" start --from 0.26 --to 0.28
expect_rc readonly-dir-new-rc 74
expect_err1 readonly-dir-new-one-line
expect_err readonly-dir-new-says "read-only"
expect_empty_out readonly-dir-new-no-output
expect_eq readonly-dir-new-not-created "$(test -e "$T/rodir/new.db" && echo created)" ""
chmod 0755 "$T/rodir"

# ---- full disk --------------------------------------------------------------------------------

big=$(printf '%3900s' '' | tr ' ' x)
# fill_until_full DB NAME WRAPPER...: add big notes until one fails (at most 60);
# that one exits 74 with a message and everything recorded before stays
fill_until_full() {
	db=$1 name=$2
	shift 2
	n=0 good=0 rc=0
	while [ $n -lt 60 ]; do
		n=$((n + 1))
		before=$(sum "$db")
		"$@" "$MU" --journal "$db" note 1 0.11-0.12/restart-masters "fill $n $big" \
			>"$T/out" 2>"$T/err"
		rc=$?
		[ $rc -eq 0 ] || break
		good=$((good + 1))
	done
	out=$(cat "$T/out") err=$(cat "$T/err")
	expect_rc "$name-rc" 74
	expect_err1 "$name-one-line"
	expect_eq "$name-no-output" "$out" ""
	expect_eq "$name-unchanged" "$(sum "$db")" "$before"
}
# intact DB NAME COUNT LAST: the journal is sound, with COUNT events, the last note LAST
intact() {
	pyrun - "$1" "$2" "$3" "$4" <<'EOF'
import sqlite3, sys
db, name, count, last = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
c = sqlite3.connect(db)
ic = c.execute("PRAGMA integrity_check").fetchall()
print("ok %s-integrity" % name if ic == [("ok",)] else "FAIL %s-integrity: %s" % (name, ic))
n = c.execute("SELECT count(*) FROM events").fetchone()[0]
print("ok %s-events-kept" % name if n == count else "FAIL %s-events-kept: %d events, expected %d" % (name, n, count))
t = c.execute("SELECT text FROM events ORDER BY id DESC LIMIT 1").fetchone()
t = t[0] if t else None
print("ok %s-last-event" % name if t == last else "FAIL %s-last-event: %r" % (name, (t or "")[:40]))
EOF
}

if [ -z "${MU_TEST_NO_MOUNT:-}" ] && mkdir -p "$MNT" &&
	mount -t tmpfs -o size=512k,mode=0700 tmpfs "$MNT" 2>/dev/null; then
	DB=$MNT/j.db
	cp "$GOOD" "$DB"
	"$MU" --journal "$DB" note 1 0.11-0.12/restart-masters "recorded before" >/dev/null
	# leave some room: the journal's shared-memory file fits, a few notes do not
	avail=$(df -k --output=avail "$MNT" | tail -n 1)
	dd if=/dev/zero of="$MNT/fill" bs=1k count=$((avail - 48)) 2>/dev/null
	fill_until_full "$DB" full-disk
	expect_err full-disk-says "full"
	kept=$((1 + good))
	last="recorded before"
	[ $good -eq 0 ] || last="fill $good $big"
	# then no room at all
	dd if=/dev/zero of="$MNT/fill2" bs=1k 2>/dev/null
	before=$(sum "$DB")
	run "$MU" --journal "$DB" mark 1 0.11-0.12/restart-masters done
	expect_rc full-disk-no-room-rc 74
	expect_err1 full-disk-no-room-one-line
	expect_eq full-disk-no-room-unchanged "$(sum "$DB")" "$before"
	expect_err full-disk-no-room-says "full"
	# reading may work or not (the journal's shared memory needs room), but
	# says so in one line when not
	run "$MU" --journal "$DB" status 1 --format json
	case $rc in
	0) ok full-disk-no-room-status ;;
	74) expect_err1 full-disk-no-room-status ;;
	*) fail full-disk-no-room-status "exit $rc: $err" ;;
	esac
	# room again: everything recorded before is there
	rm -f "$MNT/fill" "$MNT/fill2"
	run "$MU" --journal "$DB" status 1 --format json
	expect_rc full-disk-after-status 0
	intact "$DB" full-disk "$kept" "$last"
	umount "$MNT" || fail full-disk-umount "cannot unmount $MNT"
else
	# no mount here: a file size limit (RLIMIT_FSIZE) makes the write fail the
	# same way; a reader holding a snapshot keeps the WAL growing past the limit
	DB=$T/fsize.db
	cp "$GOOD" "$DB"
	"$MU" --journal "$DB" note 1 0.11-0.12/restart-masters "recorded before" >/dev/null
	python3 - "$DB" "$T/reader" <<'EOF' &
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN")
c.execute("SELECT count(*) FROM events").fetchone()
open(sys.argv[2], "w").close()
while os.path.exists(sys.argv[2]):
    time.sleep(0.05)
c.execute("COMMIT")
EOF
	reader=$!
	i=0
	while [ ! -e "$T/reader" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	limited() { (trap '' XFSZ; ulimit -f $(((64 + $(stat -c %s "$DB") / 1024) * 2)); exec "$@"); }
	fill_until_full "$DB" full-disk limited
	rm -f "$T/reader"
	wait $reader
	run "$MU" --journal "$DB" status 1 --format json
	expect_rc full-disk-after-status 0
	last="recorded before"
	[ $good -eq 0 ] || last="fill $good $big"
	intact "$DB" full-disk $((1 + good)) "$last"
fi

# ---- locked too long ----------------------------------------------------------------------------

DB=$T/locked.db
cp "$GOOD" "$DB"
python3 - "$DB" "$T/lock" <<'EOF' &
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=0)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
end = time.time() + 20
while os.path.exists(sys.argv[2]) and time.time() < end:
    time.sleep(0.05)
c.execute("ROLLBACK")
c.close()
EOF
holder=$!
i=0
while [ ! -e "$T/lock" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ -e "$T/lock" ] || fail lock-held "the python lock holder did not start"
t0=$(date +%s%N)
refuse locked-mark "$DB" 75 "locked" mark 1 0.11-0.12/executor-info-source done
t1=$(date +%s%N)
waited=$(((t1 - t0) / 1000000))
if [ $waited -ge 2500 ] && [ $waited -lt 15000 ]; then ok locked-waited; else
	fail locked-waited "gave up after $waited ms, expected about 3000"; fi
# readers are not blocked by a writer
run "$MU" --journal "$DB" status 1
expect_rc locked-status-reads 0
rm -f "$T/lock"
wait $holder
run "$MU" --journal "$DB" mark 1 0.11-0.12/executor-info-source done
expect_rc unlocked-mark 0
expect_eq unlocked-mark-recorded "$(nevents "$DB")" 1
