#!/bin/bash
# Raw sockets and pcap handles are opened in one place per command, before
# the privilege drop: a lint in the spirit of mtr's capability test.
. "$BBT_TOP/tests/lib.sh"
cd "$BBT_TOP/src"
hits=$(grep -rnE 'SOCK_RAW|pcap_activate' --include='*.c' . | grep -v '^\./lib/' || true)
[ -n "$hits" ] || skip "no raw socket or pcap code yet"
# Each file that opens one must call bbt_priv_drop() (or be the opener
# module of a command whose main.c does).
for f in $(printf '%s\n' "$hits" | cut -d: -f1 | sort -u); do
	dir=$(dirname "$f")
	grep -q 'bbt_priv_drop' "$dir"/*.c || fail "$f opens a raw socket or pcap handle but $dir never calls bbt_priv_drop()"
done
