# exclude.sh - a host left out of the upgrade ("exclude SESSION HOST --note
# REASON") and taken back in ("include SESSION HOST"): its pending items
# skipped in every hop, each skip linked to the exclusion; what is done stays
# done, what was skipped by hand stays skipped; the leading master refused
# without --force; a closed session refused; status and every report list the
# excluded hosts; a hop does not start at a skip the exclusion wrote ahead.
. tests/cli/lib.sh
json_server
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z MESOS_UPGRADE_HOST=bastion1
J="$T/j.db"
mu() { run "$MU" --journal "$J" --operator alice "$@"; }
A=0.26-0.27 B=0.27-0.28
printf 'masters: [m1, m2, m3]\nleader: m2\nagents: [a1, a2, a3, a4]\n' >"$T/inv.yaml"
mu start --from 0.26 --to 0.28 --inventory "$T/inv.yaml" --title rolling
mu start --from 0.26 --to 0.28 --title 'no inventory'

# ---- bad requests: nothing recorded ------------------------------------------------
before=$(nevents "$J")
mu exclude 1 a9 --note gone
expect_rc unknown-host-rc 2
expect_err unknown-host-nearest "session 1 has no host 'a9' (did you mean a1, a2 or a3?); 'status 1 --hosts' lists its hosts"
mu exclude 1 a1
expect_rc no-reason-rc 2
expect_err no-reason-says "exclude: leaving a host out needs a reason: --note REASON, e.g. 'exclude 1 a1 --note \"decommissioned\"'"
mu exclude 1 a1 --note '   '
expect_rc blank-reason-rc 2
mu exclude 2 a1 --note gone
expect_rc no-inventory-rc 2
expect_err no-inventory-says "session 2 has no inventory, so no host 'a1': 'edit 2 --inventory FILE' gives it one"
mu exclude 7 a1 --note gone
expect_rc no-session-rc 2
mu exclude x a1 --note gone
expect_rc bad-session-id-rc 2
mu exclude 1
expect_rc needs-host-rc 2
expect_err needs-host-says "needs SESSION and HOST"
mu include 1 a9
expect_rc include-unknown-rc 2
expect_err include-unknown-nearest "(did you mean a1, a2 or a3?)"
mu include 1 a1
expect_rc include-not-excluded-rc 0
expect_out include-not-excluded-says "a1 is not excluded from session 1; nothing recorded"
expect_eq bad-requests-record-nothing "$(nevents "$J")" "$before"
expect_eq bad-requests-no-exclusion "$(jsql 'SELECT count(*) FROM exclusions')" 0

# ---- exclude: every pending item, every hop; done stays done ------------------------
mu mark 1 $A/restart-agents@a1 done --force --note 'done before the window'
mu exclude 1 a1 --note 'decommissioned, OPS-88'
expect_rc exclude-rc 0
expect_out exclude-says "a1 excluded from session 1 by alice at 2026-01-31T22:00:00Z: 1 pending item skipped in every hop; 1 done stays done"
mu status 1 --format json
expect_json done-stays-done "item('$A/restart-agents@a1')['state']" done
expect_json later-hop-skipped "item('$B/restart-agents@a1')['state']" skipped
expect_json skip-carries-reason "item('$B/restart-agents@a1')['change']['text']" 'decommissioned, OPS-88'
expect_json skip-not-forced "item('$B/restart-agents@a1')['forced']" false
expect_json status-json-excluded "d['excluded']" '[{"host":"a1","role":"agent","note":"decommissioned, OPS-88","operator":"alice","time":"2026-01-31T22:00:00Z","forced":false}]'
expect_json others-untouched "item('$B/restart-agents@a2')['state']" pending
expect_eq skips-linked-to-exclusion "$(jsql "SELECT count(*) FROM event_exclusions x JOIN events e ON e.id = x.event WHERE e.action = 'skip' AND e.item LIKE '%@a1'")" 1
mu exclude 1 a1 --note again
expect_rc exclude-again-rc 0
expect_out exclude-again-says "a1 is excluded from session 1 already (by alice at 2026-01-31T22:00:00Z: decommissioned, OPS-88); nothing recorded"
expect_eq exclude-again-records-nothing "$(jsql 'SELECT count(*) FROM exclusions')" 1

# an agent with an item skipped by hand: include undoes the exclusion's skips only
mu mark 1 $A/restart-agents@a4 skip --force --note 'disk replaced, restarted by hand'
mu exclude 1 a4 --note 'out for repair'
expect_out exclude-a4-says "1 pending item skipped in every hop"
mu include 1 a4
expect_rc include-rc 0
expect_out include-says "a4 included again in session 1 by alice at 2026-01-31T22:00:00Z: 1 item pending again; 1 skipped by hand stays skipped"
mu status 1 --format json
expect_json include-undoes-exclusion "item('$B/restart-agents@a4')['state']" pending
expect_json include-keeps-hand-skip "item('$A/restart-agents@a4')['state']" skipped
expect_json include-keeps-hand-reason "item('$A/restart-agents@a4')['change']['text']" 'disk replaced, restarted by hand'
expect_json included-not-listed "[x['host'] for x in d['excluded']]" '["a1"]'
mu include 1 a4
expect_out include-again-says "a4 is not excluded from session 1; nothing recorded"
# and out again: the skips of the second exclusion are its own
mu exclude 1 a4 --note 'out for repair, again'
mu status 1 --format json
expect_json excluded-again "item('$B/restart-agents@a4')['change']['text']" 'out for repair, again'

