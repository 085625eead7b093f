# cluster.sh - a session against a live cluster: start --master/--discover,
# probe, verify, status and report with what the cluster said, and every
# failure clear, with nothing recorded. The cluster is tests/fake_mesos.py on
# loopback addresses; every wait on it is bounded.
. tests/cli/lib.sh
json_server
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z

J="$T/j.db"
FAKE_PID=""
stop_fake() {
	[ -n "$FAKE_PID" ] && { kill "$FAKE_PID" 2>/dev/null; wait "$FAKE_PID" 2>/dev/null; }
	FAKE_PID=""
}
trap 'stop_fake; rm -rf "$T"' EXIT

# scenario JSON: write it atomically; the fake reads it again when it changes
scenario() { printf '%s\n' "$1" >"$T/scenario.tmp" && mv "$T/scenario.tmp" "$T/scenario.json"; }
gen() { ready_gen "$T/ready"; }
# wait (at most 20 s) for the fake to be ready at a generation after $1
wait_gen() {
	i=0
	while [ "$(gen)" -le "$1" ]; do
		i=$((i + 1)); [ $i -gt 400 ] && { echo "FAIL fake-ready: the fake cluster did not answer"; exit 1; }
		sleep 0.05
	done
}
start_fake() { # SCENARIO
	stop_fake
	rm -f "$T/ready"
	scenario "$1"
	python3 tests/fake_mesos.py --scenario "$T/scenario.json" --ready "$T/ready" --lifetime 300 &
	FAKE_PID=$!
	wait_gen 0
	set -- $(python3 -c 'import json,sys; print(*json.load(open(sys.argv[1]))["masters"][:3])' "$T/ready")
	M1=${1:-} M2=${2:-} M3=${3:-}
}
change_fake() { g=$(gen); scenario "$1"; wait_gen "$g"; }
json() { pyrun -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$T/out"; }
probes() { sql "$J" "SELECT count(*) FROM probes"; }

OLD='{"masters": [{"version": "0.27.2"}, {"version": "0.27.2"}, {"version": "0.27.2"}], "leader": 1,
 "agents": {"count": 4, "version": "0.27.2"},
 "frameworks": [{"name": "marathon", "checkpoint": true}, {"name": "spark", "checkpoint": false}]}'
start_fake "$OLD"

# ---- start --discover ---------------------------------------------------------
run "$MU" --journal "$J" start --from 0.27 --to 0.28 --title discover --master "$M1" \
	--master "$M2" --master "$M3" --discover
expect_rc discover-rc 0
expect_eq discover-id "$out" 1
run "$MU" --journal "$J" status 1 --format json
expect_rc discover-status-rc 0
printf '%s' "$out" >"$T/out"
expect_eq discover-agents "$(json "[i['host'] for h in d['hops'] for i in h['items'] if i['id'].startswith('0.27-0.28/restart-agents@')]")" \
	"['agent-00000', 'agent-00001', 'agent-00002', 'agent-00003']"
# the masters as they name themselves, the leader (the second) last
expect_eq discover-masters "$(json "[(i['host'], i['leader']) for h in d['hops'] for i in h['items'] if i['id'].startswith('0.27-0.28/restart-masters@')]")" \
	"[('127.0.0.11', False), ('127.0.0.13', False), ('127.0.0.12', True)]"
# start --discover recorded what it saw: each host's live version
expect_eq discover-live "$(json "[i['live']['version'] for h in d['hops'] for i in h['items'] if i['host']]")" \
	"$(printf "['0.27.2', '0.27.2', '0.27.2', '0.27.2', '0.27.2', '0.27.2', '0.27.2']")"
expect_eq discover-cluster-leader "$(json "d['cluster']['leader']")" "127.0.0.12"
expect_out discover-no-checkpoint-warned "spark"

# ---- usage errors, before anything is asked or recorded -------------------------
run "$MU" --journal "$J" start --from 0.27 --to 0.28 --master "$M1" --discover --inventory /dev/null
expect_rc discover-with-inventory-rc 2
expect_err discover-with-inventory-says "--discover"
run "$MU" --journal "$J" start --from 0.27 --to 0.28 --discover
expect_rc discover-without-master-rc 2
expect_err discover-without-master-says "--master"
for bad in "ftp://127.0.0.11:5050" "http://user:pw@127.0.0.11:5050" "127.0.0.11:5050" "http://"; do
	run "$MU" --journal "$J" start --from 0.27 --to 0.28 --master "$bad"
	expect_rc "bad-master-url-rc-$bad" 2
	expect_err "bad-master-url-says-$bad" "--master"
