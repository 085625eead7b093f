# content_identity.sh - sessions outlive content changes (issue 16, section 3):
# the journal records each session's content (version, digest, and the
# directory when it was not built in); a session planned with content this
# run lacks is listed by "sessions" as planned with other content with the
# --content to read it with, "status" of it exits 65 saying so, and "report"
# of it comes out of the journal in every format. Both ways: a session of the
# fixture content read with the built-in one, and a built-in session up to
# the last version read with a fixture that stops at 0.13. Then a journal of
# schema 5 (no directory recorded), and a step that became per host.
. tests/cli/lib.sh
json_server
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z MESOS_UPGRADE_HOST=bastion1
J="$T/j.db"
FX=$(cd tests/fixtures/content/identity && pwd)
mu() { run "$MU" --journal "$J" --operator alice "$@"; }
# dirs DB: each session's recorded directory, "ID:DIR" ("-" for NULL), or why not
dirs() {
	python3 - "$1" 2>&1 <<'PY'
import sqlite3, sys
c = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
print(" ".join("%d:%s" % (s, d or "-") for s, d in
               c.execute("SELECT session, dir FROM session_content ORDER BY session")))
PY
}

# session 1: the fixture content, named relative to the current directory
run sh -c "cd tests/fixtures/content && \"\$0\" --journal \"\$1\" --operator alice \
	--content identity start --from 0.11 --to 0.13 --title 'other content'" "$MU" "$J"
expect_rc fixture-start-rc 0
mu --content "$FX" mark 1 0.11-0.12/other-note done
mu --content "$FX" mark 1 0.11-0.12/other-agents skip --note 'no agents <here>'
expect_rc fixture-mark-rc 0
# session 2: the built-in content, from 0.28 to the last version
mu start --from 0.28 --to "$LAST" --title builtin
mu mark 2 0.28-1.0/ssl-env-variables done
expect_rc builtin-mark-rc 0
expect_eq recorded-dirs "$(dirs "$J")" "1:$FX 2:-"

# ---- read with the built-in content ------------------------------------------------

mu sessions
expect_rc builtin-sessions-rc 0
expect_out builtin-sessions-other "planned with other content: read it with --content $FX (content version 0.0.3-test)"
expect_out builtin-sessions-lists-2 "1/"
expect_eq builtin-sessions-lines "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 4
mu sessions --format json
expect_rc builtin-sessions-json-rc 0
expect_json builtin-json-1-missing 'd["sessions"][0]["content_missing"]' true
expect_json builtin-json-1-dir 'd["sessions"][0]["content_dir"]' "$FX"
expect_json builtin-json-1-hint 'd["sessions"][0]["hint"]' "read it with --content $FX (content version 0.0.3-test)"
expect_json builtin-json-1-title 'd["sessions"][0]["title"]' "other content"
expect_json builtin-json-2-missing 'd["sessions"][1]["content_missing"]' false
expect_json builtin-json-2-dir 'd["sessions"][1]["content_dir"]' null
expect_json builtin-json-2-done 'd["sessions"][1]["totals"]["done"]' 1

mu status 1
expect_rc builtin-status-other-rc 65
expect_err builtin-status-other-says "session 1 was planned with other content: read it with --content $FX (content version 0.0.3-test) ('report 1' writes its record from the journal)"
mu status 2
expect_rc builtin-status-own-rc 0
mu mark 1 0.11-0.12/other-masters done
expect_rc builtin-mark-other-rc 65
expect_err builtin-mark-other-says "read it with --content $FX"
expect_eq builtin-mark-other-nothing "$(nevents "$J" "session = 1")" 2

for f in text md html json; do
	mu report 1 --format $f -o "$T/r1.$f"
	expect_rc builtin-report-$f-rc 0
	has builtin-report-$f-missing "$T/r1.$f" "not in this content: session 1 was planned with other content"
	has builtin-report-$f-hint "$T/r1.$f" "--content $FX"
	has builtin-report-$f-note "$T/r1.$f" "0.11-0.12/other-note"
	has builtin-report-$f-skip "$T/r1.$f" "0.11-0.12/other-agents"
	has builtin-report-$f-who "$T/r1.$f" "alice"
	has builtin-report-$f-when "$T/r1.$f" "2026-01-31T22:00:00Z"
done
has builtin-report-text-reason "$T/r1.text" "no agents <here>"
has builtin-report-md-title "$T/r1.md" "**Title:** other content"
has builtin-report-html-escaped "$T/r1.html" "no agents &lt;here&gt;"
out=$(cat "$T/r1.json")
expect_json builtin-report-json-missing 'd["content_missing"]' true
expect_json builtin-report-json-session '[d["session"]["id"], d["session"]["content_missing"]]' '[1,true]'
expect_json builtin-report-json-timeline '[(e["item"], e["action"], e["operator"], e["text"]) for e in d["timeline"]]' \
	'[["0.11-0.12/other-note","ack","alice",""],["0.11-0.12/other-agents","skip","alice","no agents <here>"]]'
mu report 2 --format json
expect_json builtin-report-own-not-missing '["content_missing" in d, d["session"]["content_missing"]]' '[false,false]'

# ---- read with the fixture, which stops at 0.13 -------------------------------------

