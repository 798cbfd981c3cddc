# SPDX-License-Identifier: MIT
# `make deb`: the Debian binary packages bbtools_VERSION_ARCH.deb and its
# -dbgsym, for the native ARCH or, with ARCH=arm64, cross-built. Built
# with PREFIX=/usr and Debian's hardening flags in build/deb/ARCH, so bin/
# and the objects of the tests stay as they are.

DEB_DIR		= build/deb/$(ARCH)
DEB_OUT		?= build/deb
# Debian's hardening flags, all of them (PIE, bindnow, fortify, ...).
DEB_FLAGS	= DEB_BUILD_MAINT_OPTIONS=hardening=+all DEB_HOST_ARCH=$(ARCH) \
		  dpkg-buildflags

deb:
	@if [ -n "$$(git status --porcelain 2>/dev/null)" ]; then \
		echo "deb: warning: the tree has uncommitted changes; the package is built from them" >&2; fi
	$(Q)$(MAKE) --no-print-directory ARCH=$(ARCH) PREFIX=/usr SANITIZE=0 WERROR=0 \
		O=$(DEB_DIR)/obj BIN=$(DEB_DIR)/bin \
		CFLAGS="$$($(DEB_FLAGS) --get CFLAGS)" \
		CPPFLAGS="$$($(DEB_FLAGS) --get CPPFLAGS)" \
		LDFLAGS="$$($(DEB_FLAGS) --get LDFLAGS)" all
	$(Q)rm -rf $(DEB_DIR)/root
	$(Q)$(MAKE) --no-print-directory -s ARCH=$(ARCH) PREFIX=/usr SANITIZE=0 \
		O=$(DEB_DIR)/obj BIN=$(DEB_DIR)/bin DESTDIR=$(CURDIR)/$(DEB_DIR)/root \
		CFLAGS="$$($(DEB_FLAGS) --get CFLAGS)" \
		CPPFLAGS="$$($(DEB_FLAGS) --get CPPFLAGS)" \
		LDFLAGS="$$($(DEB_FLAGS) --get LDFLAGS)" install
	$(Q)sh src/deb/build-deb.sh $(ARCH) $(VERSION) $(DEB_DIR) $(DEB_OUT) \
		"$(STRIP)" "$(OBJCOPY)" $(PROGS)

deb-clean:
	rm -rf build/deb