# ---- the leading master ---------------------------------------------------------------
mu exclude 1 m2 --note 'old hardware'
expect_rc leader-refused-rc 1
expect_err leader-refused-says "m2 is the leading master (as the inventory says): leaving it out leaves the cluster led by a master of the old version; fail over to another master first (then 'probe 1'), or give --force"
mu exclude 1 m2 --note 'replaced after the window' --force
expect_rc leader-forced-rc 0
expect_out leader-forced-says "m2 excluded from session 1 by alice at 2026-01-31T22:00:00Z (forced): 2 pending items skipped"
mu status 1 --format json
expect_json leader-skips-forced "item('$B/restart-masters@m2')['forced']" true
expect_json leader-listed-forced "[x['forced'] for x in d['excluded'] if x['host'] == 'm2']" '[true]'
# with the leader left out, the other masters are not waiting for it
mu mark 1 '0.26-0.27/*' done
mu status 1 --format json
expect_json masters-marked-without-leader "[item('$A/restart-masters@' + h)['state'] for h in ('m1', 'm3')]" '["done","done"]'

# ---- status and reports list them -----------------------------------------------------
mu status 1
expect_out status-text-heading "Excluded hosts (3):"
expect_out status-text-a1 "  a1 (agent): decommissioned, OPS-88; by alice@bastion1 at 2026-01-31T22:00:00Z"
expect_out status-text-m2 "  m2 (master, FORCED: the leading master): replaced after the window; by alice@bastion1 at 2026-01-31T22:00:00Z"
mu status 1 --hosts
expect_out status-text-item-marked "$B/restart-agents@a1  skipped by alice@bastion1 at 2026-01-31T22:00:00Z (host excluded): decommissioned, OPS-88"
for f in text md html; do
	"$MU" --journal "$J" report 1 --format $f >"$T/r.$f" 2>"$T/err"
	has "report $f: a1 and its reason" "$T/r.$f" "a1 (agent): decommissioned, OPS-88; by alice@bastion1 at 2026-01-31T22:00:00Z"
	has "report $f: m2 forced" "$T/r.$f" "m2 (master, FORCED: the leading master): replaced after the window"
	has "report $f: the timeline says the skip was the exclusion's" "$T/r.$f" "host excluded: decommissioned, OPS-88"
	has "report $f: and the undo the inclusion's" "$T/r.$f" "host included"
done
mu report 1 --format json
expect_json report-json-timeline-exclusion "[(e['item'], e['action']) for e in d['timeline'] if e.get('exclusion')][:2]" \
	'[["0.27-0.28/restart-agents@a1","skip"],["0.27-0.28/restart-agents@a4","skip"]]'
expect_json report-json-timeline-by-hand "[e['exclusion'] for e in d['timeline'] if e.get('text') == 'disk replaced, restarted by hand']" '[false]'
expect_json report-json-excluded "[(x['host'], x['role'], x['note']) for x in d['excluded']]" \
	'[["a1","agent","decommissioned, OPS-88"],["a4","agent","out for repair, again"],["m2","master","replaced after the window"]]'
mu status 2 --format json
expect_json no-exclusion-empty-list "d['excluded']" '[]'

# ---- a hop starts at its first check-off, not at a skip an exclusion wrote ahead -----
mu report 1 --format json
expect_json later-hop-not-started "d['hops'][1]['started']" null
MESOS_UPGRADE_NOW=2026-01-31T22:30:00Z mu mark 1 $B/scalar-precision done
MESOS_UPGRADE_NOW=2026-01-31T22:40:00Z mu mark 1 $B/reservation-acls done
MESOS_UPGRADE_NOW=2026-01-31T22:50:00Z mu mark 1 $B/rebuild-modules skip --note 'no modules'
mu report 1 --format json
expect_json hop-starts-at-check-off "d['hops'][1]['started']" 2026-01-31T22:50:00Z

# ---- a closed session refuses as other writes do --------------------------------------
mu close 1 --note 'wrong cluster'
before=$(nevents "$J")
mu exclude 1 a2 --note gone
expect_rc closed-exclude-rc 1
expect_err closed-exclude-says "session 1 was closed by alice at 2026-01-31T22:00:00Z (wrong cluster): it can be read and reported, not changed; 'reopen 1' opens it again"
mu include 1 a1
expect_rc closed-include-rc 1
expect_eq closed-records-nothing "$(nevents "$J")" "$before"
mu reopen 1
mu include 1 a1
expect_rc reopened-include-rc 0

# ---- the journal keeps it, append-only ------------------------------------------------
out=$(python3 - "$J" 2>&1 <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for sql in ("DELETE FROM exclusions", "UPDATE event_exclusions SET exclusion = 0"):
    try:
        c.execute(sql); print("allowed: " + sql)
    except sqlite3.DatabaseError as e:
        print("refused: %s" % e)
PY
)
expect_out exclusions-append-only "refused: exclusions are append-only"
expect_eq exclusions-never-changed "$(printf '%s\n' "$out" | grep -c allowed)" 0
