# shared_journal.sh - journals on a shared machine: what another user may do
# with ours, planted files and directories, inputs that are not regular files,
# damaged pages found by status, and read commands that never change a file.
# The second user is "nobody" (setpriv), so these run as root.
. tests/cli/lib.sh
json_server
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z

# files DIR: the names in DIR with their owners, one line
files() { (cd "$1" && stat -c '%n:%U' -- * 2>/dev/null | sort | tr '\n' ' '); }
sqlval() { # DB SQL: one value, read without changing DB
	pyrun -c 'import sqlite3, sys
c = sqlite3.connect("file:%s?mode=ro&immutable=1" % sys.argv[1], uri=True)
print(c.execute(sys.argv[2]).fetchone()[0])' "$1" "$2" 2>&1
}

if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1; then
	echo "skip shared_journal: every check needs root, setpriv and the user nobody"
	exit 0
fi

# a place both users reach, and a copy of the binary nobody may run
S=$(mktemp -d /tmp/mu-shared.XXXXXX)
trap 'rm -rf "$T" "$S"' EXIT
chmod 755 "$S"
mkdir "$S/bin" "$S/home"
cp "$MU" "$S/bin/mesos-upgrade"
chmod 755 "$S/bin/mesos-upgrade"
chown nobody "$S/home"
as_nobody() {
	run setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME="$S/home" \
		XDG_STATE_HOME="$S/home/state" MESOS_UPGRADE_NOW="$MESOS_UPGRADE_NOW" \
		"$S/bin/mesos-upgrade" "$@"
}

# ---- 6: another operator's journal, readable, in a sticky directory ------------------------

mkdir -m 1777 "$S/sticky"
J=$S/sticky/root.db
"$MU" --journal "$J" start --from 0.26 --to 0.28 >/dev/null
"$MU" --journal "$J" mark 1 0.26-0.27/implicit-roles done >/dev/null
chmod 644 "$J"
before=$(sum "$J")
as_nobody --journal "$J" status 1
expect_rc other-user-status-rc 0
expect_out other-user-status-shows "implicit-roles"
as_nobody --journal "$J" status 1 --format json
expect_rc other-user-status-json-rc 0
as_nobody --journal "$J" report 1 --format md
expect_rc other-user-report-rc 0
as_nobody --journal "$J" sessions
expect_rc other-user-sessions-rc 0
expect_eq other-user-left-no-side-files "$(files "$S/sticky")" "root.db:root "
expect_eq other-user-changed-nothing "$(sum "$J")" "$before"
as_nobody --journal "$J" mark 1 0.26-0.27/allocator-api done
expect_rc other-user-mark-rc 77
expect_err other-user-mark-names-owner "belongs to user root"
expect_eq other-user-mark-no-side-files "$(files "$S/sticky")" "root.db:root "
# the owner still writes it
run "$MU" --journal "$J" mark 1 0.26-0.27/allocator-api done
expect_rc owner-writes-after-reader-rc 0

# while the owner has it open (its -wal and -shm are there), another user reads
# it through them and creates nothing of its own
python3 - "$J" "$S/hold" <<'EOF' &
import sqlite3, sys, os, time
c = sqlite3.connect(sys.argv[1])
c.execute("SELECT count(*) FROM events").fetchone()
open(sys.argv[2], "w").close()
for _ in range(200):           # at most 20 s, ended by the test much sooner
    if not os.path.exists(sys.argv[2]):
        break
    time.sleep(0.1)
