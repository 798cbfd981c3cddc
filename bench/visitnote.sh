#!/bin/bash
# SPDX-License-Identifier: MIT
# visitnote bench: visit notes per second to PDF and bytes per note,
# side by side with what an admin would otherwise script: a shell loop
# that renders each note with pango-view (the same pango/cairo stack, one
# process per note) and joins the pages with pdfunite. LibreOffice is not
# in the image; its mail merge would be slower still.
# Usage: bench/visitnote.sh [NOTES] (default 5000; the loop does 1/25).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
export PATH=$top/bin:$PATH LC_ALL=C.UTF-8 TZ=Asia/Shanghai
n=${1:-5000}
loop_n=$((n / 25 > 0 ? n / 25 : 1))
w=$(mktemp -d /tmp/bbt-bench-visitnote.XXXXXX)
trap 'rm -rf "$w"' EXIT
command -v visitnote >/dev/null || { echo "build bin/visitnote first" >&2; exit 1; }

# A month of no-answer orders: varied customer names (more glyphs in the
# font subset), a team of eight technicians as the contacts.
python3 - "$n" >"$w/orders.tsv" <<'PY'
import random, sys
random.seed(6)
fam = "张王李赵刘陈杨黄吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
giv = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红梅兰玉春晓东海波宇鑫浩"
print("id\tkind\tservice\tcustomer\tcontact\tphone\tarrived\tleft")
team = [(random.choice(fam) + "工", "1%d%09d" % (random.randint(3, 9), random.randint(0, 10**9 - 1)))
        for _ in range(8)]
for i in range(int(sys.argv[1])):
    tech = random.choice(team)
    h, m = 8 + i % 10, random.randint(0, 40)
    print("W%06d\t%s\t%s\t%s%s%s\t%s\t%s\t2025-03-05 %02d:%02d\t2025-03-05 %02d:%02d" % (
        i, random.choice(["install", "repair"]),
        random.choice(["broadband", "broadband,phone", "leased"]),
        random.choice(fam), random.choice(giv), random.choice(giv),
        tech[0], tech[1], h, m, h, m + 12))
PY
head -2 "$w/orders.tsv" >"$w/one.tsv"

now() { date +%s.%N; }
rate() { echo "scale=0; $1 / ($2)" | bc; }

# visitnote: one process, one PDF, the font subset shared by all pages.
visitnote --format pdf -o "$w/one.pdf" --branch 重庆 --company 重庆联通 "$w/one.tsv"
# Best of three, wall clock and CPU (user + system): on a shared machine
# the CPU rate is the one to compare.
best= cpu=
for run in 1 2 3; do
	/usr/bin/time -f '%e %U %S' -o "$w/time" visitnote --format pdf \
	    -o "$w/vn.pdf" --branch 重庆 --company 重庆联通 "$w/orders.tsv"
	read -r s u k <"$w/time"
	c=$(echo "$u + $k" | bc)
	if [ -z "$best" ] || [ "$(echo "$s < $best" | bc)" = 1 ]; then best=$s; fi
	if [ -z "$cpu" ] || [ "$(echo "$c < $cpu" | bc)" = 1 ]; then cpu=$c; fi
done
vn_secs=$best
vn_cpu_rate=$(rate "$n" "$cpu")
vn_size=$(stat -c %s "$w/vn.pdf") vn_one=$(stat -c %s "$w/one.pdf")
vn_rate=$(rate "$n" "$vn_secs")
vn_per=$(( (vn_size - vn_one) / (n - 1) ))
t0=$(now)
visitnote --width 32 --branch 重庆 --company 重庆联通 "$w/orders.tsv" >"$w/vn.txt"
t1=$(now)
txt_rate=$(rate "$n" "$(echo "$t1 - $t0" | bc)")

# The admin's loop: the same text per note through pango-view, then one
# PDF with pdfunite.
visitnote --width 0 --branch 重庆 --company 重庆联通 "$w/orders.tsv" |
    awk -v dir="$w" -v max="$loop_n" '
	/^重庆联通公司到访留言便条$/ { i++; if (i > max) exit }
	i { print > (dir "/note" i ".txt") }'
t0=$(now)
for i in $(seq 1 "$loop_n"); do
	pango-view -q --font='WenQuanYi Micro Hei 12' --width=220 --wrap=word-char \
	    --margin=20 -o "$w/note$i.pdf" "$w/note$i.txt"
done
files=()
for i in $(seq 1 "$loop_n"); do files+=("$w/note$i.pdf"); done
if [ "$loop_n" -gt 1 ]; then pdfunite "${files[@]}" "$w/loop.pdf"; else cp "${files[0]}" "$w/loop.pdf"; fi
t1=$(now)
loop_secs=$(echo "$t1 - $t0" | bc)
loop_rate=$(rate "$loop_n" "$loop_secs")
loop_size=$(stat -c %s "$w/loop.pdf") loop_one=$(stat -c %s "$w/note1.pdf")
loop_per=$(( loop_n > 1 ? (loop_size - loop_one) / (loop_n - 1) : loop_size ))

printf '%-34s %8s %10s %12s %12s\n' tool notes notes/s "PDF bytes" "bytes/note+"
printf '%-34s %8d %10d %12d %12d\n' "visitnote --format pdf (A4 x4)" "$n" "$vn_rate" "$vn_size" "$vn_per"
printf '%-34s %8d %10d %12s %12s\n' "  the same, per CPU second" "$n" "$vn_cpu_rate" - -
printf '%-34s %8d %10d %12d %12d\n' "pango-view loop + pdfunite" "$loop_n" "$loop_rate" "$loop_size" "$loop_per"
printf '%-34s %8d %10d %12s %12s\n' "visitnote --width 32 (text)" "$n" "$txt_rate" - -
echo
echo "one-note PDF: visitnote $vn_one bytes, pango-view $loop_one bytes"
echo "speed ratio: $(echo "scale=1; $vn_rate / $loop_rate" | bc)x; size ratio per note: $(echo "scale=1; $loop_per / $vn_per" | bc)x"
echo "goals: >= 2000 notes/s, <= 2048 bytes per further note"
