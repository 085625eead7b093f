#!/bin/sh
# plan.sh - 'mesos-upgrade plan': the checklist in each format, against the guide.
#
# The JSON, Markdown and text checks are in plan_check.py; the guide's facts
# per hop in guide_facts.py (checked against the guide itself when it is at
# $MU_GUIDE, default ../shared/guide/upgrades.md).
. "$(dirname "$0")/lib.sh"
json_server
D=$(dirname "$0")
CHECK() { pyrun "$D/plan_check.py" "$@"; }
GUIDE=${MU_GUIDE:-../shared/guide/upgrades.md}
CV=$(sed -n 's/^version: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' content/guide.yaml)
# the guide's hops, notes and steps (0.11 -> 0.28), as guide_facts.py has them
# shellcheck disable=SC2046
set -- $(python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); from guide_facts import FACTS
print(len(FACTS), sum(len(h["notes"]) for h in FACTS), sum(len(h["steps"]) for h in FACTS))' "$D")
GHOPS=$1 GNOTES=$2 GSTEPS=$3

# save FILE: keep the last run's stdout
save() { cp "$T/out" "$1"; }

if [ -r "$GUIDE" ]; then
	python3 "$D/guide_facts.py" check "$GUIDE"
else
	echo "skip guide-facts: no guide at $GUIDE (set MU_GUIDE); using the facts as kept"
fi

# ---- the whole guide, JSON ------------------------------------------------------
run "$MU" plan --from 0.11.0 --to 0.28.2 --format json
expect_rc "plan 0.11.0 -> 0.28.2 json: exit 0" 0
expect_empty_err "plan 0.11.0 -> 0.28.2 json: nothing on stderr"
save "$T/full.json"
CHECK json "json 0.11.0 -> 0.28.2:" "$T/full.json" 0.11.0 0.28.2 "$CV" 0.11-0.12 0.27-0.28

# the cases the guide makes special, spelled out
py "json: 0.14->0.15 has 7 steps, the guide's unnumbered line is step 7 with --authentication=true and a warning" '
import json, sys
h = [h for h in json.load(open(sys.argv[1]))["hops"] if h["id"] == "0.14-0.15"][0]
s = h["steps"]
assert len(s) == 7, len(s)
assert s[6]["number"] == 7 and s[6]["role"] == "master", s[6]
assert "--authentication=true" in s[6]["text"] and s[6]["flags"] == ["--authentication=true"], s[6]
assert s[6]["warning"] and all(x["warning"] is None for x in s[:6]), s
assert "--credentials" in s[1]["flags"], s[1]
' "$T/full.json"
py "json: 0.18->0.19 has 1 note, ordered false, with its order note" '
import json, sys
h = [h for h in json.load(open(sys.argv[1]))["hops"] if h["id"] == "0.18-0.19"][0]
assert len(h["notes"]) == 1, h["notes"]
assert h["ordered"] is False and h["order_note"], h
assert all(x["ordered"] is True and x["order_note"] is None
           for x in json.load(open(sys.argv[1]))["hops"] if x["id"] != "0.18-0.19")
' "$T/full.json"
py "json: 0.17->0.18 step 4 has 2 branches (no cgroups: 1 point, cgroups: 6), the only branches" '
import json, sys
hops = json.load(open(sys.argv[1]))["hops"]
h = [h for h in hops if h["id"] == "0.17-0.18"][0]
b = h["steps"][3]["branches"]
assert [len(x["points"]) for x in b] == [1, 6], b
assert h["steps"][3]["role"] == "agent"
others = [s["id"] for x in hops for s in x["steps"] if s["branches"] and s is not h["steps"][3]]
assert not others, others
' "$T/full.json"
py "json: 0.21->0.22 step 3 has the Java and Python instructions" '
import json, sys
h = [h for h in json.load(open(sys.argv[1]))["hops"] if h["id"] == "0.21-0.22"][0]
l = h["steps"][2]["languages"]
assert [x["language"] for x in l] == ["Java", "Python"], l
assert "implicitAcknowledgements" in l[1]["text"], l[1]
' "$T/full.json"
py "json: totals $GHOPS hops, $GNOTES notes, $GSTEPS steps, as the guide" '
import json, sys
hops = json.load(open(sys.argv[1]))["hops"]
n = (len(hops), sum(len(h["notes"]) for h in hops), sum(len(h["steps"]) for h in hops))
assert n == tuple(int(x) for x in sys.argv[2:]), n
' "$T/full.json" "$GHOPS" "$GNOTES" "$GSTEPS"