c.close()
EOF
holder=$!
n=0; while [ ! -e "$S/hold" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
chmod 644 "$J-wal" "$J-shm" 2>/dev/null
as_nobody --journal "$J" status 1
expect_rc other-user-reads-live-journal-rc 0
expect_eq other-user-live-owns-nothing "$(files "$S/sticky" | tr ' ' '\n' | grep -c nobody)" 0
rm -f "$S/hold"; wait $holder
run "$MU" --journal "$J" mark 1 0.26-0.27/allocator-api undo --note "checked twice"
expect_rc owner-writes-after-live-reader-rc 0

# root (or anyone) reading a file whose owner cleared the write bits leaves none either
mkdir "$S/ro"; cp "$J" "$S/ro/j.db"; chmod 444 "$S/ro/j.db"
run "$MU" --journal "$S/ro/j.db" status 1
expect_rc read-only-status-rc 0
expect_eq read-only-no-side-files "$(files "$S/ro")" "j.db:root "

# ---- 7: planted files ------------------------------------------------------------------

# a link at the journal's path: not followed, by any command
mkdir "$S/link"; cp "$J" "$S/link/real.db"; chmod 600 "$S/link/real.db"
ln -s "$S/link/real.db" "$S/link/j.db"
before=$(sum "$S/link/real.db")
for cmd in "status 1" "mark 1 0.26-0.27/allocator-api done" "sessions" "report 1"; do
	run "$MU" --journal "$S/link/j.db" $cmd
	expect_rc "symlink-${cmd%% *}-rc" 77
	expect_err "symlink-${cmd%% *}-says" "is a symbolic link"
done
expect_eq symlink-target-unchanged "$(sum "$S/link/real.db")" "$before"
run "$MU" --journal "$S/link/j.db" start --from 0.26 --to 0.28
expect_rc symlink-start-rc 77
expect_eq symlink-still-a-link "$(stat -c %F "$S/link/j.db")" "symbolic link"

# a directory anyone can write (not sticky): anyone could swap the journal
mkdir "$S/open"; cp "$J" "$S/open/j.db"; chmod 600 "$S/open/j.db"; chmod 777 "$S/open"
for cmd in "status 1" "mark 1 0.26-0.27/allocator-api done"; do
	run "$MU" --journal "$S/open/j.db" $cmd
	expect_rc "open-dir-${cmd%% *}-rc" 77
	expect_err "open-dir-${cmd%% *}-says" "writable by every user (mode 0777)"
	expect_err "open-dir-${cmd%% *}-fix" "chmod go-w $S/open"
done
run "$MU" --journal "$S/open/new.db" start --from 0.26 --to 0.28
expect_rc open-dir-start-rc 77
expect_eq open-dir-start-made-nothing "$(ls "$S/open")" "j.db"

# a directory another user owns: its owner could swap the journal under us
mkdir "$S/theirs"; cp "$J" "$S/theirs/j.db"; chmod 600 "$S/theirs/j.db"; chown nobody "$S/theirs"
run "$MU" --journal "$S/theirs/j.db" mark 1 0.26-0.27/allocator-api done
expect_rc their-dir-mark-rc 77
expect_err their-dir-mark-says "belongs to user nobody"
run "$MU" --journal "$S/theirs/new.db" start --from 0.26 --to 0.28
expect_rc their-dir-start-rc 77
expect_eq their-dir-start-made-nothing "$(ls "$S/theirs")" "j.db"

# the journal itself writable by every user
mkdir "$S/ww"; cp "$J" "$S/ww/j.db"; chmod 666 "$S/ww/j.db"
run "$MU" --journal "$S/ww/j.db" status 1
expect_rc world-writable-status-rc 77
expect_err world-writable-says "writable by every user (mode 0666)"
expect_err world-writable-fix "chmod 600"

# an empty file planted by another user where a journal would be made
mkdir "$S/empty"; : >"$S/empty/j.db"; chown nobody "$S/empty/j.db"; chmod 644 "$S/empty/j.db"
for cmd in "start --from 0.26 --to 0.28" "status" "sessions"; do
	run "$MU" --journal "$S/empty/j.db" $cmd
	expect_rc "planted-empty-${cmd%% *}-rc" 77
	expect_err "planted-empty-${cmd%% *}-says" "empty file that belongs to user nobody"
done
expect_eq planted-empty-still-empty "$(stat -c %s "$S/empty/j.db")" 0
# our own empty file is a journal to set up
: >"$T/ours.db"
run "$MU" --journal "$T/ours.db" start --from 0.26 --to 0.28
expect_rc own-empty-file-start-rc 0

# the default state directory, already there, is checked the same way
mkdir -p "$HOME/.local/state/mesos-upgrade"
unset XDG_STATE_HOME
chmod 777 "$HOME/.local/state/mesos-upgrade"
run "$MU" start --from 0.26 --to 0.28
expect_rc default-state-dir-open-rc 77
expect_err default-state-dir-open-says "$HOME/.local/state/mesos-upgrade is writable by every user"
chmod 700 "$HOME/.local/state/mesos-upgrade"; chown nobody "$HOME/.local/state/mesos-upgrade"
run "$MU" start --from 0.26 --to 0.28
expect_rc default-state-dir-theirs-rc 77
expect_eq default-state-dir-made-nothing "$(ls -A "$HOME/.local/state/mesos-upgrade")" ""
chown root "$HOME/.local/state/mesos-upgrade"
run "$MU" start --from 0.26 --to 0.28
expect_rc default-state-dir-ours-rc 0
export XDG_STATE_HOME="$T/state"

# ---- 8: an empty journal path ------------------------------------------------------------

run "$MU" --journal "" status
expect_rc empty-journal-path-rc 2
expect_err empty-journal-path-says "--journal needs a non-empty value"
# (an empty MESOS_UPGRADE_JOURNAL is unset, as usual; journal_open("") is a unit test)

# ---- 9: inputs that are not regular files never hang ------------------------------------

mkfifo "$T/inv.fifo"
run timeout 10 "$MU" --journal "$T/fifo.db" start --from 0.26 --to 0.28 --inventory "$T/inv.fifo"
expect_rc fifo-inventory-rc 65
expect_err fifo-inventory-says "the inventory is not a regular file (a FIFO)"
expect_eq fifo-inventory-no-journal "$(ls "$T" | grep -c fifo.db)" 0
mkdir -p "$T/fifo-content/hops"
cp content/guide.yaml "$T/fifo-content/"
cp content/hops/0.26-0.27.yaml "$T/fifo-content/hops/"
mkfifo "$T/fifo-content/hops/0.27-0.28.yaml"
run timeout 10 "$MU" lint "$T/fifo-content"
expect_rc fifo-hop-lint-rc 65
expect_out fifo-hop-lint-says "0.27-0.28.yaml: not a regular file (a FIFO)"
run timeout 10 "$MU" --content "$T/fifo-content" plan --from 0.26 --to 0.27
expect_rc fifo-hop-plan-rc 65
rm "$T/fifo-content/hops/0.27-0.28.yaml"; mkfifo "$T/fifo-content/guide.yaml.fifo"
rm "$T/fifo-content/guide.yaml"; mv "$T/fifo-content/guide.yaml.fifo" "$T/fifo-content/guide.yaml"
run timeout 10 "$MU" lint "$T/fifo-content"
expect_rc fifo-guide-lint-rc 65

# ---- 10: damaged pages, and who finds them ------------------------------------------------
# (sessions checks every page first; status, in every form, reads what it shows:
# a page of old notes says nothing it shows, and is for the others to find)

"$MU" --journal "$T/dmg.db" start --from 0.11 --to 0.28 >/dev/null
pyrun - "$T/dmg.db" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
items = c.execute("SELECT item, digest FROM session_items WHERE session = 1").fetchall()
with c:
    for k in range(6):
        for item, digest in items:
            c.execute("INSERT INTO events (session, item, action, operator, host, time, text,"
                      " forced, digest) VALUES (1, ?, 'note', 'f', 'h', '2026-01-31T21:00:00Z',"
                      " ?, 0, ?)", (item, "n%d %s" % (k, "x" * 100), digest))
c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
c.close()
EOF
# rootpage TABLE: the first page of TABLE's b-tree
rootpage() { sqlval "$T/dmg.db" "SELECT rootpage FROM sqlite_master WHERE name = '$1'"; }
# smash DB PAGE: the page's b-tree header made nonsense, its cells left alone
smash() { printf '\377\377\377\377\377\377\377\377' |
	dd of="$1" bs=1 seek=$((($2 - 1) * 4096)) conv=notrunc 2>/dev/null; }
# an events page that holds only old notes: no item's latest event is on it
oldpage=$(pyrun - "$T/dmg.db" <<'EOF'
import sqlite3, sys
c = sqlite3.connect("file:%s?mode=ro&immutable=1" % sys.argv[1], uri=True)
latest = {r[0] for r in c.execute("SELECT max(id) FROM events GROUP BY item")}
# find the leaf pages' rowids through the table b-tree itself
size = c.execute("PRAGMA page_size").fetchone()[0]
root = c.execute("SELECT rootpage FROM sqlite_master WHERE name = 'events'").fetchone()[0]
data = open(sys.argv[1], "rb").read()
import struct
def varint(b, i):
    v = 0
    for k in range(9):
        x = b[i + k]
        if k == 8:
            return (v << 8) | x, i + 9
        v = (v << 7) | (x & 0x7f)
        if x < 0x80:
            return v, i + k + 1
todo, best = [root], 0
while todo:
    pg = todo.pop()
    off = (pg - 1) * size + (100 if pg == 1 else 0)
    kind, ncells = data[off], struct.unpack(">H", data[off + 3:off + 5])[0]
    if kind == 0x05:
        todo.append(struct.unpack(">I", data[off + 8:off + 12])[0])
        for k in range(ncells):
            cell = struct.unpack(">H", data[off + 12 + 2 * k:off + 14 + 2 * k])[0]
            todo.append(struct.unpack(">I", data[(pg - 1) * size + cell:(pg - 1) * size + cell + 4])[0])
    elif kind == 0x0d:
        ids = []
        for k in range(ncells):
            cell = (pg - 1) * size + struct.unpack(">H", data[off + 8 + 2 * k:off + 10 + 2 * k])[0]
            _, i = varint(data, cell)
            rid, _ = varint(data, i)
            ids.append(rid)
        if ids and not latest.intersection(ids):
            best = pg
            break
print(best)
EOF
)
if [ "${oldpage:-0}" -gt 1 ]; then ok damaged-found-old-events-page; else
	fail damaged-found-old-events-page "no events page without a latest event: '$oldpage'"; fi
cp "$T/dmg.db" "$T/d1.db"; smash "$T/d1.db" "$oldpage"
before=$(sum "$T/d1.db")
# the report's timeline and sessions' check read the page
for cmd in "sessions" "report 1"; do
	run "$MU" --journal "$T/d1.db" $cmd
	expect_rc "damaged-events-${cmd%% *}-rc" 65
	expect_err "damaged-events-${cmd%% *}-says" "is corrupt"
done
# status never reads it, and says exactly what it says of the journal undamaged
for cmd in "status 1" "status 1 --hosts" "status 1 --format json"; do
	"$MU" --journal "$T/dmg.db" $cmd >"$T/whole.out" 2>&1
	run "$MU" --journal "$T/d1.db" $cmd
	expect_rc "damaged-old-events-status-${#cmd}-rc" 0
	expect_eq "damaged-old-events-status-${#cmd}-same" "$out" "$(cat "$T/whole.out")"
done
expect_eq damaged-events-unchanged "$(sum "$T/d1.db")" "$before"

cp "$T/dmg.db" "$T/d2.db"; smash "$T/d2.db" "$(rootpage sessions)"
for cmd in "status 1" "mark 1 0.11-0.12/executor-info-source done" "report 1"; do
	run "$MU" --journal "$T/d2.db" $cmd
	expect_rc "damaged-sessions-${cmd%% *}-rc" 65
	expect_err "damaged-sessions-${cmd%% *}-says" "corrupt"
	case $err in *"no session"*|*"not an error"*) fail "damaged-sessions-${cmd%% *}-wording" "$err" ;;
	*) ok "damaged-sessions-${cmd%% *}-wording" ;; esac
