#!/bin/sh
# report.sh - 'mesos-upgrade report': golden files of a fixed journal in every
# format, the JSON against the schema of include/report.h, the HTML (and the
# blank plan's) parsed, hostile text in every format of report and plan, -o.
#
# The golden files are tests/reports/*. UPDATE=1 sh tests/cli/report.sh
# regenerates them (with MU=./mesos-upgrade); read every one of them after:
# they are what the change manager gets.
#
# The journal is built with the command line and a clock that advances
# between commands. Host names differ between machines and land in the
# reports: the recording commands run in a UTS namespace with the host name
# HOST when unshare allows it; otherwise the machine's host name is replaced
# by HOST in the reports before they are compared (report_check.py golden).
. "$(dirname "$0")/lib.sh"
D=$(dirname "$0")
G=$D/../reports
CONTENT=$D/../../content
export MESOS_UPGRADE_NOW=2026-02-01T08:00:00Z
J=$T/j.db

. "$D/lib_report.sh"

# CHECK golden|json|html ARGS...: a check of report_check.py
CHECK() { q "$@"; }
# HOSTILE FORMAT LABEL FILE KIND: report_hostile.py's check of FILE
HOSTILE() { q hostile "$@"; }
# drifted and hostile copies of the content, the hostile payloads
python3 "$D/report_check.py" setup "$CONTENT" "$T" || fail "setup" "report_check.py setup failed"

# ---- the fixture journal (at: lib_report.sh) ----------------------------------

# Session 1, 0.26.1 -> 0.28, finished: notes acknowledged, skips with reasons,
# a note by bob, an undo with a reason and a second attempt, a forced done.
A=0.26-0.27 B=0.27-0.28
at 22:00:00 alice start --from 0.26.1 --to 0.28 --title 'CHG-1234 prod-east'
at 22:01:00 alice mark 1 $A/implicit-roles done
at 22:01:30 alice mark 1 $A/allocator-api done
at 22:02:00 alice mark 1 $A/executor-lost-callback done --note 'schedulers checked: they ignore it'
at 22:02:30 alice mark 1 $A/isolator-prepare done
at 22:03:00 alice mark 1 $A/teardown-frameworks-acl done
at 22:03:30 alice mark 1 $A/drf-reserved-resources done
at 22:05:00 alice mark 1 $A/rebuild-modules skip --note 'no modules installed on this cluster'
at 22:06:00 bob note 1 $A/restart-agents 'rack 4 waits for the vendor call'
at 22:10:00 alice mark 1 $A/restart-masters done
at 22:12:00 alice mark 1 $A/restart-masters undo --note 'leader did not come back; rolled back'
at 22:20:00 alice mark 1 $A/restart-masters done --note 'second attempt: leader elected'
at 22:31:00 bob mark 1 $A/restart-agents done
at 22:35:00 alice mark 1 $A/upgrade-schedulers done
at 22:36:00 alice mark 1 $A/restart-schedulers done
at 22:37:00 alice mark 1 $A/upgrade-executors done
at 22:40:00 alice mark 1 $B/scalar-precision done
at 22:41:00 alice mark 1 $B/reservation-acls done
at 22:45:00 alice mark 1 $B/rebuild-modules skip --note 'still no modules'
at 22:47:00 bob mark 1 $B/restart-agents done --force \
	--note 'agents were already upgraded by config management'
at 22:50:00 alice mark 1 $B/restart-masters done
at 22:55:00 alice mark 1 $B/upgrade-schedulers done
at 22:56:00 alice mark 1 $B/restart-schedulers done
at 23:02:03 alice mark 1 $B/upgrade-executors done
# Session 2, 0.17 -> 0.18, open: the branch chosen, a step undone with a reason.
C=0.17-0.18
at 23:30:00 bob start --from 0.17 --to 0.18.x --title 'CHG-1300 lab cluster'
at 23:31:00 bob mark 2 $C/cgroups-reboot done
at 23:32:00 bob mark 2 $C/restart-masters done
at 23:33:00 bob mark 2 $C/upgrade-schedulers done
at 23:34:00 bob mark 2 $C/restart-schedulers done
at 23:40:00 alice mark 2 $C/restart-agents done --branch cgroups \
	--note 'rebooted into the per-controller layout'
