#!/bin/sh
# options.sh - the global command line: help, version, usage errors, output errors.
. "$(dirname "$0")/lib.sh"

# expect_err_prefix NAME: every stderr line starts "mesos-upgrade: "
# expect_out_re NAME ERE: a line of stdout matches ERE
expect_out_re() {
	if printf '%s\n' "$out" | grep -qE -- "$2"; then ok "$1"; else
		fail "$1" "no stdout line matches /$2/"; fi
}
expect_err_prefix() {
	if [ -n "$err" ] && ! printf '%s\n' "$err" | grep -qv '^mesos-upgrade: '; then ok "$1"
	else fail "$1" "stderr lines not all prefixed 'mesos-upgrade: ': $err"; fi
}

PROG_VERSION=$(sed -n 's/^#define MU_PROGRAM_VERSION "\(.*\)"$/\1/p' include/cli.h)
CONTENT_VERSION=$(sed -n 's/^version: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' content/guide.yaml)

# ---- --help -------------------------------------------------------------------
for h in --help -h; do
	run "$MU" $h
	expect_rc "$h: exit 0" 0
	expect_out "$h: usage" "usage: mesos-upgrade [--journal FILE] [--content DIR] [--operator NAME] COMMAND"
	expect_out_re "$h: lists plan" '^  plan +--from V --to V \[--format text\|md\|html\|json\]$'
	expect_out_re "$h: lists lint" '^  lint +\[DIR\]$'
	expect_out "$h: names the exit codes" "65 bad content"
	expect_empty_err "$h: nothing on stderr"
done

# ---- --version ----------------------------------------------------------------
[ -n "$PROG_VERSION" ] && [ -n "$CONTENT_VERSION" ] && ok "versions found in include/cli.h and content/guide.yaml" \
	|| fail "versions found in include/cli.h and content/guide.yaml" "'$PROG_VERSION' '$CONTENT_VERSION'"
for v in --version -V; do
	run "$MU" $v
	expect_rc "$v: exit 0" 0
	expect_out "$v: the program's version" "mesos-upgrade $PROG_VERSION"
	expect_out "$v: the content's version" "content $CONTENT_VERSION (built-in)"
	expect_out "$v: the range of the content" "Apache Mesos $FIRST to $LAST,"
	expect_empty_err "$v: nothing on stderr"
done
cp -r content "$T/c"
sed 's/^version:.*/version: "9.8.7-test"/' content/guide.yaml >"$T/c/guide.yaml"
run "$MU" --content "$T/c" --version
expect_rc "--content DIR --version: exit 0" 0
expect_out "--content DIR --version: that content's version" "content 9.8.7-test ($T/c)"
run env MESOS_UPGRADE_CONTENT="$T/c" "$MU" --version
expect_out "MESOS_UPGRADE_CONTENT --version: that content's version" "content 9.8.7-test"

# ---- unknown commands and options: exit 2, the closest suggested --------------
run "$MU" plna --from 0.26 --to 0.28
expect_rc "plna: exit 2" 2
expect_err "plna: suggests plan" "mesos-upgrade: unknown command 'plna' (did you mean plan?)"
expect_empty_out "plna: nothing on stdout"

run "$MU" lnit
expect_rc "lnit: exit 2" 2
expect_err "lnit: suggests lint" "(did you mean lint?)"

run "$MU" plan --form 0.26 --to 0.28
expect_rc "plan --form: exit 2" 2
expect_err "plan --form: suggests --from" "mesos-upgrade: plan: unknown option '--form' (did you mean --from?)"
expect_empty_out "plan --form: nothing on stdout"

run "$MU" plan --from 0.26 --too 0.28
expect_rc "plan --too: exit 2" 2
expect_err "plan --too: suggests --to" "(did you mean --to?)"

run "$MU" plan --from 0.26 --to 0.28 --fromat md
expect_rc "plan --fromat: exit 2" 2
expect_err "plan --fromat: suggests --format" "(did you mean --format?)"

run "$MU" --jurnal j.db plan --from 0.26 --to 0.28
expect_rc "--jurnal: exit 2" 2
expect_err "--jurnal: suggests --journal" "mesos-upgrade: unknown option '--jurnal' (did you mean --journal?)"
expect_empty_out "--jurnal: nothing on stdout"

run "$MU" --contnet content lint
expect_rc "--contnet: exit 2" 2
expect_err "--contnet: suggests --content" "(did you mean --content?)"

run "$MU" frobnicate
expect_rc "unknown command far from any: exit 2" 2
expect_err "unknown command far from any: points to --help" "mesos-upgrade: unknown command 'frobnicate'; see 'mesos-upgrade --help'"
expect_empty_out "unknown command far from any: nothing on stdout"

run "$MU" --frobnicate
expect_rc "unknown option far from any: exit 2" 2
expect_err "unknown option far from any: points to --help" "mesos-upgrade: unknown option '--frobnicate'; see 'mesos-upgrade --help'"
expect_err_prefix "unknown option far from any: prefixed message"

