#!/bin/sh
# SPDX-License-Identifier: MIT
# Seeds of fuzz_nl80211 from the nl80211 replies recorded in the wifi-vm
# lab (tests/data/linecheck/wifi/*.hex: "what HEX" per message): one seed
# per recording, and one with every message.
here=$(dirname "$0")
data=$here/../../data/linecheck/wifi
out=$here/fuzz_nl80211.corpus
mkdir -p "$out"
for f in "$data"/*.hex; do
	awk '{ print $2 }' "$f" | xxd -r -p >"$out/$(basename "$f" .hex)"
done
cat "$data"/*.hex | awk '{ print $2 }' | xxd -r -p >"$out/all"
