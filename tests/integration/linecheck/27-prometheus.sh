#!/bin/bash
# --format=prometheus on a dual-stack line with two names to resolve: every
# series unique (ip.address, ip.route, gw.ping and http.get once per
# family, dns.resolve once per name), the whole file a valid exposition
# (promcheck.py: what node_exporter's textfile collector rejects).
. "$BBT_TOP/tests/lib.sh"
. "$BBT_TOP/tests/lab/linecheck/lab.sh"
lab_need
lab_up
run "${LC[@]}" --target v4only.example.test --format=prometheus --count 5 \
    --skip=mtu
assert_rc 0 "prometheus"
prom=$out
run python3 "$LAB_SRC/promcheck.py" <<<"$prom"
assert_eq "" "$out" "promcheck.py"
assert_rc 0 "promcheck.py"
assert_match '^bbtools_check_status\{tool="linecheck",name="ip.address",target="eth0",family="inet"\} 0$' "$prom"
assert_match '^bbtools_check_status\{tool="linecheck",name="ip.address",target="eth0",family="inet6"\} 0$' "$prom"
assert_match '^bbtools_check_status\{tool="linecheck",name="dns.resolve",target="192.168.77.1",query="v4only.example.test"\} 0$' "$prom"
assert_match '^bbtools_check_value\{tool="linecheck",name="http.get",target="https://www.example.test/",family="inet6",unit="ms"\} [0-9.]+$' "$prom"
# -o FILE: the same exposition in the file, replaced atomically (written
# as nobody after the drop), nothing on standard output.
mkdir -m 755 "$T/p" && chown nobody:nogroup "$T/p" || fail "output directory"
echo old >"$T/p/lc.prom"
run "${LC[@]}" --target v4only.example.test --format=prometheus --count 5 \
    --skip=mtu -o "$T/p/lc.prom"
assert_rc 0 "prometheus -o"
assert_eq "" "$out" "stdout with -o"
run python3 "$LAB_SRC/promcheck.py" <"$T/p/lc.prom"
assert_eq "" "$out" "promcheck.py on the -o file"
assert_match '^bbtools_check_status\{tool="linecheck",name="ip.address",target="eth0",family="inet"\} 0$' "$(cat "$T/p/lc.prom")"
assert_eq "lc.prom" "$(ls -A "$T/p")" "no temporary left"
