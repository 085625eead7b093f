# output_files.sh - never clobber what is not ours (issue 11, points 1-5):
# what "report -o FILE" (and the wizard's export) refuses to write over and
# what it writes through, no temporary file left behind when interrupted or
# after a process that died, and a confirmation that could not be printed
# still says what was recorded.
#
# Each case is set up first (a device, a FIFO, a socket, a directory, links,
# read-only files, the journal itself), then checked to be exactly as it was.
# Signals arrive at a chosen system call through strace's fault injection:
# deterministic, no sleeps.
. tests/cli/lib.sh
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z
J=$T/journal.db
export MESOS_UPGRADE_JOURNAL=$J
D=$T/files
mkdir -p "$D"

"$MU" start --from 0.26 --to 0.28 --title "output files" >/dev/null || fail setup "start failed"
"$MU" mark 1 0.26-0.27/implicit-roles done >/dev/null || fail setup "mark failed"
"$MU" report 1 >"$T/expected.md" || fail setup "report to stdout failed"

# snap DIR: every name under DIR with its type, mode, size, inode, time and
# device numbers, to compare before and after
snap() { find "$1" -printf '%p %y %m %s %i %T@ %D\n' | sort; }

# same_as NAME BEFORE: the directory $D is exactly as snapshot BEFORE
same_as() {
	if [ "$(snap "$D")" = "$2" ]; then ok "$1"; else
		fail "$1" "$(printf 'changed:\n%s\n--- now:\n%s' "$2" "$(snap "$D")")"; fi
}

# no_temps NAME DIR: no FILE.tmp-PID and no journal.db.new-PID left in DIR
no_temps() {
	left=$(cd "$2" && ls -A | grep -E '\.(tmp|new)-[0-9]+' | tr '\n' ' ')
	if [ -z "$left" ]; then ok "$1"; else fail "$1" "left behind: $left"; fi
}

# refused NAME PATH CODE TEXT: report -o PATH exits CODE, says TEXT, changes nothing
refused() {
	before=$(snap "$D")
	run timeout 20 "$MU" report 1 -o "$2"
	expect_rc "$1: exit $3" "$3"
	expect_err "$1: the reason said" "$4"
	same_as "$1: nothing created or changed" "$before"
}

# ---- 1. devices, FIFOs, sockets, directories are refused; links written through ----
if [ "$(id -u)" = 0 ] && mknod "$D/null" c 1 3 2>/dev/null; then
	refused "char device" "$D/null" 74 "cannot write $D/null: it is a character device"
	if [ -c "$D/null" ]; then ok "char device: still a device"; else
		fail "char device: still a device" "$(ls -l "$D/null")"; fi
	ln -s null "$D/to-null"
	refused "link to a device" "$D/to-null" 74 "it is a link to $D/null, which is a character device"
	if mknod "$D/blk" b 7 250 2>/dev/null; then
		refused "block device" "$D/blk" 74 "it is a block device"
	else
		echo "skip block device: mknod b is not allowed here"
	fi
else
	echo "skip devices: mknod needs root"
fi
mkfifo "$D/fifo"
refused "FIFO" "$D/fifo" 74 "cannot write $D/fifo: it is a FIFO (named pipe)"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$D/sock"
if [ -S "$D/sock" ]; then
	refused "socket" "$D/sock" 74 "cannot write $D/sock: it is a socket"
else
	fail "socket" "python3 could not make a socket at $D/sock"
fi
mkdir "$D/dir"
refused "directory" "$D/dir" 74 "cannot write $D/dir: it is a directory"
refused "directory with a slash" "$D/dir/" 74 "it is a directory"
ln -s nowhere "$D/dangling"
refused "dangling link" "$D/dangling" 74 "it is a symbolic link that leads nowhere"

# a link to a regular file in another directory: that file gets the report
mkdir "$D/real"
echo old >"$D/real/report.md"
chmod 600 "$D/real/report.md"
ln -s real/report.md "$D/link.md"
run "$MU" report 1 -o "$D/link.md"
expect_rc "link to a file: exit 0" 0
if [ -h "$D/link.md" ] && [ "$(readlink "$D/link.md")" = real/report.md ]; then
	ok "link to a file: the link stays a link"
