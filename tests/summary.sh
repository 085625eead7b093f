#!/bin/sh
# summary.sh DIR PART... - the last line of "make test" ("total: N passed, N failed,
# N skipped"): every part's
# "PASSED FAILED SKIPPED" (left in DIR/PART by tests/run.sh and
# tests/fuzz/run.sh) added up. A part with no such file never got to its
# end (it did not build, or its runner died): it counts as one failure.
# Exits non-zero when anything failed.
set -u
dir=$1; shift
passed=0; failed=0; skipped=0; missing=""
for part in "$@"; do
	if read -r p f s <"$dir/$part" 2>/dev/null; then
		passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
	else
		failed=$((failed + 1)); missing="$missing $part"
	fi
done
[ -z "$missing" ] || echo "total: these parts did not finish:$missing"
echo "total: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
