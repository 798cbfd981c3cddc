#!/bin/bash
# The PDF as printed: pages rendered by pdftoppm at 72 dpi and compared
# with reference PNGs in tests/data/visitnote/pdf/ by pngdiff.py (a 3 x 3
# blur, then at most 0.2 % of the pixels and 8 pixels in any 4 x 4 mm
# window more than 32/255 apart): a note on A6, a blank pad on A6, an
# acceptance sheet on A4. What does not show (the creation date, the
# producer, the font subsets' tags) changes nothing; a changed digit of
# the phone, a page moved by 1 mm and another paper are each reported,
# with where and how much.
#
# After a deliberate change to the PDF's look, BBT_PDF_REGEN=1 rewrites
# the references (4-bit grey); look at them before committing. They are
# rendered with the fonts-wqy-microhei and poppler-utils of Debian 12,
# which .ci/deps installs.
. "$BBT_TOP/tests/lib.sh"
need_cmd pdftoppm pdfinfo python3
fc-list 2>/dev/null | grep -q 'WenQuanYi Micro Hei' || skip "needs fonts-wqy-microhei"
D=$BBT_DATA/visitnote
R=$D/pdf
DIFF=$BBT_TOP/tests/integration/visitnote/pngdiff.py
mapfile -t args <"$D/long.args"
who=(--customer 张三 --action install --tech 李工)
# A fixed date, so that only the "invisible" run below changes it.
export SOURCE_DATE_EPOCH=1741136700

# page NAME PDF [pdftoppm options]: renders the first page to $T/NAME.png.
page() {
	local name=$1 pdf=$2
	shift 2
	pdftoppm -r 72 -singlefile -png "$@" "$pdf" "$T/$name" || fail "pdftoppm $pdf"
}
# same NAME PNG: the page matches reference NAME (or becomes it).
same() {
	if [ "${BBT_PDF_REGEN:-0}" = 1 ]; then
		python3 "$DIFF" --store "$R/$1.png" "$2" || fail "storing $1"
		return 0
	fi
	[ -f "$R/$1.png" ] || fail "missing reference $R/$1.png (BBT_PDF_REGEN=1 makes it)"
	run python3 "$DIFF" "$R/$1.png" "$2"
	assert_rc 0 "$1 as rendered"
}

run visitnote --format pdf --paper a6 -o "$T/note.pdf" "${args[@]}"
assert_rc 0 "note"
page note "$T/note.pdf"
same note-a6 "$T/note.png"
run visitnote --format pdf --paper a6 --blank 1 --branch 重庆 -o "$T/pad.pdf"
assert_rc 0 "blank pad"
page pad "$T/pad.pdf"
same pad-a6 "$T/pad.png"
run visitnote --acceptance "${who[@]}" --format pdf -o "$T/sheet.pdf" "$D/accept-pass.tsv"
assert_rc 0 "acceptance sheet"
page sheet "$T/sheet.pdf"
same sheet-a4 "$T/sheet.png"
[ "${BBT_PDF_REGEN:-0}" = 1 ] && exit 0

# Invisible: another creation date makes another file, the same page.
SOURCE_DATE_EPOCH=1000000000 visitnote --format pdf --paper a6 -o "$T/date.pdf" "${args[@]}" ||
    fail "note with another date"
cmp -s "$T/note.pdf" "$T/date.pdf" && fail "the date did not change the PDF"
page date "$T/date.pdf"
same note-a6 "$T/date.png"

# Invisible too: another producer and other subset tags of the fonts
# (what another cairo writes), the bytes replaced in place.
python3 - "$T/note.pdf" "$T/font.pdf" <<'PY' || fail "rewriting the PDF"
import re, sys
pdf = open(sys.argv[1], "rb").read()
tags = set(re.findall(rb"/([A-Z]{6})\+WenQuanYi", pdf))
assert tags and b"(cairo 1." in pdf
for t in tags:
    pdf = pdf.replace(t + b"+", t[::-1] + b"+")
open(sys.argv[2], "wb").write(pdf.replace(b"(cairo 1.", b"(cairX 9."))
PY
cmp -s "$T/note.pdf" "$T/font.pdf" && fail "the PDF was not rewritten"
page font "$T/font.pdf"
same note-a6 "$T/font.png"
assert_match 'Producer: +cairX 9' "$(pdfinfo "$T/font.pdf")" "rewritten producer"

# Visible: one digit of the phone (023-63881234 -> ...35) is caught and
# located (the phone sits about 60 mm down, 73 mm across).
run visitnote --format pdf --paper a6 -o "$T/digit.pdf" "${args[@]/%1234/1235}"
assert_rc 0 "note with another phone"
page digit "$T/digit.pdf"
run python3 "$DIFF" "$R/note-a6.png" "$T/digit.png"
assert_rc 1 "one changed digit"
assert_match 'DIFFERS: [0-9]+ of 125160 pixels differ .*all inside x 7[0-9]-7[0-9] mm, y [56][0-9]-6[0-9] mm' \
    "$out" "where the digit changed"
# The whole page 1 mm to the right (3 px at 72 dpi) or 1 mm down.
page right "$T/note.pdf" -x -3 -y 0 -W 298 -H 420
run python3 "$DIFF" "$R/note-a6.png" "$T/right.png"
assert_rc 1 "page 1 mm to the right"
assert_match 'DIFFERS: [0-9]+ of 125160 pixels differ \([0-9.]+ %' "$out" "share of a shift"
page down "$T/sheet.pdf" -x 0 -y -3 -W 596 -H 842
run python3 "$DIFF" "$R/sheet-a4.png" "$T/down.png"
assert_rc 1 "sheet 1 mm down"
# Another paper: the sizes are named.
run visitnote --format pdf -o "$T/a4.pdf" "${args[@]}"
page a4 "$T/a4.pdf"
run python3 "$DIFF" "$R/note-a6.png" "$T/a4.png"
assert_rc 1 "A4 against A6"
assert_match 'page is 596x842 px, the reference 298x420 px' "$out" "size message"
# Not a PNG: exit 2 with the reason.
run python3 "$DIFF" "$R/note-a6.png" "$T/note.pdf"
assert_rc 2 "not a PNG"
assert_match 'not a PNG file' "$err" "bad input message"
