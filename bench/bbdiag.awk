# SPDX-License-Identifier: MIT
# What an admin would otherwise script: the same records, grouped by case,
# classified by a fixed table of "if this check failed / this light, then
# that fault" in bottom-up order. No weights, no evidence for or against,
# no confidence, no missing evidence, no contradictions.
#   mawk -F'\t' -f bench/bbdiag.awk cases.rec
function flush() {
	if (id == "")
		return
	f = "none"
	if (o["light.power"] == "off") f = "cpe_no_power"
	else if (o["lights"] == "one_only" || o["lan_swap"] == "still_dark") f = "cpe_faulty"
	else if (o["area"] == "many") f = "pon_area_outage"
	else if (o["light.dsl"] == "off" || o["light.dsl"] == "blink" || o["dsl.sync"] == "down" || o["dsl.sync"] == "training") f = "adsl_no_sync"
	else if (o["dsl.sync"] == "retrains" || o["dsl.crc"] == "rising" || (o["dsl.margin"] != "" && o["dsl.margin"] + 0 < 6)) f = "adsl_unstable_sync"
	else if (o["light.los"] == "red" || o["light.los"] == "blink" || (o["rx_power"] != "" && o["rx_power"] + 0 < -27)) f = "ftth_los"
	else if (o["rx_power"] != "" && o["rx_power"] + 0 < -24) f = "ftth_low_rx_power"
	else if (o["rx_power"] != "" && o["rx_power"] + 0 > -8) f = "ftth_rx_overload"
	else if (o["olt"] == "unauthorised" || o["light.pon"] == "blink") f = "onu_unregistered"
	else if (c["link.carrier"] == "critical") f = "eth_no_link"
	else if (o["code"] ~ /^(769|814|797)$/ || o["nic"] == "disabled") f = "client_nic_missing"
	else if (c["link.duplex"] == "warning") f = "duplex_mismatch"
	else if (c["link.errors"] != "" && c["link.errors"] != "ok") f = "cabling_crc_errors"
	else if (c["pppoe.discovery"] == "critical" || o["code"] ~ /^(678|651)$/) f = "pppoe_no_pado"
	else if (o["code"] ~ /^(619|633|711)$/) f = "client_dialer_fault"
	else if (c["pppoe.pads"] == "critical" || o["code"] == "815") f = "pppoe_ac_error"
	else if (auth ~ /状态错|arrears/ || o["aaa"] == "arrears") f = "auth_arrears"
	else if (auth ~ /无此用户|not exist/ || o["aaa"] == "no_such_user") f = "auth_no_such_user"
	else if (auth ~ /绑定/ || o["aaa"] == "binding") f = "auth_binding_mismatch"
	else if (auth ~ /超出限制|limit/ || o["aaa"] == "session_limit") f = "auth_session_limit"
	else if (o["aaa"] == "accept" && (o["code"] == "691" || c["ppp.auth"] == "critical")) f = "bras_authz_failure"
	else if (lcp ~ /timeout/ || auth ~ /result=timeout/ || o["code"] == "718") f = "ppp_negotiation_timeout"
	else if (c["ppp.auth"] == "critical" || o["code"] == "691") f = "auth_bad_password"
	else if ((c["ppp.auth"] == "ok" && c["ppp.ipcp"] == "critical") || o["code"] == "734") f = "bras_pool_exhausted"
	else if (o["code"] == "720") f = "client_stack_broken"
	else if (c["dhcp.servers"] == "critical" || o["ipconfig"] == "apipa") f = "dhcp_no_lease"
	else if (servers > 1) f = "rogue_dhcp"
	else if (c["arp.duplicate"] == "critical" || o["ip_conflict_msg"] == "yes") f = "ip_conflict"
	else if (c["gw.ping"] == "critical") f = "gateway_unreachable"
	else if (c["dns.resolve"] == "critical" || o["qq_ok"] == "yes") f = "dns_failure"
	else if (c["http.get"] == "critical") f = "http_fails_dns_ok"
	else if (mtu ~ /blackhole=yes/ || o["https_stall"] == "yes") f = "mtu_black_hole"
	else if (o["iptv"] ~ /boot_stuck|no_epg|mosaic/) f = "iptv_no_service"
	else if (c["link.speed"] == "warning") f = "eth_speed_degraded"
	else if (o["speed"] != "" && o["plan"] != "" && o["speed"] < o["plan"] * 0.8) f = "slow_speed"
	else if (o["drops"] == "yes" || c["ppp.hold"] == "critical") f = "frequent_drops"
	else if (o["wifi_busy"] == "yes" || (o["wifi_rssi"] != "" && o["wifi_rssi"] + 0 < -70)) f = "wifi_weak_or_congested"
	print "fault\t" id "\t1\t" f
	delete c
	delete o
	auth = lcp = mtu = ""
	servers = 0
}
$1 == "case" { if ($2 != id) { flush(); id = $2 } next }
$1 == "check" {
	if (id == "") id = "-"
	if (c[$2] != "critical") c[$2] = $4
	if ($2 == "ppp.auth") auth = $7
	else if ($2 == "ppp.lcp") lcp = $7
	else if ($2 == "mtu.path") mtu = $7
	else if ($2 == "dhcp.servers") servers = $5 + 0
	next
}
$1 == "obs" { if (id == "") id = "-"; o[$2] = $3 }
END { flush() }
