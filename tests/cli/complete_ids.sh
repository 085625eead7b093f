# complete_ids.sh - "complete items|hosts|excluded SESSION [PREFIX] |
# sessions [PREFIX]", the command the bash completion asks: the ids that
# start with PREFIX, one a line, sorted bytewise, the same ids as status
# lists; hosts added by an edit, hosts excluded now; an id that cannot be
# shown left out; no content read, no journal made; bad requests exit 2
# with a message. (What bash offers with it is install.sh's.)
. tests/cli/lib.sh
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z MESOS_UPGRADE_HOST=bastion1
J="$T/j.db"
mu() { run "$MU" --journal "$J" --operator alice "$@"; }
sorted() { LC_ALL=C sort; }

# ---- no journal yet --------------------------------------------------------------
mu complete sessions
expect_rc no-journal-sessions-rc 0
expect_empty_out no-journal-sessions-none
mu complete items 1
expect_rc no-journal-items-rc 2
expect_err no-journal-items-says "there are no sessions yet"
[ ! -e "$J" ] && ok no-journal-made || fail no-journal-made "$J exists"

printf 'masters: [m1, m2]\nleader: m1\nagents: ["a1:5051", a2, a10]\n' >"$T/inv.yaml"
mu start --from 0.26 --to 0.28 --inventory "$T/inv.yaml"
mu start --from 0.27 --to 0.28

# ---- items: those status lists, sorted -----------------------------------------------
mu status 1 --format json
printf '%s' "$out" | grep -o '{"id":"[^"/]*/[^"]*"' | sed 's/^{"id":"//; s/"$//' | sorted >"$T/status.ids"
mu complete items 1
expect_rc items-rc 0
expect_empty_err items-quiet
printf '%s\n' "$out" >"$T/complete.ids"
n=$(grep -c . "$T/complete.ids")
if cmp -s "$T/status.ids" "$T/complete.ids" && [ "$n" -ge 20 ]; then ok "items: the $n ids status lists, sorted"
else fail items-as-status "$(diff "$T/status.ids" "$T/complete.ids" | head -5 | tr '\n' '|')"; fi
mu complete items 1 0.27-0.28/restart-agents
expect_eq items-prefix "$out" "0.27-0.28/restart-agents
0.27-0.28/restart-agents@a10
0.27-0.28/restart-agents@a1:5051
0.27-0.28/restart-agents@a2"
mu complete items 1 0.27-0.28/restart-agents@a1
expect_eq items-prefix-host "$out" "0.27-0.28/restart-agents@a10
0.27-0.28/restart-agents@a1:5051"
mu complete items 2 0.27-0.28/restart-a
expect_eq items-no-inventory "$out" "0.27-0.28/restart-agents"
mu complete items 1 nothing/
expect_rc items-no-match-rc 0
expect_empty_out items-no-match-none
mu complete items 1 "$(printf '0.27-0.28/\377\377')"
expect_rc items-prefix-0xff-rc 0
expect_empty_out items-prefix-0xff-none
mu complete -- items 1 -x
expect_rc items-dash-prefix-rc 0
expect_empty_out items-dash-prefix-none

# ---- hosts, and those excluded now -------------------------------------------------------
mu complete hosts 1
expect_eq hosts-all "$out" "a10
a1:5051
a2
m1
m2"
mu complete hosts 1 a1
expect_eq hosts-prefix "$out" "a10
a1:5051"
mu complete hosts 2
expect_rc hosts-no-inventory-rc 0
expect_empty_out hosts-no-inventory-none
printf 'masters: [m1, m2]\nagents: [a3]\n' >"$T/more.yaml"
mu edit 1 --inventory "$T/more.yaml"
mu complete hosts 1 a
expect_eq hosts-added-by-edit "$out" "a10
a1:5051
a2
a3"
mu complete excluded 1
expect_empty_out excluded-none-yet
mu exclude 1 a2 --note gone
mu exclude 1 a10 --note gone
mu include 1 a10
mu complete excluded 1
expect_eq excluded-now "$out" "a2"
mu complete excluded 1 m
expect_empty_out excluded-prefix-none

# ---- sessions --------------------------------------------------------------------------
for _ in 3 4 5 6 7 8 9 10 11; do mu start --from 0.27 --to 0.28; done
mu complete sessions
expect_eq sessions-all "$out" "$(seq 1 11)"
mu complete sessions 1
expect_eq sessions-prefix "$out" "1
10
11"
mu complete sessions x
expect_rc sessions-no-match-rc 0
expect_empty_out sessions-no-match-none

# ---- what it does not need: the content, a session whose content is gone --------------
mkdir -p "$T/broken"
run env MESOS_UPGRADE_CONTENT="$T/broken" "$MU" --journal "$J" complete items 2 0.27-0.28/restart-m
expect_eq no-content-read "$out" "0.27-0.28/restart-masters"

# ---- an id that cannot be shown is left out ----------------------------------------------
# (a control character among the first bytes, or later; UTF-8 that shows is kept)
python3 - "$J" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for pos, item in enumerate(["0.27-0.28/restart-m\x1b[2J", "0.27-0.28/r\x1bestart", "0.27-0.28/r\x7f",
                            "0.27-0.28/r\u009b2J", "0.27-0.28/r\u00e9sum\u00e9"]):
    c.execute("INSERT INTO session_items (session, position, item, kind, digest)"
              " VALUES (2, ?, ?, 'step', 'd')", (9000 + pos, item))
c.commit()
PY
mu complete items 2 0.27-0.28/restart-m
expect_eq unprintable-left-out "$out" "0.27-0.28/restart-masters"
mu complete items 2 0.27-0.28/r
expect_eq unprintable-left-out-printable-kept "$out" "0.27-0.28/rebuild-modules
0.27-0.28/reservation-acls
0.27-0.28/restart-agents
0.27-0.28/restart-masters
0.27-0.28/restart-schedulers
0.27-0.28/r$(printf '\303\251sum\303\251')"

# ---- bad requests: a message, exit 2 ------------------------------------------------------
mu complete items 99
expect_rc no-such-session-rc 2
expect_err no-such-session-says "there is no session 99 in journal"
expect_empty_out no-such-session-nothing
mu complete hosts x1
expect_rc bad-session-rc 2
expect_err bad-session-says "'x1' is not a session id"
mu complete item 1
expect_rc unknown-kind-rc 2
expect_err unknown-kind-says "complete: unknown kind 'item' (did you mean items?)"
mu complete excluded
expect_rc needs-session-rc 2
expect_err needs-session-says "complete: excluded needs SESSION"
mu complete sessions 1 2
expect_rc sessions-one-prefix-rc 2
mu complete
expect_rc needs-kind-rc 2
expect_err needs-kind-says "complete: needs what to list"

# ---- output that cannot be written ----------------------------------------------------------
if [ -w /dev/full ]; then
	"$MU" --journal "$J" complete items 1 >/dev/full 2>"$T/full.err"
	rc=$?; err=$(cat "$T/full.err")
	expect_rc full-disk-rc 74
	expect_err full-disk-says "cannot write the output"
else
	echo "skip full-disk: no writable /dev/full"
fi
