# hosts.sh - per-host steps from the command line: start --inventory with good
# and bad files, mark SESSION HOP/STEP@HOST done|skip|undo, the refusals
# (the step itself, a locked host), status text and JSON with hosts, reports
# with hosts in every format, sessions without an inventory as before, and a
# session of 3 masters and 2,000 agents worked through by a loop of marks in
# the background while status runs and the wizard marks the rest as a range.
#
# The background loop marks $LOOP agents one by one: 300 plain, fewer under
# the sanitizers (HOSTS_LOOP=N overrides), so the script stays within ~25 s.
. tests/cli/lib.sh
json_server
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
FIX=$ROOT/tests/fixtures/inventory
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z
HOST=$(uname -n)
H=0.27-0.28
M=$H/restart-masters
A=$H/restart-agents
case ${O:-build} in
*sanitize*) LOOP=${HOSTS_LOOP:-100} ;;
*) LOOP=${HOSTS_LOOP:-300} ;;
esac

J=$T/j.db
mu() { "$MU" --journal "$J" --operator alice "$@"; }
mu_as() { _op=$1; shift; "$MU" --journal "$J" --operator "$_op" "$@"; }
t_start=$(date +%s)

# ---- start --inventory: bad files -----------------------------------------------

for f in "$FIX"/bad_*.yaml; do
	name=$(basename "$f" .yaml)
	BJ=$T/bad-$name.db
	run "$MU" --journal "$BJ" start --from 0.27 --to 0.28 --inventory "$f"
	expect_rc "start --inventory $name: exit 65" 65
	expect_empty_out "start --inventory $name: no session id on stdout"
	first=$(printf '%s\n' "$err" | head -n 1)
	if printf '%s\n' "$first" | grep -qE "^mesos-upgrade: $f:[0-9]+:[0-9]+: [a-z'\"]"; then
		ok "start --inventory $name: FILE:LINE:COL: message on stderr"
	else
		fail "start --inventory $name: FILE:LINE:COL: message on stderr" "$first"
	fi
	expect_err "start --inventory $name: says no session was started" \
		"the inventory $f has problems; no session was started"
	if [ ! -e "$BJ" ]; then ok "start --inventory $name: no journal created"
	else fail "start --inventory $name: no journal created" "$BJ exists"; fi
done
run mu start --from 0.27 --to 0.28 --inventory "$FIX/bad_duplicate.yaml"
expect_err "bad inventory: the exact problem" \
	"mesos-upgrade: $FIX/bad_duplicate.yaml:5:5: host 'a1' is listed twice in 'agents' (first at line 3)"
run mu start --from 0.27 --to 0.28 --inventory "$FIX/bad_several.yaml"
expect_eq "bad inventory: every problem, one a line, sorted, then the verdict" \
	"$(printf '%s\n' "$err" | sed 's/^mesos-upgrade: [^:]*:\([0-9]*\):\([0-9]*\):.*/\1:\2/' | tr '\n' ' ')" \
	"3:5 4:5 5:5 6:15 6:19 7:9 8:1 9:1 mesos-upgrade: start: the inventory $FIX/bad_several.yaml has problems; no session was started "
run mu start --from 0.27 --to 0.28 --inventory "$T/missing.yaml"
expect_rc "start --inventory a missing file: exit 65" 65
expect_empty_out "start --inventory a missing file: no session id"
expect_eq "start --inventory a missing file: says no such file, once" "$err" \
	"mesos-upgrade: start: --inventory $T/missing.yaml: no such file; no session was started"
run mu start --from 0.27 --to 0.28 --inventory "$T"
expect_rc "start --inventory a directory: exit 65" 65
expect_err "start --inventory a directory: says so" "the inventory is not a regular file"
run mu start --from 0.27 --to 0.28 --inventory
expect_rc "start --inventory without a file: exit 2" 2
run mu start --from 0.27 --to 0.99 --inventory "$FIX/bad_duplicate.yaml"
expect_rc "start with bad versions and a bad inventory: the versions first, exit 2" 2
if [ ! -e "$J" ]; then ok "refused starts: no journal created"
else fail "refused starts: no journal created" "$J exists"; fi

