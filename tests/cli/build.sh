# build.sh - the build cannot go stale, and core stays free of curses.
#   - adding, removing or editing a content file rebuilds the embedded and the
#     compiled content (--version and lint agree on the range); content with
#     a problem stops the build;
#   - no source of core/ or of the command line (tui/cli/), nor any header
#     either includes, reaches curses.
. tests/cli/lib.sh

CC=${CC:-cc}

# ---- core and the command line without curses --------------------------------
# every header each source pulls in, as the compiler sees them (the flags of
# the Makefile's CORE_CPPFLAGS: curses' own are not given)
flags=$(pkg-config --cflags yaml-0.1 sqlite3 2>/dev/null)
curses_in() {
	bad=""
	for f in "$@"; do
		deps=$($CC -M -Iinclude -I"$O" -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 $flags "$f" 2>&1) ||
			{ bad="$bad $f (cannot list its headers: $deps)"; continue; }
		case $deps in *curses*) bad="$bad $f" ;; esac
	done
	echo "$bad"
}
expect_eq core-includes-no-curses "$(curses_in core/*.c)" ""
n=$(ls tui/cli/*.c 2>/dev/null | wc -l)
[ "$n" -ge 10 ] && ok "tui/cli: $n sources" || fail "tui/cli: sources" "only $n"
expect_eq cli-includes-no-curses "$(curses_in tui/cli/*.c)" ""
# the check itself: a source that does reach curses is found
printf '#include "wizard.h"\n#include <curses.h>\n' >"$T/uses_curses.c"
expect_eq check-finds-curses "$(curses_in "$T/uses_curses.c")" " $T/uses_curses.c"

# ---- the embedded content follows the content directory ---------------------
src=$T/src
mkdir "$src"
cp -pR Makefile content core include tui "$src/"
mkdir -p "$src/tests" "$src/build"
# the copy starts from the objects of the build under test, their times kept
# (sources too), so that only what the steps below change is rebuilt: all of
# it again would cost some 10 s of processor and prove nothing that building
# the binary under test did not
if [ -f "$O/libcore.a" ]; then
	cp -pR "$O/core" "$O/tui" "$O/content.list" "$O/content_builtin.c" "$O/content_builtin.o" \
		"$O/content_builtin.d" "$O/content_compile" "$O/content_compile.d" \
		"$O/content_compiled.c" "$O/content_compiled.o" "$O/content_compiled.d" \
		"$O/libcore.a" "$src/build/" && cp -p "$MU" "$src/mesos-upgrade"
fi
make -s -C "$src" CFLAGS=-O0 O=build >"$T/make.log" 2>&1 ||
	fail build-copy "$(tail -n 5 "$T/make.log")"
range() { "$src/mesos-upgrade" --version | sed -n 's/.*Apache Mesos \([0-9.]* to [0-9.]*\),.*/\1/p'; }
first=$(range)
last=$(cd "$src/content/hops" && ls -- *-"$LAST".yaml)  # the last hop (names do not sort as versions)
mv "$src/content/hops/$last" "$T/"
make -s -C "$src" CFLAGS=-O0 O=build >"$T/make.log" 2>&1 ||
	fail build-after-removal "$(tail -n 5 "$T/make.log")"
removed=$(range)
lint=$("$src/mesos-upgrade" lint | sed -n 's/.* from \([0-9.]*\) to \([0-9.]*\),.*/\1 to \2/p')
if [ "$removed" != "$first" ] && [ -n "$removed" ]; then ok hop-removed-rebuilds; else
	fail hop-removed-rebuilds "--version says '$removed' before and after removing $last"; fi
expect_eq hop-removed-version-agrees-with-lint "$removed" "$lint"
mv "$T/$last" "$src/content/hops/"
make -s -C "$src" CFLAGS=-O0 O=build >"$T/make.log" 2>&1 ||
	fail build-after-adding "$(tail -n 5 "$T/make.log")"
expect_eq hop-added-rebuilds "$(range)" "$first"
# an edit reaches the compiled content; content with a problem stops the build, named
cp "$src/content/guide.yaml" "$T/guide.yaml"
sed 's/^version: .*/version: "9.9.9-edited"/' "$T/guide.yaml" >"$src/content/guide.yaml"
make -s -C "$src" CFLAGS=-O0 O=build >"$T/make.log" 2>&1 ||
	fail build-after-edit "$(tail -n 5 "$T/make.log")"
expect_eq content-edited-rebuilds "$("$src/mesos-upgrade" --version | sed -n 's/^content \([^ ]*\) .*/\1/p')" \
	9.9.9-edited
{ cat "$T/guide.yaml"; echo "colour: blue"; } >"$src/content/guide.yaml"
if make -s -C "$src" CFLAGS=-O0 O=build >"$T/make.log" 2>&1; then
	fail bad-content-stops-the-build "make succeeded"
else
	has bad-content-stops-the-build "$T/make.log" "content/guide.yaml:5:1: unknown key 'colour'"
fi
cp "$T/guide.yaml" "$src/content/guide.yaml"
make -s -C "$src" CFLAGS=-O0 O=build >"$T/make.log" 2>&1 ||
	fail build-after-repair "$(tail -n 5 "$T/make.log")"
expect_eq content-repaired-rebuilds "$("$src/mesos-upgrade" --version)" "$("$MU" --version)"
# nothing changed: nothing is rebuilt
out=$(make -C "$src" CFLAGS=-O0 O=build 2>&1)
case $out in *embed.sh*|*"cc "*) fail nothing-changed-nothing-built "$out" ;;
*) ok nothing-changed-nothing-built ;; esac

# ---- sizes: no file of the command line over 600 lines, no function over 100 --
# (a function: from its definition's first line, at the left margin, to its
# closing brace, at the left margin too)
sizes() {
	for f in "$@"; do
		n=$(wc -l <"$f")
		[ "$n" -le 600 ] || echo "$f has $n lines"
		awk -v F="$f" '
			/^[A-Za-z_].*\(/ && !/;[[:space:]]*$/ && !/^#/ { name = $0; start = NR }
			/^}/ && start { if (NR - start + 1 > 100) printf "%s:%d: %d lines\n", F, start, NR - start + 1; start = 0 }' "$f"
	done
}
expect_eq cli-sizes "$(sizes tui/cli/*.c)" ""
# the check itself: a function of 101 lines is found
{ echo "static int f(void)"; echo "{"; i=0; while [ $i -lt 98 ]; do echo "	;"; i=$((i + 1)); done; echo "}"; } >"$T/long.c"
expect_eq sizes-finds-long-function "$(sizes "$T/long.c")" "$T/long.c:1: 101 lines"
