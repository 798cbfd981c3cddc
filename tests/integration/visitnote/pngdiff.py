#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Compares a rendered PDF page with a reference PNG, within a tolerance.

Usage:
  pngdiff.py [options] REFERENCE.png PAGE.png   compare
  pngdiff.py --store REFERENCE.png PAGE.png      write PAGE as REFERENCE

PAGE is `pdftoppm -png -r DPI` output (8-bit grey or RGB); a reference is
the same page stored as 4-bit greyscale (5-13 KB at 72 dpi). Both are
blurred by a 3 x 3 binomial kernel, so that anti-aliasing and the
reference's 16 grey levels (at most 8 off) do not count; a pixel
differs when the blurred values are more than
--threshold (default 32 of 255) apart. The pages differ when
  - their sizes differ (another paper, another resolution), or
  - more than --max-share of all pixels differ (default 0.2 %), or
  - more than --max-cell pixels differ in a 4 x 4 mm window (default 8):
    a changed word or number is local and would drown in a page-wide
    share.
The report says how much (pixels, share, the largest difference), where
(the box holding every differing pixel and the worst windows, in mm from
the top left at --dpi, default 72) and, with --diff FILE, writes an
image of the reference with the differing pixels black.
Exit 0 when the page matches, 1 when it differs, 2 on bad input.
Standard library only (zlib for the PNG data).
"""
import argparse
import struct
import sys
import zlib


def read_png(path):
    """Rows of grey values 0..255 of an 8-bit grey, RGB or RGBA or a
    1/2/4-bit grey PNG, not interlaced."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("%s: not a PNG file" % path)
    pos, idat, hdr = 8, [], None
    while pos + 8 <= len(data):
        n, typ = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if typ == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body[:13])
        elif typ == b"IDAT":
            idat.append(body)
        elif typ == b"IEND":
            break
    if hdr is None:
        raise ValueError("%s: no IHDR" % path)
    w, h, depth, ctype, _, _, interlace = hdr
    chans = {0: 1, 2: 3, 4: 2, 6: 4}.get(ctype)
    if chans is None or interlace or (depth != 8 and not (ctype == 0 and depth in (1, 2, 4))):
        raise ValueError("%s: colour type %d, depth %d, interlace %d not read" %
                         (path, ctype, depth, interlace))
    raw = zlib.decompress(b"".join(idat))
    stride = (w * chans * depth + 7) // 8
    bpp = max(1, chans * depth // 8)
    prev, rows, i = bytearray(stride), [], 0
    for _ in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        if f == 1:
            for x in range(bpp, stride):
                line[x] = (line[x] + line[x - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                line[x] = (line[x] + (a + prev[x]) // 2) & 255
        elif f == 4:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b, c = prev[x], prev[x - bpp] if x >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else
                                      b if pb <= pc else c)) & 255
        prev = line
        if depth < 8:
            per, mask, scale = 8 // depth, (1 << depth) - 1, 255 // ((1 << depth) - 1)
            rows.append([((line[x // per] >> (8 - depth * (x % per + 1))) & mask) * scale
                         for x in range(w)])
        elif chans == 1:
            rows.append(list(line))
        elif chans == 2:
            rows.append(list(line[0::2]))
        else:	# ITU-R BT.601 luma, as a greyscale printer sees it
            rows.append([(299 * line[j] + 587 * line[j + 1] + 114 * line[j + 2]) // 1000
                         for j in range(0, w * chans, chans)])
    return w, h, rows


def write_png(path, w, h, rows, depth):
    def chunk(t, b):
        return struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b))
    raw = bytearray()
    for r in rows:
        if depth == 4:
            q = [min(15, (v + 8) // 17) for v in r] + [0]
            raw += b"\0" + bytes((q[x] << 4) | q[x + 1] for x in range(0, w, 2))
        else:
            raw += b"\0" + bytes(r)
    png = (b"\x89PNG\r\n\x1a\n" +
           chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, 0, 0, 0, 0)) +
           chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(png)


def blur(w, h, rows):
    """A 3 x 3 binomial blur (1 2 1 by 1 2 1, /16); edge pixels repeat."""
    horiz = []
    for r in rows:
        e = [r[0]] + r + [r[-1]]
        horiz.append([e[x] + 2 * e[x + 1] + e[x + 2] for x in range(w)])
    out = []
    for y in range(h):
        a, b, c = horiz[max(0, y - 1)], horiz[y], horiz[min(h - 1, y + 1)]
        out.append([(p + 2 * q + s) // 16 for p, q, s in zip(a, b, c)])
    return out


def compare(args):
    rw, rh, ref = read_png(args.reference)
    pw, ph, page = read_png(args.page)
    name = "%s against %s" % (args.page, args.reference)
    if (rw, rh) != (pw, ph):
        print("pngdiff: %s: page is %dx%d px, the reference %dx%d px" %
              (name, pw, ph, rw, rh))
        return 1
    mm = 25.4 / args.dpi
    cell = max(1, int(round(2 / mm)))	# windows of 2 x 2 cells: 4 mm
    a, b = blur(rw, rh, ref), blur(pw, ph, page)
    count, worst, cells = 0, 0, {}
    x0 = y0 = 1 << 30
    x1 = y1 = -1
    bad = []
    for y in range(rh):
        ra, rb = a[y], b[y]
        for x in range(rw):
            d = abs(ra[x] - rb[x])
            if d > worst:
                worst = d
            if d > args.threshold:
                count += 1
                bad.append((x, y))
                x0, x1, y0, y1 = min(x0, x), max(x1, x), min(y0, y), max(y1, y)
                k = (x // cell, y // cell)
                cells[k] = cells.get(k, 0) + 1
    share = count / (rw * rh)
    # Every 4 x 4 mm window at 2 mm steps, so that a change across a cell
    # border is counted whole.
    wins = {}
    for (cx, cy), n in cells.items():
        for k in ((cx, cy), (cx - 1, cy), (cx, cy - 1), (cx - 1, cy - 1)):
            wins[k] = wins.get(k, 0) + n
    top = sorted(wins.items(), key=lambda kv: (-kv[1], kv[0]))[:4]
    differs = share > args.max_share or (top and top[0][1] > args.max_cell)
    if args.diff:
        img = [[200 + v * 55 // 255 for v in r] for r in ref]
        for x, y in bad:
            img[y][x] = 0
        write_png(args.diff, rw, rh, img, 8)
    msg = "%d of %d pixels differ (%.3f %%, at most %.2f %%), largest difference %d/255" % (
        count, rw * rh, 100 * share, 100 * args.max_share, worst)
    if count:
        msg += "; all inside x %.0f-%.0f mm, y %.0f-%.0f mm (px %d-%d, %d-%d)" % (
            x0 * mm, (x1 + 1) * mm, y0 * mm, (y1 + 1) * mm, x0, x1, y0, y1)
        msg += "; worst 4 x 4 mm windows (at most %d px each): %s" % (args.max_cell, ", ".join(
            "x %.0f y %.0f mm: %d px" % (cx * cell * mm, cy * cell * mm, n)
            for (cx, cy), n in top))
    print("pngdiff: %s: %s: %s" % (name, "DIFFERS" if differs else "matches", msg))
    return 1 if differs else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", action="store_true",
                    help="write PAGE as a 4-bit grey REFERENCE")
    ap.add_argument("--dpi", type=float, default=72)
    ap.add_argument("--threshold", type=int, default=32)
    ap.add_argument("--max-share", type=float, default=0.002)
    ap.add_argument("--max-cell", type=int, default=8)
    ap.add_argument("--diff", metavar="FILE")
    ap.add_argument("reference")
    ap.add_argument("page")
    args = ap.parse_args()
    try:
        if args.store:
            w, h, rows = read_png(args.page)
            write_png(args.reference, w, h, rows, 4)
            return 0
        return compare(args)
    except (OSError, ValueError, zlib.error) as e:
        print("pngdiff: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