at 23:45:00 bob mark 2 $C/upgrade-executors done
at 23:50:00 bob mark 2 $C/upgrade-executors undo --note 'executor relink failed; retry tomorrow'
if [ -z "$bad_fixture" ]; then ok "fixture journal built (host: $HOST${NS:+, by $NS})"
else fail "fixture journal built" "$bad_fixture"; fi

# ---- golden files, every format -------------------------------------------------

for s in 1 2; do
	for f in md html json text; do
		ext=$f; [ $f = text ] && ext=txt
		run "$MU" --journal "$J" report $s --format $f
		expect_rc "report $s --format $f: exit 0" 0
		cp "$T/out" "$T/session$s.$ext"
		CHECK golden "report $s --format $f: as tests/reports/session$s.$ext" \
			"$T/session$s.$ext" "$G/session$s.$ext" "$HOST"
	done
	"$MU" --journal "$J" status $s --format json >"$T/status$s.json"
	CHECK json "report $s json:" "$T/session$s.json" "$T/status$s.json"
	CHECK html "report $s html:" "$T/session$s.html"
done
run "$MU" --journal "$J" report 1
if cmp -s "$T/out" "$T/session1.md"; then ok "report: Markdown by default"
else fail "report: Markdown by default" "differs from --format md"; fi
run "$MU" --journal "$J" report 1 --format markdown
if cmp -s "$T/out" "$T/session1.md"; then ok "report --format markdown is md"
else fail "report --format markdown is md" "differs from --format md"; fi
# the timeline's rows are written into an unnamed file in TMPDIR as the events
# are read, none left behind; where none can be made (no such directory, not a
# directory) the timeline is read again: the same bytes, on stdout and with -o
mkdir "$T/tmpd" "$T/tmpo"
for dir in "$T/tmpd" "$T/no-such-dir" "$T/session1.md"; do
	for f in md html json text; do
		ext=$f; [ $f = text ] && ext=txt
		name="report 1 --format $f with TMPDIR ${dir#"$T"/}"
		run env TMPDIR="$dir" "$MU" --journal "$J" report 1 --format $f
		expect_rc "$name: exit 0" 0
		if cmp -s "$T/out" "$T/session1.$ext"; then ok "$name: the same bytes"
		else fail "$name: the same bytes" "differs from the report without TMPDIR"; fi
		rm -f "$T/tmpo/r.$ext"
		TMPDIR=$dir "$MU" --journal "$J" report 1 --format $f -o "$T/tmpo/r.$ext" 2>/dev/null
		if cmp -s "$T/tmpo/r.$ext" "$T/session1.$ext"; then ok "$name -o: the same bytes"
		else fail "$name -o: the same bytes" "differs from the report without TMPDIR"; fi
	done
done
expect_eq "report leaves nothing in TMPDIR" "$(ls -A "$T/tmpd")" ""

