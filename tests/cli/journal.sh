# journal.sh - the journal commands from the command line: where the journal
# is, start, sessions, status, mark, note, their exit codes and refusals, a
# session resumed in a fresh process, a finished session, content drift.
. tests/cli/lib.sh
json_server
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z
HOST=$(uname -n)

# ---- helpers ------------------------------------------------------------------

# expect_eq NAME GOT WANT
# expect_err1 NAME: stderr is exactly one line starting "mesos-upgrade: "
expect_err1() {
	if [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] &&
		[ "${err#mesos-upgrade: }" != "$err" ]; then ok "$1"; else
		fail "$1" "stderr is not one 'mesos-upgrade: ' line: $err"; fi
}
# expect_not_out NAME TEXT: stdout lacks TEXT
expect_not_out() {
	if printf '%s' "$out" | grep -qF -- "$2"; then fail "$1" "stdout has '$2'"; else ok "$1"; fi
}
# jv EXPR...: evaluate EXPRs over the JSON in $out (see json_eval.py)
# mode PATH: the permission bits in octal
mode() { stat -c %a "$1" 2>/dev/null || echo missing; }
J=$T/j.db
mu() { "$MU" --journal "$J" "$@"; }

# ---- where the journal is -----------------------------------------------------

DJ=$XDG_STATE_HOME/mesos-upgrade/journal.db
run "$MU" start --from 0.26 --to 0.28
expect_rc start-default-rc 0
expect_eq start-prints-id-1 "$out" 1
expect_eq start-quiet-stderr "$err" ""
expect_eq default-journal-xdg "$(test -f "$DJ" && echo yes)" yes
expect_eq default-journal-dir-0700 "$(mode "$(dirname "$DJ")")" 700
expect_eq default-journal-file-0600 "$(mode "$DJ")" 600
run "$MU" start --from 0.26 --to 0.28
expect_rc start-again-rc 0
expect_eq start-prints-id-2 "$out" 2
expect_eq start-again-quiet "$err" ""

# a permissive umask changes nothing: the journal is private from the start
(umask 000; XDG_STATE_HOME=$T/state-umask "$MU" start --from 0.26 --to 0.28 >/dev/null 2>&1)
expect_eq umask000-dir-0700 "$(mode "$T/state-umask/mesos-upgrade")" 700
expect_eq umask000-file-0600 "$(mode "$T/state-umask/mesos-upgrade/journal.db")" 600

HJ=$HOME/.local/state/mesos-upgrade/journal.db
out=$(unset XDG_STATE_HOME; "$MU" start --from 0.26 --to 0.28 2>"$T/err"); rc=$?
err=$(cat "$T/err")
expect_rc start-home-rc 0
expect_eq start-home-id-1 "$out" 1
expect_eq home-journal "$(test -f "$HJ" && echo yes)" yes
expect_eq home-journal-dir-0700 "$(mode "$(dirname "$HJ")")" 700
expect_eq home-journal-file-0600 "$(mode "$HJ")" 600
# a relative XDG_STATE_HOME is invalid by the XDG spec and is ignored
cd "$T" || exit 1
run env XDG_STATE_HOME=relative/state "$MU" start --from 0.26 --to 0.28
cd "$ROOT" || exit 1
expect_eq start-relative-xdg-uses-home "$out" 2
expect_eq relative-xdg-not-created "$(test -e "$T/relative" && echo yes)" ""

run "$MU" --journal "$T/custom.db" start --from 0.26 --to 0.28
expect_rc journal-option-rc 0
expect_eq journal-option-id "$out" 1
expect_eq journal-option-file "$(mode "$T/custom.db")" 600
run env MESOS_UPGRADE_JOURNAL="$T/env.db" "$MU" start --from 0.26 --to 0.28
expect_rc journal-env-rc 0
expect_eq journal-env-id "$out" 1
expect_eq journal-env-file "$(mode "$T/env.db")" 600
run env MESOS_UPGRADE_JOURNAL="$T/env.db" "$MU" --journal="$T/custom.db" start --from 0.26 --to 0.28
expect_eq journal-option-beats-env "$out" 2
run "$MU" --journal "$T/env.db" sessions --format json
expect_json journal-env-untouched 'len(d["sessions"])' 1
run "$MU" sessions --format json
expect_json default-journal-untouched 'len(d["sessions"])' 2

