#!/bin/sh
# Every message in the sources has a zh_CN translation, none fuzzy; and
# under zh_CN each command's --help and --usage are Chinese throughout
# (argp's own words too), no line is wider than 80 display columns or
# holds only spaces, and the text ends with a newline.
# Usage: po-check.sh POT PO [LOCALEDIR BINARY...]
pot=$1 po=$2
shift 2
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

[ $# -gt 0 ] || exit 0
BBTOOLS_LOCALEDIR=$1 LANGUAGE=zh_CN LC_ALL=C.UTF-8
export BBTOOLS_LOCALEDIR LANGUAGE LC_ALL
shift
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
bad=0
# argp's English, which would show that its strings missed our catalogue.
english='Usage:|  or: |OPTION\.\.\.|Give this help|Give a short|Print program|Mandatory or optional|Try `'
for bin; do
	cmd=${bin##*/}
	for o in --help --usage; do
		if ! "$bin" $o >"$tmp/out" 2>"$tmp/err"; then
			echo "po-check: $cmd $o failed under zh_CN" >&2
			cat "$tmp/err" >&2; bad=1; continue
		fi
		if [ "$(tail -c 1 "$tmp/out" | od -An -c | tr -d ' ')" != '\n' ]; then
			echo "po-check: $cmd $o: no newline at the end" >&2; bad=1
		fi
		if grep -nE '^ +$|[[:space:]]$' "$tmp/out" >&2; then
			echo "po-check: $cmd $o: blank or trailing-space lines (above)" >&2
			bad=1
		fi
		if grep -nE "$english" "$tmp/out" >&2; then
			echo "po-check: $cmd $o: argp's English under zh_CN (above)" >&2
			bad=1
		fi
		# wc -L counts display columns (CJK 2) in a UTF-8 locale.
		if [ "$(wc -L <"$tmp/out")" -gt 80 ]; then
			while IFS= read -r l; do
				[ "$(printf '%s\n' "$l" | wc -L)" -gt 80 ] &&
				    printf '%s\n' "$l" >&2
			done <"$tmp/out"
			echo "po-check: $cmd $o: lines wider than 80 columns (above)" >&2
			bad=1
		fi
	done
	"$bin" --no-such-option >/dev/null 2>"$tmp/err"
	if grep -E "$english" "$tmp/err" >&2; then
		echo "po-check: $cmd: usage error in English under zh_CN" >&2
		bad=1
	fi
done
[ $bad -eq 0 ] || exit 1
echo "po-check: --help and --usage of $# commands Chinese, within 80 columns"
