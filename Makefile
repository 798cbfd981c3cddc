# SPDX-License-Identifier: MIT
# bbtools: one non-recursive GNU make build. Each command adds itself in
# src/<command>/module.mk (see "Command fragments" below).

VERSION		= 0.1.0

# `make deps ...` installs missing Debian packages before anything else is
# read: the pkg-config calls below need them.
ifneq ($(filter deps,$(MAKECMDGOALS)),)
DEPS_STATUS	:= $(shell bash .ci/deps >&2; echo $$?)
ifneq ($(DEPS_STATUS),0)
$(error installing the Debian packages failed; see above)
endif
endif

PREFIX		?= /usr/local
BINDIR		?= $(PREFIX)/bin
DATADIR		?= $(PREFIX)/share
SYSCONFDIR	?= /etc
MANDIR		?= $(DATADIR)/man
LOCALEDIR	?= $(DATADIR)/locale
PKGDATADIR	?= $(DATADIR)/bbtools
DESTDIR		?=

# ---- Cross build ------------------------------------------------------------
# `make ARCH=arm64` (or CROSS=aarch64-linux-gnu-) builds with the cross
# compiler and Debian's multiarch libraries (dpkg --add-architecture) into
# build/ARCH/, leaving the native bin/ alone.
BUILD_ARCH	:= $(shell dpkg --print-architecture 2>/dev/null)
# Only `make ARCH=` counts: shells often export ARCH for kernel builds.
ifneq ($(filter environment undefined,$(origin ARCH)),)
ifneq ($(CROSS),)
ARCH		:= $(shell dpkg-architecture -t$(CROSS:%-=%) -qDEB_HOST_ARCH 2>/dev/null)
else
ARCH		:= $(BUILD_ARCH)
endif
endif
ifneq ($(ARCH),$(BUILD_ARCH))
CROSS		?= $(shell dpkg-architecture -a$(ARCH) -qDEB_HOST_GNU_TYPE 2>/dev/null)-
endif
ifneq ($(CROSS),)
CC		= $(CROSS)gcc
AR		= $(CROSS)ar
PKG_CONFIG	= $(CROSS)pkg-config
O		?= build/$(ARCH)/obj
BIN		?= build/$(ARCH)/bin
endif

CC		?= cc
PKG_CONFIG	?= pkg-config
STRIP		?= $(CROSS)strip
OBJCOPY		?= $(CROSS)objcopy

# Completions go where the shells look: bash-completion's and fish's own
# directories from pkg-config (moved under DATADIR), zsh's site-functions,
# which Debian's zsh searches under /usr/local, or vendor-completions for
# PREFIX=/usr. fish searches $(DATADIR)/fish/vendor_completions.d only for
# /usr and XDG_DATA_HOME, so a /usr/local install goes to /etc/fish.
comp_dir	= $(or $(shell $(BUILD_PKG_CONFIG) --define-variable=datadir=$(DATADIR) \
		  --variable=completionsdir $(1) 2>/dev/null),$(DATADIR)/$(2))
BUILD_PKG_CONFIG ?= pkg-config
BASHCOMPDIR	?= $(call comp_dir,bash-completion,bash-completion/completions)
ifeq ($(PREFIX),/usr)
ZSHCOMPDIR	?= $(DATADIR)/zsh/vendor-completions
else
ZSHCOMPDIR	?= $(DATADIR)/zsh/site-functions
endif
ifeq ($(PREFIX),/usr/local)
FISHCOMPDIR	?= $(SYSCONFDIR)/fish/completions
else
FISHCOMPDIR	?= $(call comp_dir,fish,fish/vendor_completions.d)
endif
CFLAGS		?= -O2 -g
WARNFLAGS	= -Wall -Wextra -Wformat=2 -Wmissing-prototypes -Wshadow \
		  -Wstrict-prototypes -Wno-missing-field-initializers
# CI builds with -Werror and ASan+UBSan; so can anyone: make SANITIZE=1.
ifeq ($(CI),true)
WERROR		?= 1
SANITIZE	?= 1
endif
ifeq ($(WERROR),1)
WARNFLAGS	+= -Werror
endif
ifeq ($(SANITIZE),1)
SANFLAGS	= -fsanitize=address,undefined -fno-omit-frame-pointer \
		  -fno-sanitize-recover=undefined
