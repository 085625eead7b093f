#!/bin/sh
# content_format.sh - the content format of issue 16 end to end, on the
# fixture tests/fixtures/content/later (every new key once): the project's
# advice marked in every format, a hop's source, 'after' and 'per-host' notes
# as items among the steps with the step rules, a branch chosen per host,
# plans at patch level, and the plan JSON's new fields.
. tests/cli/lib.sh
json_server
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z
C=$ROOT/tests/fixtures/content/later
J=$T/j.db
mu() { "$MU" --content "$C" --journal "$J" --operator alice "$@"; }
H=1.0-1.1

# ---- the plan in every format ---------------------------------------------------

run mu plan --from 1.0 --to 1.3
expect_rc "plan 1.0 -> 1.3: exit 0" 0
printf '%s\n' "$out" >"$T/plan.txt"
has "text: a point of the project's is marked" "$T/plan.txt" "- The leading master last. (tool advice)"
has "text: a step of the project's is marked" "$T/plan.txt" "$H/restart-schedulers (scheduler; tool advice)"
has "text: a branch of the project's is marked" "$T/plan.txt" "reboot: Without cgroups isolation (tool advice)"
has "text: a per-host step with branches says so" "$T/plan.txt" "a branch chosen for each host"
has "text: an 'after' note says when it acts" "$T/plan.txt" "$H/quota-acl (for: operator; once every binary is replaced; Flags, changed)"
has "text: a 'per-host' note says where it acts" "$T/plan.txt" "$H/drop-providers (for: operator; on each agent, before its step)"
has "text: a note's since" "$T/plan.txt" "since 1.1.1; Mesos Core, removed"
has "text: a note's warning" "$T/plan.txt" "WARNING: Do not switch while a master still runs 1.0."
has "text: a hop from the release notes" "$T/plan.txt" "from the release notes: CHANGELOG 1.3.0"
has "text: the standard steps are the project's" "$T/plan.txt" "the steps are the standard rolling order, tool advice"
# the order: the per-host note before the agents' step, the 'after' note after it
expect_eq "text: the notes among the steps, in their places" \
	"$(grep -o "$H/[a-z-]*" "$T/plan.txt" | tr '\n' ' ')" \
	"$H/old-agents $H/restart-masters $H/drop-providers $H/restart-agents $H/quota-acl $H/restart-schedulers "
run mu plan --from 1.0 --to 1.3 --format md
expect_out "md: the project's step marked" "*(scheduler; tool advice)* \`$H/restart-schedulers\`"
expect_out "md: the project's point marked" "- The leading master last. *(tool advice)*"
run mu plan --from 1.0 --to 1.3 --format html
expect_out "html: the project's step has the class tool" '<li class="pending tool">'
expect_out "html: and its label" '<span class="tooltag">(tool advice)</span>'
expect_out "html: the project's point has the class tool" '<li class="tool">The leading master last.'

# ---- the plan JSON ----------------------------------------------------------------

run mu plan --from 1.0 --to 1.3 --format json
expect_rc "json: exit 0" 0
expect_eq "json: hops' source and reference" \
	"$(jv "[(h['source'], h['reference']) for h in d['hops']]")" \
	'[["guide",null],["guide",null],["release-notes","CHANGELOG 1.3.0"]]'
expect_eq "json: a note's when, role, since, category, change, origin, warning" \
	"$(jv "[(n['when'], n['role'], n['since'], n['category'], n['change'], n['origin'], n['warning'] is not None) for n in d['hops'][0]['notes']]")" \
	'[["after",null,null,"Flags","changed","guide",true],["per-host","agent",null,null,null,"guide",false],["before",null,"1.1.1","Mesos Core","removed","guide",false]]'
expect_eq "json: steps' and branches' origin" \
	"$(jv "[s['origin'] for s in d['hops'][0]['steps']]" "[b['origin'] for b in d['hops'][0]['steps'][1]['branches']]")" \
	'["guide","tool","tool"]
["guide","tool"]'
expect_eq "json: the order of the items" "$(jv "d['hops'][0]['order']")" \
	"[\"$H/old-agents\",\"$H/restart-masters\",\"$H/drop-providers\",\"$H/restart-agents\",\"$H/quota-acl\",\"$H/restart-schedulers\"]"
expect_eq "json: standard steps, schedulers moved first, all the project's" \
	"$(jv "[(s['id'], s['origin']) for s in d['hops'][1]['steps']][0]" "d['hops'][1]['standard_steps']" "sorted(set(s['origin'] for s in d['hops'][1]['steps']))")" \
	'["1.1-1.2/upgrade-schedulers","tool"]
true
["tool"]'
printf '%s\n' "$out" >"$T/plan.json"
python3 "$HERE/plan_check.py" schema "later 1.0 -> 1.3 json:" "$T/plan.json"
mu plan --from 1.0 --to 1.3 --format md >"$T/plan.md"
python3 "$HERE/plan_check.py" md "later 1.0 -> 1.3 md:" "$T/plan.md" "$T/plan.json"
python3 "$HERE/plan_check.py" text "later 1.0 -> 1.3 text:" "$T/plan.txt" "$T/plan.json"

# ---- plans at patch level ------------------------------------------------------------

run mu plan --from 1.2.0 --to 1.2.2 --format json
expect_rc "patch plan 1.2.0 -> 1.2.2: exit 0" 0
expect_eq "patch plan: the one note of 1.2.2, no steps" \
	"$(jv "[(h['id'], h['patch_notes_only'], [n['id'] for n in h['notes']], h['steps']) for h in d['hops']]")" \
	'[["1.1-1.2",true,["1.1-1.2/patch-fix"],[]]]'
