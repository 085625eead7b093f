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

run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	out=$(cat "$T/out")
	err=$(cat "$T/err")
}

ok() { echo "ok $1"; }
fail() { echo "FAIL $1: $2"; }

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