endif
ALL_CPPFLAGS	= -D_GNU_SOURCE -Isrc -DVERSION='"$(VERSION)"' \
		  -DLOCALEDIR='"$(LOCALEDIR)"' -DPKGDATADIR='"$(PKGDATADIR)"' \
		  $(CPPFLAGS)
ALL_CFLAGS	= -std=gnu11 $(WARNFLAGS) $(SANFLAGS) -MMD -MP $(CFLAGS)
ALL_LDFLAGS	= $(SANFLAGS) $(LDFLAGS)

ifeq ($(V),1)
Q		=
else
Q		= @
endif

O		?= build/obj
BIN		?= bin
LOCDIR		= build/locale

# ---- libbbt -------------------------------------------------------------
LIB_SRCS	:= $(sort $(wildcard src/lib/*.c))
LIB_OBJS	:= $(LIB_SRCS:%.c=$(O)/%.o)
LIBBBT		= $(O)/libbbt.a
LIB_PKGS	= zlib
LIB_LDLIBS	:= $(shell $(PKG_CONFIG) --libs $(LIB_PKGS)) -lm

# ---- Command fragments ----------------------------------------------------
# A fragment appends its command to PROGS and sets, for a command "foo":
#   foo_SRCS   its sources (main.c among them)
#   foo_PKGS   pkg-config names it links with
#   foo_LIBS   other -l flags
#   foo_DATA   files installed to $(PKGDATADIR) (optional)
#   foo_CAPS   1 when install-caps must give it cap_net_raw (optional)
# Unit tests in tests/unit/foo/test_*.c link foo's objects but main.o.
# Fuzz targets in tests/fuzz/foo/fuzz_*.c are built likewise by `make fuzz`.
PROGS		:=
-include $(sort $(wildcard src/*/module.mk))

PROG_BINS	= $(PROGS:%=$(BIN)/%)

# A cross build names the multiarch package of each missing library.
ifneq ($(CROSS),)
ifneq ($(filter-out clean deb-clean,$(or $(MAKECMDGOALS),all)),)
ifeq ($(shell command -v $(CC)),)
$(error $(CC) not found: apt-get install gcc-$(CROSS:%-=%))
endif
CROSS_MISSING	:= $(shell sh src/deb/cross-missing.sh $(ARCH) $(PKG_CONFIG) \
		   $(sort $(LIB_PKGS) $(foreach p,$(PROGS),$($(p)_PKGS))) \
		   $(filter-out -lm,$(sort $(foreach p,$(PROGS),$(filter -l%,$($(p)_LIBS))))))
ifneq ($(CROSS_MISSING),)
$(error missing $(ARCH) libraries: dpkg --add-architecture $(ARCH); apt-get update; apt-get install $(CROSS_MISSING))
endif
endif
endif

all: $(PROG_BINS) locale

# Rebuild everything when the flags change (SANITIZE=1, WERROR=1, ...).
FLAGS_STAMP	= $(O)/flags.stamp
FLAGS_NOW	= $(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS)
$(shell mkdir -p $(O) && \
	echo '$(FLAGS_NOW)' | cmp -s - $(FLAGS_STAMP) || \
	echo '$(FLAGS_NOW)' > $(FLAGS_STAMP))

$(O)/%.o: %.c $(FLAGS_STAMP)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(PKG_CFLAGS_$(firstword $(subst /, ,$(patsubst src/%,%,$(patsubst tests/unit/%,%,$(*D)))))) -c -o $@ $<

$(LIBBBT): $(LIB_OBJS)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && $(AR) rcs $@ $^

define PROG_template
$(1)_OBJS	:= $$($(1)_SRCS:%.c=$(O)/%.o)
$(1)_LIBOBJS	:= $$(filter-out $(O)/src/$(1)/main.o,$$($(1)_OBJS))
PKG_CFLAGS_$(1)	:= $$(shell $(PKG_CONFIG) --cflags $$($(1)_PKGS) $(LIB_PKGS))
$(1)_LDLIBS	:= $$(if $$(strip $$($(1)_PKGS)),$$(shell $(PKG_CONFIG) --libs $$($(1)_PKGS))) $$($(1)_LIBS) $(LIB_LDLIBS)
$(BIN)/$(1): $$($(1)_OBJS) $(LIBBBT)
	@mkdir -p $(BIN)
	@$$(if $(Q),echo "  LD      $$@")
	$(Q)$$(CC) $(ALL_LDFLAGS) -o $$@ $$($(1)_OBJS) $(LIBBBT) $$($(1)_LDLIBS)
