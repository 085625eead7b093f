#!/bin/sh
# report_hosts.sh - reports of sessions with an inventory: golden files in
# every format (tests/reports/hosts1.*, a finished session; hosts2.*, an open
# one), the HTML parsed, the JSON's hosts nested under their step and
# consistent with the timeline, and what a change manager asks first: each
# host, the span of a step, the skipped hosts by reason, the leader last.
#
# UPDATE=1 sh tests/cli/report_hosts.sh regenerates the golden files (with
# MU=./mesos-upgrade); read every one of them after. The recording commands
# run with the host name HOST, as report.sh's do (lib_report.sh: a UTS
# namespace when unshare allows it; otherwise the name is replaced in the
# reports).
. "$(dirname "$0")/lib.sh"
D=$(dirname "$0")
G=$D/../reports
export MESOS_UPGRADE_NOW=2026-02-01T08:00:00Z
J=$T/j.db

. "$D/lib_report.sh"

cat >"$T/prod.yaml" <<'EOF'
masters: [mesos-m1.prod, mesos-m2.prod, mesos-m3.prod]
leader: mesos-m1.prod
agents:
  - agent-01.prod
  - agent-02.prod
  - agent-03.prod
  - agent-04.prod
  - agent-05.prod
  - agent-06.prod
EOF

# Session 1, finished: the masters one by one, the leader last with a note on
# its failover; the agents by two operators, one undone and redone, one
# forced early, two skipped as decommissioned and one in repair.
B=0.27-0.28 M=0.27-0.28/restart-masters A=0.27-0.28/restart-agents
at 22:00:00 alice start --from 0.27 --to 0.28 --title 'CHG-2001 rolling prod' --inventory "$T/prod.yaml"
at 22:00:30 bob mark 1 $A@agent-06.prod done --force --note 'drained and upgraded by config management'
at 22:01:00 alice mark 1 $B/scalar-precision done
at 22:01:30 alice mark 1 $B/reservation-acls done
at 22:02:00 alice mark 1 $B/rebuild-modules skip --note 'no modules on this cluster'
at 22:03:00 alice note 1 $M 'the window closes at 02:00'
at 22:05:00 alice mark 1 $M@mesos-m2.prod done
at 22:09:30 alice mark 1 $M@mesos-m3.prod done
at 22:15:00 alice mark 1 $M@mesos-m1.prod done --note 'failover to mesos-m2.prod in 4 s'
at 22:20:00 bob mark 1 $A@agent-01.prod done
at 22:22:00 bob mark 1 $A@agent-02.prod done
at 22:23:00 bob mark 1 $A@agent-02.prod undo --note 'executor did not come back'
at 22:24:00 bob note 1 $A@agent-02.prod 'restarted the docker daemon'
at 22:31:00 bob mark 1 $A@agent-02.prod done
at 22:32:00 alice mark 1 $A@agent-03.prod skip --note 'decommissioned'
at 22:32:10 alice mark 1 $A@agent-04.prod skip --note 'in repair: disk'
at 22:32:20 alice mark 1 $A@agent-05.prod skip --note 'decommissioned'
at 22:40:00 alice mark 1 $B/upgrade-schedulers done
at 22:41:00 alice mark 1 $B/restart-schedulers done
at 22:45:00 alice mark 1 $B/upgrade-executors done
# Session 2, open: two masters of three, no agent yet.
at 23:00:00 carol start --from 0.27 --to 0.28 --title 'CHG-2002 staging' --inventory "$T/prod.yaml"
at 23:01:00 carol mark 2 $B/scalar-precision done
at 23:01:10 carol mark 2 $B/reservation-acls done
at 23:01:20 carol mark 2 $B/rebuild-modules done
at 23:10:00 carol mark 2 $M@mesos-m2.prod done
at 23:12:00 carol mark 2 $M@mesos-m3.prod skip --note 'out of the quorum for maintenance'
if [ -z "$bad_fixture" ]; then ok "fixture journal with hosts built (host: $HOST${NS:+, by $NS})"
else fail "fixture journal with hosts built" "$bad_fixture"; fi

