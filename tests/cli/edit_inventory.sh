# edit_inventory.sh - "edit SESSION --inventory FILE": the hosts FILE has
# and the session lacks join from the current hop on, never in a finished
# hop; hosts are never removed; a changed role is refused with nothing
# written; a session without an inventory gets one, its steps done as a
# whole before staying so; --title with it; recorded with who and when.
. tests/cli/lib.sh
json_server
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z MESOS_UPGRADE_HOST=bastion1
J="$T/j.db"
mu() { run "$MU" --journal "$J" --operator alice "$@"; }
A=0.26-0.27 B=0.27-0.28
printf 'masters: [m1, m2, m3]\nleader: m2\nagents: [a1, a2, a3]\n' >"$T/inv.yaml"
printf 'masters: [m1, m2, m3]\nagents: [a1, a2, a4, a5]\n' >"$T/more.yaml"
printf 'masters: [m1, a1]\nagents: [m2]\n' >"$T/moved.yaml"
printf 'masters: [m1\n' >"$T/broken.yaml"
mu start --from 0.26 --to 0.28 --inventory "$T/inv.yaml" --title rolling
# the first hop finished, the second begun
mu mark 1 "$A/*" done
mu mark 1 $B/scalar-precision done

# ---- refused: nothing written ----------------------------------------------------------
hosts_before=$(jsql 'SELECT count(*) FROM session_hosts')
items_before=$(jsql 'SELECT count(*) FROM session_items')
mu edit 1 --inventory "$T/moved.yaml"
expect_rc role-changed-rc 2
expect_err role-changed-says "edit: a host's role cannot change: a1 (an agent here, a master in the file), m2 (a master here, an agent in the file); nothing recorded"
mu edit 1 --inventory "$T/moved.yaml" --title 'not this either'
expect_rc role-changed-title-rc 2
mu edit 1 --inventory "$T/nothere.yaml"
expect_rc missing-file-rc 65
expect_err missing-file-says "edit: --inventory $T/nothere.yaml: no such file; nothing recorded"
mu edit 1 --inventory "$T/broken.yaml"
expect_rc broken-file-rc 65
expect_err broken-file-says "edit: the inventory $T/broken.yaml has problems; nothing recorded"
mu edit 1 --inventory "$T/more.yaml" --title "$(printf 'two\nlines')"
expect_rc bad-title-rc 2
expect_err bad-title-says "nothing recorded"
mu edit 1
expect_rc nothing-to-change-rc 2
expect_err nothing-to-change-says "edit: say what to change: --title T, --inventory FILE or both"
expect_eq refused-no-host "$(jsql 'SELECT count(*) FROM session_hosts')" "$hosts_before"
expect_eq refused-no-item "$(jsql 'SELECT count(*) FROM session_items')" "$items_before"
mu status 1 --format json
expect_json refused-title-kept "d['session']['title']" rolling

# ---- hosts added: in the current hop and after it, never in a finished one ----------
mu edit 1 --inventory "$T/more.yaml" --title 'rolling, with the new agents'
expect_rc add-rc 0
expect_out add-says "session 1: 2 hosts added (0 masters, 2 agents) by alice at 2026-01-31T22:00:00Z; their items are in hop $B and the hops after it; 1 host of the session is not in $T/more.yaml and stays: 'exclude 1 HOST --note REASON' leaves a host out"
expect_out add-and-title "session 1 retitled by alice"
mu status 1 --format json
expect_json added-in-current-hop "item('$B/restart-agents@a4')['state']" pending
expect_json added-not-in-finished-hop "[i['id'] for i in items() if i['host'] in ('a4', 'a5') and i['id'].startswith('$A/')]" '[]'
expect_json finished-hop-stays-finished "d['hops'][0]['pending']" 0
expect_json kept-host-stays "item('$B/restart-agents@a3')['state']" pending
expect_json step-counts-new-hosts "item('$B/restart-agents')['hosts']['total']" 5
expect_json content-not-changed "d['session']['content_changed']" false
expect_json title-changed "d['session']['title']" 'rolling, with the new agents'
expect_eq recorded-who-when "$(jsql "SELECT operator || ' ' || time || ' ' || from_hop FROM inventory_edits")" "alice 2026-01-31T22:00:00Z $B"
expect_eq recorded-hosts "$(jsql "SELECT group_concat(host) FROM added_hosts")" "a4,a5"
mu status 1
expect_out status-says-added "Hosts added: 2 hosts from $T/more.yaml, by alice@bastion1 at 2026-01-31T22:00:00Z; items from hop $B on"
for f in text md html; do
	"$MU" --journal "$J" report 1 --format $f >"$T/r.$f"
	has "report $f: the hosts added" "$T/r.$f" "2 hosts from $T/more.yaml, by alice@bastion1 at 2026-01-31T22:00:00Z; items from hop $B on"