# ---- start --inventory: a good one ----------------------------------------------

run mu start --from 0.27 --to 0.28 --title rolling --inventory "$FIX/good_leader_last.yaml"
expect_rc "start --inventory good: exit 0" 0
expect_eq "start --inventory good: the session id" "$out" 1
# a refused start afterwards leaves the journal as it was
run mu start --from 0.27 --to 0.28 --inventory "$FIX/bad_no_hosts.yaml"
expect_rc "start --inventory bad into a journal: exit 65" 65
run mu sessions --format json
expect_json "a refused start adds no session" "len(d['sessions'])" 1
# the inventory is kept: the file may go away
cp "$FIX/good_leader_last.yaml" "$T/inv.yaml"
run mu start --from 0.27 --to 0.28 --inventory "$T/inv.yaml"
rm -f "$T/inv.yaml"
run mu status 2 --format json
expect_rc "status of a session whose inventory file is gone: exit 0" 0
expect_json "its masters are still there, the leader last" \
	"[it['host'] for it in items() if it['id'].startswith('$M@')]" \
	'["m2.example.com","m3.example.com","m1.example.com"]'

# ---- mark HOP/STEP@HOST from the command line -------------------------------------

run mu mark 1 "$M@m2.example.com" done
expect_rc "mark a host of a locked step: exit 1" 1
expect_err "mark a host of a locked step: says why, naming the host and the blocker" \
	"$M@m2.example.com is locked: acknowledge the notes of hop 0.27-0.28 first; 0.27-0.28/scalar-precision is still pending"
run mu mark 1 "$M" done
expect_rc "mark the per-host step itself: exit 2" 2
expect_err "mark the per-host step itself: says to mark its hosts" \
	"$M is done host by host: mark $M@HOST for each of its 3 hosts (3 pending); 'status 1' lists them"
run mu mark 1 "$M" skip --note 'not today'
expect_rc "skip the per-host step itself: exit 2" 2
run mu mark 1 "$M" undo
expect_rc "undo the per-host step itself: exit 2" 2
run mu note 1 "$M" 'window closes at 02:00'
expect_rc "a note on the per-host step itself: exit 0" 0
for i in $H/scalar-precision $H/reservation-acls $H/rebuild-modules; do mu mark 1 $i done >/dev/null; done
run mu mark 1 "$M@m2.example.com" done
expect_rc "mark a host done: exit 0" 0
expect_eq "mark a host done: what was recorded" "$out" \
	"$M@m2.example.com done by alice at 2026-01-31T22:00:00Z"
run mu mark 1 "$M@m2.example.com" done
expect_rc "mark a done host done again: exit 0" 0
expect_out "mark a done host done again: nothing recorded" "nothing recorded"
run mu mark 1 "$M@m3.example.com" skip
expect_rc "skip a host without a reason: exit 2" 2
run mu mark 1 "$M@m3.example.com" skip --note 'in maintenance'
expect_rc "skip a host: exit 0" 0
run mu mark 1 "$M@m3.example.com" undo --note 'back from maintenance'
expect_rc "undo a host: exit 0" 0
expect_out "undo a host: says so" "$M@m3.example.com undone by alice"
run mu mark 1 "$M@m3.example.com" undo
expect_rc "undo a pending host: exit 1" 1
expect_err "undo a pending host: nothing to undo" "nothing to undo: $M@m3.example.com is pending"
run mu mark 1 "$M@m9.example.com" done
expect_rc "mark an unknown host: exit 2" 2
expect_err "mark an unknown host: says the session has no such item" "has no item '$M@m9.example.com'"
run mu mark 1 "$M@" done
expect_rc "mark 'STEP@' (no host): exit 2" 2
run mu mark 1 "$A@agent-0001.example.com" done
expect_rc "mark an agent while the masters are pending: exit 1" 1
expect_err "mark an agent early: the masters' step is the blocker" \
	"$A@agent-0001.example.com is locked: the steps of hop 0.27-0.28 are done in order and $M is still pending (--force --note REASON overrides)"