# ---- empty journal --------------------------------------------------------------

run mu status
expect_rc status-no-sessions-rc 2
expect_err status-no-sessions-msg "no sessions"
expect_err1 status-no-sessions-one-line
expect_empty_out status-no-sessions-stdout
run mu status --format json
expect_rc status-json-no-sessions-rc 2
run mu sessions
expect_rc sessions-empty-rc 0
expect_empty_out sessions-empty-stdout
expect_err sessions-empty-says "no sessions"
run mu sessions --format json
expect_rc sessions-json-empty-rc 0
expect_json sessions-json-empty 'd' '{"sessions":[]}'

# ---- start refuses bad versions before touching anything --------------------------

bad_start() { # NAME ARGS...: exit 2, a message, no output, no journal, no session
	name=$1; shift
	run "$MU" --journal "$T/never.db" start "$@"
	expect_rc "start-$name-rc" 2
	expect_err1 "start-$name-message"
	expect_empty_out "start-$name-stdout"
	expect_eq "start-$name-no-journal" "$(test -e "$T/never.db" && echo created)" ""
	run mu start "$@"
	expect_rc "start-$name-rc-existing" 2
}
bad_start downgrade --from 0.28 --to 0.26
bad_start too-new --from 0.26 --to 0.29
bad_start too-old --from 0.5 --to 0.28
bad_start garbage --from abc --to 0.28
bad_start bad-patch --from 0.26.y --to 0.28
bad_start no-to --from 0.26
bad_start no-from --to 0.28
bad_start empty-from --from "" --to 0.28
bad_start stray-arg --from 0.26 --to 0.28 extra
run "$MU" --journal "$T/never.db" start --from 0.28 --to 0.26
expect_err start-downgrade-says "downgrade"
run mu sessions --format json
expect_json start-bad-created-no-session 'len(d["sessions"])' 0

# ---- usage errors ------------------------------------------------------------------

run mu start --from 0.26 --to 0.28 --title "CHG-1 prod-east" --bogus
expect_rc start-unknown-option 2
run mu sessions --format md
expect_rc sessions-bad-format 2
expect_err1 sessions-bad-format-msg
run mu --operator alice start --from 0.26 --to 0.28 --title "CHG-1 prod-east"
expect_rc start-s1-rc 0
expect_eq start-s1-id "$out" 1
S=1
run mu status --format yaml
expect_rc status-bad-format 2
run mu status abc
expect_rc status-bad-session-id 2
expect_err1 status-bad-session-id-msg
run mu status 0
expect_rc status-session-0 2
run mu status 99
expect_rc status-unknown-session 2
expect_err status-unknown-session-msg "no session 99"
expect_err1 status-unknown-session-one-line
expect_empty_out status-unknown-session-stdout
run mu mark 99 0.26-0.27/implicit-roles done
expect_rc mark-unknown-session 2
expect_err mark-unknown-session-msg "no session 99"
run mu note 99 0.26-0.27/implicit-roles "text"
expect_rc note-unknown-session 2
expect_err note-unknown-session-msg "no session 99"
run mu mark x 0.26-0.27/implicit-roles done
expect_rc mark-bad-session-id 2
run mu mark $S 0.26-0.27/no-such-item done
expect_rc mark-unknown-item 2
expect_err mark-unknown-item-msg "0.26-0.27/no-such-item"
expect_err1 mark-unknown-item-one-line
run mu mark $S 0.11-0.12/restart-masters done
expect_rc mark-item-of-other-hop 2
run mu note $S 0.26-0.27/no-such-item "text"
expect_rc note-unknown-item 2
expect_err note-unknown-item-msg "0.26-0.27/no-such-item"
run mu mark $S 0.26-0.27/implicit-roles finish
expect_rc mark-bad-action 2
expect_err1 mark-bad-action-msg
run mu mark $S 0.26-0.27/implicit-roles
expect_rc mark-missing-action 2
run mu mark $S 0.26-0.27/implicit-roles done extra
expect_rc mark-extra-arg 2
run mu note $S 0.26-0.27/implicit-roles
expect_rc note-missing-text 2
run mu note $S 0.26-0.27/implicit-roles "   "
expect_rc note-blank-text 2
expect_err1 note-blank-text-msg
run mu --operator "" status
expect_rc operator-empty 2
run mu --operator "$(printf 'eve\nmallory')" note $S 0.26-0.27/implicit-roles "text"
expect_rc operator-control-chars 2
expect_err1 operator-control-chars-msg

