# terminal_text.sh - text from outside never reaches the terminal raw.
#
# File names, operator names, inventory hosts, the user's own arguments and
# journal text can hold escape sequences (OSC 52 writes the clipboard),
# C1 controls, invalid UTF-8 and bidirectional controls. Every message must
# show them visibly (\x1b, \u009b, \xff, \u202e); --operator, the login name
# and --title holding them are refused with exit 2; notes holding bidi
# controls are kept but neutralised in every report format.
. tests/cli/lib.sh

ESC=$(printf '\033')
BEL=$(printf '\007')
OSC52="${ESC}]52;c;aGVsbG8=${BEL}"
C1=$(printf '\302\233')     # U+009B (CSI) as UTF-8
RAW8=$(printf '\233')       # 0x9b alone: an 8-bit CSI, not UTF-8
BAD=$(printf '\377')        # never UTF-8
RLO=$(printf '\342\200\256') # U+202E RIGHT-TO-LEFT OVERRIDE
LRI=$(printf '\342\201\246') # U+2066 LEFT-TO-RIGHT ISOLATE

# clean NAME FILE: FILE is valid UTF-8 without controls (but newlines) or bidi
# controls: nothing in it can drive a terminal. A copy of FILE is queued, and
# clean_all checks the queue with one python3 at the end (a python3 a check
# was some 55 starts a run)
nclean=0
clean() {
	nclean=$((nclean + 1))
	cp "$2" "$T/clean.$nclean" && printf '%s\n' "$1" >"$T/clean.$nclean.name"
}
# clean_all: "ok NAME" or "FAIL NAME: why" for every queued check, in order
clean_all() {
	python3 - "$T" "$nclean" <<'EOF' || fail "clean checks" "python3 failed"
import sys
d, n = sys.argv[1], int(sys.argv[2])
bidi = {0x61c, 0x200e, 0x200f} | set(range(0x202a, 0x202f)) | set(range(0x2066, 0x206a))
def why(b):
    try:
        s = b.decode('utf-8')
    except UnicodeDecodeError as e:
        return "invalid UTF-8 at byte %d" % e.start
    for i, c in enumerate(s):
        o = ord(c)
        if (o < 0x20 and c != '\n') or 0x7f <= o <= 0x9f or o in bidi or o in (0x2028, 0x2029):
            return "raw U+%04X at character %d" % (o, i)
    return None
for k in range(1, n + 1):
    name = open("%s/clean.%d.name" % (d, k)).read().rstrip("\n")
    w = why(open("%s/clean.%d" % (d, k), "rb").read())
    print("ok " + name if w is None else "FAIL %s: %s" % (name, w))
EOF
}

# refused NAME SHOWN HINT: the last run exited 2, said SHOWN and HINT on a
# clean stderr, and wrote nothing to stdout
refused() {
	expect_rc "$1 exit" 2
	clean "$1 stderr clean" "$T/err"
	expect_err "$1 shown" "$2"
	expect_err "$1 hint" "$3"
	expect_empty_out "$1 stdout"
}

mu() { "$MU" --journal "$T/j.db" "$@"; }

# ---- content file names: lint and --content DIR plan ----------------------
C=$T/content
mkdir -p "$C"
cp -r content/guide.yaml content/hops "$C/"
cp "$C/hops/0.27-0.28.yaml" "$C/hops/${OSC52}.yaml"

run "$MU" lint "$C"
expect_rc "lint osc52 exit" 65
clean "lint osc52 stdout clean" "$T/out"
clean "lint osc52 stderr clean" "$T/err"
expect_out "lint osc52 file name shown" 'hops/\x1b]52;c;aGVsbG8=\x07.yaml:'

run "$MU" --content "$C" plan --from 0.26 --to 0.28
expect_rc "plan osc52 exit" 65
clean "plan osc52 stderr clean" "$T/err"
expect_err "plan osc52 file name shown" 'hops/\x1b]52;c;aGVsbG8=\x07.yaml:'

# a content directory with such a name, content fine: lint's and --version's
# lines name it
G=$T/good${OSC52}
mkdir -p "$G"
cp -r content/guide.yaml content/hops "$G/"
run "$MU" lint "$G"
expect_rc "lint dir name exit" 0
clean "lint dir name stdout clean" "$T/out"
expect_out "lint dir name shown" "good\\x1b]52;c;aGVsbG8=\\x07: $HOPS hops"
run "$MU" --content "$G" --version
expect_rc "version dir name exit" 0
clean "version dir name stdout clean" "$T/out"
expect_out "version dir name shown" 'good\x1b]52'

