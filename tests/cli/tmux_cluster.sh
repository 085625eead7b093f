# tmux_cluster.sh - the wizard against a live cluster in a real terminal:
# p probes and V verifies in the background while the screen keeps
# answering, Esc cancels a probe of a slow master, a failed probe says why,
# and the screens at 80x24, 40x12 and 200x60, in LANG=C and with NO_COLOR.
#
# The cluster is tests/fake_mesos.py on loopback addresses (as in
# cluster.sh); the terminal a private tmux server (as in tmux.sh), killed on
# exit with the fake. Each wizard runs in a pane with exactly the environment
# given (env -i), its stderr in $T/NAME.err; when it ends the pane shows
# EXIT=N. Every wait is bounded: the screen is polled, never slept on.
# (Unquoted: $UTF and $vars hold several VAR=VALUE words, $SOCKOPT two.)
# shellcheck disable=SC2086
. tests/cli/lib.sh
if ! command -v tmux >/dev/null 2>&1; then
	fail tmux-installed "tmux is not installed (make test installs it)"
	exit 0
fi
unset TMUX TMUX_PANE 2>/dev/null || true
case $MU in /*) ;; *) MU=$(pwd)/$MU ;; esac
J=$T/j.db
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z
# a private tmux server: its socket in $T, or a name of its own when $T is too long for one
SOCKOPT="-S $T/tmux.sock"
[ ${#T} -lt 80 ] || SOCKOPT="-L mu-cluster-$$"

# (the server it may start never holds json_server's FIFOs: 7 and 8 closed)
tm() { tmux $SOCKOPT -f /dev/null "$@" 7>&- 8>&-; }
FAKE_PID=""
stop_fake() { [ -n "$FAKE_PID" ] && kill "$FAKE_PID" 2>/dev/null; wait "$FAKE_PID" 2>/dev/null; FAKE_PID=""; }
trap 'tm kill-server >/dev/null 2>&1; stop_fake; rm -rf "$T"' EXIT

# ---- the fake cluster (as cluster.sh drives it) --------------------------------
scenario() { printf '%s\n' "$1" >"$T/scenario.tmp" && mv "$T/scenario.tmp" "$T/scenario.json"; }
gen() { ready_gen "$T/ready"; }
wait_gen() { # until the fake has read a scenario newer than $1 (20 s at most)
	i=0
	while [ "$(gen)" -le "$1" ]; do
		i=$((i + 1)); [ $i -gt 400 ] && { echo "FAIL fake-ready: the fake cluster did not answer"; exit 1; }
		sleep 0.05
	done
}
change_fake() { g=$(gen); scenario "$1"; wait_gen "$g"; }
probes() { sql "$J" "SELECT count(*) FROM probes"; }

scenario '{"masters": [{"version": "0.27.2"}, {"version": "0.27.2"}, {"version": "0.27.2"}], "leader": 1,
 "agents": {"count": 4, "version": "0.27.2"}, "frameworks": [{"name": "spark", "checkpoint": false}]}'
python3 tests/fake_mesos.py --scenario "$T/scenario.json" --ready "$T/ready" --lifetime 300 &
FAKE_PID=$!
# the rest of its Python by one python3 (lib.sh's pyrun), started after the
# fake, which would otherwise hold its FIFOs
json_server
wait_gen 0
MASTERS=$(pyrun -c 'import json,sys; print(" ".join("--master " + m for m in json.load(open(sys.argv[1]))["masters"]))' "$T/ready")

# ---- the wizard in a pane --------------------------------------------------------
# wizard NAME COLSxROWS VAR=VALUE... -- ARGS...: "$MU --journal $J --operator alice ARGS"
# with only the variables given; EXIT=N shown when it ends
wizard() {
	name=$1 size=$2
	shift 2
	vars="PATH=$PATH HOME=$HOME MESOS_UPGRADE_NOW=$MESOS_UPGRADE_NOW TZ=UTC"
	for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
		eval "val=\${$v-}"
		[ -n "$val" ] && vars="$vars $v=$val"
	done
	while [ "$1" != -- ]; do vars="$vars $1"; shift; done
	shift
	# shellcheck disable=SC2016 # expanded by the pane's shell
	tm new-session -d -s "$name" -x "${size%x*}" -y "${size#*x}" \
		sh -c 'env -i "$@" 2>"$0.err"; echo "EXIT=$?"; exec sleep 300' "$T/$name" \
		$vars "$MU" --journal "$J" --operator alice "$@"
}

# shown NAME TEXT [TENTHS]: until the pane shows TEXT (5 s by default); the
# screen in $screen, the time it took in $waited (tenths)
shown() {
	waited=0
	while :; do
		screen=$(tm capture-pane -p -t "$1" 2>&1) || return 1
		case $screen in *"$2"*) return 0 ;; esac
		[ "$waited" -lt "${3:-50}" ] || return 1
		sleep 0.1
		waited=$((waited + 1))
	done
}

# see CHECK NAME TEXT [TENTHS]: the check passes when the pane shows TEXT in time
see() {
	if shown "$2" "$3" "${4:-50}"; then ok "$1"; else
		fail "$1" "the pane does not show '$3' after $((waited / 10)).$((waited % 10)) s; it shows:"
		printf '%s\n' "$screen" | sed 's/^/    | /'
	fi
}

# row NAME ROW: row ROW (1-based) of the pane
row() { tm capture-pane -p -t "$1" | sed -n "${2}p"; }

# colours NAME: how many SGR colour parameters the pane uses
colours() {
	tm capture-pane -e -p -t "$1" >"$T/colours.txt"
	pyrun -c '
import re, sys
print(sum(1 for m in re.finditer(r"\x1b\[([0-9;:]*)m", open(sys.argv[1]).read())
          for p in re.split("[;:]", m.group(1))
          if p.isdigit() and (30 <= int(p) <= 38 or 40 <= int(p) <= 48 or 90 <= int(p) <= 107)))' \
		"$T/colours.txt"
}

# quit NAME: q, then the wizard exits 0 with nothing on its stderr
quit() {
	tm send-keys -t "$1" q
	see "$1-exit" "$1" "EXIT=0"
	if [ -s "$T/$1.err" ]; then fail "$1-stderr" "$(cat "$T/$1.err")"; else ok "$1-stderr"; fi
}

status_json() { out=$("$MU" --journal "$J" status 1 --format json); jv "$@"; }

# ---- a session from the cluster; its notes and first step done -------------------
run "$MU" --journal "$J" --operator alice start --from 0.27 --to 0.28 --title live $MASTERS --discover
expect_rc start-discover 0
for i in scalar-precision reservation-acls rebuild-modules; do
	"$MU" --journal "$J" --operator alice mark 1 "0.27-0.28/$i" 'done' >/dev/null
done
# two masters and two agents upgraded since
change_fake '{"masters": [{"version": "0.28.2"}, {"version": "0.27.2"}, {"version": "0.28.2"}], "leader": 1,
 "agents": {"count": 4, "version": "0.27.2", "upgraded": 2, "upgraded_version": "0.28.2"},
 "frameworks": [{"name": "spark", "checkpoint": false}]}'

UTF="TERM=xterm-256color LANG=C.UTF-8"

# ---- 1. p: the masters' live versions, in the background -------------------------
wizard c1 80x24 $UTF -- resume 1
see hosts-open-checklist c1 "! 1 warning from the probe of 22:00 UTC: w reads it"
tm send-keys -t c1 Enter
see hosts-open c1 "127.0.0.11                 0.27.2 22:00 UTC"
tm send-keys -t c1 p
see probe-said c1 "Probed: leader 127.0.0.12; 3 of 3 masters answered; 4 agents; 2 warnings" 100
see probe-live-versions c1 "127.0.0.11                 0.28.2 22:00 UTC"
case $screen in *"127.0.0.13                 0.28.2 22:00 UTC"*"127.0.0.12 (leader, last)  0.27.2 22:00 UTC"*)
	ok probe-every-master ;;
*) fail probe-every-master "the masters' rows do not show what the probe saw:"; printf '%s\n' "$screen" | sed 's/^/    | /' ;;
esac
expect_eq probe-recorded "$(probes)" 2

# ---- 2. V: the masters on 0.28 marked done, the leader left for last -------------
tm send-keys -t c1 V
see verify-said c1 "Verified: 2 hosts marked done; 3 still report an older version; 2 on the new" 100
got=$(status_json "[(i['host'], i['state']) for i in items() if i['id'].startswith('0.27-0.28/restart-masters@')]")
expect_eq verify-journal "$got" '[["127.0.0.11","done"],["127.0.0.13","done"],["127.0.0.12","pending"]]'
got=$(status_json "[i['change']['text'] for i in items() if i['id'] == '0.27-0.28/restart-masters@127.0.0.11']" 2>&1)
expect_eq verify-evidence-text "$got" '["verified: the host reports the 0.28 series"]'
expect_eq verify-recorded "$(probes)" 3
tm send-keys -t c1 f
see verify-done-shown c1 "showing done: 2"
quit c1

# ---- 3. Esc cancels a probe of a slow master; the screen answers meanwhile -------
change_fake '{"masters": [{"version": "0.28.2"}, {"version": "0.27.2"}, {"version": "0.28.2"}], "leader": 1,
 "agents": {"count": 4, "version": "0.27.2", "upgraded": 2, "upgraded_version": "0.28.2"},
 "slow": {"/master/state": 30}}'
wizard c2 80x24 $UTF -- resume 1
see slow-open c2 "Install the new master binaries"
tm send-keys -t c2 Enter
see slow-hosts c2 "showing pending: 1"
tm send-keys -t c2 p
see slow-progress c2 "probing: "
case $screen in *"Esc cancels"*) ok slow-progress-says-esc ;;
*) fail slow-progress-says-esc "the status line does not say Esc cancels:"; printf '%s\n' "$screen" | sed 's/^/    | /' ;; esac
# keys are read while it runs: the filter changes, and help opens and closes
tm send-keys -t c2 f
see slow-keys-answered c2 "showing done: 2" 20
tm send-keys -t c2 F1
see slow-help-opens c2 "Keys of the hosts screen" 20
tm send-keys -t c2 F1
see slow-help-closes c2 "showing done: 2" 20
case $screen in *"probing"*) ok slow-still-probing ;; *) fail slow-still-probing "the probe ended by itself" ;; esac
tm send-keys -t c2 Escape
see slow-cancelled c2 "Probe cancelled; nothing recorded." 20
case $screen in *"showing done: 2"*) ok slow-esc-stays ;;
*) fail slow-esc-stays "Esc left the hosts list:"; printf '%s\n' "$screen" | sed 's/^/    | /' ;; esac
expect_eq slow-nothing-recorded "$(probes)" 3
# a probe running when the wizard quits is stopped: q exits at once
tm send-keys -t c2 p
see slow-again c2 "probing"
tm send-keys -t c2 q
see slow-quit-at-once c2 "EXIT=0" 30
expect_eq slow-quit-nothing-recorded "$(probes)" 3

# ---- 4. a master rolled back: done, but on an older version ('!') ----------------
change_fake '{"masters": [{"version": "0.28.2"}, {"version": "0.27.2"}, {"version": "0.27.2"}], "leader": 2,
 "agents": {"count": 4, "version": "0.27.2", "upgraded": 2, "upgraded_version": "0.28.2"},
 "frameworks": [{"name": "spark", "checkpoint": false}]}'
run "$MU" --journal "$J" --operator bob probe 1
expect_rc rollback-probe 0
wizard c3 80x24 $UTF NO_COLOR=1 -- resume 1
see nocolor-new-leader c3 "! New leader 127.0.0.13. 3 warnings from the probe ..."
expect_eq nocolor-no-colour "$(colours c3)" 0
tm send-keys -t c3 Enter f
see nocolor-mismatch c3 "[x] 127.0.0.13 (leader, last)  ! 0.27.2 22:00 UTC"
see nocolor-mismatch-counted c3 "! 1 done, but still on an older version than 0.28."
quit c3
got=$(status_json "[i['live_mismatch'] for i in items() if i['id'] == '0.27-0.28/restart-masters@127.0.0.13']")
expect_eq rollback-status-agrees "$got" "[true]"

# ---- 5. other sizes and an ASCII terminal ----------------------------------------
wizard c4 40x12 $UTF -- resume 1
see small-banner c4 "! New leader 127.0.0.13. 3 warnings ..."
tm send-keys -t c4 Enter f
see small-hosts c4 "[x] ! 0.27.2  127.0.0.13 (leader, la..."
quit c4
wizard c5 200x60 $UTF -- resume 1
see wide-banner c5 "! New leader 127.0.0.13. 3 warnings from the probe of 22:00 UTC: w reads them"
tm send-keys -t c5 Enter f
see wide-summary c5 "! 1 done, but still on an older version than 0.28. New leader 127.0.0.13. Probed 22:00 UTC: 3 warnings (w); leader 127.0.0.13; 3 of 3 masters answered; 4 agents"
tm send-keys -t c5 w
see wide-probe-page c5 "the leader is now 127.0.0.13, not 127.0.0.12 as at the probe of 22:00 UTC"
quit c5
wizard c6 80x24 TERM=xterm-256color LANG=C -- resume 1
see ascii-banner c6 "x ! New leader 127.0.0.13."
case $screen in *"│"* | *"─"*) fail ascii-no-utf8 "UTF-8 on an ASCII terminal" ;; *) ok ascii-no-utf8 ;; esac
quit c6

# ---- 6. no master answers: said with its cause, nothing recorded -----------------
stop_fake
wizard c7 80x24 $UTF -- resume 1
see down-open c7 "Install the new master binaries"
tm send-keys -t c7 P
see down-said c7 "Probe failed, no Mesos master answered" 100
tm send-keys -t c7 M
see down-log-whole c7 "nothing recorded."
quit c7
expect_eq down-nothing-recorded "$(probes)" 4