done

# ---- 11: read commands never change a journal ------------------------------------------

# this program's application id over another program's tables
pyrun - "$T/alien.db" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA application_id = 1297436743")
c.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER)")
c.execute("INSERT INTO accounts VALUES (1, 100)")
c.commit(); c.close()
EOF
before=$(sum "$T/alien.db")
for cmd in "status" "sessions" "report" "mark 1 0.26-0.27/implicit-roles done" \
	   "start --from 0.26 --to 0.28"; do
	run "$MU" --journal "$T/alien.db" $cmd
	expect_rc "alien-tables-${cmd%% *}-rc" 65
	expect_err "alien-tables-${cmd%% *}-says" "not a journal's tables"
done
expect_eq alien-tables-unchanged "$(sum "$T/alien.db")" "$before"
expect_eq alien-tables-no-new-table "$(sqlval "$T/alien.db" "SELECT count(*) FROM sqlite_master")" 1

# a journal of an older schema (1: before inventories; 2: before masters and
# probes; 3: before closing and retitling; 4: before exclusions, inventory edits
# and the window's end; 5: before the content's directory; 6: before the hosts'
# counts; 7: before the hops' first check-offs; 8: with triggers that test a
# state against a list, IN (...), which SQLite makes a table of each time; 9:
# before the steps' earliest resolving events; 10: before the agents packed;
# 11: before the sessions' operators and the notes' index) is read as it
# is, and migrated only by a write
LATER_11="session_operators"
LATER_10="agents_packed $LATER_11"
LATER_9="$LATER_10"
LATER_8="$LATER_9"
LATER_7="hop_first $LATER_8"
LATER_6="host_counts $LATER_7"
LATER_5="session_content $LATER_6"
LATER_4="exclusions event_exclusions inventory_edits added_hosts whole_steps session_window $LATER_5"
LATER_3="session_changes $LATER_4"
LATER_2="session_masters session_cluster probes probe_hosts probe_warnings event_evidence $LATER_3"
LATER_1="session_hosts $LATER_2"
printf 'masters: [m1, m2]\nagents: [a1, a2, a3]\n' >"$T/old-inventory.yaml"
for v in 1 2 3 4 5 6 7 8 9 10 11; do
	"$MU" --journal "$T/v$v.db" start --from 0.26 --to 0.28 >/dev/null
	if [ $v = 6 ] || [ $v = 9 ]; then
		# hosts' items with states, whose counts the migrations to 7 and 10 must find
		"$MU" --journal "$T/v$v.db" start --from 0.26 --to 0.28 \
			--inventory "$T/old-inventory.yaml" >/dev/null
		"$MU" --journal "$T/v$v.db" mark 2 '0.26-0.27/*' done >/dev/null
		"$MU" --journal "$T/v$v.db" mark 2 0.26-0.27/restart-agents@a2 undo >/dev/null
	fi
	eval "later=\$LATER_$v"
	pyrun - "$T/v$v.db" "$v" $later <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for t in sys.argv[3:]:
    c.executescript("DROP TRIGGER IF EXISTS %s_fixed_update; DROP TRIGGER IF EXISTS %s_fixed_delete;"
                    "DROP TABLE %s;" % (t, t, t))
    if t == "host_counts":
        c.executescript("DROP INDEX IF EXISTS item_state_plan;"
                        "DROP TRIGGER IF EXISTS host_counts_recorded;"
                        "DROP TRIGGER IF EXISTS host_counts_state;")
    if t == "session_operators":
        c.executescript("DROP TRIGGER IF EXISTS session_operators_event;"
                        "DROP INDEX IF EXISTS events_note;")
    if t == "hop_first":
        c.executescript("DROP TRIGGER IF EXISTS hop_first_event;"
                        "DROP TRIGGER IF EXISTS hop_first_exclusion;")
