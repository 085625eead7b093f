# fake_cluster.sh - a fake Mesos cluster (tests/fake_mesos.py) for the setup
# lines of a screen test (#$), run in the test's directory:
#
#   sh "$ROOT/tests/screens/fake_cluster.sh" start 'SCENARIO'   start it; ./masters
#                                    holds "--master URL" for each master
#   sh "$ROOT/tests/screens/fake_cluster.sh" change 'SCENARIO'  the cluster changes
#   sh "$ROOT/tests/screens/fake_cluster.sh" stop               stop it
#
# The setup probes it from the command line and stops it before the wizard
# starts: the wizard shows what the journal holds and never needs the
# network. Every wait is bounded; the fake ends by itself after 60 s anyway.
here=$(cd "$(dirname "$0")/.." && pwd)

generation() {
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["generation"])' ready \
		2>/dev/null || echo 0
}

# wait (at most 20 s) for the fake to have read a scenario newer than $1
wait_generation() {
	i=0
	while [ "$(generation)" -le "$1" ]; do
		i=$((i + 1))
		[ $i -gt 400 ] && { echo "fake_cluster: the fake cluster did not answer" >&2; exit 1; }
		sleep 0.05
	done
}

scenario() {
	printf '%s\n' "$1" >scenario.tmp && mv scenario.tmp scenario.json
}

case $1 in
start)
	rm -f ready
	scenario "$2"
	python3 "$here/fake_mesos.py" --scenario scenario.json --ready ready --lifetime 60 \
		>/dev/null 2>&1 &
	echo $! >fake.pid
	wait_generation 0
	python3 -c 'import json,sys; print(" ".join("--master " + m for m in json.load(open(sys.argv[1]))["masters"]))' \
		ready >masters
	;;
change)
	g=$(generation)
	scenario "$2"
	wait_generation "$g"
	;;
stop)
	[ -s fake.pid ] && kill "$(cat fake.pid)" 2>/dev/null
	rm -f fake.pid
	;;
*)
	echo "fake_cluster: start|change|stop" >&2
	exit 2
	;;
esac