else
	fail "link to a file: the link stays a link" "$(ls -l "$D/link.md")"
fi
if cmp -s "$D/real/report.md" "$T/expected.md"; then ok "link to a file: the file has the report"
else fail "link to a file: the file has the report" "$(head -n 2 "$D/real/report.md")"; fi
got=$(stat -c %a "$D/real/report.md")
if [ "$got" = 600 ]; then ok "a file replaced keeps its mode"; else
	fail "a file replaced keeps its mode" "mode $got, was 600"; fi
expect_err "link to a file: says where it went" "to $D/real/report.md"
no_temps "link to a file: no temporary beside the link" "$D"
no_temps "link to a file: no temporary beside the file" "$D/real"

# ---- 2. a journal is never written over --------------------------------------------
cp "$J" "$T/journal.before"
run "$MU" report 1 -o "$J"
expect_rc "the journal in use: exit 2" 2
expect_err "the journal in use: said" "will not write over $J: it is the journal in use"
if cmp -s "$J" "$T/journal.before"; then ok "the journal in use: byte for byte unchanged"
else fail "the journal in use: byte for byte unchanged" "it differs"; fi
run "$MU" sessions
expect_out "the journal in use: its sessions are still there" "output files"
ln -s "$J" "$D/journal-link"
refused "a link to the journal" "$D/journal-link" 2 "it is the journal in use"
ln "$J" "$D/journal-hardlink"
refused "a hard link to the journal" "$D/journal-hardlink" 2 "it is the journal in use"
# the -wal file exists while the report runs: the journal is open then
run "$MU" report 1 -o "$J-wal"
expect_rc "the journal's -wal: exit 2" 2
expect_err "the journal's -wal: said" "it is the -wal file of the journal in use"
cp "$T/journal.before" "$D/other.db"
refused "another journal" "$D/other.db" 2 "will not write over $D/other.db: it is a mesos-upgrade journal"
if cmp -s "$D/other.db" "$T/journal.before"; then ok "another journal: byte for byte unchanged"
else fail "another journal: byte for byte unchanged" "it differs"; fi
# an SQLite database that is not a journal is just a file
python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("CREATE TABLE t (x)")' "$D/plain.db"
run "$MU" report 1 -o "$D/plain.db"
expect_rc "an SQLite file that is not a journal: replaced" 0
# the wizard's export goes through the same checks
printf 'e\n<Enter>\n<C-u>\ntype %s\n<Enter>\n:dump\n' "$J" >"$T/export.keys"
MESOS_UPGRADE_KEYS=$T/export.keys "$MU" resume 1 >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ] && grep -q "Not written: will not write over" "$T/out"; then
	ok "wizard export over the journal: refused and said"
else
	fail "wizard export over the journal: refused and said" "exit $rc; $(grep -i 'written' "$T/out")"
fi
if cmp -s "$J" "$T/journal.before"; then ok "wizard export over the journal: unchanged"
else fail "wizard export over the journal: unchanged" "it differs"; fi

# ---- 3. read-only files and directories, even for root ------------------------------
echo keep >"$D/ro.md"
chmod 444 "$D/ro.md"
refused "read-only file" "$D/ro.md" 74 "cannot write $D/ro.md: it is read-only (mode 0444)"
if [ "$(cat "$D/ro.md")" = keep ]; then ok "read-only file: its content kept"; else
	fail "read-only file: its content kept" "$(head -n 1 "$D/ro.md")"; fi
mkdir "$D/rodir"
chmod 555 "$D/rodir"
refused "read-only directory" "$D/rodir/report.md" 74 "directory $D/rodir is read-only (mode 0555)"
ln -s ro.md "$D/to-ro"
refused "a link to a read-only file" "$D/to-ro" 74 "it is read-only"

