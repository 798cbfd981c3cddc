#!/bin/bash
# PDF: every field in pdftotext, an embedded subset CJK font in pdffonts,
# a rendered page checked pixel by pixel (frames where the layout puts
# them, ink inside), a 1,000-note batch that is a valid PDF with a small
# cost per note.
. "$BBT_TOP/tests/lib.sh"
need_cmd pdftotext pdffonts pdftoppm pdfinfo python3
fc-list 2>/dev/null | grep -q 'WenQuanYi Micro Hei' || skip "needs fonts-wqy-microhei"
D=$BBT_DATA/visitnote
CHECK=$BBT_TOP/tests/integration/visitnote/pngcheck.py
mapfile -t args <"$D/long.args"

run visitnote --format pdf -o "$T/one.pdf" "${args[@]}"
assert_rc 0 "one note"
assert_eq "" "$err" "no message"
text=$(pdftotext -layout "$T/one.pdf" - | tr -d ' \n')
# Full-width punctuation as on a printed form; the long customer name
# whole (set smaller or wrapped, not cut with …).
for field in 重庆市渝北区两路街道联通公司到访留言便条 \
    尊敬的重庆市渝北区龙溪街道金紫山小区业主委员会用户： 维护 '（宽带、电话）业务，' 李工 \
    '（联系电话：023-63881234），' 中国联合网络通信有限公司重庆市分公司 \
    到访时间：2025年3月5日9时05分 离开时间：2025年3月5日9时20分 \
    我们联系不上您 感谢您的配合; do
	case $text in *"$field"*) ;; *) fail "pdftotext lacks '$field': $text" ;; esac
done
fonts=$(pdffonts "$T/one.pdf" | tail -n +3)
# cairo puts the CJK glyphs in a CID font and may add a WinAnsi subset for
# Latin text; both are subsets of the one font, embedded.
assert_match '^[A-Z]{6}\+WenQuanYiMicroHei +CID TrueType +Identity-H +yes +yes +yes ' "$fonts" "embedded CJK subset with ToUnicode"
printf '%s\n' "$fonts" | grep -vqE '^[A-Z]{6}\+WenQuanYiMicroHei .* yes +yes +yes ' &&
    fail "a font that is not an embedded subset: $fonts"
case $text in *…*) fail "a value cut with …: $text" ;; esac
# --seed-punctuation keeps the template's ASCII , : ( ) as the seed has them.
run visitnote --format pdf --seed-punctuation -o "$T/seed.pdf" "${args[@]}"
assert_rc 0 "--seed-punctuation"
text=$(pdftotext -layout "$T/seed.pdf" - | tr -d ' \n')
for field in '联通(宽带、电话)业务,我们' '(联系电话:023-63881234),以便' 到访时间:2025年3月5日9时05分; do
	case $text in *"$field"*) ;; *) fail "seed punctuation: no '$field': $text" ;; esac
done
# A blank pad's phone slot holds 11 handwritten digits: 24 underscores,
# about 50 mm (the text's is the seed's 14).
run visitnote --format pdf --blank 1 -o "$T/pad.pdf"
assert_rc 0 "blank pad"
assert_match '联系电话：_{24}）' "$(pdftotext "$T/pad.pdf" - | tr -d ' \n')" "phone slot for handwriting"
pages=$(pdfinfo "$T/one.pdf" | awk '/^Pages:/ { print $2 }')
assert_eq 1 "$pages" "one page"
assert_match '^Page size: +595\.2[0-9]* x 841\.8[0-9]* pts \(A4\)' "$(pdfinfo "$T/one.pdf")" "A4"

# English, the field values as given.
run visitnote --format pdf --lang en -o "$T/en.pdf" "${args[@]}"
assert_rc 0 "English"
text=$(pdftotext "$T/en.pdf" - | tr '\n' ' ')
for field in 'Unicom Company' 'Visit Note' 'Dear customer' 'could not reach you' \
    'Arrival time: 2025-03-05 09:05' 'Leaving time: 2025-03-05 09:20' 023-63881234; do
	case $text in *"$field"*) ;; *) fail "English PDF lacks '$field': $text" ;; esac
