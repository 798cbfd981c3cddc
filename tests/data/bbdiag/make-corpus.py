#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Writes corpus.rec: the bbdiag case corpus. Each case is a case record,
# a "#expect<TAB>FAULT<TAB>SIDE" comment (read by the integration test)
# and check/obs records exactly as linecheck and pppoe-probe print them
# (the check-name contract of bbt-record(5)). Rerun after editing:
#   python3 tests/data/bbdiag/make-corpus.py > tests/data/bbdiag/corpus.rec
import sys

AC = "02:00:5e:10:00:01"
T = "2026-11-24T10:00:00+08:00"

def c(name, target, status, value="-", unit="-", detail="-"):
    return "\t".join(["check", name, target, status, value, unit, detail])

def o(key, value, detail="-"):
    return "\t".join(["obs", key, value, detail])

# ---- building blocks ----------------------------------------------------------
CARRIER_UP = c("link.carrier", "eth0", "ok", "up", "-", "operstate=up")
CARRIER_DOWN = c("link.carrier", "eth0", "critical", "down", "-", "operstate=down")
SPEED_OK = c("link.speed", "eth0", "ok", "1000", "Mbit/s", "duplex=full autoneg=on supported=1000")
DUPLEX_OK = c("link.duplex", "eth0", "ok", "full")
ERR_OK = c("link.errors", "eth0", "ok", "0", "frames", "rx_crc=0 rx_frame=0 rx_dropped=0 collisions=0 window_ms=2000")
MTU = c("link.mtu", "eth0", "info", "1500", "bytes")
ADDR_OK = c("ip.address", "eth0", "ok", "192.168.1.23/24", "-", "family=inet linklocal=no")
ROUTE_OK = c("ip.route", "eth0", "ok", "192.168.1.1", "-", "family=inet")
OFFER_OK = c("dhcp.offer", "192.168.1.1", "ok", "192.168.1.23", "-", "time_ms=12 router=192.168.1.1 dns=192.168.1.1")
SERVERS_OK = c("dhcp.servers", "eth0", "ok", "1", "-", "servers=192.168.1.1")
ARP_OK = c("arp.duplicate", "192.168.1.23", "ok", "-", "-", "mac=-")
GW_OK = c("gw.ping", "192.168.1.1", "ok", "0", "%", "sent=5 received=5 rtt_min=0.4 rtt_avg=0.6 rtt_max=0.9 jitter=0.1")
DNS_OK = c("dns.resolve", "192.168.1.1", "ok", "14", "ms", "name=www.example.com rcode=NOERROR answer=93.184.216.34")
HTTP_OK = c("http.get", "http://www.example.com/", "ok", "85", "ms", "status=200 connect_ms=20 tls_ms=- error=-")
HTTPIP_OK = c("http.get", "http://93.184.216.34/", "ok", "70", "ms", "status=200 connect_ms=18 tls_ms=- error=-")
MTUP_OK = c("mtu.path", "192.168.1.1", "ok", "1472", "bytes", "expected=1472 blackhole=no")

LINECHECK_OK = [CARRIER_UP, SPEED_OK, DUPLEX_OK, ERR_OK, MTU, ADDR_OK, ROUTE_OK,
                OFFER_OK, SERVERS_OK, ARP_OK, GW_OK, DNS_OK, HTTP_OK, MTUP_OK]

def lc(**repl):
    """linecheck's healthy output with some checks replaced (None = left out)."""
    out = []
    for r in LINECHECK_OK:
        name = r.split("\t")[1]
        key = name.replace(".", "_")
        if key in repl:
            v = repl.pop(key)
            if v is None:
                continue
            out.extend(v if isinstance(v, list) else [v])
        else:
            out.append(r)
    assert not repl, repl
    return out

DISC_OK = c("pppoe.discovery", "eth0", "ok", "1", "-", "padi_sent=1 timeout_ms=5000 vlan=- other_pppoe=yes filtered=0")
PADO_OK = c("pppoe.pado", AC, "ok", "3", "ms", "ac=bbt-bras services=internet cookie=01020304 relay=- max_payload=- vlan=- dup=0")
PADS_OK = c("pppoe.pads", AC, "ok", "4660", "-", "service=internet")
LCP_OK = c("ppp.lcp", AC, "ok", "-", "-", "mru=1492 auth=pap result=ok")
def AUTH(status, result, msg=None, user="alice", method="pap"):
    d = "result=" + result + (' msg="%s"' % msg if msg else "")
    return c("ppp.auth", user, status, method, "-", d)
