#!/bin/sh
# lint.sh - 'mesos-upgrade lint [DIR]': the content maintainer's check.
. "$(dirname "$0")/lib.sh"

# expect_line NAME TEXT: one line of stdout is exactly TEXT
expect_line() {
	if printf '%s\n' "$out" | grep -qxF -- "$2"; then ok "$1"; else
		fail "$1" "no stdout line '$2'; stdout was: $out"; fi
}
# expect_lines NAME N: stdout has exactly N lines
expect_lines() {
	n=$(printf '%s' "$out" | grep -c '')
	if [ "$n" -eq "$2" ]; then ok "$1"; else
		fail "$1" "$n lines on stdout, expected $2: $out"; fi
}

# ---- good content ------------------------------------------------------------
run "$MU" lint content
expect_rc "lint content: exit 0" 0
expect_out "lint content: says no problems" "content: $HOPS hops from $FIRST to $LAST, $NOTES notes, $STEPS steps: no problems"
expect_out "lint content: ends with no problems" "no problems"
expect_empty_err "lint content: nothing on stderr"

run "$MU" lint
expect_rc "lint (built-in): exit 0" 0
expect_out "lint (built-in): names the built-in content" "built-in content: $HOPS hops from $FIRST to $LAST,"
expect_empty_err "lint (built-in): nothing on stderr"

run "$MU" --content content lint
expect_rc "--content content lint: exit 0" 0
expect_out "--content content lint: checks that directory" "content: $HOPS hops"

run env MESOS_UPGRADE_CONTENT=content "$MU" lint
expect_rc "MESOS_UPGRADE_CONTENT=content lint: exit 0" 0
expect_out "MESOS_UPGRADE_CONTENT=content lint: checks that directory" "content: $HOPS hops"

# ---- a broken copy: one defect in each of six files ---------------------------
B="$T/bad"
cp -r content "$B"
# guide.yaml: a missing required key (version)
cat >"$B/guide.yaml" <<'EOF'
product: Apache Mesos
title: Upgrading Mesos
source: the tests
EOF
# an unknown key
cat >"$B/hops/0.11-0.12.yaml" <<'EOF'
from: "0.11"
to: "0.12"
title: Upgrading from 0.11.0 to 0.12.0
colour: blue
notes: []
steps:
  - id: restart-agents
    role: agent
    text: Restart the agents.
EOF
# a bad role
cat >"$B/hops/0.12-0.13.yaml" <<'EOF'
from: "0.12"
to: "0.13"
title: Upgrading from 0.12.0 to 0.13.0
notes: []
steps:
  - id: restart-masters
    role: pilot
    text: Restart the masters.
EOF
# an id used by a note and a step of the same hop
cat >"$B/hops/0.15-0.16.yaml" <<'EOF'
from: "0.15"
to: "0.16"
title: Upgrading from 0.15.0 to 0.16.0
notes:
  - id: restart-masters
    title: A note
    audience: operator
    text: Read this.
steps:
  - id: restart-masters
    role: master
    text: Restart the masters.
EOF
# a line that is not YAML
cat >"$B/hops/0.16-0.17.yaml" <<'EOF'
from: "0.16"
to: "0.17"
title: Upgrading from 0.16.0 to 0.17.0
notes: []
steps:
  - id: restart-masters
    role: master: agent
    text: Restart the masters.
EOF
# a step without its role
cat >"$B/hops/0.20-0.21.yaml" <<'EOF'
from: "0.20"
to: "0.21"
title: Upgrading from 0.20.x to 0.21.x
notes: []
steps:
  - id: restart-masters
    role: master
    text: Restart the masters.
  - id: restart-agents
    text: Restart the agents.
EOF

bad_lines() {
	expect_line "$1: missing key in guide.yaml" \
		"$B/guide.yaml:1:1: missing key 'version' in the guide file"
	expect_line "$1: unknown key" \
		"$B/hops/0.11-0.12.yaml:4:1: unknown key 'colour' in a hop (expected one of: from, to, title, ordered, order_note, notes, steps, source, reference, standard_steps)"
	expect_line "$1: bad role" \
		"$B/hops/0.12-0.13.yaml:7:11: unknown role 'pilot' (expected master, agent, scheduler, executor or module)"
	expect_line "$1: duplicate id" \
		"$B/hops/0.15-0.16.yaml:10:9: duplicate id 'restart-masters' in this hop (first at line 5)"
	expect_line "$1: broken YAML line" \
		"$B/hops/0.16-0.17.yaml:7:17: mapping values are not allowed in this context"
	expect_line "$1: missing key in a step" \
		"$B/hops/0.20-0.21.yaml:9:5: missing key 'role' in a step"
	expect_lines "$1: one line per problem, nothing else" 6
}

run "$MU" lint "$B"
expect_rc "lint broken copy: exit 65" 65
bad_lines "lint broken copy"
expect_err "lint broken copy: counts the problems on stderr" "mesos-upgrade: lint: 6 problems in $B"

run "$MU" --content "$B" lint
expect_rc "--content broken lint: exit 65" 65
bad_lines "--content broken lint"

run env MESOS_UPGRADE_CONTENT="$B" "$MU" lint
expect_rc "MESOS_UPGRADE_CONTENT=broken lint: exit 65" 65
expect_lines "MESOS_UPGRADE_CONTENT=broken lint: the same six problems" 6

run env MESOS_UPGRADE_CONTENT="$B" "$MU" lint content
expect_rc "lint DIR wins over MESOS_UPGRADE_CONTENT: exit 0" 0

# fixing the files one by one brings the count down: each problem stands alone
cp content/hops/0.12-0.13.yaml "$B/hops/0.12-0.13.yaml"
cp content/hops/0.16-0.17.yaml "$B/hops/0.16-0.17.yaml"
run "$MU" lint "$B"
expect_rc "lint after two fixes: still 65" 65
expect_lines "lint after two fixes: four problems left" 4
expect_err "lint after two fixes: counts four" "lint: 4 problems in $B"

# ---- no such directory, not a directory ----------------------------------------
run "$MU" lint "$T/nope"
expect_rc "lint missing dir: exit 65" 65
expect_line "lint missing dir: says guide.yaml cannot be read" \
	"$T/nope/guide.yaml: cannot read: No such file or directory"
expect_err "lint missing dir: message on stderr" "mesos-upgrade: lint: 1 problem in $T/nope"

run "$MU" lint content/guide.yaml
expect_rc "lint on a file: exit 65" 65
expect_out "lint on a file: says why" "content/guide.yaml/guide.yaml: cannot read"

mkdir "$T/empty"
run "$MU" lint "$T/empty"
expect_rc "lint empty dir: exit 65" 65
expect_out "lint empty dir: names guide.yaml" "$T/empty/guide.yaml"

# ---- the command line ------------------------------------------------------------
run "$MU" lint --help
expect_rc "lint --help: exit 0" 0
expect_out "lint --help: usage" "usage: mesos-upgrade [GLOBAL OPTIONS] lint [DIR]"
expect_out "lint --help: the output format" "FILE:LINE:COL: message"
expect_empty_err "lint --help: nothing on stderr"

run "$MU" lint content content
expect_rc "lint with two dirs: exit 2" 2
expect_err "lint with two dirs: says which argument" "mesos-upgrade: lint: unexpected argument 'content'"
expect_empty_out "lint with two dirs: nothing on stdout"

run "$MU" lint --strict
expect_rc "lint --strict: exit 2" 2
expect_err "lint --strict: unknown option" "mesos-upgrade: lint: unknown option '--strict'"