# what the change manager reads first, whatever the golden files say
# a hop starts at its first check-off, not at the notes acknowledged before it (4 and
# 5 minutes before here)
py "session 1 json: finished, 1h 02m 03s; hops 32m and 17m 03s; alice and bob; 18 done, 2 skipped, 1 forced" '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["session"]["status"] == "finished" and d["duration_seconds"] == 3723, d["duration_seconds"]
assert [h["duration_seconds"] for h in d["hops"]] == [1920, 1023], [h["duration_seconds"] for h in d["hops"]]
assert [o["operator"] for o in d["operators"]] == ["alice", "bob"], d["operators"]
t = d["totals"]
assert (t["items"], t["done"], t["skipped"], t["pending"], t["forced"]) == (20, 18, 2, 0, 1), t
it = {i["id"]: i for h in d["hops"] for i in h["items"]}
f = it["0.27-0.28/restart-agents"]
assert f["forced"] and f["operator"] == "bob" and f["reason"].startswith("agents were"), f
assert it["0.26-0.27/rebuild-modules"]["reason"] == "no modules installed on this cluster"
assert it["0.26-0.27/restart-agents"]["notes"][0]["operator"] == "bob"
assert [e["action"] for e in d["timeline"] if e["item"] == "0.26-0.27/restart-masters"] == ["done", "undo", "done"]
assert len(d["timeline"]) == 23, len(d["timeline"])
' "$T/session1.json"
py "session 2 json: open, the cgroups branch, the undone step pending with its reason in the timeline" '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["session"]["status"] == "open" and d["finished"] is None and d["duration_seconds"] is None
it = {i["id"]: i for h in d["hops"] for i in h["items"]}
assert it["0.17-0.18/restart-agents"]["branch"] == "cgroups", it["0.17-0.18/restart-agents"]
assert it["0.17-0.18/upgrade-executors"]["state"] == "pending"
assert d["timeline"][-1]["action"] == "undo" and "relink failed" in d["timeline"][-1]["text"]
assert d["hops"][0]["finished"] is None and d["hops"][0]["started"] == "2026-01-31T23:32:00Z"
' "$T/session2.json"
for f in txt md html; do
	has "report 2 $f: the undone step says who undid it, where, when and why" "$T/session2.$f" \
		"undone by bob@$HOST at 2026-01-31T23:50:00Z; note: executor relink failed; retry tomorrow"
	has "report 2 $f: the branch taken" "$T/session2.$f" "branch taken:"
	has "report 1 $f: the forced override and its reason" "$T/session1.$f" \
		"reason: agents were already upgraded by config management"
	has "report 1 $f: bob's note" "$T/session1.$f" \
		"note by bob@$HOST at 2026-01-31T22:06:00Z: rack 4 waits for the vendor call"
	has "report 1 $f: the content digest and that it did not change" "$T/session1.$f" \
		"unchanged since the session was planned"
done

# A session whose content changed after it was done (drift): the report says so.
for f in md json; do
	ext=$f
	run "$MU" --content "$T/drifted" --journal "$J" report 1 --format $f
	expect_rc "report 1 --format $f on drifted content: exit 0" 0
	cp "$T/out" "$T/drift1.$ext"
done
CHECK golden "report 1 --format md on drifted content: as tests/reports/drift1.md" \
	"$T/drift1.md" "$G/drift1.md" "$HOST"
"$MU" --content "$T/drifted" --journal "$J" status 1 --format json >"$T/status-drift.json"
CHECK json "report 1 json on drifted content:" "$T/drift1.json" "$T/status-drift.json"
py "drift json: content_changed, the removed note counted in its hop, the changed step flagged" '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["session"]["content_changed"] is True and d["session"]["status"] == "open"
h = d["hops"][1]
assert h["totals"]["removed"] == 1 and d["totals"]["removed"] == 1, h["totals"]
it = {i["id"]: i for x in d["hops"] for i in x["items"]}
assert it["0.27-0.28/reservation-acls"]["drift"] == "removed"
assert it["0.26-0.27/restart-masters"]["changed_since_done"] is True
assert it["0.27-0.28/check-health"]["drift"] == "added" and it["0.27-0.28/check-health"]["state"] == "pending"
' "$T/drift1.json"

# ---- the blank plan's HTML ------------------------------------------------------

for r in "0.11 0.28" "0.17 0.18" "0.26.1 0.28.x"; do
	set -- $r
	run "$MU" plan --from $1 --to $2 --format html
	expect_rc "plan $1 -> $2 html: exit 0" 0
	cp "$T/out" "$T/plan-$1-$2.html"
	CHECK html "plan $1 -> $2 html:" "$T/plan-$1-$2.html"