if sys.argv[2] == "8":
    # the triggers as schema 8 wrote them: "IN ('done', 'ack', 'skip')"
    import re
    resolving = re.compile(r"\((ifnull\([A-Z]+\.state, ''\)|NEW\.action) = 'done' OR \1 = 'ack'"
                           r" OR \1 = 'skip'\)")
    for name, sql in c.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                               " AND sql LIKE '%= ''skip''%'").fetchall():
        c.executescript("DROP TRIGGER %s; %s;" %
                        (name, resolving.sub(r"(\1 IN ('done', 'ack', 'skip'))", sql)))
if int(sys.argv[2]) in (7, 8, 9):
    # the host counts' triggers and table as schemas 7 to 9 wrote them: no first_event
    import re
    for name, sql in c.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                               " AND sql LIKE '%first_event%'").fetchall():
        c.executescript("DROP TRIGGER %s; %s;" %
                        (name, re.sub(r", first_event = CASE WHEN .*? ELSE first_event END", "",
                                      sql, flags=re.S)))
    c.execute("ALTER TABLE host_counts DROP COLUMN first_event")
c.execute("PRAGMA user_version = %d" % int(sys.argv[2]))
c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
c.close()
EOF
	before=$(sum "$T/v$v.db")
	cp "$T/v$v.db" "$T/v$v-before.db"
	for cmd in "status 1" "status 1 --format json" "sessions" "report 1 --format json"; do
		run "$MU" --journal "$T/v$v.db" $cmd
		expect_rc "schema$v-read-${cmd%% *}-${#cmd}-rc" 0
	done
	expect_eq schema$v-read-unchanged "$(sum "$T/v$v.db")" "$before"
	expect_eq schema$v-read-version "$(sqlval "$T/v$v.db" "PRAGMA user_version")" $v
	run "$MU" --journal "$T/v$v.db" mark 1 0.26-0.27/implicit-roles done
	expect_rc schema$v-write-rc 0
	expect_eq schema$v-write-migrated "$(sqlval "$T/v$v.db" "PRAGMA user_version")" 12
	# a session started before has no packed agents (its rows are read); one after has
	expect_eq schema$v-not-packed "$(sqlval "$T/v$v.db" "SELECT count(*) FROM agents_packed")" 0
	"$MU" --journal "$T/v$v.db" start --from 0.26 --to 0.28 \
		--inventory "$T/old-inventory.yaml" >/dev/null
	expect_eq schema$v-packed "$(sqlval "$T/v$v.db" "SELECT agents || ' ' || hex(names) FROM agents_packed")" \
		"3 613100613200613300"
