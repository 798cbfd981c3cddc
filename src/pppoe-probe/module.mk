# pppoe-probe: PPPoE discovery and account test over libpcap.
PROGS += pppoe-probe
pppoe-probe_SRCS := $(sort $(wildcard src/pppoe-probe/*.c))
pppoe-probe_PKGS := libpcap nettle libcares
pppoe-probe_LIBS := -lm
pppoe-probe_CAPS := 1
