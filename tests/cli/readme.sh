#!/bin/sh
# readme.sh - every example runs as it is written (issue 15): each block of
# "    $ " lines in the README, the man page's EXAMPLES (the .EX blocks, in
# one shell, as the page says) and the "Examples:" of each command's --help.
#
# Each block runs in a fresh sandbox, as an operator would paste it: an empty
# HOME, its own XDG_STATE_HOME (so the default journal), mesos-upgrade on
# PATH (a link to $MU), the block's lines in order in sh and again in bash,
# stdin from /dev/null. Each line must exit 0, unless its comment says
# "exit N"; the first line that does not is reported with its exit status
# and stderr, and the lines after it do not run. A line with output shown
# under it must print exactly that; for "cat FILE" with the file shown, the
# file is made first from what is shown, so the example shows what it uses.
#
# What a block needs from outside is given, never typed into it:
#  - "Against a live cluster" and start's --help talk to tests/fake_mesos.py
#    (loopback only) over TLS with basic authentication: a CA and a
#    certificate for m1.prod, m2.prod, m3.prod (and m1, m2, m3) made here by
#    openssl, the credentials file at ~/.mesos/ops.cred in the sandbox's
#    HOME, and MESOS_UPGRADE_CONNECT_TO (the one test seam of
#    core/mesos_http.c) sending m1.prod:5050 to the fake's 127.0.0.11:PORT
#    while TLS still checks the name m1.prod. The example's --cacert
#    /etc/mesos/ca.pem is rewritten to the sandbox's etc/mesos/ca.pem: that
#    path is the machine's, shared by every test run at once (other
#    worktrees, the sanitized pass), and a file written there would outlive
#    a killed test. Before a block runs, every URL in it must be one the seam
#    maps, so no example can reach a real host. Between the probe and the
#    verify ("after restarting masters"), the fake's masters move to 0.28.2
#    and the leadership to m1.prod, as restarting them would.
#  - the man page's "cp -R /usr/local/share/mesos-upgrade/content" copies
#    the tree's content/ (what make install puts there); its "resume" reads
#    an empty key script (MESOS_UPGRADE_KEYS) and quits.
#  - mark's and report's --help name sessions 1 and 3: those are started
#    first (0.27 -> 0.28).
# Every wait is bounded: a block has 120 s (timeout), the fake 20 s to start.
. "$(dirname "$0")/lib.sh"
json_server
ROOT=$(pwd)
D=$(dirname "$0")
unset MESOS_UPGRADE_NOW MESOS_UPGRADE_HOST MESOS_UPGRADE_KEYS MESOS_UPGRADE_CONNECT_TO \
	MESOS_UPGRADE_KEYS_DUMP 2>/dev/null || true

FAKE_PID=""
stop_fake() {
	[ -n "$FAKE_PID" ] && { kill "$FAKE_PID" 2>/dev/null; wait "$FAKE_PID" 2>/dev/null; }
	FAKE_PID=""
}
trap 'stop_fake; rm -rf "$T"' EXIT

SHELLS=sh
command -v bash >/dev/null 2>&1 && SHELLS="sh bash"
command -v bash >/dev/null 2>&1 || echo "skip readme-bash: no bash; the examples run in sh only"
if ! command -v timeout >/dev/null 2>&1; then
	fail readme-timeout "no timeout (coreutils): a block could wait for ever"; exit 1
fi

# a test's name on one line, for echo (dash's echo reads backslashes)
label() { printf '%s' "$1" | head -n 1 | sed 's/\\/\\\\/g'; }