# anyone but root is held to the usual permissions (effective ids)
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	chmod 711 "$T"
	mkdir -m 755 "$T/np" "$T/nobody"
	echo theirs >"$T/np/theirs.md"
	chown 65534:65534 "$T/nobody"
	as_nobody() {
		setpriv --reuid=65534 --regid=65534 --clear-groups \
			env HOME="$T/nobody" MESOS_UPGRADE_JOURNAL="$T/nobody/j.db" "$MU" "$@" \
			>"$T/nobody.out" 2>"$T/nobody.err"
		rc=$? err=$(cat "$T/nobody.err")
	}
	as_nobody start --from 0.26 --to 0.28
	expect_rc "not root: a journal of one's own" 0
	as_nobody report 1 -o "$T/np/new.md"
	expect_rc "not root, a directory of root's: exit 74" 74
	expect_err "not root, a directory of root's: said" "cannot write $T/np/new.md: Permission denied"
	as_nobody report 1 -o "$T/np/theirs.md"
	expect_rc "not root, a file of root's: exit 74" 74
	if [ "$(cat "$T/np/theirs.md")" = theirs ] && [ "$(ls "$T/np")" = theirs.md ]; then
		ok "not root: nothing created or changed"
	else
		fail "not root: nothing created or changed" "$(ls -l "$T/np")"
	fi
	as_nobody report 1 -o "$T/nobody/mine.md"
	expect_rc "not root, a directory of one's own: written" 0
else
	echo "skip another user's files: needs root and setpriv"
fi

# ---- 4. no temporary left: interrupted, or after a process that died ----------------
if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null; then
	# interrupted SIG CALLS ARGS...: "$MU ARGS" gets SIG when it makes the first
	# of the system calls CALLS, which then fails (EINTR) without being done
	interrupted() {
		sig=$1 calls=$2
		shift 2
		ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
			strace -f -o /dev/null -e trace="$calls" \
			-e inject="$calls":signal="$sig":error=EINTR "$MU" "$@" >"$T/out" 2>"$T/err"
		rc=$?
	}
	for sig in TERM INT; do
		code=143
		[ $sig = INT ] && code=130
		echo old >"$D/r.md"
		# the temporary is written and flushed; the signal comes at the rename
		interrupted $sig rename,renameat,renameat2 report 1 -o "$D/r.md"
		expect_rc "SIG$sig during report -o: killed by it" $code
		no_temps "SIG$sig during report -o: no temporary left" "$D"
		if [ "$(cat "$D/r.md")" = old ]; then ok "SIG$sig during report -o: the old file kept"
		else fail "SIG$sig during report -o: the old file kept" "$(head -n 1 "$D/r.md")"; fi
	done
	mkdir "$D/jnew"
	# the journal set up under its temporary name: the signal at SQLite's first sync
	interrupted TERM fsync,fdatasync --journal "$D/jnew/j.db" start --from 0.26 --to 0.28
	expect_rc "SIGTERM creating a journal: killed by it" 143
	left=$(ls -A "$D/jnew" | tr '\n' ' ')
	if [ -z "$left" ]; then ok "SIGTERM creating a journal: nothing left"; else
		fail "SIGTERM creating a journal: nothing left" "left: $left"; fi
	# ... and when it is complete, as it is linked into place
	interrupted INT link,linkat --journal "$D/jnew/j.db" start --from 0.26 --to 0.28
	expect_rc "SIGINT linking a new journal: killed by it" 130
	left=$(ls -A "$D/jnew" | tr '\n' ' ')
	if [ -z "$left" ]; then ok "SIGINT linking a new journal: nothing left"; else
		fail "SIGINT linking a new journal: nothing left" "left: $left"; fi
else
	echo "skip signals during a write: strace (ptrace) is not usable here"
fi

# stale temporaries: a dead PID's are removed; a live one's, another user's,
# links and names that only look alike stay
dead=99999999 # above any pid_max: no such process
echo stale >"$D/s.md.tmp-$dead"
echo mine >"$D/s.md.tmp-$$"
echo other >"$D/s.md.tmp-${dead}x"
echo other >"$D/t.md.tmp-$dead"
ln -s s.md "$D/s.md.tmp-99999998"
if [ "$(id -u)" = 0 ]; then
	echo theirs >"$D/s.md.tmp-99999997"
	chown 65534 "$D/s.md.tmp-99999997"
fi
run "$MU" report 1 -o "$D/s.md"
expect_rc "stale temporary: report written" 0
if [ ! -e "$D/s.md.tmp-$dead" ]; then ok "stale temporary of a dead process: removed"; else
	fail "stale temporary of a dead process: removed" "still there"; fi