done
# the new hosts' items are marked as any other's
mu mark 1 $B/restart-agents@a5 done --force --note 'joined mid-window, already new'
expect_rc new-host-marked-rc 0
mu edit 1 --inventory "$T/more.yaml"
expect_rc nothing-new-rc 0
expect_out nothing-new-says "every host of $T/more.yaml is in session 1 already; nothing recorded (1 host of the session is not in it and stays: 'exclude 1 HOST --note REASON' leaves a host out)"
expect_eq nothing-new-records-nothing "$(jsql 'SELECT count(*) FROM inventory_edits')" 1
# a second edit that adds hosts: only its own are recorded, the first's stay as they were
printf 'masters: [m1, m2, m3, m4]\nagents: [a1, a2, a4, a5, a6]\n' >"$T/again.yaml"
mu edit 1 --inventory "$T/again.yaml"
expect_rc second-edit-rc 0
expect_out second-edit-says "session 1: 2 hosts added (1 master, 1 agent) by alice at 2026-01-31T22:00:00Z; their items are in hop $B and the hops after it"
expect_eq second-edit-hosts "$(jsql "SELECT group_concat(h) FROM (SELECT host || '@' || edit AS h FROM added_hosts ORDER BY edit, host)")" "a4@1,a5@1,a6@2,m4@2"
mu status 1 --format json
expect_json second-edit-counts "item('$B/restart-agents')['hosts']['total']" 6
expect_json second-edit-first-kept "item('$B/restart-agents@a5')['state']" done
expect_json second-edit-master "item('$B/restart-masters@m4')['state']" pending

# ---- a session without an inventory gets one ---------------------------------------
mu start --from 0.26 --to 0.28 --title 'no inventory'
mu mark 2 "$A/*" done
for i in scalar-precision reservation-acls rebuild-modules restart-masters; do mu mark 2 $B/$i done; done
mu status 2 --format json
expect_json whole-step-resolved "item('$B/restart-masters')['state']" done
mu edit 2 --inventory "$T/inv.yaml"
expect_rc given-rc 0
expect_out given-says "session 2: 6 hosts added (3 masters, 3 agents) by alice at 2026-01-31T22:00:00Z; their items are in hop $B and the hops after it; 1 per-host step resolved as a whole before stays so"
mu status 2 --format json
expect_json whole-step-stays-whole "[item('$B/restart-masters')['state'], item('$B/restart-masters')['hosts']]" '["done",null]'
expect_json pending-step-per-host "item('$B/restart-agents')['hosts']['total']" 3
expect_json per-host-items-pending "[i['state'] for i in items() if i['host'] and i['id'].startswith('$B/restart-agents@')]" '["pending","pending","pending"]'
expect_json earlier-hop-no-hosts "[i['id'] for i in items() if i['host'] and i['id'].startswith('$A/')]" '[]'
mu mark 2 $B/restart-agents@a1 done
expect_rc given-host-marked-rc 0
mu exclude 2 a3 --note 'decommissioned'
expect_rc given-host-excluded-rc 0

# ---- finished and closed sessions ----------------------------------------------------
mu start --from 0.27 --to 0.28 --title done
mu mark 3 "$B/*" done
mu edit 3 --inventory "$T/inv.yaml"
expect_rc finished-rc 1
expect_err finished-says "session 3 is finished: no hop is left for new hosts; nothing recorded"
mu close 1 --note 'wrong cluster'
mu edit 1 --inventory "$T/inv.yaml"
expect_rc closed-rc 1
expect_err closed-says "session 1 was closed by alice at 2026-01-31T22:00:00Z (wrong cluster): it can be read and reported, not changed; 'reopen 1' opens it again"