IPCP_OK = c("ppp.ipcp", AC, "ok", "10.64.0.10", "-", "dns1=10.64.0.1 dns2=10.64.0.2 result=ok")
CLEANUP = c("ppp.cleanup", AC, "ok", "-", "-", "padt=yes lcp_term=yes")

def skipped(name, target, after):
    return c(name, target, "skipped", "-", "-", "after=" + after)

def pp(stage="ok", auth_msg=None, auth_res="rejected", method="pap", ipcp=None, lcp=None, pads=None, pado=None, hold=None):
    """pppoe-probe --user alice output, failing at a stage."""
    out = [CARRIER_UP]
    if stage == "nopado":
        out += [c("pppoe.discovery", "eth0", "critical", "0", "-",
                  "padi_sent=3 timeout_ms=5000 vlan=- other_pppoe=no filtered=0 result=none"),
                skipped("pppoe.pads", "-", "pppoe.discovery"),
                skipped("ppp.auth", "alice", "pppoe.discovery")]
        return out
    out += [DISC_OK, pado or PADO_OK]
    if stage == "pads":
        out += [pads, skipped("ppp.lcp", AC, "pppoe.pads"), skipped("ppp.auth", "alice", "pppoe.pads")]
        return out
    out.append(PADS_OK)
    if stage == "lcp":
        out += [lcp, skipped("ppp.auth", "alice", "ppp.lcp"), CLEANUP]
        return out
    out.append(lcp or LCP_OK)
    if stage == "auth":
        out += [AUTH("critical", auth_res, auth_msg, method=method),
                skipped("ppp.ipcp", AC, "ppp.auth"), CLEANUP]
        return out
    out.append(AUTH("ok", "ok", "Login ok", method=method))
    if stage == "ipcp":
        out += [ipcp, CLEANUP]
        return out
    out.append(IPCP_OK)
    if hold:
        out.append(hold)
    out.append(CLEANUP)
    return out

cases = []
def case(cid, fault, side, recs):
    cases.append((cid, fault, side, recs))

# ---- power / hardware -------------------------------------------------------
case("cpe_no_power-1", "cpe_no_power", "cust_equip", [o("light.power", "off")])
case("cpe_no_power-2", "cpe_no_power", "cust_equip", [o("access", "adsl"), o("light.power", "off"), o("code", "678")])
case("cpe_no_power-3", "cpe_no_power", "cust_equip", [o("access", "ftth"), o("light.power", "off"),
     CARRIER_DOWN, c("ip.address", "eth0", "critical", "-", "-", "family=inet linklocal=no")])
case("cpe_faulty-1", "cpe_faulty", "op_equip", [o("light.power", "on"), o("lights", "one_only")])
case("cpe_faulty-2", "cpe_faulty", "op_equip", [o("light.lan", "off"), o("lan_swap", "still_dark")])
case("cpe_faulty-3", "cpe_faulty", "op_equip", [o("access", "adsl"), o("lights", "one_only"), o("light.lan", "off"), o("lan_swap", "still_dark")])

