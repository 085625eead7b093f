# life.sh - a session's life cycle: close (with a reason), reopen, retitle;
# a closed session is read and reported, never marked, and the default
# session passes it over.
. tests/cli/lib.sh
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z MESOS_UPGRADE_HOST=bastion1
J="$T/j.db"
mu() { run "$MU" --journal "$J" --operator alice "$@"; }

mu start --from 0.26 --to 0.28 --title one
mu start --from 0.27 --to 0.28 --title two
mu mark 2 0.27-0.28/scalar-precision done

mu close 2
expect_rc close-needs-reason-rc 2
expect_err close-needs-reason-says "--note REASON"
mu close 2 --note 'started on the wrong cluster'
expect_rc close-rc 0
expect_out close-says "session 2 closed by alice at 2026-01-31T22:00:00Z"
mu close 2 --note again
expect_rc close-again-rc 0
expect_out close-again-records-nothing "is closed already (by alice at 2026-01-31T22:00:00Z); nothing recorded"
mu close 9 --note x
expect_rc close-unknown-rc 2

# read and reported, not marked
mu mark 2 0.27-0.28/reservation-acls done
expect_rc closed-mark-rc 1
expect_err closed-mark-says "session 2 was closed by alice at 2026-01-31T22:00:00Z (started on the wrong cluster): it can be read and reported, not marked; 'reopen 2' opens it again"
mu note 2 0.27-0.28/reservation-acls 'a note'
expect_rc closed-note-rc 1
mu status 2
expect_rc closed-status-rc 0
expect_out closed-status-says "Status: closed;"
expect_out closed-status-who "Closed by alice@bastion1 at 2026-01-31T22:00:00Z: started on the wrong cluster"
mu report 2 --format json
expect_rc closed-report-rc 0
expect_eq closed-report-status "$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["session"]["status"])')" closed
mu sessions --format json
expect_eq sessions-status "$(printf '%s' "$out" | python3 -c 'import json,sys; print([s["status"] for s in json.load(sys.stdin)["sessions"]])')" "['open', 'closed']"
# the default session passes a closed one over, though it was worked on last
mu status
expect_out default-skips-closed "Session 1: 0.26 -> 0.28"

mu reopen 2
expect_rc reopen-rc 0
expect_out reopen-says "session 2 reopened by alice"
mu reopen 2
expect_out reopen-again-records-nothing "session 2 is not closed; nothing recorded"
mu mark 2 0.27-0.28/reservation-acls done
expect_rc reopened-mark-rc 0
mu status
expect_out default-reopened "Session 2: 0.27 -> 0.28"

mu edit 2 --title 'CHG-1234 prod-east'
expect_rc edit-rc 0
mu status 2
expect_out edit-title-shown "Session 2: 0.27 -> 0.28  CHG-1234 prod-east"
mu report 2 --format md
expect_out edit-title-reported "| Title | CHG-1234 prod-east |"
mu edit 2 --title "$(printf 'bad\033[2J')"
expect_rc edit-bad-title-rc 2
mu edit 2
expect_rc edit-nothing-rc 2
# each change is an event of its own, never rewritten
expect_eq changes-journaled "$(python3 -c 'import sqlite3,sys; print([r[0] for r in sqlite3.connect(sys.argv[1]).execute("SELECT action FROM session_changes ORDER BY id")])' "$J")" \
	"['close', 'reopen', 'title']"