# ---- the whole guide, Markdown and text -------------------------------------------
run "$MU" plan --from 0.11.0 --to 0.28.2 --format md
expect_rc "plan md: exit 0" 0
expect_empty_err "plan md: nothing on stderr"
save "$T/full.md"
expect_out "plan md: title" "# Apache Mesos upgrade plan: 0.11.0 → 0.28.2"
expect_out "plan md: totals" "$GHOPS hops, $GNOTES notes to read, $GSTEPS steps. Content $CV,"
CHECK md "md 0.11.0 -> 0.28.2:" "$T/full.md" "$T/full.json"

run "$MU" plan --from 0.11.0 --to 0.28.2 --format markdown
if cmp -s "$T/out" "$T/full.md"; then ok "plan --format markdown is md"; else
	fail "plan --format markdown is md" "outputs differ"; fi

run "$MU" plan --from 0.11.0 --to 0.28.2
expect_rc "plan text: exit 0" 0
expect_empty_err "plan text: nothing on stderr"
save "$T/full.txt"
expect_out "plan text: title" "Apache Mesos upgrade plan: 0.11.0 -> 0.28.2"
expect_out "plan text: totals" "$GHOPS hops, $GNOTES notes to read, $GSTEPS steps. Content $CV,"
expect_out "plan text: the unordered hop says so" "Steps, in any order:"
expect_out "plan text: a branch to choose" "( ) cgroups: "
CHECK text "text 0.11.0 -> 0.28.2:" "$T/full.txt" "$T/full.json"
run "$MU" plan --from 0.11.0 --to 0.28.2 --format text
if cmp -s "$T/out" "$T/full.txt"; then ok "plan --format text is the default"; else
	fail "plan --format text is the default" "outputs differ"; fi

# ---- sub-ranges -------------------------------------------------------------------
# sub FROM TO FIRST_HOP LAST_HOP NHOPS: the plan is the full plan's slice
sub() {
	run "$MU" plan --from "$1" --to "$2" --format json
	expect_rc "plan $1 -> $2: exit 0" 0
	save "$T/sub.json"
	CHECK json "json $1 -> $2:" "$T/sub.json" "$1" "$2" "$CV" "$3" "$4"
	py "json $1 -> $2: $5 hops, the same as in the whole plan" '
import json, sys
sub, full = (json.load(open(f)) for f in sys.argv[1:3])
ids = [h["id"] for h in full["hops"]]
want = full["hops"][ids.index(sys.argv[3]):ids.index(sys.argv[4]) + 1]
assert len(sub["hops"]) == int(sys.argv[5]), len(sub["hops"])
assert sub["hops"] == want, "hops differ from the whole plan"
' "$T/sub.json" "$T/full.json" "$3" "$4" "$5"
	run "$MU" plan --from "$1" --to "$2" --format md
	save "$T/sub.md"
	CHECK md "md $1 -> $2:" "$T/sub.md" "$T/sub.json"
	run "$MU" plan --from "$1" --to "$2"
	save "$T/sub.txt"
	CHECK text "text $1 -> $2:" "$T/sub.txt" "$T/sub.json"
}
sub 0.26 0.28 0.26-0.27 0.27-0.28 2
sub 0.22.x 0.23 0.22-0.23 0.22-0.23 1
sub 0.22.1 0.28.0 0.22-0.23 0.27-0.28 6
sub 0.17.0 0.19.x 0.17-0.18 0.18-0.19 2
sub 0.11 0.12 0.11-0.12 0.11-0.12 1

