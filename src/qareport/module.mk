# qareport: quality KPIs from work-order tables.
PROGS += qareport
qareport_SRCS := $(sort $(wildcard src/qareport/*.c))
qareport_PKGS := zlib
qareport_LIBS := -lpthread -lm
