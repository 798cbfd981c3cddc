#!/bin/bash
# The BRAS VM the PPPoE session tests run against builds from Debian
# packages, boots, answers discovery and opens and closes a session.
. "$BBT_TOP/tests/lib.sh"
exec bash "$BBT_TOP/tests/lab/bras-vm/selftest.sh"
