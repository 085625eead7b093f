# crash.sh - kill -9 at random moments of check-offs loses nothing that was
# shown as done, and leaves a sound journal (see crash_run.py).
. tests/cli/lib.sh
HERE=$(cd "$(dirname "$0")" && pwd)
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z
J=$T/crash.db

run "$MU" --journal "$J" start --from 0.11 --to 0.28 --title "crash test"
expect_rc crash-start 0
python3 "$HERE/crash_run.py" "$MU" "$J" "$out" "${CRASH_KILLS:-60}"
# the journal still takes check-offs afterwards
run "$MU" --journal "$J" note 1 0.11-0.12/restart-masters "after the crashes"
expect_rc crash-note-after 0
run "$MU" --journal "$J" status 1
expect_rc crash-status-text-after 0
