# window.sh - "start ... --window-end HH:MM": validated (exit 2, no session),
# stored with the session, shown by status (text and JSON) and the reports.
. tests/cli/lib.sh
json_server
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z MESOS_UPGRADE_HOST=bastion1
J="$T/j.db"
mu() { run "$MU" --journal "$J" --operator alice "$@"; }

for bad in 24:00 23:60 6:30 06:3 0630 06-30 '' 'ab:cd' ' 06:30' '06:30 ' '+6:30' 06:30:00; do
	mu start --from 0.27 --to 0.28 --window-end "$bad"
	expect_rc "bad window end '$bad': exit 2" 2
	expect_err "bad window end '$bad': says how" "start: --window-end '$bad' is not a time of day: write HH:MM, 00:00 to 23:59, local time (e.g. --window-end 06:00); no session was started"
done
mu start --from 0.27 --to 0.28 --window-end
expect_rc window-end-needs-value-rc 2
expect_eq bad-window-no-journal "$(test -e "$J" && nevents "$J" 'session > 0' || echo none)" none

for good in 00:00 06:30 23:59; do
	mu start --from 0.27 --to 0.28 --window-end $good
	expect_rc "window end $good: exit 0" 0
done
mu start --from 0.27 --to 0.28
mu status 2
expect_out status-text-window "Window ends 06:30 (local time)"
mu status 2 --format json
expect_json status-json-window "d['session']['window_end']" 06:30
mu status 4 --format json
expect_json status-json-no-window "d['session']['window_end']" null
mu status 4
expect_eq status-text-no-window "$(printf '%s\n' "$out" | grep -c 'Window ends')" 0
mu sessions --format json
expect_json sessions-json-window "[s['window_end'] for s in d['sessions']]" '["00:00","06:30","23:59",null]'
mu report 2 --format json
expect_json report-json-window "d['session']['window_end']" 06:30
for f in text md html; do
	"$MU" --journal "$J" report 2 --format $f >"$T/r.$f"
	has "report $f: the window" "$T/r.$f" "ends 06:30 (local time)"
done
