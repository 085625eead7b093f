# tmux.sh - the wizard in a real terminal: tmux panes at a fixed size, keys
# sent with send-keys, the screen read with capture-pane.
#
# Every tmux command goes to a private server (its socket in $T, no config
# file) that is killed on exit. Each wizard runs in a pane through the
# wrapper $T/wiz (written below) with exactly the environment it is given
# (env -i), its stderr in a file (sanitizer reports land there, not in the
# pane), and its pid, exit status and tty modes recorded. After the wizard
# the wrapper prints "EXIT=N TTY=same|changed" and reads one line, echoing
# it as "READ=...": a pane that shows what is typed and answers READ= has
# its terminal back in a normal (cooked, echoing) state.
#
# Checks poll the screen with a bounded wait, never a fixed sleep, except
# where the point is that time passes (a poll of the journal must happen
# while a dialog is open).
. tests/cli/lib.sh
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z
J=$T/journal.db
# A private server: its socket in $T (removed on exit), or -L mu-test-PID
# when $T is too long a path for a socket.
if [ ${#T} -lt 80 ]; then SOCKOPT="-S $T/tmux.sock"; else SOCKOPT="-L mu-test-$$"; fi
unset TMUX TMUX_PANE 2>/dev/null || true

if ! command -v tmux >/dev/null 2>&1; then
	fail tmux-installed "tmux is not installed (make test installs it)"
	exit 0
fi
case $MU in /*) ;; *) MU=$(pwd)/$MU ;; esac

# shellcheck disable=SC2086
# (the server it may start never holds json_server's FIFOs: 7 and 8 closed)
tm() { tmux $SOCKOPT -f /dev/null "$@" 7>&- 8>&-; }
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT
# its Python (but the background lock holder) by one python3 (lib.sh's pyrun)
json_server

# ---- the wrapper that runs in a pane ----------------------------------------
# wiz NAME VAR=VALUE... -- ARGS...: run "$MU ARGS" with only the variables
# given; $T/NAME.pid its pid, $T/NAME.err its stderr, $T/NAME.rc its exit
# status, $T/NAME.tty whether the tty modes are the same afterwards.
cat >"$T/wiz" <<EOF
#!/bin/sh
name=\$1; shift
d='$T'
hup=0
trap 'hup=1' HUP
echo \$\$ >"\$d/\$name.wrap"
before=\$(stty -g)
vars=
while [ \$# -gt 0 ] && [ "\$1" != -- ]; do vars="\$vars \$1"; shift; done
shift
# the child execs the wizard: the pid written is the wizard's
sh -c 'echo \$\$ >"\$0"; exec "\$@"' "\$d/\$name.pid" env -i \$vars '$MU' "\$@" 2>"\$d/\$name.err"
rc=\$?
echo \$rc >"\$d/\$name.rc"
[ \$hup = 1 ] && exit 0
after=\$(stty -g)
if [ "\$before" = "\$after" ]; then tty=same; else tty=changed; fi
echo "\$tty \$before \$after" >"\$d/\$name.tty"
echo "EXIT=\$rc TTY=\$tty"
if read -r line; then echo "READ=\$line"; fi
# a hang-up (the pane killed) ends the wrapper, never leaves a sleep behind
trap - HUP
[ \$hup = 1 ] && exit 0
exec sleep 60
EOF
chmod +x "$T/wiz"

# The environment of a wizard (no spaces in values: see the wrapper).
ENV_BASE="PATH=$PATH HOME=$HOME XDG_STATE_HOME=$XDG_STATE_HOME MESOS_UPGRADE_NOW=$MESOS_UPGRADE_NOW MESOS_UPGRADE_JOURNAL=$J"
for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
	eval "val=\${$v-}"
	[ -n "$val" ] && ENV_BASE="$ENV_BASE $v=$val"
done

# open NAME COLSxROWS VAR=VALUE... -- ARGS...: a new session NAME running the wizard
open() {
	name=$1 cols=${2%x*} rows=${2#*x}
	shift 2
	rm -f "$T/$name.pid" "$T/$name.rc" "$T/$name.err" "$T/$name.tty"
	# shellcheck disable=SC2086
	tm new-session -d -s "$name" -x "$cols" -y "$rows" sh "$T/wiz" "$name" $ENV_BASE "$@"
}

# wait_for SESSION TEXT [TENTHS]: until the pane shows TEXT (default 5 s);
# the screen is left in $screen, the time taken in $waited (tenths). Gives up
# at once when the pane is gone, or when the wizard has ended (EXIT= shown)
# and TEXT is not what comes after it.
wait_for() {
	waited=0
	while :; do
		screen=$(tm capture-pane -p -t "$1" 2>&1) || return 1
		case $screen in *"$2"*) return 0 ;; esac
		case $2 in EXIT=* | READ=*) ;; *) case $screen in *EXIT=*) return 1 ;; esac ;; esac
		[ "$waited" -lt "${3:-50}" ] || return 1
		sleep 0.1
		waited=$((waited + 1))
	done
}

show_screen() {
	printf '%s\n' "$screen" | sed 's/^/    | /'
}

# expect_screen NAME SESSION TEXT [TENTHS]
expect_screen() {
	if wait_for "$2" "$3" "${4:-50}"; then ok "$1"; else
		fail "$1" "after $((waited / 10)).$((waited % 10)) s (of at most $(( ${4:-50} / 10 )).$(( ${4:-50} % 10 ))) the pane does not show '$3'; it shows:"
		show_screen
	fi
}

# expect_row NAME SESSION ROW TEXT: row ROW (1-based) of the pane contains TEXT
expect_row() {
	row=$(tm capture-pane -p -t "$2" | sed -n "${3}p")
	case $row in *"$4"*) ok "$1" ;; *) fail "$1" "row $3 is '$row', expected it to contain '$4'" ;; esac
}

# pane NAME FORMAT: a tmux format of the session's pane
pane() { tm display -p -t "$1" "$2"; }

# wizard_pid NAME: the pid of the wizard started in session NAME (waits for it)
wizard_pid() {
	n=0
	while [ ! -s "$T/$1.pid" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
	cat "$T/$1.pid" 2>/dev/null
}

# expect_gone NAME SESSION [wrap]: the wizard of SESSION (or with "wrap",
# the wrapper around it) is no longer running (5 s)
expect_gone() {
	if [ "${3-}" = wrap ]; then p=$(cat "$T/$2.wrap" 2>/dev/null); else p=$(wizard_pid "$2"); fi
	n=0
	while [ -n "$p" ] && kill -0 "$p" 2>/dev/null && [ $n -lt 50 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	if [ -z "$p" ]; then fail "$1" "no pid recorded for $2"
	elif kill -0 "$p" 2>/dev/null; then fail "$1" "pid $p ($2) still runs 5 s later"
	else ok "$1"; fi
}

# expect_exit NAME SESSION CODE: the wizard exited with CODE, nothing on its
# stderr that a sanitizer wrote
expect_exit() {
	n=0
	while [ ! -s "$T/$2.rc" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
	got=$(cat "$T/$2.rc" 2>/dev/null)
	if [ "$got" = "$3" ]; then ok "$1"; else
		fail "$1" "the wizard exited '${got:-(not yet)}', expected $3; stderr: $(cat "$T/$2.err" 2>/dev/null)"
	fi
	if grep -qE 'Sanitizer|runtime error:' "$T/$2.err" 2>/dev/null; then
		fail "$1-sanitizer" "$(cat "$T/$2.err")"
	else
		ok "$1-sanitizer"
	fi
}

# expect_restored NAME SESSION [CODE]: after the wizard, the pane shows
# EXIT=CODE (default 0) and TTY=same, the alternate screen is off, the cursor visible, keypad mode off,
# and a typed line is echoed and read
expect_restored() {
	expect_screen "$1-exit-shown" "$2" "EXIT=${3:-0} TTY=same" 20
	got=$(pane "$2" 'alt=#{alternate_on} cursor=#{cursor_flag} keypad=#{keypad_cursor_flag}#{keypad_flag} mouse=#{mouse_any_flag}')
	expect_eq "$1-modes" "$got" "alt=0 cursor=1 keypad=00 mouse=0"
	tm send-keys -t "$2" -l "typed-after"
	tm send-keys -t "$2" Enter
	expect_screen "$1-echo-and-read" "$2" "READ=typed-after" 20
	case $screen in *"typed-after"*"READ=typed-after"*) ok "$1-echoed" ;;
	*) fail "$1-echoed" "what was typed was not echoed:"; show_screen ;; esac
}

# journal PYTHON-EXPR...: evaluate over the journal with sqlite3 (db)
journal() {
	pyrun - "$J" "$@" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
q = lambda sql: db.execute(sql).fetchall()
for e in sys.argv[2:]:
    print(eval(e))
PY
}

# status_json EXPR...: json_eval.py over "status --format json"
status_json() {
	out=$("$MU" --journal "$J" status "$S" --format json)
	jv "$@"
}

# colours SESSION: how many SGR colour parameters the pane's screen uses
colours() {
	tm capture-pane -e -p -t "$1" >"$T/colours.txt"
	pyrun -c '
import re, sys
n = 0
for m in re.finditer(r"\x1b\[([0-9;:]*)m", open(sys.argv[1]).read()):
    for p in re.split("[;:]", m.group(1)):
        if p.isdigit() and (30 <= int(p) <= 38 or 40 <= int(p) <= 48 or 90 <= int(p) <= 107):
            n += 1
print(n)' "$T/colours.txt"
}

TITLE='Wartung → prod ü'
run "$MU" --journal "$J" start --from 0.26.1 --to 0.28 --title "$TITLE"
expect_rc tmux-start 0
S=$out
XT="TERM=xterm-256color LANG=C.UTF-8"

# ---- 1. open, check off, a second operator, a hang-up -----------------------
open s1 80x24 $XT -- --operator alice resume "$S"
expect_screen tmux-open-title s1 "mesos-upgrade | session $S: 0.26.1 -> 0.28 | $TITLE"
expect_row tmux-open-title-row s1 1 " mesos-upgrade | session $S:"
expect_screen tmux-open-first-pending s1 "── 0.26-0.27/implicit-roles "
expect_screen tmux-open-item-shown s1 "[ ] note Implicit roles"
expect_row tmux-open-status-row s1 24 " 0/20 "
got=$(colours s1)
case $got in 0 | '') fail tmux-colour-used "no colour on xterm-256color ($got)" ;; *) ok tmux-colour-used ;; esac

for k in 1 2 3; do
	tm send-keys -t s1 Space
	expect_screen "tmux-space-$k" s1 " $k/20 "
done
expect_screen tmux-space-checked s1 "[x] note Implicit roles"
case $screen in *"[x] note Allocator API"*"[x] note executorLost"*"[ ] note Isolator prepare"*)
	ok tmux-space-three-checked ;;
*) fail tmux-space-three-checked "not exactly the first three notes checked:"; show_screen ;; esac
expect_screen tmux-space-cursor-advanced s1 "── 0.26-0.27/isolator-prepare "

# another operator marks the item under the cursor: shown without a key
run "$MU" --journal "$J" --operator bob mark "$S" 0.26-0.27/isolator-prepare done
expect_rc tmux-live-mark 0
expect_screen tmux-live-shown-1.5s s1 " 4/20 " 15
case $screen in *"[x] note Isolator prepare"*"bob 22:00"*) ok tmux-live-shown-by-bob ;;
*) fail tmux-live-shown-by-bob "the row of isolator-prepare does not say bob:"; show_screen ;; esac
# Space on it now records nothing: it is already done, by bob
tm send-keys -t s1 Space
expect_screen tmux-live-no-double s1 "already done by bob"

# a change by another operator while a dialog is open must show once it closes
tm send-keys -t s1 n
expect_screen tmux-dialog-open s1 "Enter records it, Esc cancels"
# the status bar names the dialog's keys, not the checklist's below it
expect_row tmux-dialog-status-keys s1 24 " Enter confirm  BS erase  C-u clear  Esc cancel  F1 help"
run "$MU" --journal "$J" --operator bob mark "$S" 0.26-0.27/teardown-frameworks-acl done
expect_rc tmux-dialog-live-mark 0
sleep 1 # the wizard looks at the journal (every 0.5 s) while the dialog is open
tm send-keys -t s1 Escape
expect_screen tmux-dialog-cancelled s1 "Cancelled; nothing recorded."
expect_screen tmux-dialog-live-shown-after-close s1 " 5/20 " 15

# kill the pane: a hang-up (SIGHUP, or the terminal gone under it, whichever
# the wizard meets first); it exits 128 + 1 so a supervisor can tell
tm kill-pane -t s1
expect_gone tmux-hup-process-gone s1
expect_exit tmux-hup-exit s1 129
if grep -qF "stopped by a hang-up (" "$T/s1.err" &&
	grep -qF "every check-off shown was already in journal $J" "$T/s1.err"; then
	ok tmux-hup-said
else
	fail tmux-hup-said "stderr: $(cat "$T/s1.err")"
fi
got=$(status_json "d['totals']['done']" "[i['id'].split('/')[1] for i in items() if i['state'] != 'pending']")
expect_eq tmux-hup-journal-state "$got" "5
[\"implicit-roles\",\"allocator-api\",\"executor-lost-callback\",\"isolator-prepare\",\"teardown-frameworks-acl\"]"
got=$(journal "q('PRAGMA integrity_check')[0][0]" \
	"' '.join(i.split('/')[1] + ':' + a + ':' + o for i, a, o in q('SELECT item, action, operator FROM events ORDER BY id'))")
expect_eq tmux-hup-journal-events "$got" "ok
implicit-roles:ack:alice allocator-api:ack:alice executor-lost-callback:ack:alice isolator-prepare:ack:bob teardown-frameworks-acl:ack:bob"

# ---- 2. restart: the same state, the cursor on the first pending item; q ----
open s2 80x24 $XT -- --operator alice
expect_screen tmux-resume-title s2 "| $TITLE"
expect_screen tmux-resume-first-pending s2 "── 0.26-0.27/drf-reserved-resources "
expect_row tmux-resume-status s2 24 " 5/20 "
case $screen in *"[x] note Implicit roles"*"[x] note Allocator API"*"[x] note executorLost"*"[x] note Isolator prepare"*"[x] note ACLs.shutdown"*"[ ] note DRF role sorter"*)
	ok tmux-resume-same-state ;;
*) fail tmux-resume-same-state "the checklist differs from the journal:"; show_screen ;; esac
tm send-keys -t s2 q
expect_screen tmux-quit-at-once s2 "EXIT=" 10
expect_exit tmux-quit-exit s2 0
expect_restored tmux-quit s2
case $screen in *"Hops"*) fail tmux-quit-screen-cleared "the checklist is still on the screen:"; show_screen ;;
*) ok tmux-quit-screen-cleared ;; esac

# ---- 3. SIGTERM: exits 143, terminal restored, nothing lost -----------------
open s3 80x24 $XT -- --operator alice resume "$S"
expect_screen tmux-term-open s3 "── 0.26-0.27/drf-reserved-resources "
tm send-keys -t s3 Space
expect_screen tmux-term-checked s3 " 6/20 "
kill -TERM "$(wizard_pid s3)"
expect_screen tmux-term-exits s3 "EXIT=" 20
expect_exit tmux-term-exit s3 143
expect_restored tmux-term s3 143
if grep -qF "stopped by SIGTERM; every check-off shown was already in journal $J" "$T/s3.err"; then
	ok tmux-term-said
else
	fail tmux-term-said "stderr: $(cat "$T/s3.err")"
fi
got=$(status_json "d['totals']['done']" "item('0.26-0.27/drf-reserved-resources')['state']")
expect_eq tmux-term-nothing-lost "$got" "6
done"
got=$(journal "q('PRAGMA integrity_check')[0][0]" "q('SELECT count(*) FROM events')[0][0]")
expect_eq tmux-term-journal "$got" "ok
6"

# a SIGHUP alone (the terminal still there): 129, the terminal restored
open s11 80x24 $XT -- --operator alice resume "$S"
expect_screen tmux-sighup-open s11 "── 0.26-0.27/rebuild-modules "
kill -HUP "$(wizard_pid s11)"
expect_exit tmux-sighup-exit s11 129
expect_restored tmux-sighup s11 129
if grep -qF "stopped by a hang-up (SIGHUP)" "$T/s11.err"; then ok tmux-sighup-said; else
	fail tmux-sighup-said "stderr: $(cat "$T/s11.err")"; fi

# ---- 4. resize -----------------------------------------------------------------
open s4 80x24 $XT -- --operator alice resume "$S"
expect_screen tmux-resize-open s4 "── 0.26-0.27/rebuild-modules "
tm send-keys -t s4 Down
expect_screen tmux-arrow-down s4 "── 0.26-0.27/restart-masters "
tm send-keys -t s4 Up
expect_screen tmux-arrow-up s4 "── 0.26-0.27/rebuild-modules "
tm resize-window -t s4 -x 100 -y 30
# the status bar moves to the new last row
n=0
while [ $n -lt 50 ] && ! tm capture-pane -p -t s4 | sed -n 30p | grep -qF " 6/20 "; do
	sleep 0.1
	n=$((n + 1))
done
expect_row tmux-resize-100x30-status s4 30 " 6/20 "
# (the clock and bob, active, before operator@host: the product's name goes first)
expect_row tmux-resize-100x30-title s4 1 " session $S: 0.26.1 -> 0.28 | $TITLE "
expect_screen tmux-resize-100x30-rule s4 "── 0.26-0.27/rebuild-modules "
tm resize-window -t s4 -x 30 -y 10
expect_screen tmux-resize-too-small s4 "Terminal too small: 30x10"
tm send-keys -t s4 Space # ignored while too small
# a second small size: once it shows, the Space sent before it has been read
tm resize-window -t s4 -x 31 -y 10
expect_screen tmux-resize-too-small-again s4 "Terminal too small: 31x10"
tm resize-window -t s4 -x 80 -y 24
expect_screen tmux-resize-back s4 "── 0.26-0.27/rebuild-modules "
expect_row tmux-resize-back-title s4 1 " session $S: 0.26.1 -> 0.28 | $TITLE "
expect_row tmux-resize-back-status s4 24 " 6/20 "
case $screen in *"Terminal too small"*) fail tmux-resize-back-clean "the old message remains:"; show_screen ;;
*) ok tmux-resize-back-clean ;; esac
tm send-keys -t s4 q
expect_exit tmux-resize-exit s4 0
expect_restored tmux-resize s4
got=$(journal "q('SELECT count(*) FROM events')[0][0]")
expect_eq tmux-resize-space-ignored "$got" 6

# ---- 5. monochrome: NO_COLOR, vt100 --------------------------------------------
open s5 80x24 $XT NO_COLOR=1 -- --operator alice resume "$S"
expect_screen tmux-nocolor-rule s5 "── 0.26-0.27/rebuild-modules "
expect_screen tmux-nocolor-title s5 "| $TITLE"
expect_screen tmux-nocolor-list s5 "[x] note Implicit roles"
expect_eq tmux-nocolor-no-colour "$(colours s5)" 0
tm send-keys -t s5 q
expect_exit tmux-nocolor-exit s5 0
expect_restored tmux-nocolor s5

open s6 80x24 TERM=vt100 LANG=C.UTF-8 -- --operator alice resume "$S"
expect_screen tmux-vt100-rule s6 "0.26-0.27/rebuild-modules "
expect_screen tmux-vt100-title s6 "| $TITLE"
expect_screen tmux-vt100-list s6 "[x] note Implicit roles"
expect_row tmux-vt100-status s6 24 " 6/20 "
tm send-keys -t s6 Down
expect_screen tmux-vt100-arrow-down s6 "0.26-0.27/restart-masters "
expect_eq tmux-vt100-no-colour "$(colours s6)" 0
tm send-keys -t s6 q
expect_exit tmux-vt100-exit s6 0
expect_restored tmux-vt100 s6

# ---- 6. no UTF-8 locale (ssh without LANG, LANG=C): the locale is honoured --
# the terminal gets ASCII: non-ASCII text transliterated ("→" as "->", "ü" as
# "u") or "?", lines in the terminal's own line drawing (ACS, which
# capture-pane shows as the letters x and q), never UTF-8 it cannot show
ASCII_TITLE='Wartung -> prod u'
open s7 80x24 TERM=xterm-256color -- --operator 'jürgen' resume "$S"
expect_screen tmux-ascii-nolocale-title s7 " session $S: 0.26.1 -> 0.28 | $ASCII_TITLE "
expect_screen tmux-ascii-nolocale-operator s7 "jurgen@"
expect_screen tmux-ascii-nolocale-acs s7 "qq 0.26-0.27/rebuild-modules qqq"
case $screen in *"→"* | *"ü"* | *"─"* | *"│"*) fail tmux-ascii-nolocale-no-utf8 "UTF-8 on an ASCII terminal:"; show_screen ;;
*) ok tmux-ascii-nolocale-no-utf8 ;; esac
tm send-keys -t s7 q
expect_exit tmux-ascii-nolocale-exit s7 0
expect_restored tmux-ascii-nolocale s7

open s8 80x24 TERM=vt100 LC_ALL=C -- --operator alice resume "$S"
expect_screen tmux-ascii-lc-all-c-title s8 "| $ASCII_TITLE "
case $screen in *"→"* | *"ü"* | *"─"* | *"│"*) fail tmux-ascii-lc-all-c-no-utf8 "UTF-8 on an ASCII terminal:"; show_screen ;;
*) ok tmux-ascii-lc-all-c-no-utf8 ;; esac
tm send-keys -t s8 q
expect_exit tmux-ascii-lc-all-c-exit s8 0

# ---- 7. a terminal curses does not know: a message, not a broken terminal ------
# libtinfo's newterm() leaks its pre-screen (new_prescr) when the terminal is
# unknown: a library leak that LeakSanitizer would turn into exit 1 in the
# sanitized build. Suppressed for this one run; any other leak still counts.
echo "leak:new_prescr" >"$T/lsan.supp"
open s9 80x24 TERM=no-such-terminal LANG=C.UTF-8 LSAN_OPTIONS=suppressions=$T/lsan.supp:print_suppressions=0 \
	-- --operator alice resume "$S"
expect_screen tmux-unknown-term-exit s9 "EXIT=2 TTY=same"
if grep -qF "cannot start curses on this terminal (TERM=no-such-terminal)" "$T/s9.err"; then
	ok tmux-unknown-term-message
else
	fail tmux-unknown-term-message "stderr: $(cat "$T/s9.err")"
fi

# ---- 8. wide characters: typed into a dialog, shown in the history ------------
CJK='運用チーム確認済み、マスター再起動は夜間メンテナンス枠で実施する予定です。担当者へ連絡済み END'
run "$MU" --journal "$J" --operator bob note "$S" 0.26-0.27/rebuild-modules "$CJK"
expect_rc tmux-wide-note 0
open s10 80x24 $XT -- --operator alice resume "$S"
expect_screen tmux-type-open s10 "── 0.26-0.27/rebuild-modules "
tm send-keys -t s10 n
expect_screen tmux-type-dialog s10 "Enter records it, Esc cancels"
tm send-keys -t s10 -l 'Grüße → '
expect_screen tmux-type-latin s10 "> Grüße → "
# wide characters take two columns each: what is typed must show as typed
tm send-keys -t s10 -l '変更 ok'
expect_screen tmux-type-wide s10 "> Grüße → 変更 ok " 20
tm send-keys -t s10 Enter
expect_screen tmux-type-recorded s10 "0.26-0.27/rebuild-modules noted by alice" 20
got=$(journal "[t for (t,) in q(\"SELECT text FROM events WHERE action = 'note' AND operator = 'alice'\")]")
expect_eq tmux-type-journal-text "$got" "['Grüße → 変更 ok']"
# the detail: the history holds both notes, each in full
tm send-keys -t s10 Enter
expect_screen tmux-detail-open s10 "History, newest first"
expect_screen tmux-detail-typed-note s10 "Grüße → 変更 ok"
expect_screen tmux-detail-wide-note-whole s10 "担当者へ連絡済み END" 10
tm send-keys -t s10 Escape
expect_screen tmux-detail-back s10 "── 0.26-0.27/rebuild-modules "
tm send-keys -t s10 q
expect_exit tmux-type-exit s10 0

# ---- 9. Ctrl-C quits as q does: exit 0, the terminal restored ----------------
open s12 80x24 $XT -- --operator alice resume "$S"
expect_screen tmux-ctrl-c-open s12 "── 0.26-0.27/rebuild-modules "
tm send-keys -t s12 C-c
expect_exit tmux-ctrl-c-exit s12 0
expect_restored tmux-ctrl-c s12
if [ -s "$T/s12.err" ]; then fail tmux-ctrl-c-silent "stderr: $(cat "$T/s12.err")"; else
	ok tmux-ctrl-c-silent; fi

# ---- 10. another process holds the journal's lock: the status line says so ----
# The holder keeps a write transaction open until the test has seen the
# wizard's waiting message, then lets go; the check-off then goes through.
open s13 80x24 $XT -- --operator alice resume "$S"
expect_screen tmux-lock-open s13 "── 0.26-0.27/rebuild-modules "
rm -f "$T/lock.held" "$T/lock.release"
python3 - "$J" "$T" <<'PY' &
import os, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
open(os.path.join(sys.argv[2], "lock.held"), "w").close()
for _ in range(100):  # at most 10 s, then the test has failed anyway
    if os.path.exists(os.path.join(sys.argv[2], "lock.release")):
        break
    time.sleep(0.1)
db.execute("ROLLBACK")
PY
holder=$!
n=0
while [ ! -f "$T/lock.held" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
tm send-keys -t s13 Space
expect_screen tmux-lock-waiting-said s13 "Recording... (up to 3 s if another process holds the journal)" 20
touch "$T/lock.release"
wait "$holder"
expect_screen tmux-lock-then-recorded s13 "0.26-0.27/rebuild-modules done by alice" 40
tm send-keys -t s13 q
expect_exit tmux-lock-exit s13 0

# ---- 11. the form on a journal not made yet -----------------------------------
# Its first hint is plain before anything is typed, a warning once a field is
# wrong; Ctrl-C then quits and leaves no journal behind.
open s14 80x24 $XT MESOS_UPGRADE_JOURNAL=$T/none.db -- --operator alice
expect_screen tmux-form-open s14 "Versions look like 0.26"
hint=$(tm capture-pane -e -p -t s14 | grep 'Versions look like')
case $hint in *"$(printf '\033')["*1m*Versions* | *"$(printf '\033')["*31m*Versions*)
	fail tmux-form-hint-plain "the first hint is drawn as a warning: $(printf '%s' "$hint" | od -c | head -3)" ;;
*) ok tmux-form-hint-plain ;; esac
tm send-keys -t s14 -l '0.2.3.4'
expect_screen tmux-form-bad-version s14 "is not a version"
hint=$(tm capture-pane -e -p -t s14 | grep 'is not a version')
case $hint in *"$(printf '\033')["*m*"is not a version"*) ok tmux-form-hint-warning ;;
*) fail tmux-form-hint-warning "a wrong field is not shown as a warning: $hint" ;; esac
tm send-keys -t s14 C-c
expect_exit tmux-form-exit s14 0
if [ -e "$T/none.db" ]; then fail tmux-form-no-journal "$T/none.db was made"; else
	ok tmux-form-no-journal; fi

# ---- 12. a rolling restart: 3 masters, 40 agents ---------------------------------
# Hop 0.26 -> 0.27 is done from the command line. In 0.27 -> 0.28: the
# leader first is refused (leader last) and asks for a reason; Esc records
# nothing. The two other masters, then the leader; bob meanwhile writes a
# note from the command line ("also: bob"). On the agents, x excludes the
# last one (decommissioned: skipped in every hop); a range of all 39 pending asks
# "mark 39 hosts done?", and u right after undoes it whole; marked again, the
# rest of the hop follows; the last hop finished is the session finished, and
# its summary opens: the times, the counts and the agent skipped, by reason.
RJ=$T/roll.db
{ printf 'masters: [m1, m2, m3]\nleader: m2\nagents:\n'
  for i in $(seq -w 1 40); do printf '  - a%s\n' "$i"; done; } >"$T/roll.yaml"
"$MU" --journal "$RJ" --operator alice start --from 0.26 --to 0.28 --inventory "$T/roll.yaml" \
	>/dev/null
"$MU" --journal "$RJ" --operator alice mark 1 '0.26-0.27/*' done >/dev/null
for n in 1 2 3; do "$MU" --journal "$RJ" --operator alice mark 1 "0.27-0.28/$(
	echo scalar-precision reservation-acls rebuild-modules | cut -d' ' -f$n)" done >/dev/null; done
open s15 100x30 $XT MESOS_UPGRADE_JOURNAL=$RJ -- --operator alice resume 1
expect_screen tmux-roll-open s15 "0/3 hosts"
tm send-keys -t s15 Enter
expect_screen tmux-roll-masters s15 "m2 (leader, last)"
tm send-keys -t s15 G Space
expect_screen tmux-roll-leader-refused s15 "m2 is locked"
tm send-keys -t s15 Escape
tm send-keys -t s15 g Space
expect_screen tmux-roll-m1 s15 "restart-masters@m1 done by alice"
tm send-keys -t s15 Space
expect_screen tmux-roll-m3 s15 "restart-masters@m3 done by alice"
tm send-keys -t s15 Space
expect_screen tmux-roll-leader-last s15 "restart-masters@m2 done by alice"
# bob, from the command line meanwhile: the wizard follows, and names him
"$MU" --journal "$RJ" --operator bob note 1 0.27-0.28/restart-agents@a01 'rack a drained' \
	>/dev/null
expect_screen tmux-roll-bob s15 "also: bob"
tm send-keys -t s15 Escape Down Enter
expect_screen tmux-roll-agents-open s15 "0 done, 0 skipped, 40 pending of 40"
# x on the last agent: asks why, then excludes it (skipped, in every hop)
tm send-keys -t s15 G x
expect_screen tmux-roll-exclude-asks s15 "Why is a40 left out?"
tm send-keys -t s15 decommissioned Enter
expect_screen tmux-roll-agents s15 "0 done, 1 skipped, 39 pending of 40"
expect_eq tmux-roll-excluded "$("$MU" --journal "$RJ" status 1 --format json >"$T/roll.json"
	pyrun -c 'import json, sys
print([(x["host"], x["note"]) for x in json.load(open(sys.argv[1]))["excluded"]])' "$T/roll.json")" \
	"[('a40', 'decommissioned')]"
tm send-keys -t s15 g m G Space
expect_screen tmux-roll-range-asks s15 "Mark 39 hosts done?"
tm send-keys -t s15 Enter
expect_screen tmux-roll-range-marked s15 "39 hosts marked done, at once. u now undoes them all."
tm send-keys -t s15 u
expect_screen tmux-roll-range-undone s15 "39 hosts undone, at once."
expect_eq tmux-roll-undo-events "$(pyrun -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM events WHERE action = ?", ("undo",)).fetchone()[0])' "$RJ")" 39
tm send-keys -t s15 g m G Space Enter
expect_screen tmux-roll-range-again s15 "39 hosts marked done, at once."
tm send-keys -t s15 Escape Down Space Space Space
expect_screen tmux-roll-summary s15 "Session 1 is finished: every item of its 2 hops"
expect_screen tmux-roll-summary-counts s15 "Skipped: 1 (1 host)."
expect_screen tmux-roll-summary-reason s15 "decommissioned (1): a40"
tm send-keys -t s15 Escape q
expect_exit tmux-roll-exit s15 0

# ---- nothing left running --------------------------------------------------------
tm kill-server >/dev/null 2>&1
for s in s1 s2 s3 s4 s5 s6 s7 s8 s9 s10 s11 s12 s13 s14 s15; do
	expect_gone "tmux-$s-gone-at-end" "$s"
	expect_gone "tmux-$s-wrapper-gone-at-end" "$s" wrap
done
got=$(journal "q('PRAGMA integrity_check')[0][0]" "q('SELECT count(*) FROM events')[0][0]")
expect_eq tmux-journal-at-end "$got" "ok
9"