done

# ---- hostile text ---------------------------------------------------------------

TEXT=$(cat "$T/payload.text") NOTE=$(cat "$T/payload.note") OP=$(cat "$T/payload.op")
run "$MU" lint "$T/hostile"
expect_rc "hostile content: lint accepts it (markup is text)" 0
HJ=$T/hostile.db
h() { "$MU" --content "$T/hostile" --journal "$HJ" "$@" >"$T/out" 2>"$T/err" ||
	fail "hostile: $2 $4 $5" "exit $?: $(cat "$T/err")"; }
# The commands refuse such an operator name or title (tests/cli/terminal_text.sh):
# they are recorded as "opx" and "title-x", then put in the journal as an
# older version could have written them. Notes may hold anything.
h --operator opx start --from 0.26 --to 0.28 --title title-x
h --operator opx mark 1 $A/implicit-roles done --note "$TEXT"
h --operator opx mark 1 $A/allocator-api skip --note "$TEXT"
h --operator bob note 1 $A/allocator-api "$NOTE"
h --operator opx note 1 $A/restart-agents "$NOTE"
h --operator opx mark 1 $A/executor-lost-callback done
h --operator opx mark 1 $A/executor-lost-callback undo --note "$TEXT"
h --operator opx mark 1 $A/restart-masters done --force --note "$TEXT"
h --operator bob mark 1 $B/rebuild-modules skip --force --note "$NOTE"
python3 - "$HJ" "$T/payload.text" "$T/payload.op" <<'EOF' || fail "hostile setup" "tampering"
import sqlite3, sys
title, op = (open(f, "rb").read() for f in sys.argv[2:4])
c = sqlite3.connect(sys.argv[1])
# bytes as they are, invalid UTF-8 and all, as TEXT
c.execute("update sessions set title = cast(? as text), operator = cast(? as text)", (title, op))
# events are append-only (a trigger): lifted for this one change, then put back
trigger = c.execute("select sql from sqlite_master where name = 'events_append_only_update'")
trigger = trigger.fetchone()[0]
c.execute("drop trigger events_append_only_update")
c.execute("update events set operator = cast(? as text) where operator = 'opx'", (op,))
c.execute(trigger)
# who recorded, as the migration to schema 12 would have found them in those events
c.execute("update session_operators set operator = cast(? as text) where operator = 'opx'", (op,))
c.commit()
EOF
for bad in "$(printf 'a\033[31mb')" "$(printf 'a\007b')" "$(printf 'a\177b')"; do
	run "$MU" --content "$T/hostile" --journal "$HJ" --operator "$bad" note 1 $A/restart-agents x
	expect_rc "hostile: --operator with a control character: refused (exit 2)" 2
done
"$MU" --content "$T/hostile" --journal "$HJ" status 1 --format json >"$T/hstatus.json"
for f in md html json text; do
	run "$MU" --content "$T/hostile" --journal "$HJ" report 1 --format $f
	expect_rc "hostile report --format $f: exit 0" 0
	cp "$T/out" "$T/hostile.$f"
	HOSTILE $f "hostile report --format $f: operator text escaped and readable" \
		"$T/hostile.$f" report
	HOSTILE $f "hostile report --format $f: content text escaped and readable" \
		"$T/hostile.$f" plan
	run "$MU" --content "$T/hostile" plan --from 0.25 --to 0.28 --format $f
	expect_rc "hostile plan --format $f: exit 0" 0
	cp "$T/out" "$T/hplan.$f"
	HOSTILE $f "hostile plan --format $f: content text escaped and readable" \
		"$T/hplan.$f" plan
