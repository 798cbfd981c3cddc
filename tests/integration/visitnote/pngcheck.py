#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks a page of visitnote's PDF rendered by `pdftoppm -png -r DPI`.

Usage: pngcheck.py PAGE.png DPI a4|a6 NOTES

Decodes the PNG (8-bit grey or RGB) with the standard library only
(zlib + the PNG row filters) and checks, independently of the C code's constants, the layout
the man page promises: the page size; ink on the page; for each of the
NOTES notes a frame 8 mm inside its cell (A4: four 105 x 148.5 mm cells,
A6: one), with text inside (title near the top, times near the bottom);
no frame where a cell is empty; white space around each frame.
Exit 0 when all holds, 1 with the reasons otherwise.
"""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, w = 8, b"", None
    while pos < len(data):
        n, typ = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if typ == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            if depth != 8 or ctype not in (0, 2):
                raise ValueError("want 8-bit grey or RGB")
            bpp = 1 if ctype == 0 else 3
        elif typ == b"IDAT":
            idat += body
        elif typ == b"IEND":
            break
    raw = zlib.decompress(idat)
    rows, stride, i = [], w * bpp, 0
    prev = bytearray(stride)
    for _ in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[x] = (line[x] + pr) & 255
        prev = line
        rows.append(line if bpp == 1 else
                    bytearray(min(line[j:j + 3]) for j in range(0, stride, 3)))
    return w, h, rows


def main():
    path, dpi, paper, notes = sys.argv[1], float(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    px = lambda mm: int(round(mm / 25.4 * dpi))
    w, h, img = read_png(path)
    errs = []
    pw, ph = (210, 297) if paper == "a4" else (105, 148)
    if abs(w - px(pw)) > 1 or abs(h - px(ph)) > 1:
        errs.append("page is %dx%d px, expected %dx%d" % (w, h, px(pw), px(ph)))
    dark = lambda v: v < 160
    ink = sum(1 for r in img for v in r if dark(v))
    if ink < w * h // 200:
        errs.append("page is blank (%d dark pixels)" % ink)
    cells = [(0, 0)] if paper == "a6" else [(0, 0), (105, 0), (0, 148.5), (105, 148.5)]
    cw, ch = (105, 148) if paper == "a6" else (105, 148.5)

    def frac(xs, ys):
        pts = [(x, y) for y in ys for x in xs if 0 <= x < w and 0 <= y < h]
        return sum(1 for x, y in pts if dark(img[y][x])) / max(1, len(pts))

    def edge_h(y, x0, x1):  # the best of three rows around y
        return max(frac(range(x0, x1), [yy]) for yy in (y - 1, y, y + 1))

    def edge_v(x, y0, y1):
        return max(frac([xx], range(y0, y1)) for xx in (x - 1, x, x + 1))

    for i, (cx, cy) in enumerate(cells):
        x0, y0 = px(cx + 8), px(cy + 8)
        x1, y1 = px(cx + cw - 8), px(cy + ch - 8)
        edges = [edge_h(y0, x0 + 3, x1 - 3), edge_h(y1, x0 + 3, x1 - 3),
                 edge_v(x0, y0 + 3, y1 - 3), edge_v(x1, y0 + 3, y1 - 3)]
        if i < notes:
            if min(edges) < 0.9:
                errs.append("note %d: frame incomplete (edges %s)" % (i + 1, ["%.2f" % e for e in edges]))
            top = frac(range(x0 + 3, x1 - 3), range(y0 + 3, y0 + px(16)))
            bottom = frac(range(x0 + 3, x1 - 3), range(y1 - px(22), y1 - 3))
            if top < 0.01:
                errs.append("note %d: no title at the top (ink %.3f)" % (i + 1, top))
            if bottom < 0.01:
                errs.append("note %d: no times at the bottom (ink %.3f)" % (i + 1, bottom))
            # White between the cut line and the frame, cut marks aside.
            around = frac(range(x0 + px(6), x1 - px(6)), range(y0 - px(5), y0 - px(2)))
            if around > 0.02:
                errs.append("note %d: ink outside the frame (%.3f)" % (i + 1, around))
        elif max(edges) > 0.5:
            errs.append("cell %d: a frame where no note should be" % (i + 1))
    for e in errs:
        print("pngcheck: %s: %s" % (path, e))
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