run mu_as bob mark 1 "$A@agent-0004.example.com" done --force --note 'done by config management'
expect_rc "force an agent with a reason: exit 0" 0
expect_out "force an agent: recorded as forced" "$A@agent-0004.example.com done (forced) by bob"
run mu_as bob note 1 "$A@agent-0002.example.com" 'disk almost full'
expect_rc "a note on a host: exit 0" 0
run mu status 1
expect_out "status summary: the step's counts" \
	"[ ] 2.   $M [hosts: 1 done, 0 skipped, 2 pending of 3]"
expect_out "status summary: the pending hosts, the leader last and said so" \
	"             pending: m3.example.com, m1.example.com (leader, last)"
expect_eq "status summary: no line of a done host" \
	"$(printf '%s\n' "$out" | grep -c "$M@m2.example.com")" 0
expect_out "status summary: a forced host is shown all the same" \
	"$A@agent-0004.example.com  done by bob@$HOST at 2026-01-31T22:00:00Z (FORCED)"
run mu status 1 --hosts
expect_out "status text: the step with its hosts' counts" \
	"[ ] 2.   $M [hosts: 1 done, 0 skipped, 2 pending of 3]"
expect_out "status text: a done host, who and when" \
	"[x]   -  $M@m2.example.com  done by alice@$HOST at 2026-01-31T22:00:00Z"
expect_out "status text: the undone host, with its reason" \
	"[ ]   -  $M@m3.example.com  undone by alice@$HOST at 2026-01-31T22:00:00Z: back from maintenance"
expect_out "status text: the leader says why it is last" \
	"[ ]   -  $M@m1.example.com (leader: last, one failover onto an upgraded master)"
expect_out "status text: the forced agent" \
	"$A@agent-0004.example.com  done by bob@$HOST at 2026-01-31T22:00:00Z (FORCED): done by config management"
expect_out "status text: the note on a host" "note by bob@$HOST at 2026-01-31T22:00:00Z: disk almost full"
expect_out "status text: totals count the step once" \
	"Status: open; 3 of 8 items resolved (3 done, 0 skipped, 5 pending)"
expect_out "status text: next is the first pending host" "Next: $M@m3.example.com"
# the order of the lines: each step followed by its hosts, the leader last
order=$(printf '%s\n' "$out" | grep '^  \[' | grep -oE "0\.27-0\.28/restart-(masters|agents)(@[a-z0-9.-]+)?" |
	sed 's/.*restart-//' | tr '\n' ' ')
expect_eq "status text: hosts right after their step, the leader last" "$order" \
	"masters masters@m2.example.com masters@m3.example.com masters@m1.example.com agents agents@agent-0001.example.com agents@agent-0002.example.com agents@agent-0003.example.com agents@agent-0004.example.com "

run mu status 1 --format json
expect_rc "status --format json: exit 0" 0
expect_json "json: a per-host step has its hosts' counts" "item('$M')['hosts']" \
	'{"total":3,"done":1,"skipped":0,"pending":2}'
expect_json "json: the agents' step counts the forced one" "item('$A')['hosts']" \
	'{"total":4,"done":1,"skipped":0,"pending":3}'
expect_json "json: other items have no hosts" \
	"[it['hosts'] for it in items() if it['host'] is None and it['id'] not in ('$M', '$A')]" \
	'[null,null,null,null,null,null]'
expect_json "json: a host's item names its host, not the leader" \
	"[item('$M@m2.example.com')[k] for k in ('host', 'leader', 'state', 'kind')]" \
	'["m2.example.com",false,"done","step"]'
expect_json "json: the leader is marked and last of the masters" \
	"[(it['host'], it['leader']) for it in items() if it['id'].startswith('$M@')]" \
	'[["m2.example.com",false],["m3.example.com",false],["m1.example.com",true]]'
expect_json "json: hosts follow their step in the items" \
	"[it['id'] for it in items()][3:8]" \
	"[\"$M\",\"$M@m2.example.com\",\"$M@m3.example.com\",\"$M@m1.example.com\",\"$A\"]"