done
CHECK json "hostile report json:" "$T/hostile.json" "$T/hstatus.json"
CHECK html "hostile report html:" "$T/hostile.html"
CHECK html "hostile plan html:" "$T/hplan.html"
py "hostile report json: one operator with invalid UTF-8 and markup, one bob, in that order" '
import json, sys
d = json.load(open(sys.argv[1]))
ops = [o["operator"] for o in d["operators"]]
assert ops == [open(sys.argv[2], "rb").read().decode("utf-8", "replace"), "bob"], ops
' "$T/hostile.json" "$T/payload.op"

# A damaged or hostile journal: rows the commands would never write (an item no
# content has, markup and control characters in an event's time and host).
python3 "$D/report_check.py" tamper "$J" "$T/tampered.db" 2 ||
	fail "tampered journal" "report_check.py tamper failed"
for f in md html json text; do
	run "$MU" --journal "$T/tampered.db" report 2 --format $f
	expect_rc "tampered journal: report --format $f: exit 0" 0
	cp "$T/out" "$T/tampered.$f"
	q tampered $f "tampered journal: report --format $f: well-formed, nothing raw" "$T/tampered.$f"
done
q html "tampered journal: report html:" "$T/tampered.html"

# ---- -o FILE, the default session, refusals ---------------------------------------

mkdir -p "$T/o"
run "$MU" --journal "$J" report 1 --format html -o "$T/o/CHG-1234.html"
expect_rc "report -o: exit 0" 0
expect_empty_out "report -o: nothing on stdout"
expect_err "report -o: stderr says what it wrote where" \
	"wrote the html report of session 1 to $T/o/CHG-1234.html"
if cmp -s "$T/o/CHG-1234.html" "$T/session1.html"; then ok "report -o: the file is the whole report"
else fail "report -o: the file is the whole report" "differs from stdout's"; fi
if [ "$(ls -A "$T/o")" = CHG-1234.html ]; then ok "report -o: no temporary file left"
else fail "report -o: no temporary file left" "$(ls -A "$T/o")"; fi
# an existing file is replaced whole, by a new file (a rename: a reader holding
# the old one, here a hard link, keeps it complete)
head -c 300000 /dev/zero | tr '\0' x >"$T/o/old.md"
ln "$T/o/old.md" "$T/o/old-link"
run "$MU" --journal "$J" report 1 --format md -o "$T/o/old.md"
expect_rc "report -o over an existing, longer file: exit 0" 0
if cmp -s "$T/o/old.md" "$T/session1.md"; then ok "report -o: the existing file is replaced whole"
else fail "report -o: the existing file is replaced whole" "not the report (a tail left?)"; fi
if [ "$(wc -c <"$T/o/old-link")" -eq 300000 ] && ! grep -q '[^x]' "$T/o/old-link"; then
	ok "report -o: the old file is replaced by a rename, not rewritten in place"
else fail "report -o: the old file is replaced by a rename, not rewritten in place" \
	"the other link to the old file changed"; fi
rm -f "$T/o/old-link"
# unwritable places: exit 74, a message naming the file, nothing left behind
for dest in "$T/o/missing-dir/r.md" "$T/session1.md/r.md" "$T/o"; do
	before=$(ls -A "$T/o" "$T" | tr '\n' ' ')
	run "$MU" --journal "$J" report 1 -o "$dest"
	expect_rc "report -o $(echo "$dest" | sed "s|$T|T|"): exit 74" 74
	expect_err "report -o $(echo "$dest" | sed "s|$T|T|"): the message names the file" \
		"cannot write $dest"
	after=$(ls -A "$T/o" "$T" | tr '\n' ' ')
	if [ "$before" = "$after" ]; then ok "report -o $(echo "$dest" | sed "s|$T|T|"): nothing left behind"
	else fail "report -o $(echo "$dest" | sed "s|$T|T|"): nothing left behind" "$before -> $after"; fi
