#!/bin/bash
# Without a font that draws Chinese the PDF would be boxes: exit 70, the
# package named, no file written. A --font family fontconfig does not
# have is named in a warning. A note with a character no font has is a
# bad row, the other notes print.
. "$BBT_TOP/tests/lib.sh"
need_cmd pdftotext pdfinfo
fc-list 2>/dev/null | grep -q 'WenQuanYi Micro Hei' || skip "needs fonts-wqy-microhei"
mkdir "$T/w" && cd "$T/w" || fail "no work dir"

# A fontconfig with DejaVu only, and one with no font at all.
for dirs in /usr/share/fonts/truetype/dejavu ""; do
	cat >"$T/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>${dirs:+<dir>$dirs</dir>}<cachedir>$T/fccache</cachedir></fontconfig>
CONF
	echo old >pad.pdf
	FONTCONFIG_FILE=$T/fonts.conf run visitnote --format pdf --blank 1 -o pad.pdf
	assert_rc 70 "no CJK font (${dirs:-no font})"
	assert_match '^visitnote: the font .* has no Chinese characters, the PDF would print boxes: install fonts-wqy-microhei, or name a CJK font with --font$' "$err" "package named"
	assert_eq old "$(cat pad.pdf)" "nothing written"
	assert_eq pad.pdf "$(ls)" "no temporary left"
done

# English notes need no Chinese font; with no font at all, every note
# is a bad row.
FONTCONFIG_FILE=$T/fonts.conf run visitnote --format pdf --lang en --blank 1 -o en.pdf
assert_rc 65 "English, no font at all"
assert_match '^visitnote: the font \(none\) has no glyph for a character of this note$' "$err" "no font"
if [ -d /usr/share/fonts/truetype/dejavu ]; then
	sed -i 's|<fontconfig>|&<dir>/usr/share/fonts/truetype/dejavu</dir>|' "$T/fonts.conf"
	FONTCONFIG_FILE=$T/fonts.conf run visitnote --format pdf --lang en --blank 1 -o en.pdf
	assert_rc 0 "English with DejaVu only"
fi
rm -f en.pdf

run visitnote --format pdf --blank 1 -o pad.pdf --font 'No Such Font SC'
assert_rc 0 "unknown --font"
assert_eq "visitnote: font 'No Such Font SC' not found; using WenQuanYi Micro Hei" "$err" "unknown font named"
run visitnote --format pdf --blank 1 -o pad.pdf --font 'wenquanyi micro hei'
assert_rc 0 "--font in another case"
assert_eq "" "$err" "a known family: no warning"

# U+20000 (CJK extension B) is in no installed font: that row is left out.
printf 'customer\tcontact\tphone\tarrived\tleft\n' >rare.tsv
printf '%s\t李工\t13812345678\t2025-03-05 09:05\t2025-03-05 09:20\n' 张三 $'张\U20000' 李四 >>rare.tsv
run visitnote --format pdf -o rare.pdf --log rare.log rare.tsv
assert_rc 65 "a character no font has"
assert_eq "visitnote: rare.tsv:3: the font WenQuanYi Micro Hei has no glyph for a character of this note" "$err" "row named"
assert_eq "尊敬的张三用户：
尊敬的李四用户：" "$(pdftotext rare.pdf - | grep '^尊敬的')" "the other notes printed"
assert_eq "张三 李四" "$(cut -f5 rare.log | paste -sd ' ')" "and logged"