# ---- refusals by the rules ------------------------------------------------------------

run mu mark $S 0.26-0.27/rebuild-modules done
expect_rc refuse-step-before-notes 1
expect_err refuse-step-before-notes-names "0.26-0.27/implicit-roles"
expect_err1 refuse-step-before-notes-one-line
expect_empty_out refuse-step-before-notes-stdout
run mu mark $S 0.27-0.28/scalar-precision done
expect_rc refuse-later-hop 1
expect_err refuse-later-hop-names "0.26-0.27/implicit-roles"
run mu mark $S 0.27-0.28/restart-agents skip --note "later"
expect_rc refuse-skip-later-hop 1
expect_err refuse-skip-later-hop-names "0.26-0.27/implicit-roles"
run mu mark $S 0.26-0.27/implicit-roles undo
expect_rc refuse-undo-pending 1
expect_err refuse-undo-pending-names "0.26-0.27/implicit-roles"
run mu mark $S 0.26-0.27/implicit-roles skip
expect_rc skip-without-note 2
expect_err1 skip-without-note-msg
run mu mark $S 0.26-0.27/implicit-roles skip --note " "
expect_rc skip-blank-note 2
run mu mark $S 0.27-0.28/scalar-precision done --force
expect_rc force-without-note 2
expect_err1 force-without-note-msg
run mu mark $S 0.26-0.27/rebuild-modules done --branch cgroups
expect_rc branch-on-plain-step 2
expect_eq refusals-record-nothing "$(nevents "$J")" 0

# ---- what gets done, by whom and when ---------------------------------------------------

for n in implicit-roles allocator-api executor-lost-callback; do
	run mu --operator alice mark $S 0.26-0.27/$n done
	expect_rc "ack-$n" 0
	expect_out "ack-$n-says" "0.26-0.27/$n acknowledged by alice at 2026-01-31T22:00:00Z"
done
export MESOS_UPGRADE_NOW=2026-01-31T22:01:00Z
for n in isolator-prepare teardown-frameworks-acl drf-reserved-resources; do
	run mu --operator bob mark $S 0.26-0.27/$n done
	expect_rc "ack-$n" 0
done
run mu mark $S 0.26-0.27/restart-masters done
expect_rc refuse-out-of-order 1
expect_err refuse-out-of-order-names "0.26-0.27/rebuild-modules"
expect_err refuse-out-of-order-force-hint "--force"
export MESOS_UPGRADE_NOW=2026-01-31T22:05:00Z
run mu --operator bob mark $S 0.26-0.27/rebuild-modules skip --note "no modules here"
expect_rc skip-with-note 0
expect_out skip-says "skipped by bob"
export MESOS_UPGRADE_NOW=2026-01-31T22:10:00Z
run mu --operator bob mark $S 0.26-0.27/restart-masters done
expect_rc done-step 0
expect_out done-step-says "0.26-0.27/restart-masters done by bob at 2026-01-31T22:10:00Z"
before=$(nevents "$J")
run mu --operator alice mark $S 0.26-0.27/restart-masters done
expect_rc done-twice-rc 0
expect_out done-twice-says "nothing recorded"
expect_eq done-twice-records-nothing "$(nevents "$J")" "$before"
run mu mark $S 0.26-0.27/restart-masters skip --note "why not"
expect_rc refuse-skip-done 1
expect_err refuse-skip-done-names "0.26-0.27/restart-masters"
export MESOS_UPGRADE_NOW=2026-01-31T22:15:00Z
run mu --operator alice mark $S 0.26-0.27/restart-masters undo
expect_rc undo 0
expect_out undo-says "undone by alice"
run mu mark $S 0.26-0.27/restart-agents done
expect_rc refuse-after-undo 1
expect_err refuse-after-undo-names "0.26-0.27/restart-masters"
export MESOS_UPGRADE_NOW=2026-01-31T22:20:00Z
run mu --operator bob mark $S 0.26-0.27/restart-masters done --note "second try"
expect_rc redo 0
export MESOS_UPGRADE_NOW=2026-01-31T22:25:00Z
run mu --operator alice note $S 0.26-0.27/restart-agents "rack 4 waits for the vendor"
expect_rc note 0
expect_out note-says "0.26-0.27/restart-agents noted by alice"
export MESOS_UPGRADE_NOW=2026-01-31T22:30:00Z
run mu --operator carol mark $S 0.27-0.28/scalar-precision done --force --note "vendor approved"
expect_rc force-with-note 0
expect_out force-says "(forced)"
expect_eq events-recorded "$(nevents "$J")" 12
expect_eq forced-recorded "$(nevents "$J" "forced = 1 AND item = '0.27-0.28/scalar-precision'")" 1