mu --content "$FX" sessions
expect_rc fixture-sessions-rc 0
expect_out fixture-sessions-own "2/5"
expect_out fixture-sessions-other "planned with other content: read it without --content (the built-in content, version"
mu --content "$FX" sessions --format json
expect_json fixture-json '[d["sessions"][0]["content_missing"], d["sessions"][1]["content_missing"], d["sessions"][1]["content_dir"]]' '[false,true,null]'
mu --content "$FX" status 2
expect_rc fixture-status-other-rc 65
expect_err fixture-status-other-says "is outside the guide"
expect_err fixture-status-other-hint "session 2 was planned with other content: read it without --content"
mu --content "$FX" status 1
expect_rc fixture-status-own-rc 0
for f in text md html json; do
	mu --content "$FX" report 2 --format $f -o "$T/r2.$f"
	expect_rc fixture-report-$f-rc 0
	has fixture-report-$f-missing "$T/r2.$f" "not in this content"
	has fixture-report-$f-hint "$T/r2.$f" "read it without --content"
	has fixture-report-$f-event "$T/r2.$f" "0.28-1.0/ssl-env-variables"
done

# ---- a journal of schema 5: no directory recorded; read as it is, migrated by a write ----

cp "$J" "$T/v5.db"
python3 - "$T/v5.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript("DROP TRIGGER session_content_fixed_update; DROP TRIGGER session_content_fixed_delete;"
                "DROP TABLE session_content; DROP INDEX item_state_plan;"
                "DROP TRIGGER host_counts_recorded; DROP TRIGGER host_counts_state;"
                "DROP TABLE host_counts; DROP TRIGGER hop_first_event;"
                "DROP TRIGGER hop_first_exclusion; DROP TABLE hop_first;"
                "DROP TRIGGER agents_packed_fixed_update; DROP TRIGGER agents_packed_fixed_delete;"
                "DROP TABLE agents_packed; DROP TRIGGER session_operators_event;"
                "DROP INDEX events_note; DROP TABLE session_operators; PRAGMA user_version = 5;")
c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
c.close()
PY
before=$(cksum <"$T/v5.db")
run "$MU" --journal "$T/v5.db" sessions
expect_rc schema5-sessions-rc 0
expect_out schema5-sessions-hint "read it with --content DIR, the content it was planned with (version 0.0.3-test)"
run "$MU" --journal "$T/v5.db" report 1 --format json
expect_json schema5-report '[d["content_missing"], d["session"]["content_dir"]]' '[true,null]'
expect_eq schema5-read-unchanged "$(cksum <"$T/v5.db")" "$before"
run "$MU" --journal "$T/v5.db" mark 2 0.28-1.0/persistent-volume-ownership done
expect_rc schema5-write-rc 0
expect_eq schema5-migrated "$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version").fetchone()[0])' "$T/v5.db")" 12
expect_eq schema5-old-sessions-no-dir "$(dirs "$T/v5.db")" ""
run "$MU" --journal "$T/v5.db" sessions
expect_out schema5-after-hint "read it with --content DIR, the content it was planned with"

# ---- a step that became per host: 0.17 -> 0.18's agent step ------------------------------

# the content before: the same, but the agent step for the whole cluster
cp -R content "$T/before"
python3 - "$T/before/hops/0.17-0.18.yaml" <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
i = s.index("  - id: restart-agents")
rest = s[i:].replace("    per_host: true\n    verify: version\n", "", 1)
assert rest != s[i:], "the agent step of 0.17 -> 0.18 is no longer per host"
open(p, "w").write(s[:i] + rest)
PY
printf 'masters: [m1, m2]\nleader: m2\nagents: [a1, a2]\n' >"$T/inv.yaml"
H="$T/h.db"
mh() { run "$MU" --journal "$H" --operator alice "$@"; }
mh --content "$T/before" start --from 0.17 --to 0.18 --inventory "$T/inv.yaml"
for item in 0.17-0.18/cgroups-reboot '0.17-0.18/restart-masters@*' 0.17-0.18/upgrade-schedulers \
	    0.17-0.18/restart-schedulers; do
	mh --content "$T/before" mark 1 "$item" done
done
mh --content "$T/before" mark 1 0.17-0.18/restart-agents done --branch cgroups
expect_rc before-whole-step-rc 0
mh --content "$T/before" note 1 0.17-0.18/restart-agents 'a1 rebooted'
n=$(nevents "$H")
# read with the built-in content, where the step is per host
mh status 1
expect_rc perhost-status-rc 0
expect_out perhost-still-done "[x] 4.   0.17-0.18/restart-agents [branch cgroups]  done by alice@bastion1"
expect_out perhost-note-kept "a1 rebooted"
expect_out perhost-no-hosts "5 of 6 items resolved"
mh sessions
expect_out perhost-sessions "5/6"
mh report 1 --format json
expect_json perhost-report-item '[(i["state"], i["branch"], i["hosts"]) for i in d["hops"][0]["items"] if i["id"] == "0.17-0.18/restart-agents"]' '[["done","cgroups",null]]'
expect_json perhost-report-timeline '[e["action"] for e in d["timeline"] if e.get("item") == "0.17-0.18/restart-agents"]' '["choose","done","note"]'
expect_eq perhost-nothing-written "$(nevents "$H")" "$n"
# undone, it is per host: each agent is checked off, with its own branch
mh mark 1 0.17-0.18/restart-agents undo
expect_rc perhost-undo-rc 0
mh status 1
expect_out perhost-undone-hosts "pending: a1, a2"
mh mark 1 0.17-0.18/restart-agents@a1 done --branch cgroups
expect_rc perhost-host-rc 0
mh status 1 --format json
expect_json perhost-host-state '[item("0.17-0.18/restart-agents@a1")["state"], item("0.17-0.18/restart-agents")["state"]]' '["done","pending"]'

# ---- a session of other content with no event yet: its first check-off is refused too ----

run "$MU" --journal "$T/fresh.db" --content "$FX" start --from 0.11 --to 0.13
run "$MU" --journal "$T/fresh.db" mark 1 0.11-0.12/executor-info-source done
expect_rc fresh-other-mark-rc 65
expect_err fresh-other-mark-says "session 1 was planned with other content: read it with --content $FX"
expect_eq fresh-other-nothing "$(nevents "$T/fresh.db")" 0