# ---- one block in a sandbox -----------------------------------------------------
# The sandbox $SB: home/, state/, bin/mesos-upgrade (-> $MU), run/ (the
# working directory), io/out.K and io/err.K (line K's stdout and stderr),
# status (one "K STATUS" per line run). Optional, made by the caller between
# new_sandbox and run_block: $SB/rewrite (sed commands applied to each line),
# $SB/hook.K (shell run just before line K).
n_sb=0
new_sandbox() {
	n_sb=$((n_sb + 1))
	SB=$T/sb.$n_sb
	mkdir -p "$SB/home" "$SB/state" "$SB/bin" "$SB/run" "$SB/io"
	ln -s "$MU" "$SB/bin/mesos-upgrade"
	: >"$SB/rewrite"
}

# run_block DIR NAME SHELL [VAR=VALUE...]: runs DIR's commands (examples.py's
# layout) in $SB with SHELL; prints ok/FAIL per line, and per shown output.
# KNOWN, when set, is why a failure here is known and not this test's to fix:
# a failure then prints "skip" with it.
run_block() {
	dir=$1 name=$2 shell=$3; shift 3
	n=$(cat "$dir/n")
	cp -R "$dir/file/." "$SB/run/"
	{
		echo 'exec 3>"$1"'
		k=1
		while [ "$k" -le "$n" ]; do
			[ -f "$SB/hook.$k" ] && cat "$SB/hook.$k"
			echo '{'
			sed -f "$SB/rewrite" "$dir/cmd.$k"
			printf '} >"%s/io/out.%d" 2>"%s/io/err.%d"\n' "$SB" "$k" "$SB" "$k"
			printf 'mu_st=$?; echo "%d $mu_st" >&3; [ "$mu_st" -eq %d ] || exit 0\n' \
				"$k" "$(cat "$dir/rc.$k")"
			k=$((k + 1))
		done
	} >"$SB/script"
	(cd "$SB/run" && env HOME="$SB/home" XDG_STATE_HOME="$SB/state" PATH="$SB/bin:$PATH" "$@" \
		timeout -k 5 120 "$shell" "$SB/script" "$SB/status" </dev/null >"$SB/stdout" 2>"$SB/stderr")
	brc=$?
	k=1
	while [ "$k" -le "$n" ]; do
		line=$(label "$(cat "$dir/cmd.$k")")
		tn="$name ($shell) $k: $line"
		st=$(sed -n "s/^$k //p" "$SB/status")
		want=$(cat "$dir/rc.$k")
		if [ -z "$st" ]; then
			why="did not run (the block exited $brc; stderr: $(cat "$SB/stderr"))"
			[ "$brc" -eq 124 ] && why="timed out after 120 s"
			block_fail "$tn" "$why"
			return
		fi
		if [ "$st" -ne "$want" ]; then
			later=""
			[ "$k" -lt "$n" ] && later=", so lines $((k + 1))-$n did not run"
			block_fail "$tn" "exit $st, expected $want$later; stderr: $(cat "$SB/io/err.$k")"
			return
		fi
		ok "$tn"
		if [ -f "$dir/expect.$k" ]; then
			if cmp -s "$dir/expect.$k" "$SB/io/out.$k"; then ok "$tn: the output shown"
			else block_fail "$tn: the output shown" \
				"$(diff "$dir/expect.$k" "$SB/io/out.$k" | head -n 20 | tr '\n' '|')"; fi
		fi
		k=$((k + 1))
	done
}
block_fail() {
	if [ -n "${KNOWN:-}" ]; then echo "skip $1: $KNOWN; it fails: $2"
	else fail "$1" "$2"; fi
}

# after NAME CHECK...: a check of what a block did (a command run in $SB/run)
after() {
	name=$1; shift
	if why=$(cd "$SB/run" && "$@" 2>&1); then ok "$name"; else fail "$name" "$why"; fi
}
# verified_masters FILE: verify's text marked the three masters, the leader of
# the moment (m1.prod, after the restarts) last
verified_masters() {
	got=$(grep -o 'restart-masters@m[0-9]\.prod' "$1" | tr '\n' ' ')
	[ "$got" = "restart-masters@m3.prod restart-masters@m2.prod restart-masters@m1.prod " ] ||
		{ echo "marked: $got"; cat "$1"; return 1; }
}
json_check() { # FILE PYTHON-EXPRESSION (over d): true, or says what it saw
	pyrun -c 'import json,sys
d = json.load(open(sys.argv[1]))
if not eval(sys.argv[2]): sys.exit("not %s in %s" % (sys.argv[2], json.dumps(d)[:600]))' "$@"
}