done

# Pixels: three notes on an A4 sheet, one on A6, blank pads.
run visitnote --format pdf -o "$T/three.pdf" --blank 3 --branch 重庆
assert_rc 0 "three blank pads"
pdftoppm -r 50 -png -f 1 -l 1 "$T/three.pdf" "$T/three" || fail pdftoppm
run python3 "$CHECK" "$T/three-1.png" 50 a4 3
assert_rc 0 "A4 page with three notes"
# The checker can fail: four frames are not there.
run python3 "$CHECK" "$T/three-1.png" 50 a4 4
assert_rc 1 "checker sees the missing fourth note"
assert_match 'note 4: frame incomplete' "$out" "checker message"
run visitnote --format pdf --paper a6 -o "$T/a6.pdf" "${args[@]}"
assert_rc 0 "A6"
assert_match '^Page size: +297\.6[0-9]* x 419\.5[0-9]* pts' "$(pdfinfo "$T/a6.pdf")" "A6 size"
pdftoppm -r 72 -png "$T/a6.pdf" "$T/a6" || fail pdftoppm
run python3 "$CHECK" "$T/a6-1.png" 72 a6 1
assert_rc 0 "A6 page"

# A PDF never goes to a terminal, but it may go down a pipe.
visitnote --format pdf --blank 1 | head -c 5 | grep -q '^%PDF-' || fail "PDF on stdout"

# 1,000 notes from work orders: valid, 250 A4 sheets, the last note on
# the last page, under 2 KB per note after the first.
{
	printf 'id\tcustomer\tcontact\tphone\tarrived\tleft\tservice\taction\n'
	fam=(张 王 李 赵 刘 陈 杨 黄 吴 周 徐 孙 马 朱 胡 郭)
	giv=(伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明)
	for i in $(seq 0 999); do
		printf 'W%04d\t%s%s%s\t%s工\t1%d%09d\t2025-03-05 %02d:%02d\t2025-03-05 %02d:%02d\tbroadband\tmaintain\n' \
		    $i "${fam[i % 16]}" "${giv[i / 16 % 16]}" "${giv[i * 7 % 16]}" "${fam[i * 3 % 16]}" \
		    $((3 + i % 7)) $((i * 7919 % 1000000000)) $((8 + i % 10)) $((i % 40)) \
		    $((8 + i % 10)) $((i % 40 + 15))
	done
} >"$T/orders.tsv"
head -2 "$T/orders.tsv" >"$T/first.tsv"
run visitnote --format pdf -o "$T/first.pdf" "$T/first.tsv"
assert_rc 0 "first note"
run visitnote --format pdf -o "$T/batch.pdf" "$T/orders.tsv"
assert_rc 0 "1000 notes"
info=$(pdfinfo "$T/batch.pdf" 2>&1) || fail "pdfinfo: $info"
assert_match '^Pages: +250$' "$info" "250 sheets"
last=$(tail -1 "$T/orders.tsv" | cut -f2)
pdftotext -f 250 -l 250 "$T/batch.pdf" - | grep -q "尊敬的${last}用户" || fail "last note not on the last page"
[ "$(pdftotext "$T/batch.pdf" - | grep -c '^尊敬的')" -eq 1000 ] || fail "not 1000 notes in the text"
one=$(stat -c %s "$T/first.pdf") all=$(stat -c %s "$T/batch.pdf")
per=$(((all - one) / 999))
echo "PDF: first note $one bytes, 1000 notes $all bytes, $per bytes per further note" >&2
[ "$per" -le 2048 ] || fail "$per bytes per note"
[ "$one" -le 40000 ] || fail "a one-note PDF of $one bytes: is the font subset?"