expect_json "json: a locked host says why, naming itself and the blocker" \
	"item('$A@agent-0001.example.com')['locked']" \
	"$A@agent-0001.example.com is locked: the steps of hop 0.27-0.28 are done in order and $M is still pending"
expect_json "json: an open host is not locked" "item('$M@m3.example.com')['locked']" null
expect_json "json: totals count a per-host step once" \
	"[d['totals'][k] for k in ('items', 'done', 'pending', 'forced')]" "[8,3,5,0]"
expect_json "json: the hop counts without hosts" \
	"[d['hops'][0][k] for k in ('done', 'skipped', 'pending')]" "[3,0,5]"
expect_json "json: the forced host" "[item('$A@agent-0004.example.com')[k] for k in ('forced', 'state')]" \
	'[true,"done"]'
expect_json "json: the note on the step itself" "item('$M')['note']['text']" 'window closes at 02:00'

# finish the masters: the step is done, as of its last host
MESOS_UPGRADE_NOW=2026-01-31T22:10:00Z mu mark 1 "$M@m3.example.com" done >/dev/null
MESOS_UPGRADE_NOW=2026-01-31T22:14:00Z mu mark 1 "$M@m1.example.com" done --note 'failover in 3 s' >/dev/null
run mu status 1 --format json
expect_json "json: the step done when its last host is" \
	"[item('$M')['state'], item('$M')['hosts']['done'], item('$M')['change']['time']]" \
	'["done",3,"2026-01-31T22:14:00Z"]'
run mu status 1
expect_out "status text: the step resolved by its hosts" \
	"[x] 2.   $M [hosts: 3 done, 0 skipped, 0 pending of 3]  every host resolved, the last at 2026-01-31T22:14:00Z"
# agents: a skip by reason, a done; one left
MESOS_UPGRADE_NOW=2026-01-31T22:20:00Z mu mark 1 "$A@agent-0001.example.com" done >/dev/null
MESOS_UPGRADE_NOW=2026-01-31T22:21:00Z mu mark 1 "$A@agent-0002.example.com" skip --note decommissioned >/dev/null
run mu mark 1 "$H/upgrade-schedulers" done
expect_rc "the step after the agents waits for the last agent: exit 1" 1
expect_err "the step after the agents: the agents' step is the blocker" "and $A is still pending"
MESOS_UPGRADE_NOW=2026-01-31T22:25:00Z mu mark 1 "$A@agent-0003.example.com" skip --note decommissioned >/dev/null
run mu mark 1 "$H/upgrade-schedulers" done
expect_rc "every agent resolved: the next step opens" 0
run mu status 1 --format json
expect_json "json: agents done, two skipped" "[item('$A')['state'], item('$A')['hosts']]" \
	'["done",{"total":4,"done":2,"skipped":2,"pending":0}]'

# ---- reports with hosts, each format ----------------------------------------------

for f in text md html json; do
	run mu report 1 --format $f
	expect_rc "report --format $f with hosts: exit 0" 0
	printf '%s\n' "$out" >"$T/r.$f"
done
for f in text md html; do
	flat=$(tr '\n' ' ' <"$T/r.$f" | tr -s ' ')
	for want in "m1.example.com (leader, last): done by alice@$HOST at 2026-01-31T22:14:00Z (+14m 00s)" \
		"hosts: 3 done, 0 skipped, 0 pending of 3; first check-off 2026-01-31T22:00:00Z, last 2026-01-31T22:14:00Z (14m 00s)" \
		"hosts: 2 done, 2 skipped, 0 pending of 4" \
		"agent-0004.example.com: done by bob@$HOST at 2026-01-31T22:00:00Z (+0s), FORCED" \
		"agent-0002.example.com: skipped by alice@$HOST at 2026-01-31T22:21:00Z (+21m 00s); reason: decommissioned" \
		"2 hosts: agent-0002.example.com, agent-0003.example.com" \
		"note by bob@$HOST at 2026-01-31T22:00:00Z: disk almost full"; do
		case $f in html) want=$(printf '%s' "$want" | sed 's/"/\&quot;/g') ;; esac
		if printf '%s' "$flat" | grep -qF -- "$want"; then ok "report $f: has '$want'"
		else fail "report $f: has '$want'" "not in the report"; fi
	done