done
expect_eq schema9-no-first-before "$(sqlval "$T/v9-before.db" "SELECT count(*) FROM pragma_table_info('host_counts') WHERE name = 'first_event'")" 0
# schema 8's triggers were there, as lists; the migration wrote them out
lists="SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%IN (''done'', ''ack'', ''skip''%'"
expect_eq schema8-lists-before "$(sqlval "$T/v8-before.db" "$lists")" 4
expect_eq schema8-lists-migrated "$(sqlval "$T/v8.db" "$lists")" 0
# the counts, and the earliest resolving event the earliest of the hosts' states'
counts() {
	sqlval "$T/v$1.db" "SELECT hosts || ' ' || recorded || ' ' || done || ' ' || skipped || ' ' ||
		(last_event IS NOT NULL) || ' ' || (first_event IS NOT NULL) || ' ' ||
		(ifnull(first_event, 0) = ifnull((SELECT min(state_event) FROM item_state s
		  WHERE s.session = 2 AND s.item LIKE '$2@%' AND s.state IN ('done', 'ack', 'skip')), 0))
		FROM host_counts WHERE session = 2 AND step = '$2'"
}
for v in 6 9; do
	expect_eq schema$v-migrated-agents-counted "$(counts $v 0.26-0.27/restart-agents)" "3 3 2 0 1 1 1"
	expect_eq schema$v-migrated-masters-counted "$(counts $v 0.26-0.27/restart-masters)" "2 2 2 0 1 1 1"
	expect_eq schema$v-migrated-untouched-counted "$(counts $v 0.27-0.28/restart-agents)" "3 0 0 0 0 0 1"
	run "$MU" --journal "$T/v$v.db" status 2
	expect_out schema$v-migrated-status "[hosts: 2 done, 0 skipped, 1 pending of 3]"