# ---- resumed in a fresh process: exactly what was done ------------------------------------

export MESOS_UPGRADE_NOW=2026-02-01T08:00:00Z
run mu status $S
expect_rc resume-status-rc 0
expect_eq resume-status-quiet "$err" ""
expect_out resume-header "Session 1: 0.26 -> 0.28  CHG-1 prod-east"
expect_out resume-totals "9 of 20 items resolved (8 done, 1 skipped, 11 pending, 1 forced)"
expect_out resume-started "Started 2026-01-31T22:00:00Z by alice@$HOST"
expect_out resume-alice-ack "[x] note 0.26-0.27/implicit-roles  acknowledged by alice@$HOST at 2026-01-31T22:00:00Z"
expect_out resume-bob-ack "[x] note 0.26-0.27/drf-reserved-resources  acknowledged by bob@$HOST at 2026-01-31T22:01:00Z"
expect_out resume-skip "[-] 1.   0.26-0.27/rebuild-modules  skipped by bob@$HOST at 2026-01-31T22:05:00Z: no modules here"
expect_out resume-redo "[x] 2.   0.26-0.27/restart-masters  done by bob@$HOST at 2026-01-31T22:20:00Z: second try"
expect_out resume-note "note by alice@$HOST at 2026-01-31T22:25:00Z: rack 4 waits for the vendor"
expect_out resume-pending "[ ] 3.   0.26-0.27/restart-agents"
expect_out resume-forced "acknowledged by carol@$HOST at 2026-01-31T22:30:00Z (FORCED): vendor approved"
expect_out resume-next "Next: 0.26-0.27/restart-agents"
expect_not_out resume-no-new-time "2026-02-01T08:00:00Z"
run mu status
expect_out status-default-is-open-session "Session 1:"

run mu status $S --format json
expect_rc status-json-rc 0
printf '%s' "$out" >"$T/s1.json"
python3 - "$T/s1.json" "$HOST" <<'EOF'
import json, sys
path, host = sys.argv[1], sys.argv[2]
def ok(n): print("ok " + n)
def fail(n, why): print("FAIL %s: %s" % (n, why))
def check(n, cond, why=""):
    ok(n) if cond else fail(n, why)
try:
    d = json.load(open(path))
except ValueError as e:
    fail("status-json-parses", e); sys.exit(0)
ok("status-json-parses")

# the shape
s = d.get("session", {})
want = {"id": int, "from": str, "to": str, "title": str, "operator": str, "host": str,
        "created": str, "status": str, "finished": (str, type(None)),
        "last_activity": (str, type(None)), "content_version": str,
        "content_digest": str, "content_changed": bool}
bad = [k for k, t in want.items() if k not in s or not isinstance(s[k], t)]
check("json-session-shape", not bad, "bad or missing %s in %s" % (bad, s))
t = d.get("totals", {})
bad = [k for k in ("items", "done", "skipped", "pending", "forced", "removed")
       if not isinstance(t.get(k), int) or isinstance(t.get(k), bool)]