done
if python3 - "$T/r.json" "$M" "$A" <<'EOF'; then ok "report json: hosts nested under their step, parsed"; else fail "report json: hosts nested under their step, parsed" "see above"; fi
import json, sys
d = json.load(open(sys.argv[1]))
M, A = sys.argv[2], sys.argv[3]
items = {i["id"]: i for h in d["hops"] for i in h["items"]}
# hosts' items only under their step, never at the hop's level
assert not [i for i in items if "@" in i], [i for i in items if "@" in i]
m = items[M]
assert [h["target"] for h in m["hosts"]] == ["m2.example.com", "m3.example.com", "m1.example.com"], m["hosts"]
assert [h["leader"] for h in m["hosts"]] == [False, False, True]
assert m["target"] is None and m["leader"] is False and m["state"] == "done"
for h in m["hosts"]:
    assert h["id"] == M + "@" + h["target"] and h["hosts"] is None and h["kind"] == "step", h
assert m["hosts"][2]["time"] == "2026-01-31T22:14:00Z" and m["time"] == "2026-01-31T22:14:00Z"
a = {h["target"]: h for h in items[A]["hosts"]}
assert a["agent-0002.example.com"]["reason"] == "decommissioned" and a["agent-0002.example.com"]["state"] == "skipped"
assert a["agent-0004.example.com"]["forced"] and a["agent-0004.example.com"]["operator"] == "bob"
assert a["agent-0002.example.com"]["notes"][0]["text"] == "disk almost full"
assert items[M]["notes"][0]["text"] == "window closes at 02:00"
# every non-step field of a host is present; the other steps have no hosts
assert all(items[i]["hosts"] is None for i in items if i not in (M, A))
assert d["totals"]["items"] == 8 and d["hops"][0]["totals"]["items"] == 8
assert [e["action"] for e in d["timeline"] if "@" in e["item"]] == ["done", "skip", "undo", "done", "note", "done", "done", "done", "skip", "skip"], d["timeline"]
EOF

# ---- a session without an inventory: as before ---------------------------------

run mu start --from 0.27 --to 0.28 --title plain
expect_eq "start without an inventory: the session id" "$out" 3
run mu status 3 --format json
expect_json "no inventory: no host items, no hosts" \
	"[len(items()), [it['host'] for it in items()] == [None] * 8, [it['hosts'] for it in items()] == [None] * 8, any(it['leader'] for it in items())]" \
	"[8,true,true,false]"
for i in $H/scalar-precision $H/reservation-acls $H/rebuild-modules; do mu mark 3 $i done >/dev/null; done
run mu mark 3 "$M" done
expect_rc "no inventory: the per-host step is marked itself" 0
run mu mark 3 "$M@m1" done
expect_rc "no inventory: no host items" 2
run mu status 3
expect_out "no inventory: status as before" "[x] 2.   $M  done by alice@$HOST at 2026-01-31T22:00:00Z"

# ---- drift: the content no longer does the agents host by host -------------------

cp -r "$ROOT/content" "$T/drifted"
sed -i '/id: restart-agents/,/verify: version/{/per_host: true/d;/verify: version/d}' "$T/drifted/hops/0.27-0.28.yaml"
run "$MU" --content "$T/drifted" --journal "$J" status 1
expect_rc "drift: status on content whose agents' step is no longer per host: exit 0" 0
expect_out "drift: the content change is said" "THE CONTENT CHANGED since this session was planned"
expect_out "drift: a removed host's item is a step, kept with its history" \
	"[-] step $A@agent-0002.example.com  skipped by alice@$HOST at 2026-01-31T22:21:00Z: decommissioned  (no longer in the content)"
