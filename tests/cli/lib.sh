# lib.sh - sourced by the command-line tests (tests/cli/*.sh).
#
# Each check prints "ok NAME" or "FAIL NAME: why"; tests/run.sh counts them.
# $MU is the binary under test. run CMD... captures $out, $err and $rc.
set -u
: "${MU:?MU must name the binary under test}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_STATE_HOME="$T/state"
unset MESOS_UPGRADE_CONTENT MESOS_UPGRADE_JOURNAL NO_COLOR 2>/dev/null || true
mkdir -p "$HOME"
# The counts of the built-in content: FIRST, LAST, SERIES, HOPS, NOTES, STEPS, ITEMS.
. "$(dirname "$0")/../content_counts"

run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	out=$(cat "$T/out")
	err=$(cat "$T/err")
}

ok() { echo "ok $1"; }
fail() { echo "FAIL $1: $2"; }
# py NAME SCRIPT ARGS...: a Python check that prints nothing when it holds
# (lib_report.sh has its own, which queues the check)
py() {
	name=$1; shift
	why=$(pyrun -c "$@" 2>&1)
	if [ -z "$why" ]; then ok "$name"; else fail "$name" "$why"; fi
}

# expect_rc NAME CODE: the last run exited with CODE
expect_rc() {
	if [ "$rc" -eq "$2" ]; then ok "$1"; else
		fail "$1" "exit $rc, expected $2; stderr: $err"; fi
}
# expect_eq NAME GOT WANT: two strings are equal
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else fail "$1" "got '$2', expected '$3'"; fi
}
# expect_out NAME TEXT: stdout contains TEXT (fixed string)
expect_out() {
	if printf '%s' "$out" | grep -qF -- "$2"; then ok "$1"; else
		fail "$1" "stdout lacks '$2'"; fi
}
# expect_err NAME TEXT: stderr contains TEXT (fixed string)
expect_err() {
	if printf '%s' "$err" | grep -qF -- "$2"; then ok "$1"; else
		fail "$1" "stderr lacks '$2'; stderr was: $err"; fi
}
# expect_empty_out NAME: nothing on stdout
expect_empty_out() {
	if [ -z "$out" ]; then ok "$1"; else fail "$1" "stdout not empty: $out"; fi
}
# expect_empty_err NAME: nothing on stderr
expect_empty_err() {
	if [ -z "$err" ]; then ok "$1"; else fail "$1" "stderr not empty: $err"; fi
}
# has NAME FILE TEXT: FILE contains TEXT (fixed string), white space folded
# (a text report wraps its lines)
has() {
	if tr '\n' ' ' <"$2" | tr -s ' ' | grep -qF -- "$3"; then ok "$1"
	else fail "$1" "$(basename "$2") lacks '$3'"; fi
}

# The directory of the scripts (and of json_eval.py)
CLI_DIR=$(cd "$(dirname "$0")" && pwd)
# jv EXPR...: EXPR (tests/cli/json_eval.py) over the JSON in $out, its
# errors included: after json_server by that python3, else by one of its own
jv() {
	if [ -z "$JV_SERVER" ]; then
		printf '%s' "$out" | python3 "$CLI_DIR/json_eval.py" "$@" 2>&1
		return
	fi
	printf '%s' "$out" >"$T/jv.doc"
	printf '%s\0' "$@" >"$T/jv.args"
	served json
}
# json_server: jv's and py's calls from here on in one python3
# (json_eval.py --serve), not one each (25 ms of processor a start); for a
# script's main shell, whose calls come one at a time, and that never waits
# for all its jobs at once (a bare "wait" would wait for it). It ends when
# the script does (end of file on fd 7).
JV_SERVER=
JV_END=$(printf '\036 ')
json_server() {
	mkfifo "$T/jv.in" "$T/jv.out" || return 0
	python3 "$CLI_DIR/json_eval.py" --serve "$T/jv.doc" "$T/jv.args" <"$T/jv.in" \
		>"$T/jv.out" 2>&1 &
	JV_SERVER=$!
	exec 7>"$T/jv.in" 8<"$T/jv.out"
}
# pyrun -c SCRIPT|FILE|- ARGS...: python3 -c SCRIPT ARGS, python3 FILE ARGS
# or python3 - ARGS (the script on stdin), by json_server's python3 when
# there is one (then stderr comes on stdout)
pyrun() {
	if [ -z "$JV_SERVER" ]; then python3 "$@"; return; fi
	if [ "$1" = - ]; then shift; set -- -c "$(cat)" "$@"; fi
	printf '%s\0' "$PWD" "$@" >"$T/jv.args"
	served py
}
# served KIND: the server's answer to the call KIND (json or py) whose
# arguments are in $T/jv.args: what it printed, and its status
served() {
	echo "$1" >&7
	_rc=1
	while IFS= read -r _l <&8; do
		case $_l in "$JV_END"*) _rc=${_l#"$JV_END"}; break ;; esac
		printf '%s\n' "$_l"
	done
	return "$_rc"
}
# expect_json NAME EXPR WANT: EXPR over the JSON in $out prints WANT
expect_json() { expect_eq "$1" "$(jv "$2")" "$3"; }

# sql DB SQL: the rows of SQL on DB, read without changing it (opened read-only:
# a missing DB is an error, never made), fields joined by "|", NULL as
# nothing; or why not. sqlite3's shell starts in some 3 ms, python3 with its
# sqlite3 module in 25 to 50.
sql() { sqlite3 -readonly -batch "$1" "$2" 2>&1; }
# nevents DB [WHERE]: how many events DB holds (where WHERE holds), or why not
nevents() { sql "$1" "SELECT count(*) FROM events WHERE ${2:-1}"; }
# jsql SQL: one value of the journal "$J", read without changing it (or why not)
jsql() { sql "$J" "$1"; }
# ready_gen FILE: the generation in the ready file of tests/fake_mesos.py (one
# line of JSON, written whole), 0 while there is none
ready_gen() {
	_g=$(sed -n 's/.*"generation": \([0-9][0-9]*\).*/\1/p' "$1" 2>/dev/null)
	echo "${_g:-0}"
}
# sum FILE: FILE's SHA-256 (nothing when it cannot be read)
sum() { sha256sum "$1" 2>/dev/null | cut -d' ' -f1; }