kept=
for f in "s.md.tmp-$$" "s.md.tmp-${dead}x" "t.md.tmp-$dead" s.md.tmp-99999998; do
	[ -e "$D/$f" ] || [ -h "$D/$f" ] || kept="$kept $f"
done
[ "$(id -u)" = 0 ] && { [ -e "$D/s.md.tmp-99999997" ] || kept="$kept s.md.tmp-99999997"; }
if [ -z "$kept" ]; then ok "stale temporary: what is not a dead process's own stays"; else
	fail "stale temporary: what is not a dead process's own stays" "removed:$kept"; fi
rm -f "$D"/s.md.tmp-* "$D"/t.md.tmp-*

mkdir "$D/jstale"
for s in "" -journal -wal -shm; do echo stale >"$D/jstale/j.db.new-$dead$s"; done
echo mine >"$D/jstale/j.db.new-$$"
run "$MU" --journal "$D/jstale/j.db" start --from 0.26 --to 0.28
expect_rc "stale journal.db.new-PID: start works" 0
left=$(ls -A "$D/jstale" | tr '\n' ' ')
if [ "$left" = "j.db j.db.new-$$ " ]; then ok "stale journal.db.new-PID (and -journal, -wal, -shm): removed"
else fail "stale journal.db.new-PID (and -journal, -wal, -shm): removed" "left: $left"; fi

# ---- 5. recorded, but the confirmation could not be printed -----------------------
if [ -w /dev/full ]; then
	"$MU" mark 1 0.26-0.27/allocator-api done >/dev/full 2>"$T/err"
	rc=$? err=$(cat "$T/err")
	expect_rc "mark to /dev/full: exit 74" 74
	id=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT max(id) FROM events WHERE item = ?",
      ("0.26-0.27/allocator-api",)).fetchone()[0])' "$J")
	expect_err "mark to /dev/full: says it was recorded, as which event" \
		"recorded as event $id, but could not print the confirmation: No space left on device"
	run "$MU" mark 1 0.26-0.27/allocator-api done
	expect_out "mark to /dev/full: a retry records nothing twice" "nothing recorded"
	"$MU" mark 1 0.26-0.27/allocator-api done >/dev/full 2>"$T/err"
	rc=$? err=$(cat "$T/err")
	expect_rc "mark to /dev/full, nothing to record: exit 74" 74
	expect_err "mark to /dev/full, nothing to record: says so" "No space left on device; 0.26-0.27/allocator-api was already"
	case $err in *"recorded as event"*) fail "mark to /dev/full, nothing to record: no event claimed" "$err" ;;
	*) ok "mark to /dev/full, nothing to record: no event claimed" ;; esac
	"$MU" note 1 0.26-0.27/allocator-api "to a full disk" >/dev/full 2>"$T/err"
	rc=$? err=$(cat "$T/err")
	expect_rc "note to /dev/full: exit 74" 74
	expect_err "note to /dev/full: says it was recorded" "recorded as event $((id + 1)), but could not print"
	"$MU" start --from 0.26 --to 0.27 --title full >/dev/full 2>"$T/err"
	rc=$? err=$(cat "$T/err")
	expect_rc "start to /dev/full: exit 74" 74
	expect_err "start to /dev/full: says which session was started" \
		"session 2 was started, but could not print its id: No space left on device"
	run "$MU" sessions
	expect_out "start to /dev/full: the session is there" "full"
else
	echo "# /dev/full is not here; left out"
fi

# ---- found by trying it as an operator on a shared host -------------------------------

# a link another user planted in a sticky directory anyone may write (/tmp) is
# not followed, whatever fs.protected_symlinks says: it could aim at our files
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	sticky=$(mktemp -d /tmp/mu-sticky.XXXXXX)
	chmod 1777 "$sticky"
	echo precious >"$T/victim.txt"; chmod 600 "$T/victim.txt"
	setpriv --reuid=nobody --regid=nogroup --clear-groups ln -s "$T/victim.txt" "$sticky/report.md"
	run "$MU" report 1 -o "$sticky/report.md"
	expect_rc "planted link in a sticky directory: exit 77" 77
	expect_err "planted link in a sticky directory: says why" "a symbolic link another user"
	expect_eq "planted link: its target unchanged" "$(cat "$T/victim.txt")" "precious"
	# our own link there is ours to follow
	rm -f "$sticky/report.md"; ln -s "$T/mine.md" "$sticky/mine.md"; : >"$T/mine.md"
	run "$MU" report 1 -o "$sticky/mine.md"
	expect_rc "own link in a sticky directory: written through" 0
	rm -rf "$sticky"
