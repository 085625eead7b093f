# screens.sh - screen tests in the tig way: the wizard runs headless with its
# keys from tests/screens/NAME.keys (MESOS_UPGRADE_KEYS), each ":dump" prints
# the screen as text, and the dumps must equal tests/screens/NAME.expected.
# Then the journal must hold exactly the events the keys should have recorded.
#
# A NAME.keys file is a key script (see include/input.h) plus lines the
# wizard skips as comments, read by this runner:
#   #$ CMD           setup, before the wizard starts (mu start ..., mu mark ...)
#   #= ITEM|ACTION|TEXT|FORCED|OPERATOR
#                    the events the run must record, all of them, in order;
#                    no such line: the run must record nothing
#   #? SESSION EXPR => VALUE
#                    EXPR (tests/cli/json_eval.py) over "status SESSION
#                    --format json" after the run prints VALUE
#   ! CMD            (not a comment) run CMD while the wizard is open, once it
#                    has printed every dump asked for so far: the keys then go
#                    through a FIFO, one line at a time
# CMDs run in the test's directory with mu = the binary on its journal as
# alice, mu_as NAME = as operator NAME.
#
#   #@ VAR=VALUE ... the wizard's environment for this run (e.g. LANG=C, TZ=...);
#                    $ROOT in a value is the top of the tree
#   #o NAME          the wizard's --operator (alice unless said)
#
# Every run: a fresh journal, a fixed clock (MESOS_UPGRADE_NOW), a fixed host
# (MESOS_UPGRADE_HOST=HOST, for the wizard and the commands alike), the zone
# UTC and a UTF-8 locale unless #@ says otherwise, 80x24 unless the keys
# resize: the dumps compare on every machine.
#
#   UPDATE=1 sh tests/cli/screens.sh    rewrite the .expected files (then read them!)
#   MU=./mesos-upgrade sh tests/cli/screens.sh [NAME...]
. tests/cli/lib.sh
json_server
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z MESOS_UPGRADE_HOST=HOST TZ=UTC LANG=C.UTF-8
unset MESOS_UPGRADE_KEYS LC_ALL 2>/dev/null || true
ROOT=$(pwd)
D=$ROOT/tests/screens

mu() { "$MU" --journal j.db --operator alice "$@"; }
mu_as() { _op=$1; shift; "$MU" --journal j.db --operator "$_op" "$@"; }

# q SQL: rows of a query on the test's journal, fields joined by "|" (sql in
# lib.sh); nothing when there is no journal
q() {
	[ -f "$W/j.db" ] || return 0
	sql "$W/j.db" "$1"
}

# wizard_env KEYS: the #@ variables of a key script
wizard_env() {
	sed -n 's/^#@ //p' "$1" | sed "s#\$ROOT#$ROOT#g"
}

# wizard_operator KEYS: the wizard's operator (#o), alice by default
wizard_operator() {
	sed -n 's/^#o //p' "$1" | grep . || echo alice
}

# run_file KEYS: the wizard on the key script; its stdout in $W/out
run_file() {
	# shellcheck disable=SC2046
	(cd "$W" && env $(wizard_env "$1") MESOS_UPGRADE_KEYS=$1 "$MU" --journal j.db \
		--operator "$(wizard_operator "$1")") >"$W/out" 2>"$W/err"
	rc=$?
}

# run_fifo KEYS: the same, one line at a time through a FIFO; "! CMD" lines
# run once the wizard has printed every dump asked for before them
run_fifo() {
	mkfifo "$W/keys.fifo" "$W/screen.fifo"
	# shellcheck disable=SC2046
	(cd "$W" && exec env $(wizard_env "$1") MESOS_UPGRADE_KEYS=$W/keys.fifo \
		timeout 60 "$MU" --journal j.db --operator "$(wizard_operator "$1")") \
		>"$W/screen.fifo" 2>"$W/err" &
	pid=$!
	exec 4<"$W/screen.fifo"
	exec 3<>"$W/keys.fifo" # read-write: never blocks, and no SIGPIPE if the wizard dies
	: >"$W/out"
	pending=0
	while IFS= read -r line; do
		case $line in
		'!'*)
			drain
			(cd "$W" && eval "${line#!}") >/dev/null 2>>"$W/err" ||
				fail "$name-command" "'${line#!}' failed: $(cat "$W/err")"
			;;
		*)
			printf '%s\n' "$line" >&3
			[ "$line" = ":dump" ] && pending=$((pending + 1))
			;;
		esac
	done <"$1"
	drain
	exec 3>&- # the end of the script: the wizard quits
	cat <&4 >>"$W/out"
	exec 4<&-
	wait "$pid"
	rc=$?
}

