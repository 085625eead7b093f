# comfort.sh - the command line's comforts: an unknown item id answered with
# the nearest ids; status summing a per-host step up (its first pending
# hosts, how many more) and --hosts listing every host; mark --help naming
# the forms of ITEM.
. tests/cli/lib.sh
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z MESOS_UPGRADE_HOST=bastion1
J="$T/j.db"
mu() { run "$MU" --journal "$J" --operator alice "$@"; }
B=0.27-0.28
{
	printf 'masters: [m1, m2, m3]\nleader: m1\nagents:\n'
	i=1; while [ $i -le 12 ]; do printf '  - agent-%02d\n' $i; i=$((i + 1)); done
} >"$T/inv.yaml"
mu start --from 0.27 --to 0.28 --inventory "$T/inv.yaml"

# ---- did you mean ----------------------------------------------------------------------
before=$(nevents "$J")
mu mark 1 $B/restart-agent@agent-01 done
expect_rc typo-host-item-rc 2
expect_err typo-host-item-nearest "session 1 has no item '$B/restart-agent@agent-01' (did you mean $B/restart-agents@agent-01,"
mu mark 1 $B/scalar-precisoin done
expect_rc typo-note-rc 2
expect_err typo-note-nearest "session 1 has no item '$B/scalar-precisoin' (did you mean $B/scalar-precision?); 'status 1' lists its items (ids look like $B/scalar-precision)"
mu note 1 0.27-0.29/rebuild-modules 'hop mistyped'
expect_rc typo-hop-rc 2
expect_err typo-hop-nearest "(did you mean $B/rebuild-modules?)"
mu mark 1 nothing-like-it done
expect_rc far-off-rc 2
expect_err far-off-no-guess "session 1 has no item 'nothing-like-it'; 'status 1' lists its items"
expect_eq unknown-records-nothing "$(nevents "$J")" "$before"

# ---- status sums a per-host step up ---------------------------------------------------
mu status 1
expect_out summary-counts "[ ] 3.   $B/restart-agents [hosts: 0 done, 0 skipped, 12 pending of 12]"
expect_out summary-first-pending "             pending: agent-01, agent-02, agent-03, agent-04, agent-05 and 7 more ('status 1 --hosts' lists every host)"
expect_out summary-leader-last "             pending: m2, m3, m1 (leader, last)"
expect_eq summary-no-host-lines "$(printf '%s\n' "$out" | grep -c '^  \[ \]   -  ')" 0
mu status 1 --hosts
expect_eq hosts-every-line "$(printf '%s\n' "$out" | grep -c '^  \[ \]   -  ')" 15
expect_eq hosts-no-summary "$(printf '%s\n' "$out" | grep -c 'pending: ')" 0
mu status 1 --format json
expect_json json-every-host "len([i for i in items() if i['host']])" 15
mu status 1 --format json --hosts
expect_json json-hosts-same "len([i for i in items() if i['host']])" 15

# ---- mark --help -----------------------------------------------------------------------
mu mark --help
expect_out help-host-form "  HOP/STEP@HOST   a step done on each master or agent of the inventory"
expect_out help-pattern "  PATTERN         '*' and '?' over the ids (quote it from the shell)"
expect_out help-pattern-example "mesos-upgrade mark 3 '0.27-0.28/restart-agents@*' done"