# ---- line / optical ------------------------------------------------------------
case("adsl_no_sync-1", "adsl_no_sync", "access_line", [o("access", "adsl"), o("light.dsl", "blink")])
case("adsl_no_sync-2", "adsl_no_sync", "access_line", [o("access", "adsl"), o("light.dsl", "off"), o("code", "678")] + pp("nopado"))
case("adsl_no_sync-3", "adsl_no_sync", "access_line", [o("access", "adsl"), o("dsl.sync", "training")])
case("adsl_unstable_sync-1", "adsl_unstable_sync", "access_line", [o("access", "adsl"), o("dsl.sync", "retrains"), o("dsl.margin", "3.5")])
case("adsl_unstable_sync-2", "adsl_unstable_sync", "access_line", [o("access", "adsl"), o("dsl.margin", "4"), o("dsl.crc", "rising")])
case("adsl_unstable_sync-3", "adsl_unstable_sync", "access_line", [o("access", "adsl"), o("dsl.sync", "retrains"), o("drops", "yes")])
case("adsl_low_rate-1", "adsl_low_rate", "access_line", [o("access", "adsl"), o("dsl.rate", "2"), o("plan", "8")])
case("adsl_low_rate-2", "adsl_low_rate", "access_line", [o("access", "adsl"), o("dsl.rate", "3.5"), o("plan", "4"), o("dsl.attn", "62")])
case("adsl_low_rate-3", "adsl_low_rate", "access_line", [o("access", "adsl"), o("dsl.sync", "showtime"), o("dsl.rate", "1"), o("plan", "20")] + pp())
case("ftth_los-1", "ftth_los", "access_line", [o("access", "ftth"), o("light.los", "red")])
case("ftth_los-2", "ftth_los", "access_line", [o("access", "ftth"), o("light.los", "blink"), o("rx_power", "-45")] + pp("nopado"))
case("ftth_los-3", "ftth_los", "access_line", [o("access", "ftth"), o("pon", "epon"), o("rx_power", "-41")])
case("ftth_low_rx_power-1", "ftth_low_rx_power", "access_line", [o("access", "ftth"), o("light.los", "off"), o("rx_power", "-25.6")])
case("ftth_low_rx_power-2", "ftth_low_rx_power", "access_line", [o("access", "ftth"), o("pon", "epon"), o("rx_power", "-22.5"), o("drops", "yes")])
case("ftth_low_rx_power-3", "ftth_low_rx_power", "access_line", [o("access", "ftth"), o("light.los", "off"), o("rx_power", "-28.2")] + pp())
case("ftth_rx_overload-1", "ftth_rx_overload", "access_line", [o("access", "ftth"), o("rx_power", "-5")])
case("ftth_rx_overload-2", "ftth_rx_overload", "access_line", [o("access", "ftth"), o("pon", "epon"), o("rx_power", "-1.5")])
case("ftth_rx_overload-3", "ftth_rx_overload", "access_line", [o("access", "ftth"), o("light.los", "off"), o("rx_power", "-6.9"), o("drops", "yes")])
case("onu_unregistered-1", "onu_unregistered", "op_equip", [o("access", "ftth"), o("light.los", "off"), o("light.pon", "blink"), o("rx_power", "-19")])
case("onu_unregistered-2", "onu_unregistered", "op_equip", [o("access", "ftth"), o("olt", "unauthorised")] + pp("nopado"))
case("onu_unregistered-3", "onu_unregistered", "op_equip", [o("light.pon", "off"), o("light.los", "off"), o("code", "651")])
case("pon_area_outage-1", "pon_area_outage", "op_network", [o("access", "ftth"), o("area", "many")])
case("pon_area_outage-2", "pon_area_outage", "op_network", [o("access", "ftth"), o("area", "many"), o("light.los", "red")])
case("pon_area_outage-3", "pon_area_outage", "op_network", [o("area", "many"), o("olt", "offline")] + pp("nopado"))

# ---- Ethernet ----------------------------------------------------------------
case("eth_no_link-1", "eth_no_link", "cust_equip", [CARRIER_DOWN,
     c("ip.address", "eth0", "critical", "-", "-", "family=inet linklocal=no"),
     skipped("dhcp.servers", "eth0", "link.carrier"), skipped("gw.ping", "-", "link.carrier")])
case("eth_no_link-2", "eth_no_link", "cust_equip", [o("light.lan", "off"), CARRIER_DOWN])
case("eth_no_link-3", "eth_no_link", "cust_equip", [CARRIER_DOWN, c("pppoe.discovery", "eth0", "critical", "0", "-",
     "padi_sent=3 timeout_ms=5000 vlan=- other_pppoe=no filtered=0"), skipped("ppp.auth", "alice", "pppoe.discovery")])
case("eth_speed_degraded-1", "eth_speed_degraded", "cust_equip", lc(link_speed=c("link.speed", "eth0", "warning", "10", "Mbit/s", "duplex=full autoneg=on supported=1000")))
case("eth_speed_degraded-2", "eth_speed_degraded", "cust_equip", lc(link_speed=c("link.speed", "eth0", "warning", "100", "Mbit/s", "duplex=full autoneg=on supported=1000")))
case("eth_speed_degraded-3", "eth_speed_degraded", "cust_equip", [CARRIER_UP, c("link.speed", "enp3s0", "warning", "100", "Mbit/s", "duplex=full autoneg=on supported=1000")])
case("duplex_mismatch-1", "duplex_mismatch", "cust_equip", lc(
    link_speed=c("link.speed", "eth0", "ok", "100", "Mbit/s", "duplex=half autoneg=off supported=100"),
    link_duplex=c("link.duplex", "eth0", "warning", "half"),
    link_errors=c("link.errors", "eth0", "warning", "37", "frames", "rx_crc=12 rx_frame=25 rx_dropped=0 collisions=140 window_ms=2000")))
