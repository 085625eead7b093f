# mesos-upgrade - build, run, test, bench.
#
#   make            build ./mesos-upgrade
#   make run        install missing packages (as root), build, open the wizard
#   make test       install missing packages (as root), build, run every test,
#                   plain and under AddressSanitizer + UBSan
#   make bench      print the performance figures (ONLY=mesos: those of one group:
#                   journal, wizard, report, mesos, status, scale)
#   make install    the binary, man page, bash completion, content and docs
#                   under $(DESTDIR)$(PREFIX); make uninstall removes them
#
# Variables: CC, CFLAGS, LDFLAGS, PKG_CONFIG, PREFIX, DESTDIR as usual;
# O (build directory, default build), SANITIZE (e.g. address,undefined),
# WERROR=1 (warnings are errors; the test build sets it).

PREFIX     ?= /usr/local
PKG_CONFIG ?= pkg-config
CC         ?= cc
CFLAGS     ?= -O2 -g
O          ?= build
SANITIZE   ?=
WERROR     ?=

# core reads the live cluster with libcurl and jansson (DESIGN.md, "The live
# cluster"): they are core's, so the binary links them through PKGS too.
# libcurl is compiled against but not linked: core/curl_load.c opens it at
# its first use (loading it costs every start some 12 ms of processor).
CORE_PKGS  = yaml-0.1 sqlite3 libcurl jansson
PKGS       = ncursesw $(CORE_PKGS)
NOLINK     = libcurl
# Debian packages: to build and run, and to test.
RUN_DEBS   = pkg-config libncurses-dev libyaml-dev libsqlite3-dev libcurl4-openssl-dev \
	     libjansson-dev
# openssl makes the fake cluster's self-signed certificate (tests/unit/test_cluster_probe.c)
TEST_DEBS  = $(RUN_DEBS) libcmocka-dev tmux python3 sqlite3 groff-base clang libclang-rt-dev \
	     strace chromium poppler-utils openssl

WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wold-style-definition -Wformat=2 -Wcast-qual -Wwrite-strings -Wvla \
       -Wpointer-arith -Wundef -Wimplicit-fallthrough -Wnull-dereference
ifneq ($(WERROR),)
WARN += -Werror
endif
ifneq ($(SANITIZE),)
SANFLAGS = -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
CORE_CFLAGS:= $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(filter-out $(NOLINK),$(PKGS)) 2>/dev/null) -ldl
CORE_LIBS  := $(shell $(PKG_CONFIG) --libs $(filter-out $(NOLINK),$(CORE_PKGS)) 2>/dev/null) -ldl
TEST_LIBS  := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

ALL_CPPFLAGS = -Iinclude -I$(O) $(PKG_CFLAGS) -DNCURSES_WIDECHAR=1 $(CPPFLAGS)
# core/, tui/cli/ and the tests of core are built without curses in sight; the POSIX and
# BSD interfaces they use are asked for here, not inherited from ncurses' flags
CORE_CPPFLAGS = -Iinclude -I$(O) -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 $(CORE_CFLAGS) $(CPPFLAGS)
ALL_CFLAGS   = -std=c11 $(WARN) $(SANFLAGS) $(CFLAGS) -MMD -MP
ALL_LDFLAGS  = $(SANFLAGS) $(LDFLAGS)