expect_out "drift: the agents' step is an ordinary step again, pending" "[ ] 3.   $A  (changed since planned)"
run "$MU" --content "$T/drifted" --journal "$J" --operator alice mark 1 "$A@agent-0001.example.com" undo
expect_rc "drift: a removed host's item cannot be marked: exit 1" 1
expect_err "drift: says why" "no longer in the content; its history is kept"

# ---- 3 masters and 2,000 agents: a loop of marks while status runs, the wizard the rest ----

python3 -c "
print('masters: [m-1, m-2, m-3]\nleader: m-1\nagents:')
for i in range(1, 2001): print('  - agent-%04d' % i)" >"$T/big.yaml"
BJ=$T/big.db
big() { "$MU" --journal "$BJ" --operator "$@"; }
t0=$(date +%s)
run big alice start --from 0.27 --to 0.28 --title big --inventory "$T/big.yaml"
expect_rc "2,000 agents: start: exit 0" 0
# a mistyped host's item: the nearest ids of the whole session (each put
# together from the plan and the inventory, not loaded), nothing recorded
before=$(nevents "$BJ")
near() { run big alice mark 1 "$1" done; expect_rc "2,000 agents: typo $1: exit 2" 2
	expect_err "2,000 agents: typo $1: the nearest" \
		"session 1 has no item '$1' (did you mean $2); 'status 1' lists its items (ids look like $H/scalar-precision)"; }
near "$H/restart-agent@agent-1234" "$A@agent-1234, $A@agent-0234 or $A@agent-1034?"
near "$A@agnet-0042" "$A@agent-0042, $A@agent-0002 or $A@agent-0012?"
near "$A@agent-2001" "$A@agent-0001, $A@agent-0201 or $A@agent-1001?"
near "$A@agent-12345" "$A@agent-1234, $A@agent-1235 or $A@agent-1245?"
near "$M@m-4" "$M@m-2, $M@m-3 or $M@m-1?"
near "$A@m-1" "$A?"
expect_eq "2,000 agents: the typos recorded nothing" "$(nevents "$BJ")" "$before"
for i in $H/scalar-precision $H/reservation-acls $H/rebuild-modules $M@m-2 $M@m-3 $M@m-1; do
	big alice mark 1 $i done >/dev/null || fail "2,000 agents: mark $i" "exit $?"
done
# bob's loop marks the first $LOOP agents, one command each; $T/loop.at says
# how many it has marked
(
	i=1
	while [ $i -le "$LOOP" ]; do
		a=$(printf 'agent-%04d' $i)
		big bob mark 1 "$A@$a" done >/dev/null 2>>"$T/loop.err" || echo "$a $?" >>"$T/loop.fail"
		echo $i >"$T/loop.at"
		i=$((i + 1))
	done
) &
loop=$!
# status, again and again while it runs, once every $EVERY of its marks (back
# to back, the polls took processor time the loop needed, more the busier the
# machine): every answer whole and never going back
EVERY=10
prev=-1 polls=0 bad_poll= at=0
while :; do
	if big carol status 1 --format json >"$T/poll.json" 2>"$T/poll.err"; then
		out=$(cat "$T/poll.json")
		n=$(jv "item('$A')['hosts']['done']")
		case $n in
		*[!0-9]* | '') bad_poll="not a count: $n" ;;
		*) [ "$n" -ge "$prev" ] || bad_poll="went back from $prev to $n"; prev=$n ;;
		esac
	else
		bad_poll="status failed: $(cat "$T/poll.err")"
	fi
	polls=$((polls + 1))
	big carol status 1 >/dev/null 2>&1 || bad_poll="status text failed"
	kill -0 $loop 2>/dev/null || break
	# until the loop has marked $EVERY more, or ended
	want=$((at + EVERY))
	while kill -0 $loop 2>/dev/null; do
		read -r at <"$T/loop.at" 2>/dev/null || at=0
		at=${at:-0}
		[ "${at:-0}" -lt $want ] || break
		sleep 0.05
	done