case("duplex_mismatch-2", "duplex_mismatch", "cust_equip", [CARRIER_UP, c("link.duplex", "eth0", "ok", "full"), o("duplex.peer", "half")])
case("duplex_mismatch-3", "duplex_mismatch", "cust_equip", [CARRIER_UP, c("link.duplex", "eth0", "warning", "half"), o("duplex.peer", "full")])
case("cabling_crc_errors-1", "cabling_crc_errors", "cust_equip", lc(link_errors=c("link.errors", "eth0", "warning", "58", "frames", "rx_crc=58 rx_frame=0 rx_dropped=0 collisions=0 window_ms=2000")))
case("cabling_crc_errors-2", "cabling_crc_errors", "cust_equip", lc(link_errors=c("link.errors", "eth0", "critical", "1200", "frames", "rx_crc=1180 rx_frame=20 rx_dropped=3 collisions=0 window_ms=2000")))
case("cabling_crc_errors-4", "cabling_crc_errors", "cust_equip", [c("link.carrier", "eth0", "warning", "up", "-", "operstate=up carrier_changes=14 flaps=6"), DUPLEX_OK])
case("cabling_crc_errors-3", "cabling_crc_errors", "cust_equip", [CARRIER_UP, DUPLEX_OK, c("link.errors", "eth0", "warning", "9", "frames", "rx_crc=9 rx_frame=0 rx_dropped=0 collisions=0 window_ms=5000")])
case("client_nic_missing-1", "client_nic_missing", "cust_equip", [o("code", "769")])
case("client_nic_missing-2", "client_nic_missing", "cust_equip", [o("code", "814"), o("nic", "disabled")])
case("client_nic_missing-4", "client_nic_missing", "cust_equip", [c("link.carrier", "eth0", "critical", "down", "-", "operstate=down carrier_changes=0 flaps=0 admin=down")])
case("client_nic_missing-3", "client_nic_missing", "cust_equip", [o("access", "adsl"), o("code", "797"), o("light.dsl", "on")])

# ---- PPPoE discovery ----------------------------------------------------------------
case("pppoe_no_pado-1", "pppoe_no_pado", "access_line", pp("nopado"))
case("pppoe_no_pado-2", "pppoe_no_pado", "op_equip", [o("access", "adsl"), o("light.dsl", "on"), o("code", "678")] + pp("nopado"))
case("pppoe_no_pado-3", "pppoe_no_pado", "access_line", [o("code", "651")])
case("pppoe_no_pado-4", "pppoe_no_pado", "op_equip", [o("access", "ftth"), o("light.los", "off"), o("light.pon", "on")] + pp("nopado"))
case("pppoe_ac_error-1", "pppoe_ac_error", "cust_equip", pp("pads", pads=c("pppoe.pads", AC, "critical", "-", "-",
     'error=Service-Name-Error msg="RP-PPPoE: Server: Invalid service name tag"')))
case("pppoe_ac_error-2", "pppoe_ac_error", "op_network", pp("pads", pads=c("pppoe.pads", AC, "critical", "-", "-",
     'error=AC-System-Error msg="RP-PPPoE: Server: No client slots available"')))
case("pppoe_ac_error-3", "pppoe_ac_error", "op_network", pp("pads",
     pado=c("pppoe.pado", AC, "warning", "4", "ms", 'ac=bbt-bras services=internet cookie=- relay=- max_payload=- vlan=- dup=0 error=AC-System-Error msg="too many sessions"'),
     pads=c("pppoe.pads", AC, "critical", "-", "-", "error=- msg=-")))
case("client_dialer_fault-1", "client_dialer_fault", "cust_equip", [o("code", "633")])
case("client_dialer_fault-2", "client_dialer_fault", "cust_equip", [o("code", "711"), o("dialers", "several")])
case("client_dialer_fault-3", "client_dialer_fault", "cust_equip", [o("code", "619")] + pp())