run mu plan --from 1.2.0 --to 1.2.2
expect_out "patch plan text: says what it is" "only the notes of its patch releases after 1.2.0 up to 1.2.2"
expect_out "patch plan text: the totals" "1 hop, 1 note to read, 0 steps."
run mu plan --from 1.2.0 --to 1.2.1
expect_rc "patch plan crossing no note: exit 2" 2
expect_err "patch plan crossing no note: says why" \
	"1.2.0 and 1.2.1 are the same minor series: the guide has no steps within a series, and no note of a patch release after 1.2.0 up to 1.2.1"
run mu plan --from 1.1.0 --to 1.2.1 --format json
expect_eq "a plan from a patch release: the hop up to it leads with its later patch notes" \
	"$(jv "[(h['id'], h['patch_notes_only'], [n['id'] for n in h['notes']], len(h['steps'])) for h in d['hops']]")" \
	'[["1.0-1.1",true,["1.0-1.1/old-agents"],0],["1.1-1.2",false,["1.1-1.2/task-starting"],5]]'
run mu plan --from 1.1.5 --to 1.2.1
printf '%s\n' "$out" >"$T/short.txt"
has "a plan short of a patch release says which notes it leaves out" "$T/short.txt" \
	"notes left out, of patch releases after 1.2.1: 1.2.2"
run mu plan --from 1.0 --to 1.1.0 --format json
expect_eq "up to 1.1.0: the note of 1.1.1 is left out" \
	"$(jv "[n['id'] for n in d['hops'][0]['notes']]")" "[\"$H/quota-acl\",\"$H/drop-providers\"]"

# ---- a session: notes among the steps, per host, a branch per host ------------------

cat >"$T/inv.yaml" <<'INV'
masters: [m1, m2]
leader: m1
agents: [a1, a2]
INV
run mu start --from 1.0 --to 1.1 --inventory "$T/inv.yaml"
expect_rc "start with an inventory: exit 0" 0
run mu status 1 --format json
expect_eq "the items: the per-host note per agent, before the agents' step" \
	"$(jv "[it['id'] for it in items()]" | tr -d '"[]' | tr ',' ' ')" \
	"$H/old-agents $H/restart-masters $H/restart-masters@m2 $H/restart-masters@m1 $H/drop-providers $H/drop-providers@a1 $H/drop-providers@a2 $H/restart-agents $H/restart-agents@a1 $H/restart-agents@a2 $H/quota-acl $H/restart-schedulers"
expect_eq "status json: origin of the items" \
	"$(jv "[item('$H/restart-agents')['origin'], item('$H/quota-acl')['origin']]")" '["tool","guide"]'
mu mark 1 $H/old-agents done >/dev/null
run mu mark 1 $H/drop-providers@a1 done
expect_rc "a per-host note before its place: locked, exit 1" 1
expect_err "a per-host note before its place: the earlier step in the way" "$H/restart-masters is still pending"
mu mark 1 $H/restart-masters@m2 done >/dev/null && mu mark 1 $H/restart-masters@m1 done >/dev/null
run mu mark 1 $H/drop-providers@a1 done
expect_rc "the per-host note of a1, once the masters are done: exit 0" 0
expect_out "a note is acknowledged, not done" "acknowledged"
run mu mark 1 $H/restart-agents@a1 done
expect_rc "a host of a per-host step with branches, none chosen: refused" 1
expect_err "and told to choose" "has alternatives: choose one with --branch cgroups or --branch reboot"
# a1's note is done: a1 is upgraded while a2's providers are still there
run mu mark 1 $H/restart-agents@a1 done --branch cgroups
expect_rc "a1 with --branch cgroups, its own note done, a2's not: exit 0" 0
run mu mark 1 $H/restart-agents@a2 done --branch reboot
expect_rc "a2 before its own per-host note: locked, exit 1" 1
expect_err "a2 before its own per-host note: that host's note in the way" \
	"$H/restart-agents@a2 is locked: the steps of hop $H are done in order and $H/drop-providers@a2 is still pending"
mu mark 1 $H/drop-providers@a2 done >/dev/null
run mu mark 1 $H/quota-acl done
expect_rc "the 'after' note before every agent is done: locked, exit 1" 1
run mu mark 1 $H/restart-agents@a2 done --branch reboot
expect_rc "a2 with another branch, --branch reboot: exit 0" 0
run mu mark 1 $H/quota-acl done
expect_rc "the 'after' note once the binaries are replaced: exit 0" 0
run mu status 1 --format json
expect_eq "each host keeps its own branch" \
	"$(jv "[item('$H/restart-agents@a1')['branch'], item('$H/restart-agents@a2')['branch']]")" '["cgroups","reboot"]'
run mu status 1
expect_out "status text: the project's step is marked" "$H/restart-schedulers (tool advice)"
run mu report 1
printf '%s\n' "$out" >"$T/report.txt"
has "report text: each host's branch" "$T/report.txt" "a2: done by alice@"
has "report text: a2 took reboot" "$T/report.txt" ", branch reboot"
has "report text: the project's advice marked" "$T/report.txt" "(agent; tool advice; a branch chosen for each host)"

# without an inventory a per-host note is one item
run mu start --from 1.0 --to 1.1
run mu status 2 --format json
expect_eq "without an inventory: one item for the per-host note" \
	"$(jv "[it['id'] for it in items() if 'drop-providers' in it['id']]")" "[\"$H/drop-providers\"]"
