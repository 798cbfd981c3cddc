# linecheck: the whole connection checked at once (netlink, pcap, ICMP,
# c-ares, libcurl).
PROGS += linecheck
linecheck_SRCS := $(sort $(wildcard src/linecheck/*.c))
linecheck_PKGS := libnl-3.0 libnl-route-3.0 libnl-genl-3.0 libpcap libcurl libcares
linecheck_LIBS := -lm -liperf
linecheck_CAPS := 1
