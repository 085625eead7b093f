#!/bin/sh
# install.sh - shipped like a Unix tool: make install and uninstall into a
# DESTDIR, the installed and the copied binary, the man page (lint, its
# examples run, its key sections against the wizard's key tables, its commands and options against
# --help and the README) and the bash completion.
#
# Run by tests/run.sh from the top of the tree with $MU and $O; it calls
# make install with the same O (and, through MAKEFLAGS, the same build
# variables), so the binary installed is the one under test, not a rebuild.
# Helpers: complete.bash (asks the completion script).
. "$(dirname "$0")/lib.sh"

ROOT=$(pwd)
O=${O:-build}
NOW=2026-01-31T22:00:00Z
MAN=share/mesos-upgrade.1
COMP=share/completion.bash

# expect_same NAME A B: the two files are the same text
expect_same() {
	if cmp -s "$2" "$3"; then ok "$1"; else fail "$1" "$2 and $3 differ"; fi
}
# expect_nothing_under NAME DIR: DIR is empty (or gone)
expect_nothing_under() {
	left=$(find "$2" -mindepth 1 2>/dev/null | head -n 20)
	if [ -z "$left" ]; then ok "$1"; else fail "$1" "left behind: $(echo $left)"; fi
}
# expect_list NAME EXPECTED ACTUAL: two newline-separated lists are equal
expect_list() {
	if [ "$2" = "$3" ]; then ok "$1"; else
		fail "$1" "expected [$(echo $2)], got [$(echo $3)]"; fi
}
mk() {
	make --no-print-directory -s -C "$ROOT" O="$O" "$@"
}