done
# then kept by the triggers (a2 done again, a1 undone, a1 done again): the
# earliest resolving event ever, none of the hosts' states earlier
for change in "restart-agents@a2 done" "restart-agents@a1 undo" "restart-agents@a1 done"; do
	"$MU" --journal "$T/v9.db" mark 2 0.26-0.27/$change >/dev/null
	expect_eq "schema9-kept-${change#* }-${#change}" "$(sqlval "$T/v9.db" "SELECT first_event <=
		(SELECT min(state_event) FROM item_state s WHERE s.session = 2
		 AND s.item LIKE '0.26-0.27/restart-agents@%' AND s.state IN ('done', 'ack', 'skip'))
		FROM host_counts WHERE session = 2 AND step = '0.26-0.27/restart-agents'")" 1
done
run "$MU" --journal "$T/v9.db" report 2 --format md
expect_out schema9-report-span "first check-off"

# schema 12: who recorded in a session, in the order they first did (the
# migration's backfill, then the trigger's), and a report gathered from it
# and the notes' index, its timeline read on a second connection, the same
# byte for byte as one gathered from every event (the journal as schema 11
# had it, read without migrating)
MESOS_UPGRADE_OPERATOR=zed MESOS_UPGRADE_HOST=bastion-9 \
	"$MU" --journal "$T/v9.db" note 2 0.26-0.27/restart-agents@a1 'zed <was> here' >/dev/null