run "$MU" plan --from 0.26 --to 0.28
expect_out "plan 0.26 -> 0.28 text: hop 1 of 2" "== Hop 1 of 2: 0.26 -> 0.27: "
expect_out "plan 0.26 -> 0.28 text: hop 2 of 2" "== Hop 2 of 2: 0.27 -> 0.28: "
expect_out "plan 0.26 -> 0.28 text: totals" "2 hops, 8 notes to read, 12 steps."
run "$MU" plan --from=0.26 --to=0.28
expect_rc "plan --from=V --to=V: exit 0" 0
expect_out "plan --from=V --to=V: same plan" "2 hops, 8 notes to read, 12 steps."
run "$MU" plan --from 0.22.x --to 0.23 --format md
expect_out "plan 0.22.x -> 0.23 md: one hop" "1 hop, 6 notes to read, 6 steps."
expect_out "plan 0.22.x -> 0.23 md: its heading" "## Hop 1 of 1: 0.22 → 0.23"

# ---- refusals: exit 2, nothing on stdout, the supported range named --------------
# refuse NAME WORD ARGS...: plan ARGS is refused with a message holding WORD
# (and the range, unless it is about the format: the versions may be right)
refuse() {
	name=$1; word=$2; shift 2
	run "$MU" plan "$@"
	expect_rc "refuses $name: exit 2" 2
	expect_empty_out "refuses $name: nothing on stdout"
	case "$err" in
	"mesos-upgrade: "*) ok "refuses $name: message prefixed" ;;
	*) fail "refuses $name: message prefixed" "stderr: $err" ;;
	esac
	case $word in
	"unknown format"*) expect_err "refuses $name: names the formats" "expected text, md, html or json" ;;
	*) expect_err "refuses $name: names the range" "$FIRST to $LAST" ;;
	esac
	expect_err "refuses $name: says why" "$word"
}
refuse "a downgrade" "downgrade" --from 0.27 --to 0.22
refuse "a downgrade within the guide's ends" "downgrade" --from 0.27.1 --to 0.11.0
# a version the guide does not know is outside it, not a downgrade
refuse "from beyond the guide, to inside it" "--from 0.30 is outside the guide" --from 0.30 --to 0.28
refuse "to below the guide" "--to 0.9 is outside the guide" --from 0.27 --to 0.9
refuse "equal versions" "same minor series" --from 0.26 --to 0.26
refuse "versions of one series" "same minor series" --from 0.26.0 --to 0.26.x
refuse "--from before the guide" "--from 0.10 is outside the guide" --from 0.10 --to 0.28
refuse "--to after the guide" "--to 0.29 is outside the guide" --from 0.26 --to 0.29
refuse "versions outside the guide" "outside the guide" --from 9.0 --to 9.1
refuse "--from the newest version" "0.28" --from 0.28 --to 0.28.1
refuse "a garbage --from" "--from 'abc' is not a version" --from abc --to 0.28
refuse "a garbage --to" "--to '0.28.1.2' is not a version" --from 0.26 --to 0.28.1.2
refuse "a --to with a suffix" "is not a version" --from 0.26 --to 0.28-rc1
refuse "an empty --from" "--from" --from "" --to 0.28
refuse "no --from" "--from and --to are required" --to 0.28
refuse "no --to" "--from and --to are required" --from 0.26
refuse "no versions" "--from and --to are required"
refuse "an unknown --format" "unknown format 'xml'" --from 0.26 --to 0.28 --format xml
refuse "an empty --format" "unknown format ''" --from 0.26 --to 0.28 --format ""
refuse "an extra argument" "unexpected argument 'extra'" --from 0.26 --to 0.28 extra
refuse "versions without options" "unexpected argument '0.26'" 0.26 0.28

run "$MU" plan --from 0.26 --to 0.28 --from 0.27
expect_rc "plan --from twice: exit 2" 2
expect_err "plan --from twice: says so" "mesos-upgrade: plan: --from given twice"
run "$MU" plan --from 0.26 --to
expect_rc "plan --to without a value: exit 2" 2
expect_err "plan --to without a value: says so" "mesos-upgrade: plan: --to needs a value"

# ---- --content and MESOS_UPGRADE_CONTENT -------------------------------------------
C="$T/c"
cp -r content "$C"
sed 's/^title: .*/title: Upgrading from 0.27.x to 0.28.x, as edited by the tests/' \
	content/hops/0.27-0.28.yaml >"$C/hops/0.27-0.28.yaml"
