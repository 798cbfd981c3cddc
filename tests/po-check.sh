#!/bin/sh
# Every message in the sources has a zh_CN translation, none fuzzy.
pot=$1 po=$2
msgcmp --use-untranslated "$po" "$pot" 2>/tmp/po-check.$$ || {
	# msgcmp names the missing msgids; show them and fail.
	cat /tmp/po-check.$$ >&2; rm -f /tmp/po-check.$$
	echo "po-check: messages missing from po/zh_CN/*.po (see above)" >&2
	exit 1
}
rm -f /tmp/po-check.$$
stats=$(msgattrib --untranslated "$po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy "$po" | grep -c '^msgid ' || true)
if [ "$stats" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
	msgattrib --untranslated "$po" >&2
	echo "po-check: $stats untranslated, $fuzzy fuzzy in zh_CN" >&2
	exit 1
fi
n=$(grep -c '^msgid ' "$pot")
echo "po-check: all $((n - 1)) messages translated to zh_CN"