# ---- golden files ---------------------------------------------------------------

for s in 1 2; do
	for f in md html json text; do
		ext=$f; [ $f = text ] && ext=txt
		run "$MU" --journal "$J" report $s --format $f
		expect_rc "report $s --format $f with hosts: exit 0" 0
		cp "$T/out" "$T/hosts$s.$ext"
		q golden "report $s --format $f with hosts: as tests/reports/hosts$s.$ext" \
			"$T/hosts$s.$ext" "$G/hosts$s.$ext" "$HOST"
	done
	q html "report $s html with hosts:" "$T/hosts$s.html"
	"$MU" --journal "$J" status $s --format json >"$T/status$s.json"
done

# ---- what a change manager reads first --------------------------------------------

for f in txt md html; do
	amp=; [ $f = html ] && amp=1
	quote() { if [ -n "$amp" ]; then printf '%s' "$1" | sed 's/"/\&quot;/g'; else printf '%s' "$1"; fi; }
	has "report 1 $f: the masters' span, first to last check-off" "$T/hosts1.$f" \
		"hosts: 3 done, 0 skipped, 0 pending of 3; first check-off 2026-01-31T22:05:00Z, last 2026-01-31T22:15:00Z (10m 00s)"
	has "report 1 $f: the leader last, its note" "$T/hosts1.$f" \
		"mesos-m1.prod (leader, last): done by alice@$HOST at 2026-01-31T22:15:00Z (+10m 00s); note: failover to mesos-m2.prod in 4 s"
	has "report 1 $f: each host with how long after the first" "$T/hosts1.$f" \
		"mesos-m3.prod: done by alice@$HOST at 2026-01-31T22:09:30Z (+4m 30s)"
	has "report 1 $f: the skipped hosts by reason" "$T/hosts1.$f" \
		"$(quote 'skipped because "decommissioned": 2 hosts: agent-03.prod, agent-05.prod')"
	has "report 1 $f: the other reason" "$T/hosts1.$f" \
		"$(quote 'skipped because "in repair: disk": 1 host: agent-04.prod')"
	has "report 1 $f: the forced host and its reason" "$T/hosts1.$f" \
		"agent-06.prod: done by bob@$HOST at 2026-01-31T22:00:30Z (+0s), FORCED; reason: drained and upgraded by config management"
	has "report 1 $f: a note on a host" "$T/hosts1.$f" \
		"note by bob@$HOST at 2026-01-31T22:24:00Z: restarted the docker daemon"
	has "report 1 $f: a note on the step" "$T/hosts1.$f" \
		"note by alice@$HOST at 2026-01-31T22:03:00Z: the window closes at 02:00"
	has "report 1 $f: the agents' step, some forced" "$T/hosts1.$f" \
		"done: every host resolved, the last at 2026-01-31T22:32:20Z, some FORCED"
	has "report 2 $f: a step partway" "$T/hosts2.$f" "pending: 2 of 3 hosts resolved"
	has "report 2 $f: a pending host" "$T/hosts2.$f" "mesos-m1.prod (leader, last): pending"
	has "report 2 $f: the agents not started" "$T/hosts2.$f" "hosts: 0 done, 0 skipped, 6 pending of 6"
done
if grep -q '^| 2026-01-31T22:05:00Z | `0.27-0.28/restart-masters@mesos-m2.prod` | done |' "$T/hosts1.md"; then
	ok "report 1 md: a host's item in the timeline is a code span"
else fail "report 1 md: a host's item in the timeline is a code span" "$(grep 'mesos-m2' "$T/hosts1.md" | tail -n 1)"; fi