CORE_SRC  = $(wildcard core/*.c)
# tui/cli/ is the command line, tui/wizard/ (or tui/ itself) the curses wizard
TUI_SRC   = $(wildcard tui/*.c tui/cli/*.c tui/wizard/*.c)
UNIT_SRC  = $(wildcard tests/unit/test_*.c)
CONTENT   = content/guide.yaml $(wildcard content/hops/*.yaml)

CORE_OBJ  = $(CORE_SRC:%.c=$(O)/%.o) $(O)/content_builtin.o $(O)/content_compiled.o
TUI_OBJ   = $(TUI_SRC:%.c=$(O)/%.o)
UNIT_BIN  = $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)
ifeq ($(O),build)
BIN = mesos-upgrade
else
BIN = $(O)/mesos-upgrade
endif

.PHONY: all run test check check-build check-sanitized bench clean deps-run deps-test install \
	uninstall fuzz fuzz-build fuzz-smoke test-build-plain test-build-sanitized test-checks-plain \
	test-checks-sanitized FORCE
all: $(BIN)

# Linked as the toolchain links by default (PIE, bound lazily): README,
# "Performance", has what -z now, -z pack-relative-relocs, -O1 --as-needed,
# -z noseparate-code and -no-pie each did to the start of a plan.
$(BIN): $(TUI_OBJ) $(O)/libcore.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(TUI_OBJ) $(O)/libcore.a $(PKG_LIBS)

$(O)/libcore.a: $(CORE_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(O)/core/%.o: core/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CORE_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# the command line is built as core is: no curses in sight
$(O)/tui/cli/%.o: tui/cli/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CORE_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# The names of the content files: rewritten only when a file is added or
# removed, so that either rebuilds the embedded content (an edit does anyway);
# through a file of its own make's, as two makes may check it at once (make
# test builds the fuzz harnesses while install.sh runs make install).
$(O)/content.list: FORCE
	@mkdir -p $(O)
	@echo '$(CONTENT)' >$@.$$$$; if cmp -s $@.$$$$ $@; then rm -f $@.$$$$; else mv $@.$$$$ $@; fi

$(O)/content_builtin.c: $(CONTENT) $(O)/content.list content/embed.sh
	@mkdir -p $(O)
	sh content/embed.sh content > $@.tmp && mv $@.tmp $@

$(O)/content_builtin.o: $(O)/content_builtin.c
	$(CC) $(CORE_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# The embedded content compiled: content/compile.c, linked with core but for the
# file that hands the compiled content out, parses it (refusing content with
# problems, as lint does) and writes it as C data, so that no start parses YAML.
GEN_OBJ   = $(filter-out $(O)/core/content_builtin.o,$(CORE_SRC:%.c=$(O)/%.o)) \
	    $(O)/content_builtin.o
$(O)/content_compile: content/compile.c $(GEN_OBJ)
	$(CC) $(CORE_CPPFLAGS) $(ALL_CFLAGS) -o $@ content/compile.c $(GEN_OBJ) $(CORE_LIBS) \
		$(ALL_LDFLAGS)

$(O)/content_compiled.c: $(O)/content_compile
	$(O)/content_compile > $@.tmp && mv $@.tmp $@

$(O)/content_compiled.o: $(O)/content_compiled.c
	$(CC) $(CORE_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(O)/tests/%: tests/unit/%.c $(O)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CORE_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(O)/libcore.a $(CORE_LIBS) $(TEST_LIBS) $(ALL_LDFLAGS)

# Every test of one build: unit binaries and command-line tests; the plain
# build compiles make bench's programs too (warnings as errors), so a change
# that breaks them fails make test, not the next make bench.
check-build: $(BIN) $(UNIT_BIN) $(if $(SANITIZE),,$(O)/mu-bench $(O)/bench-floor)
check: $(BIN) $(UNIT_BIN)
	@SUMMARY='$(SUMMARY)' sh tests/run.sh "$(O)" "$(abspath $(BIN))" $(UNIT_BIN)

BENCH_SRC = $(filter-out tests/bench/floor.c,$(wildcard tests/bench/*.c))
$(O)/mu-bench: $(BENCH_SRC) tests/bench/bench.h tests/fake_spawn.h $(O)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CORE_CPPFLAGS) $(ALL_CFLAGS) -o $@ $(BENCH_SRC) $(O)/libcore.a $(CORE_LIBS) $(ALL_LDFLAGS)
# the floor of the process figures: a trivial program linked as $(BIN) is
$(O)/bench-floor: tests/bench/floor.c
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(PKG_LIBS)

# Figures, not tests: printed, each beside its target ("ok" or "MISS"), never
# failing on one. MESOS_UPGRADE_BENCH_SCALE=0.1 shrinks the workloads.
bench: deps-run
	@$(MAKE) --no-print-directory O=build/bench CFLAGS="-O2 -g" build/bench/mu-bench \
		build/bench/bench-floor build/bench/mesos-upgrade
	build/bench/mu-bench build/bench build/bench/mesos-upgrade '$(ONLY)'

run: deps-run
	@$(MAKE) --no-print-directory all
	./mesos-upgrade

# make test runs two lanes at once, each its build, then what needs it:
#   plain      the build (WERROR=1), then its checks (tests/run.sh) and,
#              beside them, niced, the fuzz harnesses built and run a fixed
#              number of inputs each (tests/fuzz/run.sh smoke): the same work
#              however loaded the machine is, done in the processor time the
#              checks leave (a test waits on locks, timeouts, tmux, a child)
#   sanitized  its build, then its checks
# so that no processor idles between stages: the plain checks start while
# the sanitized build still runs, and the fuzzers fill the gaps. Each part
# leaves its closing line in build/summary/; the last line of the run adds
# them up (a part that did not get to its closing line counts as a
# failure), and make test fails when any part did. A build that fails
# leaves the others to finish, and its part fails when it runs. Each step's
# output goes to build/summary/STEP.log, all printed in order at the end;
# a line says when each step ended, as it ends, and one before the total
# all of them (where the time of a run goes; each test's own seconds are on
# its line). BUILD_JOBS compiles at a time in each build, TEST_JOBS tests
# at a time in each lane's pool (tests/run.sh: the slowest first). The
# checks are run by a make without -j: the tests that run make
# (tests/cli/install.sh) inherit its MAKEFLAGS; env gives the tests back the
# default action of SIGINT and SIGQUIT, which the signal tests count on.
BUILD_JOBS ?= $(shell nproc 2>/dev/null || echo 1)
TEST_JOBS  ?= $(shell echo $$(($(BUILD_JOBS) + 1)))
FUZZ_NICE  ?= 5
# gcc links the sanitizers' runtimes as shared libraries: each start of a
# sanitized program then resolves libasan.so's relocations, some 5 ms of its
# 27 ms of processor. Linked in statically (what clang does already, and
# refuses the option), the same checks, and the sanitized run's ~4,500 starts
# take ~20 s of processor less. And linked -no-pie: a PIE start applies its
# ~78,000 relative relocations (ASan's table of every global points at its
# global), writing into 2 MB of .data, ~530 of the ~4,100 pages a start
# faults in; fixed at link time instead, the same checks (ASan sees the same
# globals), and a start (--version, status) takes ~17% less processor.
SAN_STATIC = $(if $(shell $(CC) --version 2>/dev/null | grep -q 'Free Software Foundation' \
		&& echo gcc),-static-libasan -static-libubsan)
# -g1: the line tables a sanitizer's report names its frames' lines with,
# without the types and variables of -g (a debugger's): core compiles in
# ~20% less processor (22.5 s instead of 27.8 s)
SAN_O      = build/sanitize
SAN_VARS   = WERROR=1 O=$(SAN_O) SANITIZE=address,undefined CFLAGS="-O1 -g1" \
	     LDFLAGS="$(SAN_STATIC) -no-pie"
test: deps-test
	@rm -rf build/summary; mkdir -p build/summary; s=build/summary; t0=$$(date +%s); \
	lap() { t=$$(($$(date +%s) - t0)); echo "$$1 $$t s"; echo "$$1 $$t s" >>$$s/laps; }; \
	{ $(MAKE) --no-print-directory -j$(BUILD_JOBS) WERROR=1 check-build >$$s/plain-build.log 2>&1; \
	  lap "plain built"; \
	  { nice -n $(FUZZ_NICE) $(MAKE) --no-print-directory -j$(BUILD_JOBS) fuzz-build \
		>$$s/fuzz-build.log 2>&1; lap "fuzz built"; \
	    SUMMARY=$$s/2-fuzz nice -n $(FUZZ_NICE) sh tests/fuzz/run.sh smoke $(FUZZ_BIN) \
		>$$s/fuzz.log 2>&1; lap "fuzz ran"; } & \
	  TEST_JOBS=$(TEST_JOBS) env --default-signal=INT,QUIT $(MAKE) --no-print-directory \
		WERROR=1 test-checks-plain >$$s/plain.log 2>&1; lap "plain checked"; wait; } & \
	{ $(MAKE) --no-print-directory -j$(BUILD_JOBS) $(SAN_VARS) check-build \
		>$$s/sanitized-build.log 2>&1; lap "sanitized built"; \
	  TEST_JOBS=$(TEST_JOBS) env --default-signal=INT,QUIT $(MAKE) --no-print-directory \
		WERROR=1 test-checks-sanitized >$$s/sanitized.log 2>&1; lap "sanitized checked"; } & \
	wait; \
	cat $$s/plain-build.log $$s/sanitized-build.log $$s/fuzz-build.log $$s/fuzz.log \
		$$s/plain.log $$s/sanitized.log; \
	echo "steps ended at: $$(sed 's/ s$$/ s,/' $$s/laps | tr '\n' ' ' | sed 's/, $$//')"; \
	sh tests/summary.sh $$s 1-plain 2-fuzz 3-sanitized
# the builds of make test by themselves: O=build for the plain build and the harnesses
# (one make: they share build/content_builtin.c and content_compiled.c), build/sanitize
# for the other
test-build-plain:
	@$(MAKE) --no-print-directory WERROR=1 check-build fuzz-build
test-build-sanitized:
	@$(MAKE) --no-print-directory $(SAN_VARS) check-build
# the checks of make test, each build's in a pool of its own (built by then)
test-checks-plain:
	@sh tests/run.sh --summary build/summary/1-plain "$(O)" "$(abspath $(BIN))" $(UNIT_BIN)
# intercept_tls_get_addr=0: LeakSanitizer of GCC 12 reads glibc 2.36's table of
# dynamic TLS blocks wrongly (the blocks of libcurl and OpenSSL, which
# core/curl_load.c opens) and, in some runs, scans a bogus range at exit:
# "Tracer caught signal 11" in ScanRangeForPointers, 10 runs of 60 of
# "verify" in one build, none with this. The program's own thread-local
# memory is static TLS, scanned as before.
test-checks-sanitized:
	@ASAN_OPTIONS=$${ASAN_OPTIONS:+$$ASAN_OPTIONS:}intercept_tls_get_addr=0 \
		sh tests/run.sh --summary build/summary/3-sanitized $(SAN_O) \
		"$(abspath $(SAN_O)/mesos-upgrade)" $(UNIT_BIN:$(O)/%=$(SAN_O)/%)

# libFuzzer harnesses (clang) for the content loader, the inventory loader,
# the version parser, the terminal-safe text of every message, the
# escaping of every report format and the parsers of Mesos' answers; "make fuzz" runs each FUZZ_SECONDS,
# "make test" a fixed number of inputs each (fuzz-smoke; about what 5 s of a
# processor to itself runs: tests/fuzz/run.sh), as many at a time as there
# are processors (FUZZ_JOBS overrides).
# core is compiled once for all of them, instrumented for the fuzzer
# (fuzzer-no-link) into $(O)/fuzz/libcore.a, and each harness is linked with it.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 300
FUZZ_NAMES    = content inventory version terminal report_escape mesos_parse
FUZZ_BIN      = $(FUZZ_NAMES:%=$(O)/fuzz/fuzz_%)
# -gline-tables-only: a crash's frames with their lines, as with -g; core
# compiles in ~13% less processor (32.7 s instead of 37.7 s)
FUZZ_CFLAGS   = -std=c11 -O1 -gline-tables-only -fsanitize=address,undefined -fno-sanitize-recover=all -MMD -MP
FUZZ_OBJ      = $(CORE_SRC:%.c=$(O)/fuzz/%.o) $(O)/fuzz/content_builtin.o \
		$(O)/fuzz/content_compiled.o

$(O)/fuzz/core/%.o: core/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CORE_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(O)/fuzz/content_%.o: $(O)/content_%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CORE_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(O)/fuzz/libcore.a: $(FUZZ_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(O)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(O)/fuzz/libcore.a
	$(FUZZ_CC) $(CORE_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(O)/fuzz/libcore.a \
		$(CORE_LIBS)

fuzz-build: $(FUZZ_BIN)

fuzz: deps-test
	@$(MAKE) --no-print-directory -j$(BUILD_JOBS) $(FUZZ_BIN)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

fuzz-smoke: $(FUZZ_BIN)
	@SUMMARY='$(SUMMARY)' sh tests/fuzz/run.sh smoke $(FUZZ_BIN)

# Install the Debian packages that are missing when root and apt-get can;
# otherwise say exactly what to install.
define need_debs
	missing=""; \
	if command -v dpkg-query >/dev/null 2>&1; then \
		for p in $(1); do \
			dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' \
				|| missing="$$missing $$p"; \
		done; \
	fi; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			for p in $$missing; do echo "mesos-upgrade: installing $$p"; done; \
			log=$$(mktemp); \
			if ! { apt-get update -qq && \
			       DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing; \
			     } </dev/null >"$$log" 2>&1; then \
				tail -n 20 "$$log" >&2; rm -f "$$log"; \
				echo "mesos-upgrade: apt-get could not install:$$missing" >&2; exit 1; \
			fi; \
			rm -f "$$log"; \
		else \
			echo "mesos-upgrade: missing packages:$$missing" >&2; \
			echo "mesos-upgrade: install them with: sudo apt-get install -y$$missing" >&2; \
			exit 1; \
		fi; \
	fi
endef

deps-run:
	@$(call need_debs,$(RUN_DEBS))
deps-test:
	@$(call need_debs,$(TEST_DEBS))

clean:
	rm -rf build mesos-upgrade

# ---- install, uninstall ------------------------------------------------------
# Every path is under $(DESTDIR). install records in $(MANIFEST), before it
# writes anything else, the files it installs and the directories it had to
# create (added to those of an earlier install). uninstall removes those files,
# then, when they are empty, those directories and the program's own, and
# nothing else: a /usr/local/bin that was there before stays, even empty.
bindir      = $(PREFIX)/bin
man1dir     = $(PREFIX)/share/man/man1
bashcompdir = $(PREFIX)/share/bash-completion/completions
pkgdatadir  = $(PREFIX)/share/mesos-upgrade
docdir      = $(PREFIX)/share/doc/mesos-upgrade
MANIFEST    = $(pkgdatadir)/install-manifest
INST_DIRS   = $(bindir) $(man1dir) $(bashcompdir) $(pkgdatadir)/content/hops $(docdir)
OWN_DIRS    = $(pkgdatadir)/content/hops $(pkgdatadir)/content $(pkgdatadir) $(docdir)
# what install writes, and uninstall removes even without a manifest
INST_FILES  = $(bindir)/mesos-upgrade $(man1dir)/mesos-upgrade.1 $(bashcompdir)/mesos-upgrade \
	      $(patsubst content/%,$(pkgdatadir)/content/%,$(CONTENT)) \
	      $(docdir)/README $(docdir)/CONTENT.md

install: $(BIN)
	@set -e; dest='$(DESTDIR)'; \
	case '$(PREFIX)' in /*) ;; *) echo "make install: PREFIX must be absolute" >&2; exit 2;; esac; \
	mkdir -p '$(O)'; tmp=$$(mktemp -d '$(O)/install.XXXXXX'); trap 'rm -rf "$$tmp"' EXIT; \
	list=$$tmp/manifest; : >"$$list"; \
	if [ -f "$$dest$(MANIFEST)" ]; then cat "$$dest$(MANIFEST)" >"$$list"; fi; \
	for dir in $(INST_DIRS); do \
		new=; d=$$dir; \
		while [ "$$d" != / ] && [ ! -d "$$dest$$d" ]; do \
			new="$$d $$new"; echo "dir $$d" >>"$$list"; d=$$(dirname "$$d"); \
		done; \
		for d in $$new; do echo "install -d -m 755 $$dest$$d"; install -d -m 755 "$$dest$$d"; done; \
	done; \
	for f in $(INST_FILES); do echo "file $$f" >>"$$list"; done; \
	sort -u "$$list" >"$$tmp/sorted"; \
	install -m 644 "$$tmp/sorted" "$$dest$(MANIFEST)"; \
	put() { echo "install -m $$1 $$2 $$dest$$3"; install -m "$$1" "$$2" "$$dest$$3"; }; \
	put 755 '$(BIN)' '$(bindir)/mesos-upgrade'; \
	sed 's|/usr/local/share/|$(PREFIX)/share/|g' share/mesos-upgrade.1 >"$$tmp/mesos-upgrade.1"; \
	put 644 "$$tmp/mesos-upgrade.1" '$(man1dir)/mesos-upgrade.1'; \
	put 644 share/completion.bash '$(bashcompdir)/mesos-upgrade'; \
	for f in $(CONTENT); do put 644 "$$f" "$(pkgdatadir)/$$f"; done; \
	put 644 README '$(docdir)/README'; \
	put 644 CONTENT.md '$(docdir)/CONTENT.md'

# after install when both are asked for, even with -j
uninstall: | $(filter install,$(MAKECMDGOALS))
	@dest='$(DESTDIR)'; m="$$dest$(MANIFEST)"; files=; dirs=; \
	if [ -f "$$m" ]; then \
		while read -r kind path; do \
			case $$path in */../*|*/..) continue;; esac; \
			case $$kind in \
			file) case $$path in "$(PREFIX)"/*) files="$$files $$path";; esac;; \
			dir) case $$path in /*) dirs="$$dirs $$path";; esac;; \
			esac; \
		done <"$$m"; \
	fi; \
	for f in $(INST_FILES) $$files; do \
		if [ -f "$$dest$$f" ] || [ -h "$$dest$$f" ]; then echo "rm -f $$dest$$f"; rm -f "$$dest$$f"; fi; \
	done; \
	rm -f "$$m"; \
	for d in $$(printf '%s\n' $(OWN_DIRS) $$dirs | sort -u | \
		    awk -F/ '{ print NF, $$0 }' | sort -k1,1nr | cut -d' ' -f2-); do \
		if rmdir "$$dest$$d" 2>/dev/null; then echo "rmdir $$dest$$d"; fi; \
	done

-include $(CORE_OBJ:.o=.d) $(O)/content_compile.d $(TUI_OBJ:.o=.d) $(UNIT_BIN:=.d) $(FUZZ_OBJ:.o=.d) $(FUZZ_BIN:=.d)