done
wait $loop
if [ ! -s "$T/loop.fail" ]; then ok "2,000 agents: $LOOP marks in a loop, every one exit 0"
else fail "2,000 agents: $LOOP marks in a loop, every one exit 0" "$(head -n 5 "$T/loop.fail") $(head -n 3 "$T/loop.err")"; fi
if [ -z "$bad_poll" ] && [ $polls -ge 1 ]; then ok "2,000 agents: status while marking ($polls polls), counts never go back"
else fail "2,000 agents: status while marking" "$bad_poll ($polls polls)"; fi
# the rest in the wizard: Enter on the agents' step, m, G, Space (Enter answers
# "mark N hosts done?") marks them at once; meanwhile bob marks a few more from
# the command line. A mark that finds the range's transaction still holding
# the journal after JOURNAL_BUSY_MS says so (exit 75, "try again"), as it
# should; bob then tries again (how long the range takes is the machine's,
# not a rule). Any other exit, or a retry that never gets in, fails.
printf '<Enter>\n:dump\nm\nG\n<Space>\n<Enter>\n:dump\n<Esc>\n:dump\n' >"$T/rest.keys"
(
	i=$((LOOP + 1))
	while [ $i -le $((LOOP + 20)) ]; do
		tries=0
		while :; do
			big bob mark 1 "$A@$(printf 'agent-%04d' $i)" done >/dev/null 2>"$T/loop2.err"
			rc=$?
			tries=$((tries + 1))
			[ $rc -eq 75 ] && [ $tries -lt 20 ] && grep -q "try again" "$T/loop2.err" && continue
			[ $rc -eq 0 ] || echo "$i $rc $(cat "$T/loop2.err")" >>"$T/loop2.fail"
			break
		done
		i=$((i + 1))
	done
) &
loop=$!
(cd "$T" && MESOS_UPGRADE_KEYS=$T/rest.keys "$MU" --journal "$BJ" --operator dave) >"$T/wiz.out" 2>"$T/wiz.err"
rc=$?
wait $loop
err=$(cat "$T/wiz.err")
expect_rc "2,000 agents: the wizard marks the rest as a range: exit 0" 0
if grep -q 'hosts marked done, at once.' "$T/wiz.out"; then ok "2,000 agents: the wizard says the range was marked"
else fail "2,000 agents: the wizard says the range was marked" "$(grep -v '^ *$' "$T/wiz.out" | tail -n 3)"; fi
if grep -qF "2000/2000 hosts" "$T/wiz.out" || grep -qF "[x] 3." "$T/wiz.out"; then
	ok "2,000 agents: back on the checklist, the agents' step resolved"
else fail "2,000 agents: back on the checklist, the agents' step resolved" "$(tail -n 24 "$T/wiz.out")"; fi
if [ ! -s "$T/loop2.fail" ]; then ok "2,000 agents: marks racing the wizard's range: every one recorded (busy: tried again)"
else fail "2,000 agents: marks racing the wizard's range: every one recorded (busy: tried again)" "$(head -n 5 "$T/loop2.fail")"; fi
expect_eq "2,000 agents: exactly one done event per agent, whoever recorded it" \
	"$(nevents "$BJ" "item LIKE '$A@%' AND action = 'done'") $(nevents "$BJ" "item LIKE '$A@%'")" "2000 2000"
expect_eq "2,000 agents: bob's loop recorded at least its own first $LOOP" \
	"$([ "$(nevents "$BJ" "item LIKE '$A@%' AND operator = 'bob'")" -ge "$LOOP" ] && echo yes)" yes
run big alice status 1 --format json
expect_json "2,000 agents: the step done, every host" \
	"[item('$A')['state'], item('$A')['hosts'], d['totals']['done']]" \
	'["done",{"total":2000,"done":2000,"skipped":0,"pending":0},5]'
run big alice report 1 --format json
expect_rc "2,000 agents: report json: exit 0" 0
expect_json "2,000 agents: report json: 2,000 hosts under the step" \
	"[len([i for h in d['hops'] for i in h['items'] if i['id'] == '$A'][0]['hosts']), len(d['timeline'])]" \
	"[2000,2006]"
t1=$(date +%s)
echo "note: 2,000 agents ($LOOP in the loop): $((t1 - t0)) s; whole script $((t1 - t_start)) s"