# ---- LCP / authentication ---------------------------------------------------------------
case("auth_bad_password-1", "auth_bad_password", "cust_account", pp("auth", "Login incorrect"))
case("auth_bad_password-2", "auth_bad_password", "cust_account", pp("auth", "Access denied", method="chap"))
case("auth_bad_password-3", "auth_bad_password", "cust_account", [o("code", "691"), o("aaa", "密码错")])
case("auth_bad_password-4", "auth_bad_password", "cust_account", pp("auth", "E=691 R=1 C=8d3a0b6e1c2f4a5b6c7d8e9f00112233 V=3 M=Access denied", method="mschapv2"))
case("auth_no_such_user-1", "auth_no_such_user", "cust_account", pp("auth", "E=691 无此用户 no such user"))
case("auth_no_such_user-2", "auth_no_such_user", "cust_account", [o("code", "691"), o("aaa", "no_such_user")])
case("auth_no_such_user-3", "auth_no_such_user", "cust_account", pp("auth", "User does not exist"))
case("auth_arrears-1", "auth_arrears", "cust_account", pp("auth", "E=691 状态错 account in arrears"))
case("auth_arrears-2", "auth_arrears", "cust_account", pp("auth", "E=691 R=0 C=0123456789abcdef0123456789abcdef V=0 M=状态错 account in arrears", method="mschapv2"))
case("auth_arrears-3", "auth_arrears", "cust_account", [o("code", "691"), o("portal", "yes")])
case("auth_binding_mismatch-1", "auth_binding_mismatch", "cust_account", pp("auth", "绑定校验错 binding mismatch"))
case("auth_binding_mismatch-2", "auth_binding_mismatch", "cust_account", [o("code", "691"), o("aaa", "绑定校验错"), o("changed", "yes")])
case("auth_binding_mismatch-3", "auth_binding_mismatch", "op_equip", [o("changed", "no")] + pp("auth", "E=691 R=0 C=00112233445566778899aabbccddeeff V=0 M=绑定校验错 binding mismatch", method="mschapv2"))
case("auth_session_limit-1", "auth_session_limit", "cust_account", pp("auth", "超出限制的用户数 session limit"))
case("auth_session_limit-2", "auth_session_limit", "cust_account", [o("code", "691"), o("aaa", "session_limit")])
case("auth_session_limit-3", "auth_session_limit", "cust_account", [o("dialers", "several")] + pp("auth", "超出限制的用户数 session limit", method="chap"))
# A refusal whose reason no pattern knows, or none at all: never a guess.
case("auth_refused_unknown-1", "auth_refused_unknown", "cust_account", pp("auth", "Request denied (reason 0x2a)"))
case("auth_refused_unknown-2", "auth_refused_unknown", "cust_account", [o("code", "691")])
case("auth_refused_unknown-3", "auth_refused_unknown", "cust_account", pp("auth", "E=691 R=0 C=00112233445566778899aabbccddeeff V=0", method="mschapv2"))
case("bras_authz_failure-1", "bras_authz_failure", "op_network", [o("code", "691"), o("aaa", "accept")])
case("bras_authz_failure-2", "bras_authz_failure", "op_network", [o("aaa", "accept")] + pp("auth", "Access denied", method="chap"))
case("bras_authz_failure-3", "bras_authz_failure", "op_network", [o("aaa", "accept")] + pp("auth", "Login incorrect"))
# pppoe-probe --grace: IPCP up, then the AC took the session back.
case("bras_authz_failure-4", "bras_authz_failure", "op_network", pp("ipcp", ipcp=c("ppp.ipcp", AC, "critical", "10.64.0.10", "-", 'dns1=10.64.0.53 dns2=10.64.0.54 result=terminated peer=10.64.0.1 by=lcp msg="带宽模板不存在" up_ms=212 time_ms=9')))
case("bras_authz_failure-5", "bras_authz_failure", "op_network", pp("ipcp", ipcp=c("ppp.ipcp", AC, "critical", "10.64.0.10", "-", 'dns1=10.64.0.53 dns2=10.64.0.54 result=terminated peer=10.64.0.1 by=padt msg="RP-PPPoE: Child pppd process terminated" up_ms=205 time_ms=9')))
case("ppp_negotiation_timeout-1", "ppp_negotiation_timeout", "op_network", pp("lcp", lcp=c("ppp.lcp", AC, "critical", "-", "-", "mru=- auth=- result=timeout")))
case("ppp_negotiation_timeout-2", "ppp_negotiation_timeout", "op_network", pp("auth", None, auth_res="timeout"))
case("ppp_negotiation_timeout-3", "ppp_negotiation_timeout", "op_network", [o("code", "718")])