$(1)_UNIT_SRCS	:= $$(sort $$(wildcard tests/unit/$(1)/test_*.c))
$(1)_UNIT_BINS	:= $$($(1)_UNIT_SRCS:tests/unit/%.c=$(O)/tests/unit/%)
UNIT_BINS	+= $$($(1)_UNIT_BINS)
$(O)/tests/unit/$(1)/%: $(O)/tests/unit/$(1)/%.o $$($(1)_LIBOBJS) $(LIBBBT)
	$(Q)$$(CC) $(ALL_LDFLAGS) -o $$@ $$^ $$($(1)_LDLIBS) $$(CMOCKA_LIBS)
endef

# ---- Unit tests -----------------------------------------------------------
CMOCKA_LIBS	:= $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)
PKG_CFLAGS_unit	:= $(shell $(PKG_CONFIG) --cflags cmocka $(LIB_PKGS) 2>/dev/null)
LIB_UNIT_SRCS	:= $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS	:= $(LIB_UNIT_SRCS:tests/unit/%.c=$(O)/tests/unit/%)
$(foreach p,$(PROGS),$(eval $(call PROG_template,$(p))))

$(O)/tests/unit/test_%: $(O)/tests/unit/test_%.o $(LIBBBT)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(LIB_LDLIBS)

unit: $(UNIT_BINS) locale
	$(Q)sh tests/run-unit.sh $(UNIT_BINS)

integration: all
	$(Q)bash tests/run-integration.sh $(TESTS)

