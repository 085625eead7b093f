#!/bin/sh
# refusal_words.sh - the command line's words for each refusal of the core
# (tui/cli/cli_refusal.c), whole and exact, with the exit code of each.
. "$(dirname "$0")/lib.sh"
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z

# says NAME CODE TEXT: the last run exited CODE and said TEXT, alone, on stderr
says() {
	expect_rc "$1: exit $2" "$2"
	expect_eq "$1: the words" "$err" "mesos-upgrade: $3"
}
S="(supported: $FIRST to $LAST)"

# ---- a plan's versions ------------------------------------------------------
run "$MU" plan --from '' --to 0.28
says "plan --from ''" 2 "plan: --from needs a version $S"
run "$MU" plan --from 0.26 --to x.y
says "plan --to x.y" 2 "plan: --to 'x.y' is not a version: write 0.22, 0.22.1 or 0.22.x $S"
run "$MU" plan --from 0.27 --to 0.27.1
says "plan one series" 2 \
	"plan: 0.27 and 0.27.1 are the same minor series: the guide has no steps within a series, and no note of a patch release after 0.27 up to 0.27.1 $S"
run "$MU" plan --from 0.28 --to 0.26
says "plan downgrade" 2 "plan: 0.28 to 0.26 is a downgrade: the guide covers upgrades only $S"
run "$MU" plan --from "$LAST.1" --to 9.0
says "plan from the newest" 2 \
	"plan: --from $LAST.1 is the newest version the guide covers: there is nothing to upgrade to $S"
run "$MU" plan --from 0.10 --to 0.28
says "plan --from outside" 2 "plan: --from 0.10 is outside the guide $S"
run "$MU" plan --from 0.26 --to 0.40.x
says "plan --to outside" 2 "plan: --to 0.40.x is outside the guide $S"
run "$MU" --journal "$T/j.db" start --from abc --to 0.28
says "start --from abc" 2 "start: --from 'abc' is not a version: write 0.22, 0.22.1 or 0.22.x $S"

# ---- a check-off ---------------------------------------------------------------
printf 'masters: [m1, m2]\nagents: [a1, a2]\nleader: m1\n' >"$T/inv.yaml"
J="--journal $T/j.db --operator alice"
run "$MU" $J start --from 0.17 --to 0.19
expect_eq "session 1" "$out" 1
run "$MU" $J start --from 0.27 --to 0.28 --inventory "$T/inv.yaml"
expect_eq "session 2" "$out" 2

run "$MU" $J mark 1 nope done
says "unknown item" 2 \
	"session 1 has no item 'nope'; 'status 1' lists its items (ids look like 0.17-0.18/cgroups-reboot)"
run "$MU" $J mark 2 0.27-0.28/restart-masters done
says "per-host step" 2 "0.27-0.28/restart-masters is done host by host: mark 0.27-0.28/restart-masters@HOST for each of its 2 hosts (2 pending); 'status 2' lists them"
run "$MU" $J mark 2 0.27-0.28/scalar-precision done --branch x
says "--branch without alternatives" 2 \
	"--branch is for marking done a step with alternatives; 0.27-0.28/scalar-precision has none"
run "$MU" $J note 1 0.17-0.18/restart-agents ''
says "empty note" 2 "a note needs text"
run "$MU" $J mark 1 0.17-0.18/restart-agents undo
says "nothing to undo" 1 "nothing to undo: 0.17-0.18/restart-agents is pending"
run "$MU" $J mark 1 0.17-0.18/restart-agents skip
says "skip without a reason" 2 "skipping 0.17-0.18/restart-agents needs a reason: --note REASON"
run "$MU" $J mark 1 0.17-0.18/restart-agents done --branch nope
says "unknown branch" 2 \
	"0.17-0.18/restart-agents has no branch 'nope'; choose --branch no-cgroups or --branch cgroups"
run "$MU" $J mark 1 0.17-0.18/restart-agents done
says "branch needed" 1 \
	"0.17-0.18/restart-agents has alternatives: choose one with --branch no-cgroups or --branch cgroups"
run "$MU" $J mark 2 0.27-0.28/restart-agents@a1 done
says "blocked" 1 "0.27-0.28/restart-agents@a1 is locked: acknowledge the notes of hop 0.27-0.28 first; 0.27-0.28/scalar-precision is still pending (--force --note REASON overrides)"
run "$MU" $J mark 2 0.27-0.28/restart-agents@a1 done --force
says "--force without a reason" 2 "--force needs a reason: --note REASON"
run "$MU" $J mark 2 0.27-0.28/scalar-precision done
expect_rc "acknowledged" 0
run "$MU" $J mark 2 0.27-0.28/scalar-precision skip --note x
says "already done" 1 \
	"0.27-0.28/scalar-precision is already done (by alice at 2026-01-31T22:00:00Z); undo it first"
cp -R content "$T/c"
sed 's/id: scalar-precision$/id: scalar-precision-renamed/' content/hops/0.27-0.28.yaml \
	>"$T/c/hops/0.27-0.28.yaml"
run "$MU" $J --content "$T/c" mark 2 0.27-0.28/scalar-precision undo
says "no longer in the content" 1 \
	"0.27-0.28/scalar-precision is no longer in the content; its history is kept"