done
# a directory the user may not write in (root may write anywhere: then the
# report runs as nobody, on a copy of the journal nobody owns)
mkdir "$T/ro"
if [ "$(id -u)" -ne 0 ]; then
	chmod 555 "$T/ro"
	AS= RJ=$J
elif command -v setpriv >/dev/null 2>&1 && chmod 711 "$T" && mkdir "$T/nobody" &&
	cp "$J" "$T/nobody/j.db" && chown -R 65534:65534 "$T/nobody"; then
	AS="setpriv --reuid=65534 --regid=65534 --clear-groups" RJ=$T/nobody/j.db
else
	AS=none
fi
if [ "$AS" != none ]; then
	run $AS "$MU" --journal "$RJ" report 1 -o "$T/ro/r.md"
	expect_rc "report -o in a read-only directory: exit 74" 74
	expect_err "report -o in a read-only directory: the message names the file" \
		"cannot write $T/ro/r.md"
	if [ -z "$(ls -A "$T/ro")" ]; then ok "report -o in a read-only directory: no file"
	else fail "report -o in a read-only directory: no file" "$(ls -A "$T/ro")"; fi
	run $AS "$MU" --journal "$RJ" report 1 --format json
	expect_rc "report as that user, to stdout: exit 0 (the refusal above was the directory's)" 0
else
	echo "skip report -o in a read-only directory: root without setpriv"
fi
chmod 755 "$T/ro"
run "$MU" --journal "$J" report 1 --format pdf -o "$T/o/x.pdf"
expect_rc "report --format pdf: exit 2" 2
expect_err "report --format pdf: says which formats there are" "md, html, json or text"
if [ ! -e "$T/o/x.pdf" ]; then ok "report --format pdf: no file"
else fail "report --format pdf: no file" "$T/o/x.pdf exists"; fi

# no SESSION: the latest
run "$MU" --journal "$J" report --format json
expect_rc "report (no SESSION): exit 0" 0
cp "$T/out" "$T/latest.json"
py "report (no SESSION): the latest session, 2" '
import json, sys
assert json.load(open(sys.argv[1]))["session"]["id"] == 2
' "$T/latest.json"
run "$MU" --journal "$J" report -o "$T/o/latest.md"
expect_rc "report -o (no SESSION): exit 0" 0
expect_err "report -o (no SESSION): says which session it wrote" "report of session 2 to"
if cmp -s "$T/o/latest.md" "$T/session2.md"; then ok "report -o (no SESSION): session 2's report"
else fail "report -o (no SESSION): session 2's report" "differs"; fi
for bad in 3 99 0 x1; do
	run "$MU" --journal "$J" report $bad
	expect_rc "report $bad: exit 2" 2
	expect_empty_out "report $bad: nothing on stdout"
done
expect_err "report x1: says what a session id is" "is not a session id"
run "$MU" --journal "$J" report 99
expect_err "report 99: says there is no such session" "no session 99"
run "$MU" --journal "$T/empty.db" report
expect_rc "report with no sessions: exit 2" 2
expect_err "report with no sessions: says so" "there are no sessions"
run "$MU" --journal "$T/empty.db" report -o "$T/o/none.md"
expect_rc "report -o with no sessions: exit 2" 2
if [ ! -e "$T/o/none.md" ]; then ok "report -o with no sessions: no file"
else fail "report -o with no sessions: no file" "$T/o/none.md exists"; fi
run "$MU" --journal "$J" report 1 -o ''
expect_rc "report -o '': exit 2" 2
if [ -w /dev/full ]; then
	"$MU" --journal "$J" report 1 --format text >/dev/full 2>"$T/err"; rc=$?; err=$(cat "$T/err")
	expect_rc "report to a full stdout: exit 74" 74
	if [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "cannot write" "$T/err"; then
		ok "report to a full stdout: one message, saying why"
	else fail "report to a full stdout: one message, saying why" "$err"; fi
fi

python3 "$D/report_check.py" batch "$Q"