run "$MU" plan --from 0.27 --to 0.28
expect_rc "built-in plan: exit 0" 0
case "$out" in
*"as edited by the tests"*) fail "built-in plan: the built-in title" "shows the edit" ;;
*) ok "built-in plan: the built-in title" ;;
esac
run "$MU" --content "$C" plan --from 0.27 --to 0.28
expect_rc "--content DIR plan: exit 0" 0
expect_out "--content DIR plan: shows the edited title" \
	"== Hop 1 of 1: 0.27 -> 0.28: Upgrading from 0.27.x to 0.28.x, as edited by the tests =="
run "$MU" --content="$C" plan --from 0.27 --to 0.28 --format json
expect_out "--content=DIR plan json: shows the edited title" \
	'"title":"Upgrading from 0.27.x to 0.28.x, as edited by the tests"'
run env MESOS_UPGRADE_CONTENT="$C" "$MU" plan --from 0.27 --to 0.28 --format md
expect_rc "MESOS_UPGRADE_CONTENT plan: exit 0" 0
expect_out "MESOS_UPGRADE_CONTENT plan: shows the edited title" \
	"Upgrading from 0.27.x to 0.28.x, as edited by the tests"

B="$T/broken"
cp -r content "$B"
cat >"$B/hops/0.27-0.28.yaml" <<'EOF'
from: "0.27"
to: "0.28"
title: Upgrading from 0.27.x to 0.28.x
notes: []
steps:
  - id: restart-masters
    role: captain
    text: Restart the masters.
EOF
run env MESOS_UPGRADE_CONTENT="$B" "$MU" --content "$C" plan --from 0.27 --to 0.28
expect_rc "--content wins over MESOS_UPGRADE_CONTENT: exit 0" 0
expect_out "--content wins over MESOS_UPGRADE_CONTENT: its plan" "as edited by the tests"

broken() {
	expect_rc "$1: exit 65" 65
	expect_empty_out "$1: nothing on stdout"
	expect_err "$1: FILE:LINE:COL of the problem" \
		"mesos-upgrade: $B/hops/0.27-0.28.yaml:7:11: unknown role 'captain'"
	expect_err "$1: points to lint" "mesos-upgrade lint $B"
}
run "$MU" --content "$B" plan --from 0.26 --to 0.28
broken "--content broken plan"
run env MESOS_UPGRADE_CONTENT="$B" "$MU" plan --from 0.11 --to 0.12 --format json
broken "MESOS_UPGRADE_CONTENT=broken plan"
run "$MU" --content "$T/nope" plan --from 0.26 --to 0.28
expect_rc "--content missing dir plan: exit 65" 65
expect_err "--content missing dir plan: names the file" "mesos-upgrade: $T/nope/guide.yaml: cannot read"
run "$MU" --content "$B" plan --from 0.26
expect_rc "--content broken, usage error first: exit 2" 2
expect_err "--content broken, usage error first: says what is missing" "--from and --to are required"

# ---- everything from content is escaped for Markdown -------------------------------
E="$T/evil"
cp -r content "$E"
cat >"$E/guide.yaml" <<'EOF'
product: Apache <b>Mesos</b>
title: Upgrading <i>Mesos</i>
source: <a href="x">docs</a> & more
version: "1.0<s>"
EOF
cat >"$E/hops/0.27-0.28.yaml" <<'EOF'
from: "0.27"
to: "0.28"
title: Upgrading <b>from</b> 0.27.x & to <i>0.28</i>
ordered: false
order_note: <u>any</u> order & <b>more</b>
notes:
  - id: evil-note
    title: <script>alert(1)</script> `x`
    audience: [operator, module-writer]
    text: |-
      Text <img src=x onerror=alert(1)> & more
      # not a heading <b>
      - not a list <i>
      1. not a number <u>
      > not a quote <s>
    points: ["<p>point</p>", "- <dash>", "`tick` <x>"]
    code: |
      if (a < b && c > d) { return "<tag>"; }
      ```
      fence <inside>
steps:
  - id: evil-step
    role: master
    text: Restart <em>with</em> --x`<img> and [a](<b>) <!-- c -->
    detail: "<detail> & 1. start\n- dash <b>"
    points: ["<p1>", "# head <h1>"]
    flags: ["--x`<img>"]
    warning: <warn> & </warn>
    languages:
      - language: Java<script>
        text: <java> & </java>
    branches:
      - id: one
        title: <one> branch
        points: ["<a> point", "1) <b>"]
      - id: two
        title: "`<two>`"
        points: ["<c>"]
