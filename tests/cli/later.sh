#!/bin/sh
# later.sh - the hops past 0.28 (issue 16): plan, status and report across
# 0.27 -> LAST, held to what the upstream guide and the 1.11.0 release notes say.
#
# The facts of each hop's notes and steps against the upstream guide are
# upstream_facts.py's (checked here on the whole plan, and against the guide
# itself when MU_UPSTREAM_GUIDE names a copy of apache/mesos docs/upgrades.md).
# The order the guide gives inside a hop is checked on a session's items: the
# notes that act after the binaries or on each agent, the schedulers first in
# 1.5, the release from which 1.2's note applies. Counts come from
# tests/content_counts.
. "$(dirname "$0")/lib.sh"
json_server
D=$(dirname "$0")
export MESOS_UPGRADE_NOW=2026-03-01T22:00:00Z
J=$T/j.db

if [ -n "${MU_UPSTREAM_GUIDE:-}" ]; then
	python3 "$D/upstream_facts.py" check "$MU_UPSTREAM_GUIDE"
else
	echo "skip upstream-facts: MU_UPSTREAM_GUIDE is unset; using the facts as kept"
fi

# ---- the plan of the whole content ----------------------------------------------
run "$MU" plan --from "$FIRST" --to "$LAST" --format json
expect_rc "plan $FIRST -> $LAST json: exit 0" 0
expect_empty_err "plan $FIRST -> $LAST json: nothing on stderr"
cp "$T/out" "$T/all.json"
pyrun "$D/upstream_facts.py" plan "$T/all.json"
py "plan $FIRST -> $LAST: $HOPS hops, $ITEMS notes and steps" '
import json, sys
hops = json.load(open(sys.argv[1]))["hops"]
n = (len(hops), sum(len(h["notes"]) + len(h["steps"]) for h in hops))
assert n == (int(sys.argv[2]), int(sys.argv[3])), n
' "$T/all.json" "$HOPS" "$ITEMS"
py "plan: the hops chain through the series of the content, 0.28 to 1.0 among them" '
import json, sys
sys.path.insert(0, sys.argv[2])
from guide_facts import hop_ids
hops = json.load(open(sys.argv[1]))["hops"]
assert [h["id"] for h in hops] == hop_ids(), [h["id"] for h in hops]
assert "0.28-1.0" in hop_ids() and "1.9-1.10" in hop_ids()
' "$T/all.json" "$D"
py "plan: 1.10 -> 1.11 comes from the release notes, every other hop from the guide" '
import json, sys
hops = json.load(open(sys.argv[1]))["hops"]
for h in hops:
    want = (("release-notes", "CHANGELOG 1.11.0") if h["id"] == "1.10-1.11"
            else ("guide", None))
    assert (h["source"], h["reference"]) == want, (h["id"], h["source"], h["reference"])
' "$T/all.json"
py "plan: the removal of plain-text credentials in 1.10 -> 1.11, with its warning" '
import json, sys
h = [h for h in json.load(open(sys.argv[1]))["hops"] if h["id"] == "1.10-1.11"][0]
n = [n for n in h["notes"] if n["id"] == "1.10-1.11/credential-text-format-removed"][0]
assert n["change"] == "removed" and n["warning"], n
assert "--credentials" in json.dumps(n) and "JSON" in n["text"], n
' "$T/all.json"
py "plan: notes past 0.28 carry the category and change of the overview table" '
import json, sys
cats = ("Mesos Core", "Flags", "Framework API", "Module API", "Endpoints")
for h in json.load(open(sys.argv[1]))["hops"]:
    for n in h["notes"]:
        assert n["category"] in cats + (None,), n["id"]
        assert n["change"] in ("added", "changed", "deprecated", "removed", None), n["id"]
        assert (n["category"] is None) == (n["change"] is None), n["id"]
' "$T/all.json"

run "$MU" plan --from "$FIRST" --to "$LAST"
expect_rc "plan $FIRST -> $LAST text: exit 0" 0
expect_out "plan $FIRST -> $LAST text: the hops" "$HOPS hops,"
expect_out "plan text: the last hop" "== Hop $HOPS of $HOPS: 1.10 -> 1.11: "
run "$MU" plan --from "$FIRST" --to "$LAST" --format md
expect_rc "plan $FIRST -> $LAST md: exit 0" 0
expect_out "plan md: the hops" "$HOPS hops,"

# ---- a patch release: 1.2.1's note ----------------------------------------------
# notes NAME FROM TO WANT: whether the plan FROM -> TO has 1.1-1.2/old-agents-ignored
since() {
	run "$MU" plan --from "$2" --to "$3" --format json
	expect_rc "$1: exit 0" 0
	py "$1" '
import json, sys
ids = [n["id"] for h in json.loads(sys.argv[1])["hops"] for n in h["notes"] + h["steps"]]
assert ("1.1-1.2/old-agents-ignored" in ids) == (sys.argv[2] == "yes"), ids
' "$out" "$4"
}
since "plan 1.1 -> 1.2.0: no 0.x-agent note (1.2.0 does not refuse them)" 1.1 1.2.0 no
since "plan 1.1 -> 1.2.1: the 0.x-agent note" 1.1 1.2.1 yes
since "plan 1.1 -> 1.2 (the series): the 0.x-agent note" 1.1 1.2 yes
since "plan 1.0 -> 1.3: the 0.x-agent note" 1.0 1.3 yes
since "plan 1.2.0 -> 1.2.1: that note alone" 1.2.0 1.2.1 yes
py "plan 1.2.0 -> 1.2.1: nothing but the notes whose release lies between" '
import json, sys
ids = [n["id"] for h in json.loads(sys.argv[1])["hops"] for n in h["notes"] + h["steps"]]
assert ids == ["1.1-1.2/old-agents-ignored"], ids
' "$out"

