# pattern.sh - "mark SESSION 'PATTERN' done|skip|undo": every matching item
# the rules allow, in one transaction, as many passes as it takes; exit 0 when
# one was marked or all were so already, 1 when none could be, 2 when nothing
# matches.
. tests/cli/lib.sh
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z
J="$T/j.db"
mu() { run "$MU" --journal "$J" --operator alice "$@"; }
printf 'masters: [m1, m2, m3]\nleader: m2\nagents: [a1, a2, a3]\n' >"$T/inv.yaml"
mu start --from 0.27 --to 0.28 --inventory "$T/inv.yaml"
events() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM events").fetchone()[0])' "$J"; }

mu mark 1 '0.27-0.28/restart-masters@*' done
expect_rc none-allowed-rc 1
expect_out none-allowed-counts "0 of 3 items matching '0.27-0.28/restart-masters@*' done now (0 were already); 3 refused"
expect_out none-allowed-names "refused: 0.27-0.28/restart-masters@m1 is locked: acknowledge the notes of hop 0.27-0.28 first; 0.27-0.28/scalar-precision is still pending
refused:"
case $out in *"--force"*) fail pattern-no-force-advice "a pattern's refusals offer --force: $out" ;; *) ok pattern-no-force-advice ;; esac
expect_eq none-allowed-records-nothing "$(events)" 0
mu mark 1 'nothing-*' done
expect_rc no-match-rc 2
expect_err no-match-says "no item of session 1 matches 'nothing-*'"
mu mark 1 '0.27-0.28/*' done --force --note x
expect_rc pattern-no-force-rc 2
mu mark 1 '0.27-0.28/*' skip
expect_rc pattern-skip-needs-reason-rc 2
mu mark 1 '0.27-0.28/[sr]e*' done
expect_rc some-allowed-rc 0
expect_out some-allowed-counts "1 of 9 items matching '0.27-0.28/[sr]e*' done now (0 were already); 8 refused"
# the rest in passes: the step after the notes, the masters with the leader last
mu mark 1 '0.27-0.28/*' done
expect_rc all-rc 0
expect_out all-counts "11 of 12 items matching '0.27-0.28/*' done now (1 were already); 0 refused"
mu status 1 --format json
expect_eq leader-last-in-one-go "$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["session"]["status"])')" finished
mu mark 1 '0.27-0.28/*' done
expect_rc all-already-rc 0
expect_out all-already-counts "0 of 12 items matching '0.27-0.28/*' done now (12 were already); 0 refused"
mu mark 1 '*@a?' undo
expect_rc undo-range-rc 0
expect_out undo-range-counts "3 of 3 items matching '*@a?' pending now (0 were already); 0 refused"

# ---- 100 agents, two hops: what the pattern can match is loaded, the counts as the whole session's
# (a few hosts: their items; every agent of one hop: that hop's; agents of both hops: the whole)
{
	printf 'masters: [m1, m2, m3]\nleader: m2\nagents:\n'
	i=1; while [ $i -le 100 ]; do printf '  - a%03d\n' $i; i=$((i + 1)); done
} >"$T/inv100.yaml"
J="$T/j100.db"
mu start --from 0.26 --to 0.28 --inventory "$T/inv100.yaml"
mu mark 1 '0.26-0.27/*' done
expect_rc hop-agents-rc 0
expect_out hop-agents-in-passes "113 of 113 items matching '0.26-0.27/*' done now (0 were already); 0 refused"
mu mark 1 '*@a01?' undo
expect_out few-hosts-undo "10 of 20 items matching '*@a01?' pending now (10 were already); 0 refused"
mu status 1
expect_out few-hosts-undo-counted "0.26-0.27/restart-agents [hosts: 90 done, 0 skipped, 10 pending of 100]"
mu mark 1 '*@a01?' done
expect_rc few-hosts-rc 0
expect_out few-hosts-done "10 of 20 items matching '*@a01?' done now (0 were already); 10 refused
refused: 0.27-0.28/restart-agents@a010 is locked: acknowledge the notes of hop 0.27-0.28 first; 0.27-0.28/scalar-precision is still pending"
mu status 1
expect_out few-hosts-resolve-the-step "[x] 3.   0.26-0.27/restart-agents [hosts: 100 done, 0 skipped, 0 pending of 100]  every host resolved, the last at 2026-01-31T22:00:00Z"
mu mark 1 '*@a0*' skip --note gone
expect_rc both-hops-rc 1
expect_out both-hops "0 of 198 items matching '*@a0*' skipped now (0 were already); 198 refused
refused: 0.26-0.27/restart-agents@a001 is already done (by alice at 2026-01-31T22:00:00Z); undo it first"
