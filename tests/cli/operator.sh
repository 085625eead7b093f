# operator.sh - who is recorded: --operator, else $MESOS_UPGRADE_OPERATOR
# (when not empty), else the login name; a name that cannot be shown is
# refused with where it came from, and nothing is recorded.
. tests/cli/lib.sh
export MESOS_UPGRADE_NOW=2026-01-31T22:00:00Z MESOS_UPGRADE_HOST=bastion1 LOGNAME=loggedin USER=loggedin
J="$T/j.db"
I=0.27-0.28/scalar-precision

MESOS_UPGRADE_OPERATOR=carol run "$MU" --journal "$J" start --from 0.27 --to 0.28
expect_rc env-start-rc 0
MESOS_UPGRADE_OPERATOR=carol run "$MU" --journal "$J" mark 1 $I done
expect_out env-names-operator "$I acknowledged by carol at"
MESOS_UPGRADE_OPERATOR=carol run "$MU" --journal "$J" --operator dave note 1 $I 'flag first'
expect_out flag-before-env "$I noted by dave at"
MESOS_UPGRADE_OPERATOR= run "$MU" --journal "$J" note 1 $I 'empty env'
expect_rc empty-env-rc 0
expect_eq empty-env-login-name "$(printf '%s' "$out" | grep -c ' by carol ')" 0
run "$MU" --journal "$J" sessions --format json
expect_json env-started-by "d['sessions'][0]['operator']" carol
before=$(nevents "$J")
MESOS_UPGRADE_OPERATOR="$(printf 'eve\033[2J')" run "$MU" --journal "$J" note 1 $I 'x'
expect_rc unprintable-env-rc 2
expect_err unprintable-env-says "\$MESOS_UPGRADE_OPERATOR 'eve\\x1b[2J' has"
MESOS_UPGRADE_OPERATOR="$(printf '%070d' 0)" run "$MU" --journal "$J" note 1 $I 'x'
expect_rc long-env-rc 2
expect_err long-env-says "\$MESOS_UPGRADE_OPERATOR must be 1 to 64 bytes"
expect_eq refused-records-nothing "$(nevents "$J")" "$before"