EOF
run "$MU" lint "$E"
expect_rc "hostile content lints clean" 0
run "$MU" --content "$E" plan --from 0.26 --to 0.28 --format json
expect_rc "hostile content plan json: exit 0" 0
save "$T/evil.json"
py "hostile content plan json: keeps every text exactly" '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["product"] == "Apache <b>Mesos</b>" and d["content_version"] == "1.0<s>", d
h = d["hops"][1]
assert h["title"] == "Upgrading <b>from</b> 0.27.x & to <i>0.28</i>", h["title"]
assert h["notes"][0]["code"].startswith("if (a < b && c > d)"), h["notes"][0]
s = h["steps"][0]
assert s["flags"] == ["--x`<img>"] and s["warning"] == "<warn> & </warn>", s
assert s["branches"][1]["title"] == "`<two>`", s
' "$T/evil.json"
run "$MU" --content "$E" plan --from 0.26 --to 0.28 --format md
expect_rc "hostile content plan md: exit 0" 0
save "$T/evil.md"
CHECK md "md of hostile content:" "$T/evil.md" "$T/evil.json"
expect_out "md of hostile content: flags stay one code span" '``--x`<img>``'
run "$MU" --content "$E" plan --from 0.26 --to 0.28
expect_rc "hostile content plan text: exit 0" 0
save "$T/evil.txt"
CHECK text "text of hostile content:" "$T/evil.txt" "$T/evil.json"

# ---- the whole range, streamed ---------------------------------------------------
# Each format of the whole supported range is several times what the output
# holds before it is written (16 KiB): into a pipe it is the file's byte for
# byte, the JSON parses whole, and the Markdown and the text say what it
# says (each piece in its place).
# shellcheck disable=SC2046
set -- $("$MU" --version | sed -n 's/.* \([0-9.]*\) to \([0-9.]*\), .*/\1 \2/p')
if [ $# -ne 2 ]; then fail "whole range: the supported range from --version" "$("$MU" --version)"; fi
for f in text md html json; do
	"$MU" plan --from "$1" --to "$2" --format $f >"$T/whole.$f" 2>"$T/err"
	rc=$?; err=$(cat "$T/err")
	expect_rc "plan $1 -> $2 --format $f: exit 0" 0
	expect_empty_err "plan $1 -> $2 --format $f: nothing on stderr"
	n=$(wc -c <"$T/whole.$f")
	if [ "$n" -gt 65536 ]; then ok "plan $1 -> $2 --format $f: more than 64 KiB"
	else fail "plan $1 -> $2 --format $f: more than 64 KiB" "$n bytes"; fi
	"$MU" plan --from "$1" --to "$2" --format $f 2>"$T/err" | cat >"$T/piped.$f"
	if cmp -s "$T/whole.$f" "$T/piped.$f"; then ok "plan $1 -> $2 --format $f: a pipe gets the file's bytes"
	else fail "plan $1 -> $2 --format $f: a pipe gets the file's bytes" "$(cmp "$T/whole.$f" "$T/piped.$f")"; fi
done
py "plan $1 -> $2 --format json, streamed: one document, every hop from $1 to $2" '
import json, sys
d = json.load(open(sys.argv[1]))
h = d["hops"]
assert h[0]["from"] == sys.argv[2] and h[-1]["to"] == sys.argv[3], (h[0]["from"], h[-1]["to"])
assert all(a["to"] == b["from"] for a, b in zip(h, h[1:])), "a hop is missing"
' "$T/piped.json" "$1" "$2"
CHECK md "md $1 -> $2, streamed:" "$T/piped.md" "$T/piped.json"
CHECK text "text $1 -> $2, streamed:" "$T/piped.text" "$T/piped.json"