check("json-totals-shape", not bad, "bad or missing %s in %s" % (bad, t))
hops = d.get("hops")
check("json-hops", isinstance(hops, list) and [h.get("id") for h in hops] == ["0.26-0.27", "0.27-0.28"],
      "hops: %r" % ([h.get("id") for h in hops] if isinstance(hops, list) else hops))
hops = hops if isinstance(hops, list) else []
bad = []
for h in hops:
    for k, ty in (("id", str), ("from", str), ("to", str), ("title", str), ("ordered", bool),
                  ("done", int), ("skipped", int), ("pending", int), ("items", list)):
        if not isinstance(h.get(k), ty):
            bad.append("%s.%s" % (h.get("id"), k))
check("json-hop-shape", not bad, "bad or missing %s" % bad)
items = [it for h in hops for it in (h.get("items") or [])]
evkeys = {"action": str, "time": str, "operator": str, "host": str, "text": str, "forced": bool}
bad = []
for it in items:
    for k, ty in (("id", str), ("kind", str), ("title", str), ("state", str),
                  ("locked", (str, type(None))), ("branch", (str, type(None))),
                  ("forced", bool), ("drift", str), ("changed_since_done", bool),
                  ("change", (dict, type(None))), ("note", (dict, type(None)))):
        if k not in it or not isinstance(it[k], ty):
            bad.append("%s.%s" % (it.get("id"), k))
    if it.get("kind") not in ("note", "step"): bad.append("%s.kind" % it.get("id"))
    if it.get("state") not in ("pending", "done", "skipped"): bad.append("%s.state" % it.get("id"))
    if it.get("drift") not in ("none", "changed", "added", "removed"): bad.append("%s.drift" % it.get("id"))
    if it.get("kind") == "note" and it.get("number") is not None: bad.append("%s.number" % it.get("id"))
    if it.get("kind") == "step" and not isinstance(it.get("number"), int): bad.append("%s.number" % it.get("id"))
    for ev in ("change", "note"):
        e = it.get(ev)
        if isinstance(e, dict):
            bad += ["%s.%s.%s" % (it.get("id"), ev, k) for k, ty in evkeys.items()
                    if not isinstance(e.get(k), ty)]
check("json-item-shape", not bad, "bad or missing %s" % bad[:10])
check("json-item-count", len(items) == 20 == t.get("items"), "%d items, totals %s" % (len(items), t))

# the session
check("json-session-values",
      (s.get("id"), s.get("from"), s.get("to"), s.get("title"), s.get("operator"), s.get("host"),
       s.get("created"), s.get("status"), s.get("finished"), s.get("last_activity"),
       s.get("content_changed"))
      == (1, "0.26", "0.28", "CHG-1 prod-east", "alice", host, "2026-01-31T22:00:00Z", "open",
          None, "2026-01-31T22:30:00Z", False), "session: %s" % s)
check("json-totals-values", t == {"items": 20, "done": 8, "skipped": 1, "pending": 11,
                                  "forced": 1, "removed": 0}, "totals: %s" % t)
check("json-hop-counts", [(h.get("done"), h.get("skipped"), h.get("pending")) for h in hops]
      == [(7, 1, 4), (1, 0, 7)], [(h.get("done"), h.get("skipped"), h.get("pending")) for h in hops])

# every item: exactly what was done, by whom, when
A, B, C = "alice", "bob", "carol"
T0, T1, T5, T20, T30 = ("2026-01-31T22:00:00Z", "2026-01-31T22:01:00Z", "2026-01-31T22:05:00Z",
                        "2026-01-31T22:20:00Z", "2026-01-31T22:30:00Z")