# ---- IP ----------------------------------------------------------------------------
case("bras_pool_exhausted-1", "bras_pool_exhausted", "op_network", pp("ipcp", ipcp=c("ppp.ipcp", AC, "critical", "-", "-", "dns1=- dns2=- result=terminated")))
case("bras_pool_exhausted-2", "bras_pool_exhausted", "op_network", [o("code", "734"), o("peak", "yes")])
case("bras_pool_exhausted-3", "bras_pool_exhausted", "op_network", pp("ipcp", ipcp=c("ppp.ipcp", AC, "critical", "-", "-", "dns1=- dns2=- result=timeout")))
case("bras_pool_exhausted-4", "bras_pool_exhausted", "op_network", pp("ipcp", ipcp=c("ppp.ipcp", AC, "critical", "-", "-", 'dns1=- dns2=- result=no_address peer=10.64.0.1 msg="no address after 10 Configure-Requests"')))
case("bras_pool_exhausted-5", "bras_pool_exhausted", "op_network", pp("ipcp", ipcp=c("ppp.ipcp", AC, "critical", "10.64.0.10", "-", 'dns1=10.64.0.53 dns2=10.64.0.54 result=terminated peer=10.64.0.1 by=ipcp msg="Unauthorized remote IP address" up_ms=204 time_ms=9')))
case("client_stack_broken-1", "client_stack_broken", "cust_equip", [o("code", "720")])
case("client_stack_broken-2", "client_stack_broken", "cust_equip", lc(
    ip_address=c("ip.address", "eth0", "critical", "-", "-", "family=inet linklocal=no"),
    ip_route=c("ip.route", "eth0", "critical", "-", "-", "family=inet"),
    gw_ping=skipped("gw.ping", "-", "ip.route"), dns_resolve=None, http_get=None, mtu_path=None))
case("client_stack_broken-3", "client_stack_broken", "cust_equip", [CARRIER_UP, OFFER_OK, SERVERS_OK, o("ipconfig", "apipa")])
case("dhcp_no_lease-1", "dhcp_no_lease", "cust_equip", lc(
    ip_address=c("ip.address", "eth0", "critical", "169.254.12.7/16", "-", "family=inet linklocal=yes"),
    ip_route=c("ip.route", "eth0", "critical", "-", "-", "family=inet"), dhcp_offer=None,
    dhcp_servers=c("dhcp.servers", "eth0", "critical", "0", "-", "servers=-"),
    arp_duplicate=None, gw_ping=None, dns_resolve=None, http_get=None, mtu_path=None))
case("dhcp_no_lease-2", "dhcp_no_lease", "op_equip", [o("access", "lan"), CARRIER_UP,
     c("dhcp.servers", "eth0", "critical", "0", "-", "servers=-")])
case("dhcp_no_lease-3", "dhcp_no_lease", "cust_equip", [o("access", "ftth"), o("ipconfig", "apipa"),
     c("ip.address", "eth0", "critical", "169.254.3.4/16", "-", "family=inet linklocal=yes")])
case("rogue_dhcp-1", "rogue_dhcp", "cust_equip", lc(
    dhcp_offer=[OFFER_OK, c("dhcp.offer", "192.168.0.1", "warning", "192.168.0.100", "-", "time_ms=3 router=192.168.0.1 dns=192.168.0.1")],
    dhcp_servers=c("dhcp.servers", "eth0", "warning", "2", "-", "servers=192.168.1.1,192.168.0.1")))
case("rogue_dhcp-2", "rogue_dhcp", "cust_equip", [o("access", "lan"), CARRIER_UP,
     c("dhcp.servers", "eth0", "warning", "3", "-", "servers=10.0.0.1,192.168.0.1,192.168.1.1")])
case("rogue_dhcp-4", "rogue_dhcp", "cust_equip", [CARRIER_UP, c("dhcp.offer", "192.168.0.1", "warning", "192.168.0.100", "-", "time_ms=3 router=192.168.0.1 dns=192.168.0.1 lease=86400 mac=c8:3a:35:00:00:01 rogue=yes")])
case("rogue_dhcp-3", "rogue_dhcp", "cust_equip", [CARRIER_UP, c("dhcp.servers", "eth1", "warning", "2", "-", "servers=10.1.1.1,192.168.1.1"), GW_OK])
case("ip_conflict-1", "ip_conflict", "cust_equip", lc(arp_duplicate=c("arp.duplicate", "192.168.1.23", "critical", "00:11:22:33:44:55", "-", "mac=00:11:22:33:44:55")))
case("ip_conflict-2", "ip_conflict", "cust_equip", [o("ip_conflict_msg", "yes")])
case("ip_conflict-3", "ip_conflict", "cust_equip", [CARRIER_UP, ADDR_OK, c("arp.duplicate", "192.168.1.50", "critical", "a4:5e:60:01:02:03", "-", "mac=a4:5e:60:01:02:03"),
     c("gw.ping", "192.168.1.1", "critical", "100", "%", "sent=5 received=0 rtt_min=- rtt_avg=- rtt_max=- jitter=-")])
