# build.sh - the build cannot go stale, and core stays free of curses.
#   - adding or removing a content file rebuilds the embedded content
#     (--version and lint agree on the range);
#   - no source of core/ (nor any header it includes) reaches curses.
. tests/cli/lib.sh

CC=${CC:-cc}

# ---- core without curses ----------------------------------------------------
# every header each core source pulls in, as the compiler sees them
flags=$(pkg-config --cflags yaml-0.1 sqlite3 2>/dev/null)
bad=""
for f in core/*.c; do
	deps=$($CC -M -Iinclude -I"$O" -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 $flags "$f" 2>&1) ||
		{ bad="$bad $f (cannot list its headers: $deps)"; continue; }
	case $deps in *curses*) bad="$bad $f" ;; esac
done
expect_eq core-includes-no-curses "$bad" ""

# ---- the embedded content follows the content directory ---------------------
src=$T/src
mkdir "$src"
cp -R Makefile content core include tui "$src/"
mkdir -p "$src/tests"
make -s -C "$src" CFLAGS=-O0 O=build >"$T/make.log" 2>&1 ||
	fail build-copy "$(tail -n 5 "$T/make.log")"
range() { "$src/mesos-upgrade" --version | sed -n 's/.*Apache Mesos \([0-9.]* to [0-9.]*\),.*/\1/p'; }
first=$(range)
last=$(ls "$src/content/hops" | tail -n 1)
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
# nothing changed: nothing is rebuilt
out=$(make -C "$src" CFLAGS=-O0 O=build 2>&1)
case $out in *embed.sh*|*"cc "*) fail nothing-changed-nothing-built "$out" ;;
*) ok nothing-changed-nothing-built ;; esac
