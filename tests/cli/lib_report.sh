# lib_report.sh - sourced, after lib.sh, by the report scripts (report.sh,
# report_hosts.sh): the queue of Python checks, and the commands that build
# the fixture journal $J, each at its time on the host HOST.
#
# The Python checks are queued and run at the end by one python3
# (report_check.py batch "$Q"): it starts once, not once a check.
Q=$T/queue
: >"$Q"
# q FIELD...: one check in the queue, its fields joined by tabs
q() { (IFS='	'; printf '%s\n' "$*") >>"$Q"; }
# py NAME SCRIPT ARGS...: a Python check (assertions) run with ARGS in sys.argv
npy=0
py() {
	npy=$((npy + 1))
	printf '%s\n' "$2" >"$T/check$npy.py"
	name=$1; shift 2
	q py "$name" "$T/check$npy.py" "$@"
}

# Host names differ between machines and land in the reports: the recording
# commands run in a UTS namespace with the host name HOST when unshare allows
# it (NS, the command that enters one); otherwise HOST is the machine's name,
# replaced by HOST in the reports before they are compared (report_check.py
# golden).
NS=
if unshare --uts sh -c 'hostname HOST' 2>/dev/null; then
	NS="unshare --uts"
elif unshare --user --map-root-user --uts sh -c 'hostname HOST' 2>/dev/null; then
	NS="unshare --user --map-root-user --uts"
fi
if [ -n "$NS" ]; then HOST=HOST; else HOST=$(hostname 2>/dev/null || uname -n); fi

# at HH:MM:SS OPERATOR ARGS...: one command on $J at 2026-01-31THH:MM:SSZ on
# host HOST; a command that fails is added to $bad_fixture
bad_fixture=
at() {
	t=$1 op=$2; shift 2
	if [ -n "$NS" ]; then
		MESOS_UPGRADE_NOW="2026-01-31T${t}Z" $NS sh -c 'hostname HOST && exec "$@"' sh \
			"$MU" --journal "$J" --operator "$op" "$@" >"$T/out" 2>"$T/err"
	else
		MESOS_UPGRADE_NOW="2026-01-31T${t}Z" "$MU" --journal "$J" --operator "$op" "$@" \
			>"$T/out" 2>"$T/err"
	fi || bad_fixture="$bad_fixture
    $t $op $*: $(cat "$T/err")"
}