MESOS_UPGRADE_OPERATOR=amy "$MU" --journal "$T/v9.db" note 2 0.26-0.27/implicit-roles 'amy too' \
	>/dev/null
MESOS_UPGRADE_OPERATOR=mia "$MU" --journal "$T/v9.db" note 2 0.26-0.27/implicit-roles 'mia: later' \
	>/dev/null
"$MU" --journal "$T/v9.db" mark 2 0.26-0.27/restart-agents@a3 undo >/dev/null
"$MU" --journal "$T/v9.db" mark 2 0.26-0.27/restart-agents@a3 skip --note 'gone' >/dev/null
first_seen="SELECT group_concat(o, ' ') FROM (SELECT operator || '@' || host AS o, min(id) AS m
	FROM events WHERE session = 2 GROUP BY operator, host ORDER BY m)"
kept="SELECT group_concat(o, ' ') FROM (SELECT operator || '@' || host AS o FROM session_operators
	WHERE session = 2 ORDER BY first_event)"
expect_eq schema12-operators-kept "$(sqlval "$T/v9.db" "$kept")" "$(sqlval "$T/v9.db" "$first_seen")"
expect_eq schema12-operators-four "$(sqlval "$T/v9.db" "SELECT count(*) FROM session_operators WHERE session = 2")" 4
expect_eq schema12-notes-indexed "$(pyrun -c 'import sqlite3, sys
c = sqlite3.connect("file:%s?mode=ro&immutable=1" % sys.argv[1], uri=True)
print(" ".join(r[3] for r in c.execute("EXPLAIN QUERY PLAN SELECT id FROM events"
      " WHERE session = 2 AND action = '"'note'"' ORDER BY id")))' "$T/v9.db")" \
	"SEARCH events USING INDEX events_note (session=?)"
cp "$T/v9.db" "$T/v9-as-11.db"
pyrun - "$T/v9-as-11.db" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript("DROP TRIGGER session_operators_event; DROP INDEX events_note;"
                "DROP TABLE session_operators; PRAGMA user_version = 11;"
                "PRAGMA wal_checkpoint(TRUNCATE);")
c.close()
EOF
for f in md html json text; do
	"$MU" --journal "$T/v9.db" report 2 --format $f >"$T/r12.$f"
	"$MU" --journal "$T/v9-as-11.db" report 2 --format $f >"$T/r11.$f"
	expect_eq schema12-report-$f-same "$(sum "$T/r12.$f")" "$(sum "$T/r11.$f")"
	expect_eq schema12-report-$f-operators "$(grep -c 'bastion-9' "$T/r12.$f")" \
		"$(grep -c 'bastion-9' "$T/r11.$f")"
done
expect_eq schema11-read-as-is "$(sqlval "$T/v9-as-11.db" "PRAGMA user_version")" 11

# ---- found by trying it as an operator on a shared host -------------------------------

# this program's application id and the right table names, but not the columns
pyrun - "$T/fake1.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA application_id = 1297436743"); c.execute("PRAGMA user_version = 1")
for t in ("sessions", "session_items", "events", "item_state"):
    c.execute("CREATE TABLE %s (x)" % t)
c.commit(); c.close()
PY
chmod 600 "$T/fake1.db"
before=$(sum "$T/fake1.db")
for cmd in "start --from 0.27 --to 0.28" "status" "sessions"; do
	run "$MU" --journal "$T/fake1.db" $cmd
	expect_rc "wrong-columns-${cmd%% *}-rc" 65
	expect_err "wrong-columns-${cmd%% *}-says" "lacks sessions.id"