case("gateway_unreachable-1", "gateway_unreachable", "cust_equip", lc(
    gw_ping=c("gw.ping", "192.168.1.1", "critical", "100", "%", "sent=5 received=0 rtt_min=- rtt_avg=- rtt_max=- jitter=-"),
    dns_resolve=c("dns.resolve", "192.168.1.1", "critical", "-", "ms", "name=www.example.com rcode=timeout answer=-"),
    http_get=c("http.get", "http://www.example.com/", "critical", "-", "ms", "status=- connect_ms=- tls_ms=- error=dns")))
case("gateway_unreachable-2", "gateway_unreachable", "op_equip", [o("access", "lan"), CARRIER_UP, ADDR_OK,
     c("gw.ping", "10.20.0.1", "critical", "100", "%", "sent=5 received=0 rtt_min=- rtt_avg=- rtt_max=- jitter=-")])
case("gateway_unreachable-3", "gateway_unreachable", "cust_equip", [CARRIER_UP, ADDR_OK, ROUTE_OK,
     c("gw.ping", "192.168.1.1", "critical", "100", "%", "sent=10 received=0 rtt_min=- rtt_avg=- rtt_max=- jitter=-")])

# ---- DNS, HTTP, MTU -------------------------------------------------------------------
DNS_TIMEOUT = c("dns.resolve", "192.168.1.1", "critical", "-", "ms", "name=www.example.com rcode=timeout answer=-")
case("dns_failure-1", "dns_failure", "cust_equip", lc(dns_resolve=DNS_TIMEOUT,
    http_get=[c("http.get", "http://www.example.com/", "critical", "-", "ms", "status=- connect_ms=- tls_ms=- error=dns"), HTTPIP_OK]))
case("dns_failure-2", "dns_failure", "op_network", lc(dns_resolve=[c("dns.resolve", "202.96.134.133", "critical", "3", "ms", "name=www.example.com rcode=SERVFAIL answer=-"),
    c("dns.resolve", "202.96.128.86", "critical", "4", "ms", "name=www.example.com rcode=SERVFAIL answer=-")],
    http_get=c("http.get", "http://www.example.com/", "critical", "-", "ms", "status=- connect_ms=- tls_ms=- error=dns")))
case("dns_failure-3", "dns_failure", "cust_equip", [o("qq_ok", "yes")])
case("dns_failure-4", "dns_failure", "cust_equip", [CARRIER_UP, GW_OK, DNS_TIMEOUT, c("ping.target", "223.5.5.5", "ok", "0", "%", "sent=5 received=5 rtt_min=8 rtt_avg=9 rtt_max=12 jitter=1")])
HTTP_FAIL = c("http.get", "http://www.example.com/", "critical", "-", "ms", "status=- connect_ms=- tls_ms=- error=refused")
case("http_fails_dns_ok-1", "http_fails_dns_ok", "cust_equip", lc(http_get=HTTP_FAIL))
case("http_fails_dns_ok-2", "http_fails_dns_ok", "cust_account", [o("portal", "yes"), CARRIER_UP, GW_OK, DNS_OK,
     c("http.get", "https://www.example.com/", "critical", "-", "ms", "status=302 connect_ms=20 tls_ms=- error=tls")])
case("http_fails_dns_ok-3", "http_fails_dns_ok", "cust_equip", [DNS_OK, c("http.get", "https://www.example.com/", "critical", "-", "ms", "status=- connect_ms=- tls_ms=- error=timeout")])
case("mtu_black_hole-1", "mtu_black_hole", "cust_equip", lc(mtu_path=c("mtu.path", "www.example.com", "critical", "1464", "bytes", "expected=1472 blackhole=yes")))
case("mtu_black_hole-2", "mtu_black_hole", "cust_equip", [o("https_stall", "yes")])
case("mtu_black_hole-3", "mtu_black_hole", "cust_equip", pp() + [c("mtu.path", "93.184.216.34", "warning", "1464", "bytes", "expected=1464 blackhole=yes")])
case("iptv_no_service-1", "iptv_no_service", "cust_equip", [o("iptv", "boot_stuck")])
case("iptv_no_service-2", "iptv_no_service", "op_equip", [o("iptv", "mosaic")] + LINECHECK_OK)
case("iptv_no_service-3", "iptv_no_service", "cust_equip", [o("access", "ftth"), o("iptv", "no_epg"), o("wired_ok", "yes")])

