# SPDX-License-Identifier: MIT
# The wifi-vm lab for a test (source it after tests/lib.sh):
# wifi_lab_up DIR boots the guest in DIR with this build's linecheck, or
# skips the test when the lab cannot run here (wifi.sh says why, exit
# 69); the guest is stopped at exit. WIFI_LAB is wifi.sh, for exec.
WIFI_LAB=$BBT_TOP/tests/lab/wifi-vm/wifi.sh
wifi_lab_up() {
	"$WIFI_LAB" start "$1" --bin "$BBT_BIN/linecheck" 2>"$T/start.err"
	case $? in
	0) ;;
	69) skip "wifi-vm cannot run here: $(tail -n1 "$T/start.err")" ;;
	*) fail "wifi-vm did not start: $(cat "$T/start.err")" ;;
	esac
	at_exit "'$WIFI_LAB' stop '$1'"
}
