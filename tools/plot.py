#!/usr/bin/env python3
"""plot.py: draw benchmark figures as hand-written SVG (standard library
only, no plotting package).

    tools/plot.py goodput build/bench/lab3.json \
        labs/lab3-async/figures/goodput.svg

goodput: the reliable protocol's goodput (payload bytes per 1000 guest
instructions) against the fault rate, from the goodput_lossN rows that
make bench writes (labs/lab3-async/bench/bench_async.c), with the
retransmissions (retransmits_lossN) written over each point. tools/bench.py
calls goodput_svg() itself after a run.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 560, 340
LEFT, RIGHT, TOP, BOTTOM = 70, 30, 40, 60


def _nice_top(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten at or above value."""
    if value <= 0:
        return 1.0
    scale = 10 ** (len(str(int(value))) - 1) if value >= 1 else 0.1
    while True:
        for step in (1, 2, 5, 10):
            if step * scale >= value:
                return step * scale
        scale *= 10


def goodput_points(results: dict) -> list[tuple[int, float, int | None]]:
    """(loss %, goodput, retransmissions) from bench result rows."""
    points = []
    for name, row in results.items():
        m = re.fullmatch(r"goodput_loss(\d+)", name)
        if m:
            loss = int(m.group(1))
            again = results.get(f"retransmits_loss{loss}", {}).get("value")
            points.append((loss, float(row["value"]), again))
    return sorted(points)


def goodput_svg(
    points: list[tuple[int, float, int | None]],
    title: str = "Reliable transfer of 64 KiB over the best-effort channel",
) -> str:
    """An SVG line chart of goodput against the fault rate."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    x_top = max([p[0] for p in points] + [30])
    y_top = _nice_top(max([p[1] for p in points] + [1]))

    def x(loss):
        return LEFT + plot_w * loss / x_top

    def y(value):
        return TOP + plot_h * (1 - value / y_top)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" '
        f'width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="DejaVu Sans, sans-serif" '
        'font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{WIDTH / 2}" y="22" text-anchor="middle" font-size="14">'
        f"{escape(title)}</text>",
    ]
    for i in range(6):  # horizontal grid, y labels
        value = y_top * i / 5
        out.append(
            f'<line x1="{LEFT}" y1="{y(value):.1f}" x2="{LEFT + plot_w}" '
            f'y2="{y(value):.1f}" stroke="#dddddd"/>'
        )
        out.append(
            f'<text x="{LEFT - 8}" y="{y(value) + 4:.1f}" text-anchor="end">'
            f"{value:g}</text>"
        )
    for loss in sorted({0, x_top, *[p[0] for p in points]}):
        out.append(
            f'<text x="{x(loss):.1f}" y="{TOP + plot_h + 18}" '
            f'text-anchor="middle">{loss}%</text>'
        )
    out.append(
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" '
        f'y2="{TOP + plot_h}" stroke="black"/>'
    )
    out.append(
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" '
        'stroke="black"/>'
    )
    out.append(
        f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 18}" text-anchor="middle">'
        "faults: percent of datagrams dropped, and as many duplicated, "
        "reordered, corrupted</text>"
    )
    out.append(
        f'<text x="18" y="{TOP + plot_h / 2}" text-anchor="middle" '
        f'transform="rotate(-90 18 {TOP + plot_h / 2})">'
        "payload bytes per 1000 instructions</text>"
    )
    if points:
        path = " ".join(
            f"{'M' if i == 0 else 'L'}{x(l):.1f},{y(v):.1f}"
            for i, (l, v, _) in enumerate(points)
        )
        out.append(
            f'<path d="{path}" fill="none" stroke="#1f5fa8" stroke-width="2"/>'
        )
        for loss, value, again in points:
            out.append(
                f'<circle cx="{x(loss):.1f}" cy="{y(value):.1f}" r="4" '
                'fill="#1f5fa8"/>'
            )
            label = f"{value:g}"
            if again is not None:
                label += f" ({again} resent)"
            out.append(
                f'<text x="{x(loss) + (6 if loss < x_top else -6):.1f}" '
                f'y="{y(value) + (-8 if loss < x_top else 18):.1f}" '
                f'text-anchor="{"start" if loss < x_top else "end"}">'
                f"{escape(label)}</text>"
            )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 4 or argv[1] != "goodput":
        print(__doc__, file=sys.stderr)
        return 2
    results = json.loads(Path(argv[2]).read_text())["results"]
    points = goodput_points(results)
    if not points:
        print(f"plot: no goodput_lossN rows in {argv[2]}", file=sys.stderr)
        return 1
    Path(argv[3]).parent.mkdir(parents=True, exist_ok=True)
    Path(argv[3]).write_text(goodput_svg(points))
    print(f"plot: wrote {argv[3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
