# bbdiag: fault diagnosis from check records and observations.
PROGS += bbdiag
bbdiag_SRCS := $(sort $(wildcard src/bbdiag/*.c))
bbdiag_PKGS :=
bbdiag_LIBS := -lm
bbdiag_DATA := src/bbdiag/faults.catalog