# roff text to plain text, for the escapes this man page uses
unroff() {
	sed -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" -e 's/\\(dq/"/g' -e 's/\\(lq/"/g' -e 's/\\(rq/"/g' \
	    -e 's/\\(->/->/g' -e 's/\\&//g' -e 's/\\%//g' -e 's/\\f[BIRP]//g' -e 's/\\e/\\/g'
}
# man_section NAME: the source lines of a section (.SH NAME or .SH "NAME")
man_section() {
	awk -v want="$1" '
		/^\.SH / { s = substr($0, 5); gsub(/"/, "", s); on = (s == want); next }
		on { print }' "$MAN"
}

# ==== make install into a DESTDIR =============================================
DEST=$T/dest
P=/usr/local
run mk DESTDIR="$DEST" install
expect_rc "make install DESTDIR: exit 0" 0
for f in bin/mesos-upgrade share/man/man1/mesos-upgrade.1 \
	share/bash-completion/completions/mesos-upgrade \
	share/mesos-upgrade/content/guide.yaml share/mesos-upgrade/content/hops/0.27-0.28.yaml \
	share/doc/mesos-upgrade/README share/doc/mesos-upgrade/CONTENT.md; do
	if [ -f "$DEST$P/$f" ]; then ok "installed: \$PREFIX/$f"; else fail "installed: \$PREFIX/$f" "missing"; fi
done
n_src=$(ls content/hops/*.yaml | wc -l)
n_inst=$(ls "$DEST$P/share/mesos-upgrade/content/hops/"*.yaml 2>/dev/null | wc -l)
[ "$n_src" -eq "$n_inst" ] && ok "installed: every hop file ($n_src)" \
	|| fail "installed: every hop file" "$n_inst of $n_src"
[ -x "$DEST$P/bin/mesos-upgrade" ] && ok "installed binary is executable" \
	|| fail "installed binary is executable" "not executable"
modes=$(find "$DEST" -type f ! -path "*/bin/*" -perm /111)
[ -z "$modes" ] && ok "installed data is not executable" || fail "installed data is not executable" "$modes"
expect_same "installed binary is the one under test" "$MU" "$DEST$P/bin/mesos-upgrade"
expect_same "installed completion is share/completion.bash" "$COMP" \
	"$DEST$P/share/bash-completion/completions/mesos-upgrade"
expect_same "installed README" README "$DEST$P/share/doc/mesos-upgrade/README"
expect_same "installed guide.yaml" content/guide.yaml "$DEST$P/share/mesos-upgrade/content/guide.yaml"
if grep -q "$DEST" "$DEST$P/share/man/man1/mesos-upgrade.1"; then
	fail "installed man page does not name DESTDIR" "it does"
else ok "installed man page does not name DESTDIR"; fi
grep -q '^\.I /usr/local/share/mesos\\-upgrade/content/$' "$DEST$P/share/man/man1/mesos-upgrade.1" \
	&& ok "installed man page: FILES names the installed content" \
	|| fail "installed man page: FILES names the installed content" "no .I /usr/local/share/mesos\\-upgrade/content/"

# ---- the installed binary, from another directory -------------------------------
BIN=$DEST$P/bin/mesos-upgrade
run sh -c "cd / && '$BIN' plan --from 0.26 --to 0.28"
expect_rc "installed binary: plan from / exits 0" 0
expect_out "installed binary: plan from / has the first hop" "== Hop 1 of 2: 0.26 -> 0.27"
expect_out "installed binary: plan from / has the last hop" "== Hop 2 of 2: 0.27 -> 0.28"
run sh -c "cd / && '$BIN' --version"
expect_out "installed binary: built-in content" "(built-in)"

CDIR=$DEST$P/share/mesos-upgrade/content
run sh -c "cd / && '$BIN' --content '$CDIR' lint"
expect_rc "installed content: --content DIR lint exits 0" 0
expect_out "installed content: --content DIR lint finds no problems" "no problems"
run "$BIN" lint "$CDIR"
expect_rc "installed content: lint DIR exits 0" 0
"$BIN" plan --from 0.11 --to 0.28 --format json >"$T/plan.builtin" 2>&1
"$BIN" --content "$CDIR" plan --from 0.11 --to 0.28 --format json >"$T/plan.installed" 2>&1
expect_same "installed content plans exactly as the built-in content" "$T/plan.builtin" "$T/plan.installed"

# ---- a binary copied alone ---------------------------------------------------
mkdir -p "$T/alone/bin" "$T/alone/elsewhere"
cp "$BIN" "$T/alone/bin/mu"
run sh -c "cd '$T/alone/elsewhere' && '$T/alone/bin/mu' plan --from 0.27 --to 0.28 --format md"
expect_rc "copied binary: plan exits 0" 0
expect_out "copied binary: the checklist" "0.27-0.28/restart-masters"
run sh -c "cd '$T/alone/elsewhere' && '$T/alone/bin/mu' lint"
expect_rc "copied binary: its built-in content lints clean" 0

# ---- the man page's examples, run by the installed binary ------------------------
# Every line of every .EX block under EXAMPLES, in order, in one shell (so that
# $id carries over), in an empty directory, against a fresh journal, with a
# fixed clock; the wizard (resume) reads an empty key script and quits. The
# installed paths the examples name are looked up under DESTDIR.
EX=$T/examples
mkdir -p "$EX/run"
: >"$EX/quit.keys"
man_section EXAMPLES | awk '/^\.EX/ { on = 1; next } /^\.EE/ { on = 0; next } on' >"$EX/roff"
unroff <"$EX/roff" >"$EX/lines"
n=$(grep -c . "$EX/lines")
[ "$n" -ge 10 ] && ok "man page: $n examples found" || fail "man page: examples found" "only $n"
if sed -e 's/\\-//g' -e 's/\\(aq//g' -e 's/\\(dq//g' -e 's/\\e//g' -e 's/\\&//g' "$EX/roff" \
	| grep -n '\\' >"$T/bs"; then
	fail "man page: examples use only the escapes unroff knows" "$(cat "$T/bs")"
else ok "man page: examples use only the escapes unroff knows"; fi
if grep -v '^mesos-upgrade \|^id=$(mesos-upgrade \|^cp \|^printf ' "$EX/lines" >"$T/other"; then
	fail "man page: examples run only mesos-upgrade (and cp, printf)" "$(cat "$T/other")"
else ok "man page: examples run only mesos-upgrade (and cp, printf)"; fi
{
	echo 'exec 3>"$1"'
	i=0
	while IFS= read -r line; do
		i=$((i + 1))
		printf '%s\n' "$line" | sed "s|/usr/local/|$DEST/usr/local/|g"
		printf 'echo "%d $?" >&3\n' "$i"
	done <"$EX/lines"
} >"$EX/script"
(
	cd "$EX/run" && PATH="$DEST$P/bin:$PATH" MESOS_UPGRADE_JOURNAL="$EX/journal.db" \
		MESOS_UPGRADE_NOW=$NOW MESOS_UPGRADE_KEYS="$EX/quit.keys" \
		sh "$EX/script" "$EX/status" </dev/null >"$EX/out" 2>"$EX/err"
)
i=0
while IFS= read -r line; do
	i=$((i + 1))
	st=$(sed -n "s/^$i //p" "$EX/status")
	line=$(printf '%s\n' "$line" | sed 's/\\/\\\\/g') # for echo in ok and fail
	if [ "$st" = 0 ]; then ok "man page example $i: $line"; else
		fail "man page example $i: $line" "exit ${st:-not run}; stderr: $(cat "$EX/err")"; fi
done <"$EX/lines"
[ -s "$EX/run/plan.md" ] && ok "man page examples: plan.md written" || fail "man page examples: plan.md written" "missing"
grep -q 'no modules here' "$EX/run/CHG-1234.md" 2>/dev/null \
	&& ok "man page examples: the report has the skip reason" \
	|| fail "man page examples: the report has the skip reason" "not in CHG-1234.md"

# ---- uninstall: nothing left ---------------------------------------------------
run mk DESTDIR="$DEST" uninstall
expect_rc "make uninstall DESTDIR: exit 0" 0
expect_nothing_under "make uninstall leaves nothing under DESTDIR" "$DEST"

# install and uninstall in one make, even in parallel
run mk -j4 DESTDIR="$T/one" install uninstall
expect_rc "make install uninstall: exit 0" 0
expect_nothing_under "make install uninstall leaves nothing" "$T/one"

# directories that were there before stay, even empty; a stranger's file stays
D2=$T/pre
mkdir -p "$D2$P/bin" "$D2$P/share/man/man1" "$D2$P/share/doc"
echo 'not ours' >"$D2$P/share/doc/other"
mk DESTDIR="$D2" install >/dev/null 2>&1
mk DESTDIR="$D2" install >/dev/null 2>&1 # twice: the second knows what the first made
run mk DESTDIR="$D2" uninstall
expect_rc "uninstall after installing twice: exit 0" 0
left=$(cd "$D2" && find . -mindepth 1 | LC_ALL=C sort)
expect_list "uninstall keeps what was there before, removes what install made" \
"./usr
./usr/local
./usr/local/bin
./usr/local/share
./usr/local/share/doc
./usr/local/share/doc/other
./usr/local/share/man
./usr/local/share/man/man1" "$left"

# another PREFIX: the man page names it, uninstall finds everything
D3=$T/opt
run mk DESTDIR="$D3" PREFIX=/opt/mu install
expect_rc "make install PREFIX=/opt/mu: exit 0" 0
[ -x "$D3/opt/mu/bin/mesos-upgrade" ] && ok "PREFIX=/opt/mu: the binary in /opt/mu/bin" \
	|| fail "PREFIX=/opt/mu: the binary in /opt/mu/bin" "missing"
grep -q '^\.I /opt/mu/share/mesos\\-upgrade/content/$' "$D3/opt/mu/share/man/man1/mesos-upgrade.1" \
	&& ok "PREFIX=/opt/mu: the man page names /opt/mu" \
	|| fail "PREFIX=/opt/mu: the man page names /opt/mu" "FILES does not"
if grep -v '^\.\\"' "$D3/opt/mu/share/man/man1/mesos-upgrade.1" | grep -q /usr/local; then
	fail "PREFIX=/opt/mu: the man page no longer says /usr/local" "it does"
else ok "PREFIX=/opt/mu: the man page no longer says /usr/local"; fi
run mk DESTDIR="$D3" PREFIX=/opt/mu uninstall
expect_nothing_under "PREFIX=/opt/mu: uninstall leaves nothing" "$D3"

# ==== the man page ==============================================================
if command -v groff >/dev/null 2>&1; then
	groff -man -ww -z "$MAN" >"$T/groff.out" 2>"$T/groff.err"; rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$T/groff.err" ] && [ ! -s "$T/groff.out" ]; then
		ok "man page: groff -man -ww is silent"
	else fail "man page: groff -man -ww is silent" "exit $rc: $(cat "$T/groff.err")"; fi
	groff -man -ww -Tutf8 "$MAN" 2>/dev/null | grep -q 'walk through upgrading' \
		&& ok "man page: renders" || fail "man page: renders" "no NAME line in the output"
else
	fail "man page: groff -man -ww is silent" "groff is not installed (TEST_DEBS has groff-base)"
fi

PROG_VERSION=$(sed -n 's/^#define MU_PROGRAM_VERSION "\(.*\)"$/\1/p' include/cli.h)
grep -q "^\.TH MESOS-UPGRADE 1 [0-9-]* \"mesos\\\\-upgrade $PROG_VERSION\"" "$MAN" \
	&& ok "man page: .TH names version $PROG_VERSION" \
	|| fail "man page: .TH names version $PROG_VERSION" "$(grep '^\.TH' "$MAN")"

sections=$(sed -n 's/^\.SH "\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$MAN")
expect_list "man page: the sections, in order" "NAME
SYNOPSIS
DESCRIPTION
COMMANDS
GLOBAL OPTIONS
THE WIZARD
FILES
ENVIRONMENT
EXIT STATUS
EXAMPLES
SEE ALSO" "$sections"

envs=$(man_section ENVIRONMENT | awk '/^\.TP/ { getline; print }' | unroff)
for v in MESOS_UPGRADE_JOURNAL MESOS_UPGRADE_CONTENT XDG_STATE_HOME NO_COLOR MESOS_UPGRADE_NOW \
	MESOS_UPGRADE_KEYS; do
	printf '%s\n' "$envs" | grep -qx "\.B $v" && ok "man page: ENVIRONMENT has $v" \
		|| fail "man page: ENVIRONMENT has $v" "no .TP/.B $v"
done
man_section FILES | grep -q 'XDG_STATE_HOME/mesos\\-upgrade/journal.db' \
	&& ok "man page: FILES has the journal" || fail "man page: FILES has the journal" "missing"

# exit statuses: the man page, --help and the README name the same codes
codes_man=$(man_section "EXIT STATUS" | awk '/^\.TP/ { getline; sub(/^\.B /, ""); print }')
codes_help=$("$MU" --help | sed -n '/^Exit status:/,/^$/p' | tr '\n' ' ' \
	| grep -oE '(: |, )[0-9]+ ' | tr -dc '0-9\n ' | tr -s ' ' '\n' | grep .)
codes_readme=$(sed -n '/^Exit status:/,/^$/p' README | tr '\n' ' ' \
	| grep -oE '(: |; )[0-9]+ ' | tr -dc '0-9\n ' | tr -s ' ' '\n' | grep .)
expect_list "man page: EXIT STATUS codes" "0
1
2
65
69
74
75
77
129
130
143" "$codes_man"
expect_list "exit codes: --help says the same as the man page" "$codes_man" "$codes_help"
expect_list "exit codes: the README says the same as the man page" "$codes_man" "$codes_readme"

# ---- the keys: each screen's table, as the wizard prints it, is its man page section ----
# MESOS_UPGRADE_KEYS_DUMP=1 prints "SCREEN<TAB>NAMES<TAB>HELP" for every table
# (tui/wizard/keys.c); THE WIZARD has a subsection .SS "Keys: SCREEN" for each,
# with the same keys in the same order.
keys_tables=$(MESOS_UPGRADE_KEYS_DUMP=1 "$MU" | tr '\t' '|')
keys_man=$(man_section "THE WIZARD" | awk '
	/^\.SS "Keys: / { scr = substr($0, 12); sub(/"$/, "", scr); next }
	/^\.SS / { scr = ""; next }
	/^\.TP/ { tag = 1; next }
	tag == 1 && /^\.B / { name = substr($0, 4); gsub(/"/, "", name); tag = 2; next }
	tag == 2 && !/^\./ { if (scr != "") print scr "|" name "|" $0; tag = 0 }' | unroff)
n=$(printf '%s\n' "$keys_tables" | grep -c .)
screens=$(printf '%s\n' "$keys_tables" | cut -d'|' -f1 | uniq | grep -c .)
[ "$n" -ge 40 ] && [ "$screens" -ge 8 ] && ok "key tables: $n keys of $screens tables read" ||
	fail "key tables: read" "only $n keys of $screens tables: is MESOS_UPGRADE_KEYS_DUMP gone?"
expect_list "man page: THE WIZARD's Keys: sections are the key tables" "$keys_tables" "$keys_man"

# ---- commands and options: --help, the man page and the README agree -------------
# the command names and their synopses, as 'NAME ARGS', sorted
help_cmds=$("$MU" --help | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z]*\)  *\(.*\)$/\1 \2/p' \
	| LC_ALL=C sort)
man_cmds=$(man_section COMMANDS | sed -n 's/^\.SS "\(.*\)"$/\1/p' | unroff | LC_ALL=C sort)
readme_cmds=$(sed -n '/^Commands$/,/^[A-Z][a-z ]*$/p' README | sed -n 's/^    \([a-z][a-z]*\)\( .*\)\{0,1\}$/\1\2/p' \
	| grep -v '^mesos-upgrade ' | sed 's/   .*//; s/ *$//' | LC_ALL=C sort)
n=$(printf '%s\n' "$help_cmds" | grep -c .)
[ "$n" -ge 9 ] && ok "--help: $n commands read" || fail "--help: commands read" "only $n"
expect_list "commands: the man page has those of --help, with the same synopsis" "$help_cmds" "$man_cmds"
expect_list "commands: the README has those of --help, with the same synopsis" "$help_cmds" "$readme_cmds"
for name in $(printf '%s\n' "$help_cmds" | cut -d' ' -f1); do
	usage=$("$MU" "$name" --help | sed -n "1s/^usage: mesos-upgrade \[GLOBAL OPTIONS\] //p")
	listed=$(printf '%s\n' "$help_cmds" | sed -n "s/^$name \{0,1\}//p" | head -n 1)
	if [ "$usage" = "$name${listed:+ $listed}" ]; then ok "$name --help: the synopsis of --help"
	else fail "$name --help: the synopsis of --help" "'$usage' vs '$name $listed'"; fi
	help_opts=$("$MU" "$name" --help | { read -r first; printf '%s\n' "$first"; \
		sed -n '/^Options:/,/^$/p' | grep '^  -'; } | grep -oE '(^|[ [,])--?[a-z][a-z-]*' \
		| tr -d ' [,' | LC_ALL=C sort -u)
	man_opts=$(man_section COMMANDS | awk -v n="$name" '
		/^\.SS / { split(substr($0, 6), w, " "); on = (w[1] == n); next }
		on && /^\.TP/ { getline; print }' | unroff | grep -oE '(^|[ ",])--?[a-z][a-z-]*' \
		| tr -d ' ",' | grep -v '^-[BI]' | LC_ALL=C sort -u)
	expect_list "$name: the man page documents the options of --help" "$help_opts" "$man_opts"
	comp_opts=$(bash tests/cli/complete.bash "$COMP" mesos-upgrade "$name" - | grep -vx -- --help)
	expect_list "$name: the completion offers the options of --help" "$help_opts" "$comp_opts"
done
help_globals=$("$MU" --help | sed -n '/^Global options:/,/^$/p' | grep -oE '^  --[a-z]+' | tr -d ' ' \
	| LC_ALL=C sort)
man_globals=$(man_section "GLOBAL OPTIONS" | awk '/^\.TP/ { getline; print }' | unroff \
	| grep -oE '(^|[ ",])--[a-z]+' | tr -d ' ",' | LC_ALL=C sort)
expect_list "global options: the man page has those of --help" "$help_globals" "$man_globals"
comp_globals=$(bash tests/cli/complete.bash "$COMP" mesos-upgrade --)
expect_list "global options: the completion has those of --help" "$help_globals" "$comp_globals"
comp_cmds=$(bash tests/cli/complete.bash "$COMP" mesos-upgrade "")
expect_list "commands: the completion has those of --help" \
	"$(printf '%s\n' "$help_cmds" | cut -d' ' -f1)" "$comp_cmds"

# ==== bash completion ============================================================
if ! command -v bash >/dev/null 2>&1; then
	fail "completion: bash" "bash is not installed"
fi
bash -n "$COMP" && ok "completion: bash -n" || fail "completion: bash -n" "syntax error"
# answers NAME EXPECTED WORD...: the completions of the line WORD... are EXPECTED
answers() {
	name=$1 want=$2
	shift 2
	got=$(bash "$ROOT/tests/cli/complete.bash" "$ROOT/$COMP" "$@" 2>"$T/comp.err")
	expect_list "completion: $name" "$want" "$got"
	if [ -s "$T/comp.err" ]; then fail "completion: $name: nothing on stderr" "$(cat "$T/comp.err")"; fi
}
answers "commands" "close
complete
edit
exclude
include
lint
mark
note
plan
probe
reopen
report
resume
sessions
start
status
verify" mesos-upgrade ""
answers "a command's start" "start
status" mesos-upgrade st
answers "global options" "--journal" mesos-upgrade --jo
answers "commands after global options" "reopen
report
resume" mesos-upgrade --journal x.db --operator bob re
answers "plan --format" "html
json
md
text" mesos-upgrade plan --from 0.26 --format ""
answers "status --format" "json
text" mesos-upgrade status --format ""
answers "sessions --format" "json
text" mesos-upgrade sessions --format ""
answers "report --format" "html
json
md
text" mesos-upgrade report 1 --format ""
answers "report --format=j (split at =)" "json" mesos-upgrade report --format = j
answers "plan --format= (split at =)" "html
json
md
text" mesos-upgrade plan --format =
answers "--from: the guide's series" "0.20
0.21
0.22
0.23
0.24
0.25
0.26
0.27
0.28" "$MU" plan --from 0.2
# shellcheck disable=SC2086 # the series, one a word
answers "--to 1.: the 1.x series (sorted), after 0.28 in the content" "$(printf '%s\n' $SERIES | grep '^1\.' | LC_ALL=C sort)" \
	"$MU" plan --from 0.27 --to 1.
# shellcheck disable=SC2086
answers "--to 1.1: 1.1, and 1.10 and on, series of their own" "$(printf '%s\n' $SERIES | grep '^1\.1' | LC_ALL=C sort)" \
	"$MU" plan --to 1.1
touch "$T/with space.md" "$T/with-dash.md"
answers "report -o FILE: file names, spaces kept" "$T/with space.md
$T/with-dash.md" mesos-upgrade report 1 -o "$T/with"
mkdir -p "$T/cdir/hops"
answers "--content DIR: directories only" "$T/cdir" mesos-upgrade --content "$T/cd"
answers "plan options" "--format
--from
--help
--to" mesos-upgrade plan -

# session ids and item ids come from the program, with --journal from the line
J=$T/comp.db
MESOS_UPGRADE_NOW=$NOW "$MU" --journal "$J" start --from 0.27 --to 0.28 >/dev/null
MESOS_UPGRADE_NOW=$NOW "$MU" --journal "$J" start --from 0.17 --to 0.18 \
	--title '{"id":99, "id":"0.11-0.12/fake"}' >/dev/null
for i in 3 4 5 6 7 8 9 10 11; do
	MESOS_UPGRADE_NOW=$NOW "$MU" --journal "$J" start --from 0.27 --to 0.28 >/dev/null
done
sessions=$(seq 1 11 | LC_ALL=C sort)
answers "status SESSION" "$sessions" "$MU" --journal "$J" status ""
answers "report SESSION, --journal=FILE (split at =)" "1
10
11" "$MU" --journal = "$J" report 1
answers "resume SESSION" "$sessions" "$MU" --journal "$J" resume ""
answers "mark SESSION" "$sessions" "$MU" --journal "$J" mark ""
answers "note SESSION" "$sessions" "$MU" --journal "$J" --operator bob note ""
run env MESOS_UPGRADE_JOURNAL="$J" bash tests/cli/complete.bash "$COMP" "$MU" status ""
expect_list "completion: status SESSION, MESOS_UPGRADE_JOURNAL" "$sessions" "$out"
answers "no sessions in an empty journal" "" "$MU" --journal "$T/none.db" status ""
MESOS_UPGRADE_NOW=$NOW "$MU" --journal "$T/my journal.db" start --from 0.27 --to 0.28 >/dev/null
answers "a quoted --journal with a space" "1" "$MU" --journal "'$T/my journal.db'" status ""
answers "a --journal with an escaped space" "1" "$MU" --journal "$(printf '%s' "$T/my journal.db" \
	| sed 's/ /\\ /g')" status ""
[ ! -e "$T/none.db" ] && ok "completion: creates no journal" || fail "completion: creates no journal" "$T/none.db exists"
answers "mark SESSION ITEM" "0.17-0.18/cgroups-reboot
0.17-0.18/restart-agents
0.17-0.18/restart-masters
0.17-0.18/restart-schedulers
0.17-0.18/upgrade-executors
0.17-0.18/upgrade-schedulers" "$MU" --journal "$J" mark 2 ""
answers "mark SESSION ITEM, a prefix" "0.27-0.28/reservation-acls
0.27-0.28/restart-agents
0.27-0.28/restart-masters
0.27-0.28/restart-schedulers" "$MU" --journal "$J" mark 1 0.27-0.28/res
answers "note SESSION ITEM" "0.27-0.28/scalar-precision" "$MU" --journal "$J" note 1 0.27-0.28/sc
answers "mark: the action after the item" "done
skip
undo" "$MU" --journal "$J" mark 1 0.27-0.28/restart-agents ""
answers "mark: options after the action" "--branch
--force
--note" "$MU" --journal "$J" mark 1 0.27-0.28/restart-agents "done" ""
answers "note: nothing for the text" "" "$MU" --journal "$J" note 1 0.27-0.28/restart-agents ""
answers "mark: no items for an unknown session" "" "$MU" --journal "$J" mark 42 ""

# items done host by host: HOP/ID@HOST, and a host may hold a ':'. bash splits
# the word at '@' and ':' (COMP_WORDBREAKS); readline then replaces what
# follows the last ':', or the last '@' with what follows it.
printf 'masters: [m1, m2]\nleader: m1\nagents: ["a1:5051", a2]\n' >"$T/hosts.yaml"
JI=$T/inv.db
MESOS_UPGRADE_NOW=$NOW "$MU" --journal "$JI" start --from 0.27 --to 0.28 --inventory "$T/hosts.yaml" >/dev/null
answers "mark SESSION ITEM: per-host items" "0.27-0.28/restart-agents
0.27-0.28/restart-agents@a1:5051
0.27-0.28/restart-agents@a2" "$MU" --journal "$JI" mark 1 0.27-0.28/restart-a
answers "mark SESSION ITEM: after '@'" "@a1:5051
@a2" "$MU" --journal "$JI" mark 1 0.27-0.28/restart-agents @
answers "mark SESSION ITEM: after '@', a prefix" "@a1:5051" "$MU" --journal "$JI" mark 1 0.27-0.28/restart-agents @ a1
answers "mark SESSION ITEM: after ':'" "5051" "$MU" --journal "$JI" mark 1 0.27-0.28/restart-agents @ a1 : ""
answers "mark: the action after a per-host item" "done
skip
undo" "$MU" --journal "$JI" mark 1 0.27-0.28/restart-agents @ a1 : 5051 ""
# exclude: the inventory's hosts; include: those excluded now
answers "exclude SESSION HOST" "a1:5051
a2
m1
m2" "$MU" --journal "$JI" exclude 1 ""
answers "exclude SESSION HOST, a prefix" "m1
m2" "$MU" --journal "$JI" exclude 1 m
answers "exclude: its options" "--force
--help
--note" "$MU" --journal "$JI" exclude 1 a2 -
answers "include SESSION HOST: none excluded yet" "" "$MU" --journal "$JI" include 1 ""
MESOS_UPGRADE_NOW=$NOW "$MU" --journal "$JI" exclude 1 a2 --note gone >/dev/null
answers "include SESSION HOST: the excluded" "a2" "$MU" --journal "$JI" include 1 ""
answers "status --hosts" "--hosts" "$MU" --journal "$JI" status 1 --ho
answers "start --window-end" "--window-end" "$MU" start --wi
# complete, the command these completions ask: what it lists, then a session
answers "complete: what it lists" "excluded
hosts
items
sessions" "$MU" complete ""
answers "complete items SESSION" "1" "$MU" --journal "$JI" complete items ""
answers "complete sessions PREFIX: the session ids" "1
10
11" "$MU" --journal "$J" complete sessions 1
answers "edit --inventory FILE: file names" "$T/hosts.yaml" "$MU" edit 1 --inventory "$T/hosts."

# the installed script, as bash-completion would load it
mk DESTDIR="$DEST" install >/dev/null 2>&1
got=$(bash tests/cli/complete.bash "$DEST$P/share/bash-completion/completions/mesos-upgrade" \
	"$DEST$P/bin/mesos-upgrade" --journal "$J" status "1")
expect_list "completion: the installed script, installed binary" "1
10
11" "$got"
mk DESTDIR="$DEST" uninstall >/dev/null 2>&1
expect_nothing_under "completion: uninstalled again" "$DEST"