# ---- the examples ---------------------------------------------------------------
EX=$T/ex
pyrun "$D/examples.py" readme README "$EX/readme" || { fail readme-extract "examples.py readme"; exit 1; }
pyrun "$D/examples.py" man share/mesos-upgrade.1 "$EX/man" || { fail readme-extract "examples.py man"; exit 1; }
# the commands, as --help lists them
CMDS=$("$MU" --help | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p')
[ "$(printf '%s\n' "$CMDS" | grep -c .)" -ge 9 ] && ok "--help: the commands read" \
	|| fail "--help: the commands read" "only: $(echo $CMDS)"
for c in $CMDS; do
	"$MU" "$c" --help >"$T/help.$c" 2>&1
	pyrun "$D/examples.py" help "$T/help.$c" "$EX/help.$c" || fail "readme-extract $c" "examples.py help"
done
n=$(ls "$EX/readme" | wc -l)
[ "$n" -ge 3 ] && ok "README: $n blocks of \$ examples" || fail "README: blocks of \$ examples" "only $n"

# ---- the runner itself: it passes what holds and catches what does not ---------------
cat >"$T/self.txt" <<'SELF'
Self
----

    $ printf 'a\nb\n' >f; x=1 \
        y=2
    $ test "$x$y" = 12 && false      # exit 1: said to fail
    $ cat f
    a
    b
    $ echo not as shown
    shown
    $ ls no-such-file
    $ true
SELF
pyrun "$D/examples.py" readme "$T/self.txt" "$EX/self"
new_sandbox
run_block "$EX/self/01" self sh >"$T/self.out"
cut -c1-60 "$T/self.out" >"$T/self.got"
cut -c1-60 >"$T/self.want" <<'SELF'
ok self (sh) 1: printf 'a\nb\n' >f; x=1 \
ok self (sh) 2: test "$x$y" = 12 && false      # exit 1: said to fail
ok self (sh) 3: cat f
ok self (sh) 3: cat f: the output shown
ok self (sh) 4: echo not as shown
FAIL self (sh) 4: echo not as shown: the output shown: 1c1|< shown|---|> not as shown|
FAIL self (sh) 5: ls no-such-file: exit 2, expected 0, so lines 6-6 did not run; stderr: ls: ...
SELF
if cmp -s "$T/self.want" "$T/self.got"; then
	ok "runner: lines joined, exit N, output compared, the first failure reported"
else fail "runner: lines joined, exit N, output compared, the first failure reported" \
	"$(diff "$T/self.want" "$T/self.got" | tr '\n' '|')"; fi

# ---- the fake cluster (for the live examples) -------------------------------------
LIVE=""
live_setup() {
	command -v openssl >/dev/null 2>&1 || { LIVE="no openssl (Debian package openssl)"; return; }
	command -v python3 >/dev/null 2>&1 || { LIVE="no python3"; return; }
	C=$T/tls
	mkdir -p "$C"
	# a CA, and a server certificate it signs for the masters' names
	openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
		-subj /CN=mesos-upgrade-test-ca -addext basicConstraints=critical,CA:TRUE \
		-addext keyUsage=critical,keyCertSign -keyout "$C/ca.key" -out "$C/ca.pem" \
		>"$C/log" 2>&1 &&
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
		-subj /CN=m1.prod -keyout "$C/srv.key" -out "$C/srv.csr" >>"$C/log" 2>&1 &&
	printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' \
		'DNS:m1.prod,DNS:m2.prod,DNS:m3.prod,DNS:m1,DNS:m2,DNS:m3' >"$C/ext.cnf" &&
	openssl x509 -req -in "$C/srv.csr" -CA "$C/ca.pem" -CAkey "$C/ca.key" -CAcreateserial \
		-days 2 -extfile "$C/ext.cnf" -out "$C/srv.pem" >>"$C/log" 2>&1 ||
		{ LIVE="openssl could not make the certificates: $(tr '\n' ' ' <"$C/log")"; return; }
	SECRET=s3cr3t-ops
	# before the window: every master and agent on 0.27.2, m2.prod leads
	cat >"$T/world.old" <<EOF
{"masters": [{"version": "0.27.2", "hostname": "m1.prod"}, {"version": "0.27.2", "hostname": "m2.prod"},
             {"version": "0.27.2", "hostname": "m3.prod"}], "leader": 1,
 "agents": {"count": 3, "version": "0.27.2"},
 "frameworks": [{"name": "marathon", "checkpoint": true}],
 "auth": {"principal": "ops", "secret": "$SECRET"},
 "tls": {"cert": "$C/srv.pem", "key": "$C/srv.key"}}
EOF
	# the masters restarted onto 0.28.2, one by one, the leader last: m1.prod leads
	sed -e 's/"0\.27\.2", "hostname"/"0.28.2", "hostname"/g' -e 's/"leader": 1/"leader": 0/' \
		"$T/world.old" >"$T/world.new"
	# world.sh FILE: the fake's scenario becomes FILE; waits (20 s at most) until in force
	# (a script of its own, run by the examples: lib.sh's ready_gen is written out in it)
	cat >"$T/world.sh" <<EOF
gen() { _g=\$(sed -n 's/.*"generation": \([0-9][0-9]*\).*/\1/p' "$T/ready" 2>/dev/null); echo "\${_g:-0}"; }
g=\$(gen)
cp "\$1" "$T/scenario.tmp" && mv "$T/scenario.tmp" "$T/scenario.json" || exit 1
cmp -s "\$1" "$T/scenario.last" && exit 0
cp "\$1" "$T/scenario.last"
i=0
while [ "\$(gen)" -le "\$g" ]; do
	i=\$((i + 1)); [ \$i -gt 400 ] && { echo "the fake cluster did not take its new scenario in 20 s" >&2; exit 1; }
	sleep 0.05
done
EOF
	cp "$T/world.old" "$T/scenario.json"
	cp "$T/world.old" "$T/scenario.last"
	python3 "$ROOT/tests/fake_mesos.py" --scenario "$T/scenario.json" --ready "$T/ready" \
		--lifetime 600 >"$T/fake.log" 2>&1 &
	FAKE_PID=$!
	i=0
	while [ ! -s "$T/ready" ]; do
		i=$((i + 1))
		[ $i -gt 400 ] && { LIVE="the fake cluster did not start in 20 s: $(cat "$T/fake.log")"; return; }
		sleep 0.05
	done
	# HOST:5050 -> the fake master's address, for both spellings the examples use
	CONNECT=$(python3 -c 'import json,sys
m = json.load(open(sys.argv[1]))["masters"]
print(",".join("%s:5050:%s" % (h % (i + 1), u.split("//")[1])
	for h in ("m%d.prod", "m%d") for i, u in enumerate(m)))' "$T/ready")
}
live_setup
[ -z "$LIVE" ] && ok "live: the fake cluster is up, over TLS, with a CA made here"

# live_sandbox: what a live example is given (see the top of this file)
live_sandbox() {
	new_sandbox
	mkdir -p "$SB/home/.mesos" "$SB/etc/mesos"
	printf 'ops %s\n' "$SECRET" >"$SB/home/.mesos/ops.cred"
	chmod 600 "$SB/home/.mesos/ops.cred"
	cp "$C/ca.pem" "$SB/etc/mesos/ca.pem"
	echo "s|/etc/mesos/ca.pem|$SB/etc/mesos/ca.pem|g" >"$SB/rewrite"
	sh "$T/world.sh" "$T/world.old" || fail "live: the fake's scenario reset" "$(cat "$T/fake.log")"
}
# mapped DIR: every http(s) URL in DIR's commands is one MESOS_UPGRADE_CONNECT_TO names
mapped() {
	urls=$(cat "$1"/cmd.* | grep -oE 'https?://[^ /]+' | sed 's|^https\{0,1\}://||' | sort -u)
	for u in $urls; do
		case ",$CONNECT," in *",$u:"*) ;; *) echo "$u"; return 1 ;; esac
	done
}
# hook_before DIR PATTERN FILE: before DIR's first command matching PATTERN,
# the fake's scenario becomes FILE
hook_before() {
	k=1
	while [ -f "$1/cmd.$k" ]; do
		if grep -q -- "$2" "$1/cmd.$k"; then
			printf 'sh "%s" "%s" || exit 0\n' "$T/world.sh" "$3" >"$SB/hook.$k"
			return
		fi
		k=$((k + 1))
	done
	fail "hook $2" "no command matches '$2' in $(cat "$1/title")"
}