py "report 1 json: hosts nested under their step, consistent with the timeline and status" '
import json, sys
d = json.load(open(sys.argv[1])); st = json.load(open(sys.argv[2]))
M, A = "0.27-0.28/restart-masters", "0.27-0.28/restart-agents"
assert d["session"] == st["session"]
assert d["session"]["status"] == "finished" and d["duration_seconds"] == 45 * 60
hop = d["hops"][0]
items = {i["id"]: i for i in hop["items"]}
assert len(hop["items"]) == 8 and not [i for i in items if "@" in i]
assert hop["totals"] == {"items": 8, "done": 7, "skipped": 1, "pending": 0, "forced": 1, "removed": 0}, hop["totals"]
assert d["totals"] == hop["totals"]
tl = d["timeline"]
def last_state(ident):
    ev = [e for e in tl if e["item"] == ident and e["action"] in ("done", "skip", "undo", "ack")]
    return ev[-1] if ev else None
status_items = {i["id"]: i for h in st["hops"] for i in h["items"]}
for step, n in ((M, 3), (A, 6)):
    s = items[step]
    assert s["target"] is None and s["leader"] is False and len(s["hosts"]) == n
    times = []
    for h in s["hosts"]:
        assert list(h) == list(s), (list(h), list(s))
        assert h["id"] == step + "@" + h["target"] and h["hosts"] is None
        assert h["number"] == s["number"] and h["role"] == s["role"] and h["text"] == s["text"]
        e = last_state(h["id"])
        assert e and e["action"] != "undo", h["id"]
        assert h["state"] == ("skipped" if e["action"] == "skip" else "done")
        assert (h["time"], h["operator"], h["host"], h["forced"]) == (e["time"], e["operator"], e["host"], e["forced"]), h
        assert h["reason"] == (e["text"] if h["state"] == "skipped" or h["forced"] else None), h
        assert h["notes"] == [{k: x[k] for k in ("time", "operator", "host", "text")} for x in tl if x["item"] == h["id"] and x["action"] == "note"]
        si = status_items[h["id"]]
        assert (si["host"], si["leader"], si["state"]) == (h["target"], h["leader"], h["state"])
        times.append(h["time"])
    assert s["time"] == max(times), (s["time"], times)
    assert s["state"] == "done"
m = items[M]["hosts"]
assert [h["target"] for h in m] == ["mesos-m2.prod", "mesos-m3.prod", "mesos-m1.prod"]
assert [h["leader"] for h in m] == [False, False, True]
a = {h["target"]: h for h in items[A]["hosts"]}
assert sorted(t for t, h in a.items() if h["state"] == "skipped") == ["agent-03.prod", "agent-04.prod", "agent-05.prod"]
assert a["agent-06.prod"]["forced"] and items[A]["forced"] and not items[M]["forced"]
assert [n["text"] for n in a["agent-02.prod"]["notes"]] == ["restarted the docker daemon"]
assert [n["text"] for n in items[M]["notes"]] == ["the window closes at 02:00"]
assert [e["action"] for e in tl if e["item"] == A + "@agent-02.prod"] == ["done", "undo", "note", "done"]
assert hop["started"] == "2026-01-31T22:00:30Z" and hop["finished"] == "2026-01-31T22:45:00Z"
assert [o["operator"] for o in d["operators"]] == ["alice", "bob"]
' "$T/hosts1.json" "$T/status1.json"
py "report 2 json: open, hosts pending, a skipped master with its reason" '
import json, sys
d = json.load(open(sys.argv[1]))
items = {i["id"]: i for h in d["hops"] for i in h["items"]}
m = items["0.27-0.28/restart-masters"]
assert d["session"]["status"] == "open" and d["finished"] is None and m["state"] == "pending"
assert m["time"] is None and m["operator"] is None
assert [(h["target"], h["state"]) for h in m["hosts"]] == [("mesos-m2.prod", "done"), ("mesos-m3.prod", "skipped"), ("mesos-m1.prod", "pending")]
assert m["hosts"][1]["reason"] == "out of the quorum for maintenance"
assert m["hosts"][2]["time"] is None and m["hosts"][2]["reason"] is None
assert all(h["state"] == "pending" for h in items["0.27-0.28/restart-agents"]["hosts"])
assert d["totals"] == {"items": 8, "done": 3, "skipped": 0, "pending": 5, "forced": 0, "removed": 0}, d["totals"]
' "$T/hosts2.json"

python3 "$D/report_check.py" batch "$Q"