# A smaller path MTU that is signalled: linecheck warns, no fault of the
# catalogue claims it, so the case is not called healthy.
case("mtu-pmtud-warning", "unknown", "-", lc(mtu_path=c("mtu.path", "www.example.com", "warning", "1452", "bytes", "expected=1472 blackhole=no frag_mtu=1480")))

# ---- performance ------------------------------------------------------------------------
case("slow_speed-1", "slow_speed", "cust_equip", [o("speed", "35"), o("plan", "100"), o("wired_ok", "yes")])
case("slow_speed-2", "slow_speed", "op_network", [o("speed", "120"), o("plan", "300"), o("peak", "yes")] + LINECHECK_OK)
case("slow_speed-3", "slow_speed", "cust_equip", [o("speed", "40"), o("plan", "100"),
     c("gw.ping", "192.168.1.1", "warning", "4", "%", "sent=50 received=48 rtt_min=0.5 rtt_avg=35 rtt_max=180 jitter=40")])
case("layer-lowrx-over-slow", "ftth_low_rx_power", "access_line", [o("access", "ftth"), o("speed", "20"), o("plan", "100"), o("rx_power", "-24.5")])
case("frequent_drops-1", "frequent_drops", "access_line", [o("drops", "yes")])
# The AC's keepalives answered, then it hung up: the BRAS side.
case("frequent_drops-2", "frequent_drops", "op_network", pp(hold=c("ppp.hold", AC, "critical", "41000", "ms", 'hold_ms=600000 result=terminated echo_replies=8 msg="Session terminated"')))
case("frequent_drops-3", "frequent_drops", "cust_equip", [o("drops", "yes"), o("dialers", "several")])
case("wifi_weak_or_congested-1", "wifi_weak_or_congested", "cust_equip", [o("wifi_rssi", "-78"), o("wired_ok", "yes")])
case("wifi_weak_or_congested-2", "wifi_weak_or_congested", "cust_equip", [o("wifi_busy", "yes")] + LINECHECK_OK)
case("wifi_weak_or_congested-3", "wifi_weak_or_congested", "cust_equip", [o("wifi_rssi", "-81")])
case("eth_speed_vs_auth", "auth_bad_password", "cust_account",
     [c("link.speed", "eth0", "warning", "100", "Mbit/s", "duplex=full autoneg=on supported=1000")] + pp("auth", "Login incorrect"))

# ---- healthy --------------------------------------------------------------------------------
case("healthy-linecheck", "none", "-", LINECHECK_OK)
case("healthy-pppoe", "none", "-", pp())
case("healthy-both", "none", "-", [o("access", "ftth"), o("light.los", "off"), o("light.pon", "on"), o("rx_power", "-18.3")] + LINECHECK_OK + pp())
case("healthy-obs", "none", "-", [o("wired_ok", "yes"), o("speed", "95"), o("plan", "100")])

# ---- lower layer wins --------------------------------------------------------------------
case("layer-los-over-nopado", "ftth_los", "access_line", [o("light.los", "red")] + pp("nopado"))
case("layer-carrier-over-dns", "eth_no_link", "cust_equip", [CARRIER_DOWN, DNS_TIMEOUT])

# ---- contradictory --------------------------------------------------------------------------
case("conflict-los-online", "ftth_los", "access_line", [o("access", "ftth"), o("light.los", "red")] + pp())
case("conflict-power-link", "cpe_no_power", "cust_equip", [o("light.power", "off"), CARRIER_UP])
case("conflict-691-auth-ok", "none", "-", [o("code", "691")] + pp())
case("conflict-obs-twice", "ftth_los", "access_line", [o("light.los", "off"), o("light.los", "red")])
case("conflict-wired-nopado", "pppoe_no_pado", "access_line", [o("wired_ok", "yes")] + pp("nopado"))

print("# SPDX-License-Identifier: MIT")
print("# bbdiag case corpus, written by make-corpus.py: do not edit by hand.")
for cid, fault, side, recs in cases:
    print("\t".join(["case", cid, "corpus", T]))
    print("\t".join(["#expect", fault, side]))
    for r in recs:
        print(r)
