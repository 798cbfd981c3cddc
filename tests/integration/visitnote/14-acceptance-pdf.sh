#!/bin/bash
# --acceptance --format pdf: one A4 page with the measured values, the
# verdicts and the Chinese text in an embedded CJK subset font, rendered
# by pdftoppm with ink where the title, the lines and the signatures go.
. "$BBT_TOP/tests/lib.sh"
need_cmd pdftotext pdffonts pdftoppm pdfinfo python3
fc-list 2>/dev/null | grep -q 'WenQuanYi Micro Hei' || skip "needs fonts-wqy-microhei"
D=$BBT_DATA/visitnote
who=(--customer 张三 --action install --tech 李工)

run visitnote --acceptance --format pdf "${who[@]}" -o "$T/pass.pdf" "$D/accept-pass.tsv"
assert_rc 0 "passing sheet"
assert_eq "" "$err" "no message"
info=$(pdfinfo "$T/pass.pdf")
assert_match '^Pages: +1$' "$info" "one page"
assert_match '^Page size: +595\.2[0-9]* x 841\.8[0-9]* pts \(A4\)' "$info" "A4"
assert_match '^Title: +宽带装机验收单$' "$info" "title metadata"
text=$(pdftotext -layout "$T/pass.pdf" - | tr -d ' \n')
for field in 宽带装机验收单 工单号：WO-2026-0815 用户：张三 测试时间：2026年12月6日10时12分 \
    1000Mbit/s，全双工 -19.3dBm 认证成功（chap），地址10.81.4.27 DNS10.6ms \
    287.4Mbit/s，为签约300Mbit/s的0.95 29.1Mbit/s 规则：实测≥0.8×签约速率300Mbit/s \
    验收结论：合格 装维人员：李工 用户签字 装维人员签字; do
	case $text in *"$field"*) ;; *) fail "pdftotext lacks '$field': $text" ;; esac
done
fonts=$(pdffonts "$T/pass.pdf" | tail -n +3)
assert_match '^[A-Z]{6}\+WenQuanYiMicroHei.* +CID TrueType +Identity-H +yes +yes +yes ' "$fonts" "embedded CJK subset"

# Pixels: ink in the title band, in the six lines and at the foot where
# the signatures are; a blank page fails the same check.
cat >"$T/ink.py" <<'PY'
import sys
def pgm(path):
    with open(path, 'rb') as f:
        data = f.read()
    parts = data.split(maxsplit=4)
    assert parts[0] == b'P5', 'not a binary PGM'
    w, h = int(parts[1]), int(parts[2])
    return w, h, parts[4][:w * h]
w, h, px = pgm(sys.argv[1])
def ink(y0, y1):	# share of dark pixels in a band of the page height
    rows = px[int(y0 * h) * w:int(y1 * h) * w]
    return sum(1 for b in rows if b < 128) / max(1, len(rows))
bands = {'title': (0.05, 0.12), 'lines': (0.25, 0.60), 'signatures': (0.80, 0.95)}
bad = [n for n, (a, b) in bands.items() if ink(a, b) < 0.002]
if bad:
    print('no ink in: ' + ', '.join(bad))
    sys.exit(1)
PY
pdftoppm -r 50 -gray "$T/pass.pdf" "$T/pass" || fail pdftoppm
run python3 "$T/ink.py" "$T/pass-1.pgm"
assert_rc 0 "ink where the sheet has text: $out"
python3 -c 'import sys; sys.stdout.buffer.write(b"P5 100 141 255\n" + b"\xff" * 14100)' >"$T/blank.pgm"
run python3 "$T/ink.py" "$T/blank.pgm"
assert_rc 1 "the checker fails a blank page"
assert_eq "no ink in: title, lines, signatures" "$out" "checker message"

# A failed sheet says so; English with --lang en.
run visitnote --acceptance --format pdf "${who[@]}" -o "$T/slow.pdf" "$D/accept-slow.tsv"
assert_rc 1 "failing sheet"
text=$(pdftotext "$T/slow.pdf" - | tr -d ' \n')
case $text in *验收结论：不合格（下行速率）*) ;; *) fail "no failed verdict: $text" ;; esac
run visitnote --acceptance --format pdf --lang en "${who[@]}" -o "$T/en.pdf" "$D/accept-missing.tsv"
assert_rc 1 "English sheet"
text=$(pdftotext "$T/en.pdf" - | tr '\n' ' ')
for field in 'Broadband Installation Acceptance' 'Dial-up' 'not measured: FAIL' \
    'Verdict: FAIL (Dial-up, Download)' "Customer's signature"; do
	case $text in *"$field"*) ;; *) fail "English PDF lacks '$field': $text" ;; esac
done
# Never to a terminal; a pipe is fine.
visitnote --acceptance --format pdf "$D/accept-pass.tsv" | head -c 5 | grep -q '^%PDF-' || fail "PDF on stdout"