else
	echo "skip planted link in a sticky directory: needs root and setpriv"
fi

# another journal's write-ahead log, by its name or by its content
K=$T/other.db
"$MU" --journal "$K" start --from 0.26 --to 0.28 >/dev/null
cp "$D/../other.db" "$D/k.db" 2>/dev/null; cp "$K" "$D/k.db"
printf '\067\177\006\202rest of a WAL header' >"$D/k.db-wal"
refused "another journal's -wal" "$D/k.db-wal" 2 "write-ahead log"
printf '\067\177\006\203' >"$D/renamed-log"
refused "a write-ahead log under any name" "$D/renamed-log" 2 "write-ahead log"
: >"$D/k.db-shm"
refused "another journal's -shm" "$D/k.db-shm" 2 "write-ahead log"
rm -f "$D/k.db" "$D/k.db-wal" "$D/k.db-shm" "$D/renamed-log"

# this process's own streams: a redirect target is not ours to replace
printf 'line1\nline2\n' >"$T/log.txt"
run sh -c "\"$MU\" report 1 -o /dev/stdout >>\"$T/log.txt\""
expect_rc "-o /dev/stdout: refused" 2
expect_err "-o /dev/stdout: says to redirect instead" "leave out -o and redirect"
expect_eq "-o /dev/stdout: the redirect target kept" "$(head -n 2 "$T/log.txt")" "line1
line2"
run "$MU" report 1 -o /proc/self/fd/1
expect_rc "-o /proc/self/fd/1: refused" 2
ln -s /dev/stdout "$D/out-link"
refused "a link to /dev/stdout" "$D/out-link" 2 "own streams"
rm -f "$D/out-link"

# the owner's write bit is what counts, for root too (mode 0466, 0577)
echo keep >"$D/m466.md"; chmod 466 "$D/m466.md"
refused "a file its owner may not write (0466)" "$D/m466.md" 74 "read-only (mode 0466)"
chmod 644 "$D/m466.md"; rm -f "$D/m466.md"
mkdir "$D/d577"; chmod 577 "$D/d577"
refused "a directory its owner may not write (0577)" "$D/d577/x.md" 74 "is read-only (mode 0577)"
chmod 755 "$D/d577"; rmdir "$D/d577"

# a new report is private (0600 less the umask); one replaced keeps its mode
run sh -c "umask 000; \"$MU\" report 1 -o \"$D/new.md\""
expect_eq "a new report is 0600" "$(stat -c %a "$D/new.md")" 600
chmod 640 "$D/new.md"
run "$MU" report 1 -o "$D/new.md"
expect_eq "a replaced report keeps its mode" "$(stat -c %a "$D/new.md")" 640
rm -f "$D/new.md"

# the directory renamed while the report is written: the temporary never
# stays behind, and the report lands whole in the directory it was begun in
if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
	mkdir "$T/van"
	strace -f -o /dev/null -e inject=fsync:delay_enter=1500000:when=1 \
		"$MU" report 1 -o "$T/van/r.md" >/dev/null 2>"$T/van.err" &
	pid=$!
	n=0; while ! ls "$T/van" | grep -q 'tmp-' && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
	mv "$T/van" "$T/van2"; mkdir "$T/van"
	wait $pid
	no_temps "directory renamed mid-write: no temporary in it" "$T/van2"
	no_temps "directory renamed mid-write: none in the new one" "$T/van"
	if [ -s "$T/van2/r.md" ]; then ok "directory renamed mid-write: the report is whole there"
	else fail "directory renamed mid-write: the report is whole there" "$(cat "$T/van.err")"; fi
else
	echo "skip directory renamed mid-write: strace (ptrace) is not usable here"
fi
