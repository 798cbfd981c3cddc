# bbdiag: fault diagnosis from check records and observations.
PROGS += bbdiag
bbdiag_SRCS := $(sort $(wildcard src/bbdiag/*.c))
bbdiag_PKGS :=
bbdiag_LIBS := -lm
bbdiag_DATA := src/bbdiag/faults.catalog
# The compiled-in catalogue (.incbin): rebuild when the file changes.
# This rule is read before the Makefile's "all", so name the default.
.DEFAULT_GOAL := all
$(O)/src/bbdiag/embed.o: src/bbdiag/faults.catalog