# ---- --operator ------------------------------------------------------------
# operator CASE NAME SHOWN: --operator NAME refused, nothing recorded
operator() {
	run mu --operator "$2" start --from 0.26 --to 0.28
	refused "operator $1" "$3" "use --operator NAME with printable characters"
	if [ -e "$T/j.db" ]; then fail "operator $1 nothing recorded" "a journal was made"; else
		ok "operator $1 nothing recorded"; fi
	run mu --operator "$2" note 1 0.26-0.27/implicit-roles text
	refused "operator $1 note" "$3" "use --operator NAME with printable characters"
}
operator c1 "a${C1}b" '\u009b'
operator raw8 "a${RAW8}b" '\x9b'
operator badutf8 "a${BAD}b" '\xff'
operator bidi "a${RLO}b" '\u202e'
operator isolate "a${LRI}b" '\u2066'
operator esc "a${ESC}[2Jb" '\x1b[2J'
operator del "a$(printf '\177')b" '\x7f'
operator tab "a$(printf '\t')b" 'a\tb'
run mu --operator "al${ESC}]0;x${BEL}" mark 1 0.26-0.27/implicit-roles done
refused "operator osc mark" '\x1b]0;x\x07' "--operator"

# ---- the login name --------------------------------------------------------
# glibc's getlogin() answers first where the session has a login record; this
# machine's test runs have none, so LOGNAME is the operator (checked below)
logname() {
	run env LOGNAME="$2" USER=nobody "$MU" --journal "$T/j.db" start --from 0.26 --to 0.28
	refused "logname $1" "$3" "use --operator NAME with printable characters"
	expect_err "logname $1 says where" "LOGNAME"
}
if python3 -c 'import os; os.getlogin()' 2>/dev/null; then
	ok "logname (getlogin() answers here: LOGNAME is not used)"
else
	logname c1 "a${C1}b" '\u009b'
	logname raw8 "a${RAW8}b" '\x9b'
	logname bidi "a${RLO}b" '\u202e'
	logname esc "a${ESC}]52;c;eA==${BEL}b" '\x1b]52;c;eA==\x07b'
	run env LOGNAME="bob" "$MU" --journal "$T/j.db" start --from 0.26 --to 0.28
	expect_rc "logname plain accepted" 0
	rm -f "$T/j.db"*
fi

# ---- --title ---------------------------------------------------------------
title() {
	run mu --operator alice start --from 0.26 --to 0.28 --title "$2"
	refused "title $1" "$3" "use --title T with printable characters"
}
title c1 "CHG${C1}1" '\u009b'
title raw8 "CHG${RAW8}1" '\x9b'
title badutf8 "CHG${BAD}1" '\xff'
title bidi "CHG${RLO}1" '\u202e'
title esc "CHG${ESC}]52;c;eA==${BEL}" '\x1b]52;c;eA==\x07'
title newline "CHG
1" 'CHG\n1'
if [ -e "$T/j.db" ]; then fail "title nothing recorded" "a journal was made"; else
	ok "title nothing recorded"; fi
run mu --operator alice start --from 0.26 --to 0.28 --title "CHG-1 Zürich 東京"
expect_rc "title printable accepted" 0
rm -f "$T/j.db"*

# ---- inventory messages ----------------------------------------------------
# YAML's escapes put any character into a name: the messages quote them
cat >"$T/inv.yaml" <<'EOF'
masters: [m1]
agents: [a1, "x\u009b[2Jy", "\e]52;c;eA==\a", "r\u202eb"]
leader: "m\u009b2"
EOF
run mu --operator alice start --from 0.26 --to 0.28 --inventory "$T/inv.yaml"
expect_rc "inventory c1 exit" 65
clean "inventory c1 stderr clean" "$T/err"
expect_err "inventory c1 shown" "bad host name 'x\\u009b[2Jy'"
expect_err "inventory esc shown" "bad host name '\\x1b]52;c;eA==\\x07'"
expect_err "inventory bidi shown" "bad host name 'r\\u202eb'"
expect_err "inventory leader shown" "leader 'm\\u009b2'"
run mu --operator alice start --from 0.26 --to 0.28 --inventory "$T/inv${OSC52}.yaml"
expect_rc "inventory name exit" 65
clean "inventory name stderr clean" "$T/err"
expect_err "inventory name shown" 'inv\x1b]52;c;aGVsbG8=\x07.yaml'