# ---- the README -------------------------------------------------------------------
for dir in "$EX"/readme/*; do
	title=$(cat "$dir/title")
	if grep -q 'https\{0,1\}://' "$dir"/cmd.*; then
		if [ -n "$LIVE" ]; then echo "skip README '$title': $LIVE"; continue; fi
		if ! u=$(mapped "$dir"); then
			fail "README '$title': every URL goes to the fake" "$u is not in MESOS_UPGRADE_CONNECT_TO"
			continue
		fi
		for sh in $SHELLS; do
			live_sandbox
			grep -q ' verify ' "$dir"/cmd.* && hook_before "$dir" ' verify ' "$T/world.new"
			run_block "$dir" "README '$title'" "$sh" MESOS_UPGRADE_CONNECT_TO="$CONNECT"
			# what the comments say: verify marked the masters on 0.28, the leader last
			case $title in "Against a live cluster")
				kv=$(grep -l ' verify [$]id *#' "$dir"/cmd.* | head -n 1 | sed 's/.*cmd\.//')
				after "README '$title' ($sh): verify marked the masters, the leader last" \
					verified_masters "$SB/io/out.$kv"
				[ -s "$SB/run/verified.json" ] && after "README '$title' ($sh): verified.json is verify's JSON" \
					json_check verified.json "'marked' in d and 'pending' in d and d['probe']['leader'] == 'm1.prod'"
				;;
			esac
		done
		continue
	fi
	for sh in $SHELLS; do
		new_sandbox
		run_block "$dir" "README '$title'" "$sh"
	done
done

# ---- the man page: every .EX block under EXAMPLES, in order, in one shell ----------
for sh in $SHELLS; do
	new_sandbox
	: >"$SB/quit.keys"
	echo "s|/usr/local/share/mesos-upgrade/content|$ROOT/content|g" >"$SB/rewrite"
	run_block "$EX/man/01" "man page EXAMPLES" "$sh" MESOS_UPGRADE_KEYS="$SB/quit.keys"
	[ -s "$SB/run/plan.md" ] && ok "man page EXAMPLES ($sh): plan.md written" \
		|| fail "man page EXAMPLES ($sh): plan.md written" "missing"
	grep -q 'no modules here' "$SB/run/CHG-1234.md" 2>/dev/null \
		&& ok "man page EXAMPLES ($sh): the report has the skip reason" \
		|| fail "man page EXAMPLES ($sh): the report has the skip reason" "not in CHG-1234.md"
done

# ---- each command's --help "Examples:" ----------------------------------------------
for c in $CMDS; do
	dir=$EX/help.$c/01
	[ -d "$dir" ] || continue
	for sh in $SHELLS; do
		KNOWN=""
		if grep -q 'https\{0,1\}://' "$dir"/cmd.*; then
			if [ -n "$LIVE" ]; then echo "skip $c --help examples: $LIVE"; break; fi
			if ! u=$(mapped "$dir"); then
				fail "$c --help examples: every URL goes to the fake" "$u is not in MESOS_UPGRADE_CONNECT_TO"
				break
			fi
			live_sandbox
			set -- MESOS_UPGRADE_CONNECT_TO="$CONNECT"
		else
			new_sandbox
			set --
		fi
		case $c in
		mark|report) # the sessions they name (1, 3): started first
			printf 'for s in 1 2 3; do mesos-upgrade start --from 0.27 --to 0.28 >/dev/null || exit 0; done\n' \
				>"$SB/hook.1" ;;
		exclude) # session 3, with the agent it names
			printf '%s\n' "printf 'masters: [m1]\\nagents: [agent-0017]\\n' >inv.yaml" \
				'for s in 1 2 3; do mesos-upgrade start --from 0.27 --to 0.28 --inventory inv.yaml >/dev/null || exit 0; done' \
				>"$SB/hook.1" ;;
		esac
		run_block "$dir" "$c --help examples" "$sh" "$@"
	done
done
KNOWN=""

# ---- the seam itself: MESOS_UPGRADE_CONNECT_TO -------------------------------------------
if [ -z "$LIVE" ]; then
	live_sandbox
	J=$SB/j.db
	CA=$SB/etc/mesos/ca.pem
	CRED=$SB/home/.mesos/ops.cred
	M1=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["masters"][0].split("//")[1])' "$T/ready")
	# an entry with a part missing would send every host (or port) there: refused, nothing recorded
	P=${M1#*:}
	for bad in "no connect-host|m1.prod:5050::$P" "no host|:5050:$M1" "no port|m1.prod::$M1" \
		"an empty entry|m1.prod:5050:$M1," "two parts|m1.prod:5050" "port 99999|m1.prod:99999:$M1" \
		"six parts|m1.prod:5050:$M1:1:2" "a space|m1.prod :5050:$M1"; do
		what=${bad%%|*}
		run env MESOS_UPGRADE_CONNECT_TO="${bad#*|}" "$MU" --journal "$J" start --from 0.27 \
			--to 0.28 --master https://m1.prod:5050 --discover --credentials "$CRED" --cacert "$CA"
		expect_rc "seam: $what refused (exit 2)" 2
		expect_err "seam: $what refused, naming the variable" "MESOS_UPGRADE_CONNECT_TO: '"
	done
	run "$MU" --journal "$J" sessions --format json
	expect_eq "seam: nothing recorded when refused" "$out" '{"sessions":[]}'
	# TLS still checks the name asked for: the certificate has no m9.prod
	run env MESOS_UPGRADE_CONNECT_TO="m9.prod:5050:$M1" "$MU" --journal "$J" start --from 0.27 \
		--to 0.28 --master https://m9.prod:5050 --discover --credentials "$CRED" --cacert "$CA"
	expect_rc "seam: TLS checks the URL's name, not the address (exit 69)" 69
	expect_err "seam: TLS checks the URL's name: says TLS" "TLS"
	# the name mapped reaches the fake, and TLS checks that name
	run env MESOS_UPGRADE_CONNECT_TO="m1.prod:5050:$M1" "$MU" --journal "$J" start --from 0.27 \
		--to 0.28 --master https://m1.prod:5050 --discover --credentials "$CRED" --cacert "$CA"
	expect_rc "seam: m1.prod:5050 reaches the fake's m1.prod" 0
	# [v6] hosts are accepted as entries (nothing listens there: refused quickly)
	run env MESOS_UPGRADE_CONNECT_TO="m1.prod:5050:[::1]:9" "$MU" --journal "$J" probe 1 \
		--connect-timeout 2 --timeout 4
	expect_rc "seam: an IPv6 connect-host is taken (nothing there: exit 69)" 69
fi