# ---- Translations ----------------------------------------------------------
PO_PARTS	:= $(sort $(wildcard po/zh_CN/*.po))
MO		= $(LOCDIR)/zh_CN/LC_MESSAGES/bbtools.mo
locale: $(MO)
build/po/zh_CN.po: $(PO_PARTS)
	@mkdir -p $(@D)
	$(Q)msgcat --use-first -o $@.tmp$$$$ $(PO_PARTS) && mv -f $@.tmp$$$$ $@
$(MO): build/po/zh_CN.po
	@mkdir -p $(@D)
	$(Q)msgfmt --check -o $@.tmp$$$$ $< && mv -f $@.tmp$$$$ $@
ALL_SRCS	= $(LIB_SRCS) $(foreach p,$(PROGS),$($(p)_SRCS))
build/po/bbtools.pot: $(ALL_SRCS)
	@mkdir -p $(@D)
	$(Q)xgettext --from-code=UTF-8 -k_ -kN_ -c/ --package-name=bbtools \
		--package-version=$(VERSION) -o $@ $(ALL_SRCS)
# Every message has a zh_CN translation: none missing, none fuzzy; and
# each command's zh_CN --help fits 80 columns (so it runs the binaries).
po-check: build/po/bbtools.pot build/po/zh_CN.po $(PROG_BINS) $(MO)
	$(Q)sh tests/po-check.sh build/po/bbtools.pot build/po/zh_CN.po \
		$(LOCDIR) $(PROG_BINS)

# ---- Man pages ---------------------------------------------------------------
MANS		:= $(sort $(wildcard man/*.[1-9]))
man-lint:
	$(Q)mandoc -Tlint -Wwarning $(MANS)

check: all po-check man-lint unit integration

# One command alone: its unit tests and integration tests (`make
# check-linecheck`; O=build/NAME keeps parallel builds apart). Every
# binary is built: the tests pipe one command into another
# (visitnote --log into qareport, pppoe-probe into bbdiag).
check-%: $(PROG_BINS) locale
	$(Q)$(if $($*_UNIT_BINS),$(MAKE) --no-print-directory $($*_UNIT_BINS))
	$(Q)sh tests/run-unit.sh $($*_UNIT_BINS)
	$(Q)bash tests/run-integration.sh tests/integration/$*
unit-%: $(BIN)/% locale
	$(Q)$(if $($*_UNIT_BINS),$(MAKE) --no-print-directory $($*_UNIT_BINS))
	$(Q)sh tests/run-unit.sh $($*_UNIT_BINS)

# ---- Fuzzing (clang libFuzzer) ---------------------------------------------
FUZZ_CC		?= clang
FUZZ_SECONDS	?= 60
FUZZ_SRCS	:= $(sort $(wildcard tests/fuzz/fuzz_*.c tests/fuzz/*/fuzz_*.c))
FUZZ_BINS	:= $(FUZZ_SRCS:tests/fuzz/%.c=build/fuzz/%)
build/fuzz/%: tests/fuzz/%.c $(LIB_SRCS) $(wildcard src/*/*.c src/*/*.h src/lib/*.h)
	@mkdir -p $(@D)
	$(Q)cmd=$(firstword $(subst /, ,$*)); \
	srcs="$(LIB_SRCS)"; pk="$(LIB_PKGS)"; \
	if [ -d src/$$cmd ]; then \
		srcs="$$srcs $$(ls src/$$cmd/*.c | grep -v '/main\.c$$')"; \
		pk="$$pk $$(make -s --no-print-directory print-pkgs-$$cmd)"; fi; \
	$(FUZZ_CC) -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
		-DBBT_FUZZ -Isrc -DVERSION='"$(VERSION)"' \
		-DLOCALEDIR='"$(LOCALEDIR)"' -DPKGDATADIR='"$(PKGDATADIR)"' \
		$$($(PKG_CONFIG) --cflags $$pk) -o $@ $< $$srcs \
		$$($(PKG_CONFIG) --libs $$pk) \
		$($(firstword $(subst /, ,$*))_LIBS) -lm
print-pkgs-%:
	@echo $($*_PKGS)
fuzz-build: $(FUZZ_BINS)
fuzz: fuzz-build
	$(Q)sh tests/run-fuzz.sh $(FUZZ_SECONDS) $(FUZZ_BINS)

# ---- Benchmarks, demo, dependencies -----------------------------------------
# One script per command, bench/<command>.sh (helpers beside it).
bench: all
	$(Q)for p in $(PROGS); do [ -f bench/$$p.sh ] || continue; \
		echo "== bench/$$p.sh"; bash bench/$$p.sh || exit 1; done

demo: all
	$(Q)bash tests/demo.sh

deps:
	@:

# ---- Install -----------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
		$(DESTDIR)$(FISHCOMPDIR) $(DESTDIR)$(PKGDATADIR)
	$(if $(PROG_BINS),install -m 755 $(PROG_BINS) $(DESTDIR)$(BINDIR))
	for m in $(MANS); do \
		s=$${m##*.}; install -m 644 $$m $(DESTDIR)$(MANDIR)/man$$s; done
	install -m 644 $(MO) $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES
	for p in $(PROGS); do \
		for f in completions/bash/$$p; do [ -f $$f ] && \
			install -m 644 $$f $(DESTDIR)$(BASHCOMPDIR); done; \
		for f in completions/zsh/_$$p; do [ -f $$f ] && \
			install -m 644 $$f $(DESTDIR)$(ZSHCOMPDIR); done; \
		for f in completions/fish/$$p.fish; do [ -f $$f ] && \
			install -m 644 $$f $(DESTDIR)$(FISHCOMPDIR); done; \
	done; true
	$(if $(strip $(foreach p,$(PROGS),$($(p)_DATA))),install -m 644 \
		$(foreach p,$(PROGS),$($(p)_DATA)) $(DESTDIR)$(PKGDATADIR))

# Never setuid: only the file capability, permitted, not effective.
# Packages lose it (dpkg-deb keeps no xattrs): the .deb's postinst sets it.
install-caps: install
	$(if $(DESTDIR),@echo "install-caps: the capability set under DESTDIR survives only a copy that keeps xattrs; a .deb sets it in its postinst (make deb)" >&2)
	for p in $(foreach p,$(PROGS),$(if $(filter 1,$($(p)_CAPS)),$(p))); do \
		setcap cap_net_raw+p $(DESTDIR)$(BINDIR)/$$p || exit 1; done

uninstall:
	for p in $(PROGS); do rm -f $(DESTDIR)$(BINDIR)/$$p \
		$(DESTDIR)$(BASHCOMPDIR)/$$p $(DESTDIR)$(ZSHCOMPDIR)/_$$p \
		$(DESTDIR)$(FISHCOMPDIR)/$$p.fish; done
	for m in $(MANS); do s=$${m##*.}; \
		rm -f $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; done
	rm -f $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/bbtools.mo
	rm -rf $(DESTDIR)$(PKGDATADIR)

clean:
	rm -rf build bin

include src/deb/deb.mk

# Keep objects of unit tests between runs.
.SECONDARY:

.PHONY: all check unit integration locale po-check man-lint fuzz fuzz-build \
	bench demo deps install install-caps uninstall clean deb deb-clean

-include $(shell find $(O) -name '*.d' 2>/dev/null)