# drain: read the dumps asked for and not yet read
drain() {
	while [ "$pending" -gt 0 ] && IFS= read -r s <&4; do
		printf '%s\n' "$s" >>"$W/out"
		[ "$s" = "--" ] && pending=$((pending - 1))
	done
	pending=0
}

# help: the help screen asked on the checklist lists its keys, the list
# keys and the global ones, as the tables say (MESOS_UPGRADE_KEYS_DUMP)
check_help() {
	MESOS_UPGRADE_KEYS_DUMP=1 "$MU" >"$W/keys.dump" 2>&1
	if python3 - "$W/keys.dump" "$W/out" >"$W/help.check" <<'EOF'; then
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
screen = open(sys.argv[2]).read()
want = [(n, h) for s, n, h in rows if s in ("main", "lists", "every screen")]
missing = [n for n, h in want if "\n %-9s %s\n" % (n, h) not in screen]
if len(want) < 20 or missing:
    print("key table lines missing from the help screen: %s (tables have %d)"
          % (missing, len(want)))
    sys.exit(1)
EOF
		ok help-key-table
	else
		fail help-key-table "$(cat "$W/help.check")"
	fi
}

# export: the file is the session's Markdown record, whole, and nothing else is left
check_export() {
	f=$W/mesos-upgrade-session-1.md
	if [ -f "$f" ] && head -n 1 "$f" | grep -q '^# Apache Mesos upgrade record: 0.26 → 0.27, session 1$' &&
		grep -q '^| Title | export |$' "$f" &&
		grep -q '^- \[x\] \*\*Implicit roles' "$f" && grep -q '^## Timeline' "$f"; then
		ok export-file
	else
		fail export-file "no complete report in $f: $(head -n 3 "$f" 2>&1)"
	fi
	left=$(cd "$W" && ls | grep -v -e '^j.db' -e '^mesos-upgrade-session-1.md$' \
		-e '^out$' -e '^err$' -e '^dump$' -e '^diff$' -e '^events' | tr '\n' ' ')
	if [ -z "$left" ]; then ok export-nothing-left; else
		fail export-nothing-left "left in the directory: $left"; fi
}

# export_home: ~/reports.md is in the home directory, and no directory ~ was made
check_export_home() {
	if [ -f "$W/reports.md" ] && [ ! -e "$W/~" ] &&
		head -n 1 "$W/reports.md" | grep -q '^# Apache Mesos upgrade record'; then
		ok export_home-file
	else
		fail export_home-file "no report at \$HOME/reports.md: $(ls -a "$W" | tr '\n' ' ')"
	fi
}

# form_keys: leaving the form before a session starts leaves no journal
check_form_keys() {
	if [ -e "$W/j.db" ]; then fail form_keys-no-journal "j.db was made"; else
		ok form_keys-no-journal; fi
}

# hostile: nothing but printable text and newlines reached the screen
check_hostile() {
	if LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$W/out"; then
		fail hostile-no-control "control characters in the screen dump"
	else
		ok hostile-no-control
	fi
	if grep -q -e "$(printf '\342\200\256')" -e "$(printf '\342\201\246')" "$W/out"; then
		fail hostile-no-bidi "bidi controls in the screen dump"
	else
		ok hostile-no-bidi
	fi
	if grep -q 'red' "$W/out" && grep -q '<script>x</script>' "$W/out"; then
		ok hostile-readable
	else
		fail hostile-readable "the note's text is not shown"
	fi
}