done
expect_eq usage-errors-recorded-nothing "$(probes)" 1
run "$MU" --journal "$J" sessions --format json
printf '%s' "$out" >"$T/out"
expect_eq usage-errors-no-session "$(json "len(d)")" 1

# ---- probe ----------------------------------------------------------------------
change_fake '{"masters": [{"version": "0.28.2"}, {"version": "0.28.2"}, {"version": "0.27.2"}], "leader": 1,
 "agents": {"count": 4, "version": "0.27.2", "upgraded": 2, "upgraded_version": "0.28.2"},
 "frameworks": [{"name": "spark", "checkpoint": false}]}'
run "$MU" --journal "$J" probe 1 --format json
expect_rc probe-rc 0
printf '%s' "$out" >"$T/out"
expect_eq probe-keys "$(json "list(d)")" \
	"['probed', 'leader', 'masters', 'agents', 'frameworks_without_checkpoint', 'warnings']"
expect_eq probe-master-keys "$(json "list(d['masters'][0])")" \
	"['url', 'host', 'version', 'leader', 'reachable', 'error']"
expect_eq probe-agent-keys "$(json "list(d['agents'][0])")" "['host', 'version', 'active', 'recovered']"
expect_eq probe-leader "$(json "d['leader']")" "127.0.0.12"
expect_eq probe-agents "$(json "[(a['host'], a['version']) for a in d['agents']]")" \
	"[('agent-00000', '0.28.2'), ('agent-00001', '0.28.2'), ('agent-00002', '0.27.2'), ('agent-00003', '0.27.2')]"
expect_eq probe-no-checkpoint "$(json "d['frameworks_without_checkpoint']")" "['spark']"
expect_eq probe-recorded "$(probes)" 2
run "$MU" --journal "$J" probe
expect_rc probe-text-rc 0
expect_out probe-text-leader "leader 127.0.0.12"
expect_out probe-text-versions "2 run 0.28.2"

# ---- verify ---------------------------------------------------------------------
# nothing can be verified while the hop's notes and first step are pending
run "$MU" --journal "$J" verify 1 --format json
expect_rc verify-locked-rc 0
printf '%s' "$out" >"$T/out"
expect_eq verify-locked-marked "$(json "d['marked']")" "[]"
expect_eq verify-keys "$(json "list(d)")" "['marked', 'pending', 'probe']"
for n in scalar-precision reservation-acls; do
	"$MU" --journal "$J" mark 1 "0.27-0.28/$n" done >/dev/null
done
"$MU" --journal "$J" mark 1 0.27-0.28/rebuild-modules skip --note 'no modules' >/dev/null
run "$MU" --journal "$J" verify 1 --format json
expect_rc verify-rc 0
printf '%s' "$out" >"$T/out"
# the masters reporting 0.28 are marked; the leader waits for the third master
expect_eq verify-marked "$(json "d['marked']")" "['0.27-0.28/restart-masters@127.0.0.11']"
expect_eq verify-pending "$(json "[(p['host'], p['version']) for p in d['pending']]")" \
	"[('127.0.0.13', '0.27.2'), ('127.0.0.12', '0.28.2'), ('agent-00000', '0.28.2'), ('agent-00001', '0.28.2'), ('agent-00002', '0.27.2'), ('agent-00003', '0.27.2')]"
# the third master upgraded: it, then the leader, then the two upgraded agents
change_fake '{"masters": [{"version": "0.28.2"}, {"version": "0.28.2"}, {"version": "0.28.2"}], "leader": 1,
 "agents": {"count": 4, "version": "0.27.2", "upgraded": 2, "upgraded_version": "0.28.2"}}'
run "$MU" --journal "$J" verify 1 --format json
printf '%s' "$out" >"$T/out"
expect_eq verify-chain "$(json "d['marked']")" \
	"['0.27-0.28/restart-masters@127.0.0.13', '0.27-0.28/restart-masters@127.0.0.12', '0.27-0.28/restart-agents@agent-00000', '0.27-0.28/restart-agents@agent-00001']"
expect_eq verify-still-old "$(json "[(p['host'], p['version']) for p in d['pending']]")" \
	"[('agent-00002', '0.27.2'), ('agent-00003', '0.27.2')]"
run "$MU" --journal "$J" verify 1
expect_rc verify-text-rc 0
expect_out verify-text-nothing "nothing more to mark"
expect_out verify-text-old "agent-00002 reports 0.27.2"