done
expect_eq wrong-columns-not-migrated "$(sum "$T/fake1.db")" "$before"

# sessions checks every page too; start (and the wizard) check the sessions table
cp "$T/dmg.db" "$T/d3.db"; smash "$T/d3.db" "$oldpage"
run "$MU" --journal "$T/d3.db" sessions
expect_rc damaged-sessions-list-rc 65
expect_err damaged-sessions-list-says "corrupt"
cp "$T/dmg.db" "$T/d4.db"; smash "$T/d4.db" "$(rootpage sessions)"
run "$MU" --journal "$T/d4.db" start --from 0.27 --to 0.28
expect_rc damaged-sessions-table-start-rc 65
expect_err damaged-sessions-table-start-says "corrupt"

# a journal or directory its group may write, when that group is shared
mkdir -m 775 "$S/g"; chgrp nogroup "$S/g"
run "$MU" --journal "$S/g/j.db" start --from 0.27 --to 0.28
expect_rc group-writable-dir-rc 77
expect_err group-writable-dir-says "writable by its group"
chmod 755 "$S/g"
"$MU" --journal "$S/g/j.db" start --from 0.27 --to 0.28 >/dev/null
chgrp nogroup "$S/g/j.db"; chmod 660 "$S/g/j.db"
run "$MU" --journal "$S/g/j.db" status
expect_rc group-writable-journal-rc 77
expect_err group-writable-journal-says "writable by its group (mode 0660)"

# root with another user's HOME (sudo may keep it) does not take over its ~/.local
mkdir "$S/alice"; chown nobody:nogroup "$S/alice"
run env HOME="$S/alice" XDG_STATE_HOME= "$MU" start --from 0.27 --to 0.28
expect_rc others-home-rc 77
expect_err others-home-says "belongs to user nobody"
expect_eq others-home-untouched "$(ls -A "$S/alice")" ""

# whoever can write a journal cannot reach the reader's terminal through it:
# times and ids written into it are shown escaped, and an operator's multi-line
# note cannot pass for an item line
"$MU" --journal "$T/h.db" start --from 0.27 --to 0.28 --title X >/dev/null
pyrun - "$T/h.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE sessions SET created = '2026-01-31T21:00:00Z' || char(27) || ']0;PWNED' || char(7)")
c.execute("INSERT INTO events (session, item, action, operator, host, time, text, forced, digest)"
          " VALUES (1, '0.27-0.28/scalar-precision', 'ack', 'o', 'h',"
          " '2026-01-31T22:00:00Z' || char(27) || '[2J' || char(8238), 't', 0, 'x')")
c.commit(); c.close()
PY
"$MU" --journal "$T/h.db" --operator mallory note 1 0.27-0.28/reservation-acls \
	"$(printf 'fine\n  [x] 1.   0.27-0.28/restart-masters  done by alice')" >/dev/null
for cmd in "sessions" "status 1"; do
	"$MU" --journal "$T/h.db" $cmd >"$T/shown" 2>&1
	python3 - "$T/shown" <<'PY' >"$T/raw"
import sys
b = open(sys.argv[1], "rb").read()
t = b.decode("utf-8", "replace")
print("".join(sorted({repr(ch) for ch in t if (ord(ch) < 32 and ch != "\n") or ord(ch) == 0x7f
                      or 0x80 <= ord(ch) <= 0x9f or 0x202a <= ord(ch) <= 0x202e})))
PY
	expect_eq "tampered-journal-${cmd%% *}-nothing-raw" "$(cat "$T/raw")" ""
done
"$MU" --journal "$T/h.db" status 1 >"$T/shown"
if grep -q '^  \[x\] 1\.' "$T/shown"; then
	fail multi-line-note-no-forged-line "$(grep -n 'restart-masters' "$T/shown")"
else ok multi-line-note-no-forged-line; fi
expect_out_file() { if grep -qF -- "$2" "$T/shown"; then ok "$1"; else fail "$1" "lacks '$2'"; fi; }
expect_out_file multi-line-note-indented "                [x] 1.   0.27-0.28/restart-masters  done by alice"
