#!/usr/bin/env python3
"""Tidy an SVG written by mscgen for the handout.

mscgen puts the baseline of an arc's label one pixel above the arc, so the
descenders of the label (g, p, parentheses) run into the line.  This raises
each such label (a text whose baseline sits just above a horizontal line
under it) by a couple of pixels, leaves box and entity labels alone, and
names the font the handout uses everywhere else.

Usage: msc_svg.py IN.svg OUT.svg
"""

import re
import sys

RAISE = 2.5  # pixels


LINE = re.compile(
    r'<line x1="([-0-9.]+)" y1="([-0-9.]+)" x2="([-0-9.]+)" y2="([-0-9.]+)"'
)
TEXT_Y = re.compile(r'(<text\b[^>]*?\bx="([-0-9.]+)"[^>]*?\s)y="([-0-9.]+)"')


def horizontal_lines(svg):
    found = []
    for m in LINE.finditer(svg):
        x1, y1, x2, y2 = (float(v) for v in m.groups())
        if y1 == y2 and x1 != x2:
            found.append((y1, min(x1, x2), max(x1, x2)))
    return found


def sits_on_a_line(x, y, lines):
    return any(0 <= ly - y <= 2 and lo - 2 <= x <= hi for ly, lo, hi in lines)


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1])
    with open(argv[1], encoding="utf-8") as f:
        svg = f.read()
    lines = horizontal_lines(svg)

    def lift(m):
        x, y = float(m.group(2)), float(m.group(3))
        if sits_on_a_line(x, y, lines):
            y -= RAISE
        return '%sy="%g"' % (m.group(1), y)

    svg = TEXT_Y.sub(lift, svg)
    svg = svg.replace('font-family="Helvetica"', 'font-family="DejaVu Sans"')
    with open(argv[2], "w", encoding="utf-8") as f:
        f.write(svg)


if __name__ == "__main__":
    main(sys.argv)