# an operator's claim the cluster contradicts: done, still old
"$MU" --journal "$J" mark 1 0.27-0.28/restart-agents@agent-00002 done >/dev/null
run "$MU" --journal "$J" status 1 --format json
printf '%s' "$out" >"$T/out"
expect_eq status-live-mismatch "$(json "[i['host'] for h in d['hops'] for i in h['items'] if i['live_mismatch']]")" \
	"['agent-00002']"
expect_eq status-live-observed "$(json "[i['live']['observed'] for h in d['hops'] for i in h['items'] if i['host'] == 'agent-00000']")" \
	"['2026-01-31T22:00:00Z']"
run "$MU" --journal "$J" status 1
expect_out status-text-mismatch "! done, but the host still runs an older version"

# ---- the report: evidence, probes in the timeline ----------------------------
run "$MU" --journal "$J" report 1 --format json
expect_rc report-rc 0
printf '%s' "$out" >"$T/out"
expect_eq report-evidence "$(json "[(i['target'], i['evidence']['version'], i['evidence']['source'].endswith('/master/slaves')) for h in d['hops'] for s in h['items'] if s['hosts'] for i in s['hosts'] if i['evidence'] and i['target'].startswith('agent')]")" \
	"[('agent-00000', '0.28.2', True), ('agent-00001', '0.28.2', True)]"
expect_eq report-probes-in-timeline "$(json "len([e for e in d['timeline'] if e['action'] == 'probe'])")" 7
run "$MU" --journal "$J" report 1 --format md
expect_out report-md-evidence "0.28.2"

# ---- failures: clear, exit codes, nothing recorded ---------------------------------
before=$(probes)
change_fake '{"masters": [{"version": "0.28.2", "up": false}, {"version": "0.28.2", "up": false}, {"version": "0.28.2", "up": false}], "leader": null, "agents": {"count": 0}}'
run "$MU" --journal "$J" probe 1
expect_rc all-down-rc 69
expect_err all-down-says "no Mesos master answered"
change_fake '{"masters": [{"version": "0.28.2"}, {"version": "0.28.2"}, {"version": "0.28.2"}], "leader": 1, "agents": {"count": 1, "version": "0.28.2"}, "garbage": ["/master/slaves"]}'
run "$MU" --journal "$J" probe 1
expect_rc garbage-rc 65
expect_err garbage-says "not JSON"
change_fake '{"masters": [{"version": "0.28.2"}, {"version": "0.28.2"}, {"version": "0.28.2"}], "leader": 1, "agents": {"count": 1, "version": "0.28.2"}, "auth": {"principal": "ops", "secret": "s3cr3t-Value"}}'
run "$MU" --journal "$J" probe 1
expect_rc auth-rc 77
expect_err auth-names-credentials "--credentials"
run "$MU" --journal "$J" verify 1
expect_rc verify-auth-rc 77
expect_eq failures-recorded-nothing "$(probes)" "$before"

# ---- credentials: a session reads its file each time; the journal never holds a secret
printf '{"credentials": [{"principal": "ops", "secret": "s3cr3t-Value"}]}\n' >"$T/cred.json"
chmod 644 "$T/cred.json"
run "$MU" --journal "$J" start --from 0.27 --to 0.28 --master "$M1" --master "$M2" \
	--master "$M3" --discover --credentials "$T/cred.json"
expect_rc credentials-open-rc 77
expect_err credentials-open-says "chmod 600"
chmod 600 "$T/cred.json"
run "$MU" --journal "$J" start --from 0.27 --to 0.28 --master "$M1" --master "$M2" \
	--master "$M3" --discover --credentials "$T/cred.json"
expect_rc credentials-rc 0
S2=$out
run "$MU" --journal "$J" probe "$S2" --format json
expect_rc credentials-probe-rc 0
python3 - "$J" <<'EOF' && ok journal-holds-no-secret || fail journal-holds-no-secret "the secret is in the journal"
import sys, glob
for f in glob.glob(sys.argv[1] + "*"):
    if b"s3cr3t-Value" in open(f, "rb").read():
        sys.exit(1)
EOF
printf 'ops wrong-secret\n' >"$T/cred.json"
run "$MU" --journal "$J" probe "$S2"
expect_rc credentials-wrong-rc 77

# ---- a slow master: the timeout says so, the others answer ----------------------
change_fake '{"masters": [{"version": "0.28.2"}, {"version": "0.28.2"}, {"version": "0.28.2"}], "leader": 1, "agents": {"count": 1, "version": "0.28.2"}, "slow": {"/master/state": 30, "/version": 30}, "slow_masters": [0]}'
run "$MU" --journal "$J" probe 1 --timeout 1 --format json
expect_rc slow-rc 0
printf '%s' "$out" >"$T/out"
expect_eq slow-unreachable "$(json "[(m['reachable'], 'timed out' in (m['error'] or '')) for m in d['masters']]")" \
	"[(False, True), (True, False), (True, False)]"