# ---- a session across 0.27 -> LAST ------------------------------------------------
run "$MU" --journal "$J" --operator alice start --from 0.27 --to "$LAST" --title 'CHG-16 to 1.x'
expect_rc "start 0.27 -> $LAST: exit 0" 0
S=$out
run "$MU" --journal "$J" status "$S" --format json
expect_rc "status: exit 0" 0
cp "$T/out" "$T/status.json"
# order HOP BEFORE AFTER: in hop HOP, item BEFORE comes right before item AFTER
order() {
	py "status: in $1, $2 right before $3" '
import json, sys
h = [h for h in json.load(open(sys.argv[1]))["hops"] if h["id"] == sys.argv[2]][0]
ids = [i["id"].split("/", 1)[1] for i in h["items"]]
a, b = ids.index(sys.argv[3]), ids.index(sys.argv[4])
assert b == a + 1, ids
' "$T/status.json" "$@"
}
# 1.0: set_quotas and remove_quotas become update_quotas once the binaries are replaced
order 0.28-1.0 restart-agents quota-acls-replace
order 0.28-1.0 quota-acls-replace upgrade-schedulers
# 1.6: the storage local resource providers go, on each agent, before it is upgraded
order 1.5-1.6 restart-masters csi-v0-2
order 1.5-1.6 csi-v0-2 restart-agents
py "status: 1.5 schedulers first (TASK_STARTING), then the standard order" '
import json, sys
h = [h for h in json.load(open(sys.argv[1]))["hops"] if h["id"] == "1.4-1.5"][0]
steps = [i["id"].split("/", 1)[1] for i in h["items"] if i["kind"] == "step"]
assert steps == ["upgrade-schedulers", "rebuild-modules", "restart-masters", "restart-agents",
                 "upgrade-executors"], steps
' "$T/status.json"
py "status: $(($HOPS - 16)) hops from 0.27, the 1.x ones among them" '
import json, sys
hops = [h["id"] for h in json.load(open(sys.argv[1]))["hops"]]
assert hops[0] == "0.27-0.28" and hops[-1].endswith("-" + sys.argv[2]), hops
assert len(hops) == int(sys.argv[3]), hops
' "$T/status.json" "$LAST" "$(($HOPS - 16))"

# the 0.27 -> 0.28 hop, then 1.0's notes before its steps, the after-note after the agents
B=0.27-0.28 C=0.28-1.0
for i in scalar-precision reservation-acls rebuild-modules restart-masters restart-agents \
	upgrade-schedulers restart-schedulers upgrade-executors; do
	"$MU" --journal "$J" --operator alice mark "$S" "$B/$i" done >/dev/null 2>"$T/err" ||
		fail "mark $B/$i" "$(cat "$T/err")"
done
run "$MU" --journal "$J" --operator alice mark "$S" "$C/quota-acls-replace" done
expect_rc "mark 1.0's after-note before the steps it follows: refused" 1
for i in ssl-env-variables persistent-volume-ownership container-config-fields \
	executor-environment allocator-metrics docker-stop-timeout executor-info-source \
	slave-renamed-agent agent-work-dir-required registry-strict credentials-plain-text \
	persistent-volume-destroy http-status-codes commandinfo-output-file \
	scheduler-proto-optional executor-proto-optional non-terminal-task-metadata \
	observe-endpoint-removed quota-acls authorizer-changes allocator-namespace fetcher-user \
	http-authentication-flags endpoint-authorization rebuild-modules restart-masters \
	restart-agents; do
	"$MU" --journal "$J" --operator alice mark "$S" "$C/$i" done >/dev/null 2>"$T/err" ||
		fail "mark $C/$i" "$(cat "$T/err")"
done
run "$MU" --journal "$J" --operator alice mark "$S" "$C/upgrade-schedulers" done
expect_rc "mark 1.0's schedulers before the after-note: refused" 1
expect_err "the refusal names the after-note" "$C/quota-acls-replace"
run "$MU" --journal "$J" --operator alice mark "$S" "$C/quota-acls-replace" done \
	--note 'update_quotas in place of set_quotas/remove_quotas'
expect_rc "mark 1.0's after-note once the agents are done: exit 0" 0

run "$MU" --journal "$J" status "$S"
expect_rc "status text: exit 0" 0
expect_out "status text: the 1.x hops" "1.10 -> 1.11"

# ---- the report of it ------------------------------------------------------------
run "$MU" --journal "$J" report "$S" --format json
expect_rc "report json: exit 0" 0
cp "$T/out" "$T/report.json"
py "report json: 1.0 quota switch done with its note; 1.10 -> 1.11 from the release notes" '
import json, sys
d = json.load(open(sys.argv[1]))
text = json.dumps(d)
assert "update_quotas in place of set_quotas/remove_quotas" in text
assert "CHANGELOG 1.11.0" in text
' "$T/report.json"
for f in md html text; do
	run "$MU" --journal "$J" report "$S" --format $f
	expect_rc "report $f: exit 0" 0
	expect_out "report $f: the release notes named" "CHANGELOG 1.11.0"
done