want = {
    "0.26-0.27/implicit-roles": ("done", "ack", A, T0, "", False),
    "0.26-0.27/allocator-api": ("done", "ack", A, T0, "", False),
    "0.26-0.27/executor-lost-callback": ("done", "ack", A, T0, "", False),
    "0.26-0.27/isolator-prepare": ("done", "ack", B, T1, "", False),
    "0.26-0.27/teardown-frameworks-acl": ("done", "ack", B, T1, "", False),
    "0.26-0.27/drf-reserved-resources": ("done", "ack", B, T1, "", False),
    "0.26-0.27/rebuild-modules": ("skipped", "skip", B, T5, "no modules here", False),
    "0.26-0.27/restart-masters": ("done", "done", B, T20, "second try", False),
    "0.27-0.28/scalar-precision": ("done", "ack", C, T30, "vendor approved", True),
}
bad = []
for it in items:
    c = it.get("change") or {}
    got = (it.get("state"), c.get("action"), c.get("operator"), c.get("time"), c.get("text"),
           c.get("forced")) if it.get("change") else (it.get("state"),)
    exp = want.get(it.get("id"), ("pending",))
    if got != exp:
        bad.append("%s: %s, expected %s" % (it.get("id"), got, exp))
    if it.get("change") and c.get("host") != host:
        bad.append("%s: host %s" % (it.get("id"), c.get("host")))
    if it.get("forced") != (len(exp) > 1 and exp[5]):
        bad.append("%s: forced %s" % (it.get("id"), it.get("forced")))
check("json-exactly-what-was-done", not bad, "; ".join(bad))
by = {it["id"]: it for it in items if "id" in it}
n = by.get("0.26-0.27/restart-agents", {}).get("note") or {}
check("json-note", (n.get("action"), n.get("operator"), n.get("host"), n.get("time"), n.get("text"))
      == ("note", "alice", host, "2026-01-31T22:25:00Z", "rack 4 waits for the vendor"), "note: %s" % n)
check("json-note-only-there", [i for i in by if by[i].get("note")] == ["0.26-0.27/restart-agents"],
      [i for i in by if by[i].get("note")])
check("json-next-unlocked", by.get("0.26-0.27/restart-agents", {}).get("locked") is None,
      by.get("0.26-0.27/restart-agents", {}).get("locked"))
lk = by.get("0.26-0.27/upgrade-schedulers", {}).get("locked") or ""
check("json-locked-names-blocker", "0.26-0.27/restart-agents" in lk, "locked: %r" % lk)
lk = by.get("0.27-0.28/reservation-acls", {}).get("locked") or ""
check("json-locked-later-hop", "0.26-0.27/restart-agents" in lk, "locked: %r" % lk)
check("json-done-not-locked", all(by[i].get("locked") is None for i in want if i in by),
      [i for i in want if i in by and by[i].get("locked") is not None])
check("json-branch-null", all(it.get("branch") is None for it in items), "a branch where none was chosen")
check("json-no-drift", all(it.get("drift") == "none" and it.get("changed_since_done") is False
                           for it in items), "drift without a content change")
EOF

# ---- sessions ---------------------------------------------------------------------------

run mu sessions
expect_rc sessions-rc 0
expect_out sessions-row "0.26 -> 0.28"
expect_out sessions-progress "9/20"
expect_out sessions-title "CHG-1 prod-east"
expect_out sessions-operator "alice"
expect_out sessions-open "open"
run mu sessions --format json
expect_rc sessions-json-rc 0
expect_json sessions-json-ids '[s["id"] for s in d["sessions"]]' '[1]'
expect_json sessions-json-s1 \
	'[d["sessions"][0][k] for k in ("from","to","title","operator","status","created")]' \
	'["0.26","0.28","CHG-1 prod-east","alice","open","2026-01-31T22:00:00Z"]'
expect_json sessions-json-totals 'd["sessions"][0]["totals"]' \
	'{"items":20,"done":8,"skipped":1,"pending":11,"forced":1,"removed":0}'

# ---- a whole session to the end ------------------------------------------------------------

export MESOS_UPGRADE_NOW=2026-02-01T09:00:00Z
run mu --operator dave start --from 0.26 --to 0.28 --title "CHG-2"
expect_eq start-s2-id "$out" 2
S2=2
run mu status $S2 --format json
for id in $(jv '" ".join(i["id"] for i in items())'); do
	case $id in
	*/rebuild-modules) mu --operator dave mark $S2 "$id" skip --note "no modules" ;;
	*) mu --operator dave mark $S2 "$id" done ;;
	esac >/dev/null 2>"$T/err" || fail "finish-mark-$id" "$(cat "$T/err")"
