#!/usr/bin/env python3
"""plot.py: draw benchmark figures as hand-written SVG (standard library
only, no plotting package).

    tools/plot.py goodput build/bench/lab3.json \
        labs/lab3-async/figures/goodput.svg
    tools/plot.py cost build/bench/lab5.json \
        labs/lab5-bigmsg/figures/transfer-cost.svg

goodput: the reliable protocol's goodput (payload bytes per 1000 guest
instructions) against the fault rate, from the goodput_lossN rows that
make bench writes (labs/lab3-async/bench/bench_async.c), with the
retransmissions (retransmits_lossN) written over each point.
cost: a big message's cost in guest instructions against the pages it
carries, one line a mode, log scales, from the rows copy_pages_N,
map_pages_N, cow_pages_N, move_pages_N (labs/lab5-bigmsg/bench).
tools/bench.py calls goodput_svg() and cost_svg() itself after a run.
"""
from __future__ import annotations

import json
import math
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


# Lab 5: the cost of a big message against its size, one line a mode.
COST_LEFT = 96  # room for "1 000 000" and the rotated axis label
COST_MODES = (
    ("copy", "copy", "#c0392b"),
    ("map", "share (map)", "#1f5fa8"),
    ("cow", "copy-on-write", "#27864a"),
    ("move", "move", "#8e44ad"),
)


def cost_points(results: dict) -> dict[str, list[tuple[int, float]]]:
    """{mode: [(pages, instructions per message)]} from the rows
    MODE_pages_N that make bench writes (labs/lab5-bigmsg/bench)."""
    points: dict[str, list[tuple[int, float]]] = {}
    for name, row in results.items():
        m = re.fullmatch(r"(copy|map|cow|move)_pages_(\d+)", name)
        if m:
            points.setdefault(m.group(1), []).append(
                (int(m.group(2)), float(row["value"]))
            )
    return {mode: sorted(p) for mode, p in points.items()}


def cost_svg(
    points: dict[str, list[tuple[int, float]]],
    title: str = "Cost of a big message against its size",
) -> str:
    """An SVG chart, log scales on both axes: guest instructions per
    message against the pages it carries, one line a mode."""
    left = COST_LEFT
    plot_w, plot_h = WIDTH - left - RIGHT - 110, HEIGHT - TOP - BOTTOM
    sizes = sorted({n for p in points.values() for n, _ in p} | {1, 256})
    values = [v for p in points.values() for _, v in p] or [1000.0]
    lo = 10 ** math.floor(math.log10(min(values)))
    hi = max(10 ** math.ceil(math.log10(max(values))), lo * 10)
    x_lo, x_hi = math.log2(sizes[0]), math.log2(sizes[-1])

    def x(n: float) -> float:
        span = (x_hi - x_lo) or 1
        return left + plot_w * (math.log2(n) - x_lo) / span

    def y(v: float) -> float:
        span = math.log10(hi) - math.log10(lo)
        return TOP + plot_h * (1 - (math.log10(v) - math.log10(lo)) / span)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" '
        f'width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" '
        'font-family="DejaVu Sans, sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{(left + plot_w / 2):.0f}" y="22" '
        f'text-anchor="middle" font-size="14">{escape(title)}</text>',
    ]
    decade = lo
    while decade <= hi:
        out.append(
            f'<line x1="{left}" y1="{y(decade):.1f}" '
            f'x2="{left + plot_w}" y2="{y(decade):.1f}" stroke="#dddddd"/>'
        )
        label = f"{decade:,.0f}".replace(",", " ")
        out.append(
            f'<text x="{left - 8}" y="{y(decade) + 4:.1f}" '
            f'text-anchor="end">{label}</text>'
        )
        decade *= 10
    for n in sizes:
        out.append(
            f'<line x1="{x(n):.1f}" y1="{TOP}" x2="{x(n):.1f}" '
            f'y2="{TOP + plot_h}" stroke="#eeeeee"/>'
        )
        out.append(
            f'<text x="{x(n):.1f}" y="{TOP + plot_h + 18}" '
            f'text-anchor="middle">{n}</text>'
        )
    out.append(
        f'<line x1="{left}" y1="{TOP + plot_h}" x2="{left + plot_w}" '
        f'y2="{TOP + plot_h}" stroke="black"/>'
    )
    out.append(
        f'<line x1="{left}" y1="{TOP}" x2="{left}" y2="{TOP + plot_h}" '
        'stroke="black"/>'
    )
    out.append(
        f'<text x="{left + plot_w / 2}" y="{HEIGHT - 18}" '
        'text-anchor="middle">pages in the message (4 KiB each; 256 is '
        "1 MiB)</text>"
    )
    out.append(
        f'<text x="16" y="{TOP + plot_h / 2}" text-anchor="middle" '
        f'transform="rotate(-90 16 {TOP + plot_h / 2})">'
        "instructions per message</text>"
    )
    legend_y = TOP + 10
    for key, name, colour in COST_MODES:
        line = points.get(key)
        if not line:
            continue
        path = " ".join(
            f"{'M' if i == 0 else 'L'}{x(n):.1f},{y(v):.1f}"
            for i, (n, v) in enumerate(line)
        )
        out.append(
            f'<path d="{path}" fill="none" stroke="{colour}" '
            'stroke-width="2"/>'
        )
        for n, v in line:
            out.append(
                f'<circle cx="{x(n):.1f}" cy="{y(v):.1f}" r="3" '
                f'fill="{colour}"/>'
            )
        lx = left + plot_w + 14
        out.append(
            f'<line x1="{lx}" y1="{legend_y}" x2="{lx + 18}" '
            f'y2="{legend_y}" stroke="{colour}" stroke-width="3"/>'
        )
        out.append(
            f'<text x="{lx + 24}" y="{legend_y + 4}">{escape(name)}</text>'
        )
        legend_y += 20
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 4 or argv[1] not in ("goodput", "cost"):
        print(__doc__, file=sys.stderr)
        return 2
    results = json.loads(Path(argv[2]).read_text())["results"]
    if argv[1] == "cost":
        costs = cost_points(results)
        if not costs:
            print(f"plot: no MODE_pages_N rows in {argv[2]}", file=sys.stderr)
            return 1
        svg = cost_svg(costs)
    else:
        points = goodput_points(results)
        if not points:
            print(f"plot: no goodput_lossN rows in {argv[2]}", file=sys.stderr)
            return 1
        svg = goodput_svg(points)
    Path(argv[3]).parent.mkdir(parents=True, exist_ok=True)
    Path(argv[3]).write_text(svg)
    print(f"plot: wrote {argv[3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
