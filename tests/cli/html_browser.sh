#!/bin/sh
# html_browser.sh - the HTML report in a real browser: headless Chromium
# prints a session report (long operator names, a long title, a long note)
# to PDF on a page 1200 px and 420 px wide, and no table header word
# ("Operators", "Generated", "Title", ...) may be broken inside itself.
#
# Installs nothing: 'make test' installs chromium and poppler-utils (for
# pdftotext) as root when they are missing. Without them, or when Chromium
# cannot start here, the checks say "skip html-browser: why".
. "$(dirname "$0")/lib.sh"
export MESOS_UPGRADE_NOW=2026-02-01T08:00:00Z
J=$T/j.db

skip() { echo "skip html-browser: $1"; exit 0; }
command -v chromium >/dev/null 2>&1 || skip "no chromium (Debian package chromium)"
command -v pdftotext >/dev/null 2>&1 || skip "no pdftotext (Debian package poppler-utils)"
command -v timeout >/dev/null 2>&1 || skip "no timeout (coreutils)"

# A session whose header cells are long: the title, the operators, the content.
at() { t=$1; shift; MESOS_UPGRADE_NOW="2026-01-31T${t}Z" "$MU" --journal "$J" "$@" >"$T/out" 2>"$T/err" ||
	fail "fixture: $*" "$(cat "$T/err")"; }
A=0.26-0.27
at 22:00:00 --operator alexandra.konstantinopoulou start --from 0.26 --to 0.27 \
	--title 'CHG-98765 production east datacentre rolling upgrade of the Mesos masters and agents'
at 22:01:00 --operator alexandra.konstantinopoulou mark 1 $A/implicit-roles done
at 22:02:00 --operator maximilian.oberhuber-schwarzenegger mark 1 $A/allocator-api done \
	--note 'checked with the allocator module owners; nothing to rebuild on this cluster'
at 22:03:00 --operator bartholomew.featherstonehaugh note 1 $A/restart-agents \
	'rack 4 waits for the vendor call; the window closes at 02:00'
run "$MU" --journal "$J" report 1 --format html -o "$T/report.html"
expect_rc "html-browser: the report is written" 0

# the header words of the report's tables, each as often as it is a header
grep -o '<th>[^<]*</th>' "$T/report.html" | sed 's/<[^>]*>//g' | sort | uniq -c >"$T/headers"
if grep -q 'Operators' "$T/headers" && grep -q 'Generated' "$T/headers" &&
	grep -q 'Title' "$T/headers"; then ok "html-browser: the report has the header cells to check"
else fail "html-browser: the report has the header cells to check" "$(cat "$T/headers")"; fi

# print PAGE_WIDTH: the report printed on a page that wide, its text in $T/WIDTH.txt
print() {
	w=$1
	# the paper is what a print lays out on: as wide as the window asked for
	sed "s|</style>|@page{size:${w}px 2000px;margin:8px}</style>|" "$T/report.html" >"$T/r$w.html"
	rm -f "$T/r$w.pdf"
	timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
		--no-first-run --no-default-browser-check --user-data-dir="$T/chromium" \
		--window-size="$w,2000" --no-pdf-header-footer --print-to-pdf="$T/r$w.pdf" \
		"file://$T/r$w.html" >"$T/chromium.log" 2>&1
	[ -s "$T/r$w.pdf" ] && pdftotext -enc UTF-8 "$T/r$w.pdf" "$T/$w.txt"
}

print 1200 || skip "chromium did not print here: $(tail -n 3 "$T/chromium.log" | tr '\n' ' ')"
print 420 || fail "html-browser: printed at 420 px" "$(tail -n 3 "$T/chromium.log")"

for w in 1200 420; do
	[ -s "$T/$w.txt" ] || continue
	# a word split across lines shows as "Operato" ending a line and "rs" starting the next
	if msg=$(python3 - "$T/headers" "$T/$w.txt" <<'EOF'
import sys
words = [l.split(None, 1)[1].strip() for l in open(sys.argv[1]) if l.strip()]
lines = [l.strip() for l in open(sys.argv[2], encoding="utf-8")]
bad = []
for w in words:
    for i in range(1, len(w)):
        head, tail = w[:i], w[i:]
        for a, b in zip(lines, lines[1:]):
            if a.endswith(head) and b.startswith(tail) and not a.endswith(w):
                bad.append("%s|%s" % (head, tail))
    if not any(w in l.split() for l in lines):
        bad.append(w + " (not found whole)")
if bad:
    print(", ".join(sorted(set(bad))))
    sys.exit(1)
EOF
	); then ok "html-browser: at $w px no table header word is split"
	else fail "html-browser: at $w px no table header word is split" "$msg"; fi
done