done
export MESOS_UPGRADE_NOW=2026-02-01T10:00:00Z
run mu status $S2 --format json
expect_rc finished-status-rc 0
expect_json finished-status 'd["session"]["status"]' finished
expect_json finished-time 'd["session"]["finished"]' 2026-02-01T09:00:00Z
expect_json finished-totals 'd["totals"]' '{"items":20,"done":18,"skipped":2,"pending":0,"forced":0,"removed":0}'
expect_json finished-all-resolved 'all(i["state"] != "pending" and i["locked"] is None for i in items())' true
run mu status $S2
expect_out finished-text "Status: finished; 20 of 20 items resolved (18 done, 2 skipped, 0 pending)"
expect_out finished-text-time "finished 2026-02-01T09:00:00Z"
expect_not_out finished-no-next "Next:"
run mu sessions --format json
expect_json sessions-finished '[s["status"] for s in d["sessions"]]' '["open","finished"]'
run mu status
expect_out status-default-skips-finished "Session 1:"
run mu --operator dave mark $S2 0.27-0.28/upgrade-executors undo
expect_rc finished-undo 0
run mu status $S2 --format json
expect_json reopened-status 'd["session"]["status"]' open
expect_json reopened-finished 'd["session"]["finished"]' null
run mu status
expect_out status-default-newest-open "Session 2:"

# ---- branches ---------------------------------------------------------------------------------

run mu start --from 0.17 --to 0.18
S3=$out
expect_eq start-s3-id "$S3" 3
for id in cgroups-reboot restart-masters upgrade-schedulers restart-schedulers; do
	mu mark "$S3" 0.17-0.18/$id done >/dev/null 2>"$T/err" || fail "branch-setup-$id" "$(cat "$T/err")"
done
run mu mark "$S3" 0.17-0.18/restart-agents done
expect_rc branch-required 1
expect_err branch-required-names "--branch cgroups"
run mu mark "$S3" 0.17-0.18/restart-agents done --branch nope
expect_rc branch-unknown 2
expect_err1 branch-unknown-msg
run mu mark "$S3" 0.17-0.18/restart-agents skip --note x --branch cgroups
expect_rc branch-with-skip 2
run mu mark "$S3" 0.17-0.18/restart-agents done --branch cgroups
expect_rc branch-done 0
expect_out branch-done-says "branch cgroups"
run mu status "$S3" --format json
expect_json branch-json 'item("0.17-0.18/restart-agents")["branch"]' cgroups
expect_json branch-json-state 'item("0.17-0.18/restart-agents")["state"]' done
run mu status "$S3"
expect_out branch-text "0.17-0.18/restart-agents [branch cgroups]"

# ---- content drift ---------------------------------------------------------------------------

cp -R "$ROOT/content" "$T/content"
DJ2=$T/drift.db
md() { "$MU" --journal "$DJ2" --content "$T/content" "$@"; }
run md start --from 0.26 --to 0.28
expect_eq drift-start "$out" 1
md mark 1 0.26-0.27/implicit-roles done >/dev/null
md mark 1 0.26-0.27/allocator-api done >/dev/null
run md status 1 --format json
expect_json drift-before 'd["session"]["content_changed"]' false
f=$T/content/hops/0.26-0.27.yaml
sed -i 's/Mesos 0.27 introduces implicit roles\./Mesos 0.27 introduces implicit roles (edited)./' "$f"
sed -i 's/The executorLost callback/The executorLost callback (edited)/' "$f"
grep -q "(edited)" "$f" || fail drift-edit "the content copy was not edited"
run md status 1
expect_rc drift-status-rc 0
expect_out drift-says-changed "THE CONTENT CHANGED"
expect_out drift-counts-items "2 items differ, 1 of them changed after being done"
expect_out drift-flags-item "0.26-0.27/implicit-roles  acknowledged by"
if printf '%s\n' "$out" | grep -F "0.26-0.27/implicit-roles" | grep -qF "! changed since it was done"; then
	ok drift-flags-item-bang; else fail drift-flags-item-bang "no '!' on 0.26-0.27/implicit-roles: $out"; fi