# ---- plan --help ----------------------------------------------------------------
for h in --help -h; do
	run "$MU" plan $h
	expect_rc "plan $h: exit 0" 0
	expect_out "plan $h: usage" "usage: mesos-upgrade [GLOBAL OPTIONS] plan --from V --to V [--format text|md|html|json]"
	expect_out "plan $h: explains --from" "--from V"
	expect_out "plan $h: explains --format" "--format FORMAT"
	expect_empty_err "plan $h: nothing on stderr"
done
run "$MU" plan --from 0.26 --help
expect_rc "plan --help among options: exit 0" 0
expect_out "plan --help among options: the help" "usage: mesos-upgrade [GLOBAL OPTIONS] plan"

# ---- no command: the wizard, which needs a terminal; without one, exit 2 -----
run "$MU" </dev/null
expect_rc "no command, no terminal: exit 2" 2
expect_err "no command, no terminal: says why" "the wizard needs a terminal"
expect_err "no command, no terminal: points to the commands" "see --help"
expect_empty_out "no command, no terminal: nothing on stdout"

run "$MU" --content content </dev/null
expect_rc "global options only, no terminal: exit 2" 2
expect_err "global options only, no terminal: says why" "the wizard needs a terminal"

# ---- global options that need a value ------------------------------------------
run "$MU" --content "" plan --from 0.26 --to 0.28
expect_rc "--content '': exit 2" 2
expect_err "--content '': says it needs a value" "mesos-upgrade: --content needs a non-empty value"
expect_empty_out "--content '': nothing on stdout"

run "$MU" --content= plan --from 0.26 --to 0.28
expect_rc "--content=: exit 2" 2
expect_err "--content=: says it needs a value" "mesos-upgrade: --content needs a non-empty value"

run "$MU" --content
expect_rc "--content at the end: exit 2" 2
expect_err "--content at the end: says it needs a value" "mesos-upgrade: --content needs a value"

run env MESOS_UPGRADE_CONTENT= "$MU" plan --from 0.27 --to 0.28
expect_rc "empty MESOS_UPGRADE_CONTENT is unset: exit 0" 0
expect_out "empty MESOS_UPGRADE_CONTENT is unset: the built-in plan" "== Hop 1 of 1: 0.27 -> 0.28"

# ---- stdout that cannot be written: exit 74 with a message ----------------------
if [ -w /dev/full ]; then
	for cmd in "plan --from $FIRST --to $LAST" "plan --from $FIRST --to $LAST --format md" \
		"plan --from $FIRST --to $LAST --format json" "plan --help" "--help" "--version" \
		"lint" "lint content" "lint --help"; do
		# shellcheck disable=SC2086
		"$MU" $cmd >/dev/full 2>"$T/err"; rc=$?; err=$(cat "$T/err")
		expect_rc "$cmd > /dev/full: exit 74" 74
		expect_err "$cmd > /dev/full: says so" "mesos-upgrade: cannot write the output"
	done
	"$MU" lint "$T/nope" >/dev/full 2>"$T/err"; rc=$?; err=$(cat "$T/err")
	expect_rc "lint with problems > /dev/full: exit 74" 74
	expect_err "lint with problems > /dev/full: says so" "mesos-upgrade: cannot write the output"
else
	echo "skip /dev/full: not writable here"
fi
for cmd in "plan --from 0.26 --to 0.28" "--version" "--help" "lint"; do
	# shellcheck disable=SC2086
	"$MU" $cmd >&- 2>"$T/err"; rc=$?; err=$(cat "$T/err")
	expect_rc "$cmd with stdout closed: exit 74" 74
	expect_err "$cmd with stdout closed: says so" "mesos-upgrade: cannot write the output"
done

# ---- the wizard without a terminal creates no journal ---------------------------
run "$MU" </dev/null
if [ ! -e "$XDG_STATE_HOME/mesos-upgrade/journal.db" ]; then ok "no terminal: no journal created"
else fail "no terminal: no journal created" "$XDG_STATE_HOME/mesos-upgrade/journal.db exists"; fi

# ---- an unknown --format names the formats, not the versions ---------------------
run "$MU" plan --from 0.26 --to 0.28 --format xml
expect_rc "plan --format xml: exit 2" 2
if [ "$err" = "mesos-upgrade: plan: unknown format 'xml': expected text, md, html or json" ]
then ok "plan --format xml: names the formats, and only them"
else fail "plan --format xml: names the formats, and only them" "stderr: $err"; fi

# ---- session ids are numbered from 1: 0 is not one, and is named ---------------------
for a in "status 0" "status 00" "report 0" "resume 0" "mark 0 0.26-0.27/implicit-roles done" \
	"note 0 0.26-0.27/implicit-roles hello"; do
	# shellcheck disable=SC2086
	run "$MU" --journal "$T/none.db" $a
	expect_rc "$a: exit 2" 2
	id=${a#* }; id=${id%% *}
	expect_err "$a: names the id as given" \
		"mesos-upgrade: '$id' is not a session id: sessions are numbered from 1"
done
run "$MU" --journal "$T/none.db" status ''
expect_err "status '': the empty id" "'' is not a session id: sessions are numbered from 1"