# widths: in each dump the text after wide, combining, emoji and invalid
# UTF-8 text is in its column: operator@host ends the title bar, the
# picker's titles start under TITLE, a checklist row's time ends the row
check_widths() {
	if python3 - "$W/out" >"$W/widths.check" <<'EOF'; then
import sys, unicodedata
def cols(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
bad = []
for n, (dump, width) in enumerate(zip(open(sys.argv[1]).read().split("--\n"), (140, 80, 80))):
    rows = dump.split("\n")
    if cols(rows[0]) != width - 1 or not rows[0].endswith("alice@HOST"):
        bad.append("dump %d: the title bar is %d columns: %r" % (n + 1, cols(rows[0]), rows[0]))
    head = [r for r in rows if "TITLE" in r]
    at = cols(head[0][:head[0].find("TITLE")]) if head else None
    for r in rows[3:7] if head else []:
        title = r.split(None, 7 if width == 80 else 10)[-1]
        if cols(r[:r.rfind(title)]) != at:
            bad.append("dump %d: the title is not under TITLE: %r" % (n + 1, r))
    for r in rows[1:-2] if not head else []:
        if "22:00 UTC" in r and cols(r) != width - 1:
            bad.append("dump %d: the row's time does not end it: %r" % (n + 1, r))
print("\n".join(bad))
sys.exit(1 if bad else 0)
EOF
		ok widths-aligned
	else
		fail widths-aligned "$(cat "$W/widths.check")"
	fi
}

names=${*:-$(cd "$D" && ls *.keys | sed 's/\.keys$//')}
for name in $names; do
	keys=$D/$name.keys
	W=$T/$name
	mkdir -p "$W"

	# setup, then the last event before the run
	setup_ok=true
	while IFS= read -r cmd; do
		(cd "$W" && eval "$cmd") >/dev/null 2>"$W/err" || {
			fail "$name-setup" "'$cmd' failed: $(cat "$W/err")"
			setup_ok=false
		}
	done <<EOF
$(sed -n 's/^#\$ //p' "$keys")
EOF
	$setup_ok || continue
	before=0
	[ -f "$W/j.db" ] && before=$(q "SELECT coalesce(max(id), 0) FROM events")

	if grep -q '^!' "$keys"; then run_fifo "$keys"; else run_file "$keys"; fi
	if [ "$rc" -eq 0 ] && [ ! -s "$W/err" ]; then ok "$name-exit"; else
		fail "$name-exit" "exit $rc, stderr: $(cat "$W/err")"; fi

	# the screens
	sed "s#$W#TESTDIR#g" <"$W/out" >"$W/dump"
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$W/dump" "$D/$name.expected"
		ok "$name-updated"
	elif [ ! -f "$D/$name.expected" ]; then
		fail "$name-screen" "no $name.expected (UPDATE=1 writes it)"
	elif diff -u "$D/$name.expected" "$W/dump" >"$W/diff"; then
		ok "$name-screen"
	else
		fail "$name-screen" "the dumps differ from $name.expected:"
		cat "$W/diff"
	fi

	# the journal: exactly the events expected, then the states
	sed -n 's/^#= //p' "$keys" >"$W/events.want"
	q "SELECT item, action, text, forced, operator FROM events WHERE id > $before ORDER BY id" \
		>"$W/events.got"
	if diff -u "$W/events.want" "$W/events.got" >"$W/diff"; then ok "$name-journal"; else
		fail "$name-journal" "recorded events differ (- expected, + recorded):"
		cat "$W/diff"
	fi
	i=0
	while IFS= read -r check; do
		[ -n "$check" ] || continue
		i=$((i + 1))
		s=${check%% *}
		rest=${check#* }
		expr=${rest%% => *}
		want=${rest#* => }
		out=$(cd "$W" && mu status "$s" --format json 2>&1)
		got=$(jv "$expr")
		if [ "$got" = "$want" ]; then ok "$name-state-$i"; else
			fail "$name-state-$i" "$expr: got '$got', expected '$want'"; fi
	done <<EOF
$(sed -n 's/^#? //p' "$keys")
EOF
	if command -v "check_$name" >/dev/null 2>&1; then "check_$name"; fi
done

# the wizard words every refusal in its own terms: no screen names a command
# line flag (the core's refusals come as data, tui/wizard/refusal.c words them)
flags=$(grep -lE -- '--(force|note|from|to|branch|inventory|title|operator|journal)([ =]|$)' \
	"$D"/*.expected 2>/dev/null | tr '\n' ' ')
expect_eq no-screen-names-a-flag "$flags" ""