# ---- the user's own arguments ----------------------------------------------
run "$MU" "pl${ESC}]52;c;eA==${BEL}"
refused "unknown command" 'pl\x1b]52;c;eA==\x07' "see 'mesos-upgrade --help'"
run "$MU" "--jour${ESC}[2J"
refused "unknown global option" '--jour\x1b[2J' "--help"
run "$MU" plan "--fr${C1}om" 0.26
refused "unknown option" "--fr\\u009bom" "plan"
run "$MU" plan --from 0.26 --to 0.28 --format "md${RLO}"
refused "unknown format" "md\\u202e" "expected text, md, html or json"
run "$MU" plan --from "0.2${RAW8}6" --to 0.28
refused "bad version" "0.2\\x9b6" "--from"
run mu status "1${ESC}[2J"
refused "bad session id" '1\x1b[2J' "is not a session id"
run mu --operator alice mark 1 0.26-0.27/implicit-roles "done${ESC}[8m"
refused "bad action" 'done\x1b[8m' "done, skip or undo"

# ---- notes and titles with bidi controls in every report format -------------
run mu --operator alice start --from 0.26 --to 0.28 --title "CHG-1 prod"
expect_rc "report session" 0
id=$out
run mu --operator alice note "$id" 0.26-0.27/implicit-roles "ok ${RLO}txt.exe${LRI} ${C1}x${ESC}[2J"
expect_rc "note with bidi accepted" 0
clean "note echo clean" "$T/out"
run mu --operator alice mark "$id" 0.26-0.27/implicit-roles done --note "by ${RLO}eve"
expect_rc "mark note with bidi accepted" 0
clean "mark echo clean" "$T/out"
for fmt in text md html json; do
	run mu report "$id" --format $fmt
	expect_rc "report $fmt exit" 0
	clean "report $fmt clean" "$T/out"
	expect_out "report $fmt note kept" "txt.exe"
	if [ $fmt = json ]; then
		# decoded, the strings hold no bidi control either
		python3 - "$T/out" >"$T/decoded" <<'EOF'
import json, sys
def walk(v):
    if isinstance(v, dict):
        for k, x in v.items(): walk(k); walk(x)
    elif isinstance(v, list):
        for x in v: walk(x)
    elif isinstance(v, str):
        print(v.replace('\x1b', '').replace('\x9b', ''))
walk(json.load(open(sys.argv[1])))
EOF
		clean "report json decoded has no bidi" "$T/decoded"
		if grep -q 'ok �txt.exe�' "$T/decoded"; then ok "report json bidi as U+FFFD"; else
			fail "report json bidi as U+FFFD" "$(grep txt.exe "$T/decoded")"; fi
	else
		expect_out "report $fmt bidi as U+FFFD" "�txt.exe�"
	fi
done
for fmt in text json; do
	run mu status "$id" --format $fmt
	expect_rc "status $fmt exit" 0
	clean "status $fmt clean" "$T/out"
done

# a journal written by an older version, or by hand, may hold any operator
# name or title: what reads it back neutralises them
python3 - "$T/j.db" <<'EOF' || fail "old journal setup" "the journal could not be changed"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("update sessions set title = ?, operator = ?", ("T\u202eX\x1b[2J", "ev\u202ee\x9b"))
# events are append-only (a trigger): lifted for this one change, then put back
trigger = c.execute("select sql from sqlite_master where name = 'events_append_only_update'")
trigger = trigger.fetchone()[0]
c.execute("drop trigger events_append_only_update")
c.execute("update events set operator = ?", ("m\u2066al\x1b]0;x\x07",))
c.execute(trigger)
c.commit()
EOF
for fmt in text md html json; do
	run mu report "$id" --format $fmt
	expect_rc "old journal report $fmt exit" 0
	clean "old journal report $fmt clean" "$T/out"
	expect_out "old journal report $fmt operator kept, bidi as U+FFFD" "m�al"
done
run mu status "$id" --format json
expect_out "old journal status json title escaped, bidi as U+FFFD" 'T�X\u001b[2J'
run mu --operator alice mark "$id" 0.26-0.27/implicit-roles done
expect_out "old journal mark message escaped" "by m\u2066al\x1b]0;x\x07 at"
run mu sessions
expect_rc "old journal sessions exit" 0
clean "old journal sessions clean" "$T/out"
run mu --operator alice mark "$id" 0.26-0.27/implicit-roles done
clean "old journal mark stdout clean" "$T/out"
clean "old journal mark stderr clean" "$T/err"

clean_all