if printf '%s\n' "$out" | grep -F "0.26-0.27/allocator-api" | grep -qF "changed"; then
	fail drift-unchanged-not-flagged "0.26-0.27/allocator-api flagged"; else ok drift-unchanged-not-flagged; fi
run md status 1 --format json
expect_rc drift-json-rc 0
expect_json drift-json-session 'd["session"]["content_changed"]' true
expect_json drift-json-item '[item("0.26-0.27/implicit-roles")[k] for k in ("drift","changed_since_done","state")]' \
	'["changed",true,"done"]'
expect_json drift-json-pending-item '[item("0.26-0.27/executor-lost-callback")[k] for k in ("drift","changed_since_done")]' \
	'["changed",false]'
expect_json drift-json-others '[i["id"] for i in items() if i["drift"] != "none"]' \
	'["0.26-0.27/implicit-roles","0.26-0.27/executor-lost-callback"]'
# marking under the new content records it: the item no longer differs from when it was done
md mark 1 0.26-0.27/implicit-roles undo >/dev/null
md mark 1 0.26-0.27/implicit-roles done >/dev/null
run md status 1 --format json
expect_json drift-redone '[item("0.26-0.27/implicit-roles")[k] for k in ("drift","changed_since_done")]' \
	'["changed",false]'

# ---- the host recorded: $MESOS_UPGRADE_HOST when it is a valid name ---------------------------
HJ=$T/host.db
run env MESOS_UPGRADE_HOST=bastion-7.example.org "$MU" --journal "$HJ" --operator alice \
	start --from 0.26 --to 0.27
expect_rc host-seam-start 0
run env MESOS_UPGRADE_HOST=bastion-8 "$MU" --journal "$HJ" --operator bob \
	mark 1 0.26-0.27/implicit-roles done
expect_rc host-seam-mark 0
# not a printable name: the machine's own is recorded instead
run env MESOS_UPGRADE_HOST="$(printf 'evil\033[2Jhost')" "$MU" --journal "$HJ" --operator carol \
	mark 1 0.26-0.27/allocator-api done
expect_rc host-seam-unprintable-mark 0
run "$MU" --journal "$HJ" status 1 --format json
expect_json host-seam-session 'd["session"]["host"]' bastion-7.example.org
expect_json host-seam-event 'item("0.26-0.27/implicit-roles")["change"]["host"]' bastion-8
expect_json host-seam-unprintable-passed-over 'item("0.26-0.27/allocator-api")["change"]["host"]' "$HOST"

# ---- no SESSION: the open session worked on last, not the newest created ---------------------
LJ=$T/latest.db
lj() { "$MU" --journal "$LJ" --operator alice "$@"; }
MESOS_UPGRADE_NOW=2026-02-01T08:00:00Z lj start --from 0.26 --to 0.27 --title older >/dev/null
MESOS_UPGRADE_NOW=2026-02-01T09:00:00Z lj start --from 0.27 --to 0.28 --title newer >/dev/null
run lj status
expect_out latest-by-creation "Session 2:"
# work on the older session after the newer one was started
MESOS_UPGRADE_NOW=2026-02-01T10:00:00Z lj mark 1 0.26-0.27/implicit-roles done >/dev/null
run lj status
expect_out latest-by-activity-status "Session 1:"
printf ':dump\n' >"$T/latest.keys"
run env MESOS_UPGRADE_KEYS="$T/latest.keys" "$MU" --journal "$LJ" --operator alice resume
expect_rc latest-by-activity-resume-rc 0
expect_out latest-by-activity-resume "session 1: 0.26 -> 0.27"
run env MESOS_UPGRADE_KEYS="$T/latest.keys" "$MU" --journal "$LJ" --operator alice
expect_out latest-by-activity-wizard "session 1: 0.26 -> 0.27"
expect_out latest-by-activity-wizard-says "Resumed session 1, worked on last; 1 other open session"
# the newer one worked on later again: it is the one
MESOS_UPGRADE_NOW=2026-02-01T11:00:00Z lj note 2 0.27-0.28/scalar-precision "read it" >/dev/null
run lj status
expect_out latest-note-is-activity "Session 2:"