for bad in 0 -1 abc 100000; do
	run "$MU" --journal "$J" probe 1 --timeout "$bad"
	expect_rc "bad-timeout-$bad" 2
	run "$MU" --journal "$J" probe 1 --connect-timeout "$bad"
	expect_rc "bad-connect-timeout-$bad" 2
done

# ---- leader last, with the leader the cluster elected now ---------------------------
change_fake "$OLD"
S4=$("$MU" --journal "$J" start --from 0.27 --to 0.28 --master "$M1" --master "$M2" --master "$M3" --discover)
for n in scalar-precision reservation-acls; do "$MU" --journal "$J" mark "$S4" "0.27-0.28/$n" done >/dev/null; done
"$MU" --journal "$J" mark "$S4" 0.27-0.28/rebuild-modules skip --note 'no modules' >/dev/null
run "$MU" --journal "$J" mark "$S4" 0.27-0.28/restart-masters@127.0.0.12 done
expect_rc leader-last-rc 1
expect_err leader-last-names-pending "still pending: 127.0.0.11, 127.0.0.13"
# leadership moved to the first master: the probe says so, and the rule follows it
change_fake '{"masters": [{"version": "0.27.2"}, {"version": "0.27.2"}, {"version": "0.27.2"}], "leader": 0,
 "agents": {"count": 4, "version": "0.27.2"}}'
run "$MU" --journal "$J" probe "$S4" --format json
printf '%s' "$out" >"$T/out"
expect_eq leader-moved-warned "$(json "[w['kind'] for w in d['warnings']]")" "['leader-changed']"
run "$MU" --journal "$J" mark "$S4" 0.27-0.28/restart-masters@127.0.0.11 done
expect_rc live-leader-last-rc 1
expect_err live-leader-names-pending "still pending: 127.0.0.13, 127.0.0.12"
run "$MU" --journal "$J" mark "$S4" 0.27-0.28/restart-masters@127.0.0.12 done
expect_rc old-leader-now-free-rc 0
run "$MU" --journal "$J" mark "$S4" 0.27-0.28/restart-masters@127.0.0.11 done --force --note 'maintenance window ends'
expect_rc leader-forced-rc 0
run "$MU" --journal "$J" status "$S4" --hosts
expect_out leader-forced-shown "(FORCED)"
expect_out live-leader-shown "restart-masters@127.0.0.11 (leader: last"

# ---- verify of many agents: a step of more than 10 hosts summed up in text ------------
change_fake '{"masters": [{"version": "0.28.2"}, {"version": "0.28.2"}, {"version": "0.28.2"}], "leader": 1,
 "agents": {"count": 25, "version": "0.27.2", "upgraded": 12, "upgraded_version": "0.28.2"}}'
S6=$("$MU" --journal "$J" start --from 0.27 --to 0.28 --master "$M1" --master "$M2" --master "$M3" --discover)
for n in scalar-precision reservation-acls rebuild-modules; do "$MU" --journal "$J" mark "$S6" "0.27-0.28/$n" done >/dev/null; done
run "$MU" --journal "$J" verify "$S6"
expect_rc many-verify-rc 0
# the three masters, a line each; the twelve agents upgraded, in one line
block="  0.27-0.28/restart-masters@127.0.0.12
  0.27-0.28/restart-agents: 12 hosts: agent-00000, agent-00001, agent-00002, agent-00003, agent-00004 and 7 more
Still pending (13):
  0.27-0.28/restart-agents: 13 hosts
    13 report 0.27.2: agent-00012, agent-00013, agent-00014, agent-00015, agent-00016 and 8 more
('status $S6 --hosts' lists every host"
case "$out" in *"$block"*) ok many-verify-summed ;; *) fail many-verify-summed "stdout lacks, in order: $block" ;; esac
expect_eq many-verify-lines "$(printf '%s\n' "$out" | grep -c 'agent-000')" 2
run "$MU" --journal "$J" verify "$S6" --format json
printf '%s' "$out" >"$T/out"
expect_eq many-verify-json-each "$(json "len(d['pending'])")" 13

# ---- a session without masters works as before, and says why it cannot probe -------
S5=$("$MU" --journal "$J" start --from 0.27 --to 0.28)
run "$MU" --journal "$J" probe "$S5"
expect_rc no-masters-rc 2
expect_err no-masters-says "--master"
stop_fake
if [ -n "${KEEP:-}" ]; then cp "$J" "$KEEP"; fi  # KEEP=FILE: the journal, to look at
