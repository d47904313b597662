#!/usr/bin/env python3
"""bench.py: measure the cost of each IPC path (make bench).

Boots every benchmark program of a stage (labs/labN-*/bench/bench_*.c, for
each lab up to the stage) under QEMU with -icount shift=0, where the
guest's time-stamp counter counts guest instructions, so the figures are
the same on every machine. A benchmark prints lines

    result NAME PER-OP DESCRIPTION      guest instructions per operation
    figure NAME VALUE DESCRIPTION       any other quantity (a count, a
                                        ratio, a rate; may be decimal)

and this tool prints them as a table, with the ratio of each "result" to
the null system call, and writes them to build/bench/labN.json. A
benchmark whose source holds lines "bench-boot: WORDS" is booted once per
such line, with WORDS added to the kernel command line (the fault rates
of the best-effort channel, say); --kernel-args adds words to every boot
(fastpath=0: the general path only), and the table then goes to
build/bench/labN-WORDS.json and draws no figure. When rows goodput_lossN
come out, tools/plot.py draws them into the lab's figures/goodput.svg, and
rows MODE_pages_N (lab 5) into its figures/transfer-cost.svg; a lab's
figures are drawn only at its own stage (make bench LAB=N for lab N).
Speed never fails anything; a benchmark that crashes does (exit status 1).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import build, qemu, spec  # noqa: E402
from tools import plot  # noqa: E402

RESULT = re.compile(r"^\S+\| (result|figure) (\w+) (\d+(?:\.\d+)?) (.*)$")
BOOT_WORDS = re.compile(r"bench-boot:(.*)$", re.M)
FLOOR = "null_syscall"


def bench_programs(stage: int) -> list[tuple[str, str, Path]]:
    """The benchmark boots of a stage, lab by lab: (program, extra kernel
    words, lab directory), one per bench-boot line of the source (or one
    with no extra words)."""
    boots = []
    for number, path in sorted(spec.lab_dirs(ROOT).items()):
        if number <= stage:
            for source in sorted((path / "bench").glob("bench_*.c")):
                words = [
                    w.strip() for w in BOOT_WORDS.findall(source.read_text())
                ]
                boots += [(source.stem, w, path) for w in words or [""]]
    return boots


def run_one(
    kernel: Path, name: str, extra: str = ""
) -> tuple[list[tuple[str, float, str]], str]:
    """Boot one benchmark; its results, and an error message or ''."""
    words = qemu.kernel_words(name, 1, 0, extra)
    cmd = qemu.command(kernel, "kernel", 128, words, shift=0)
    with tempfile.TemporaryDirectory() as tmp:
        qemu.link_kernel(kernel, tmp)
        boot = qemu.run_boot(cmd, wall=240, cwd=tmp)
    results = []
    for line in boot.output.splitlines():
        m = RESULT.match(line)
        if m:
            kind, row, text, what = m.groups()
            value = float(text) if "." in text else int(text)
            results.append((row, value, what, kind == "result"))
    if boot.exit_code != qemu.EXIT_DONE or "KIT END done" not in boot.output:
        tail = "\n".join(boot.output.splitlines()[-10:])
        return results, f"{name} {extra} did not finish cleanly:\n{tail}"
    return results, ""


Row = tuple[str, "int | float", str, bool]  # name, value, what, instructions?


def ratio(row: Row, floor: int) -> float | None:
    """An instruction count's ratio to the null system call."""
    _, value, _, instructions = row
    return round(value / floor, 3) if floor and instructions else None


def table(rows: list[Row]) -> str:
    floor = next((r[1] for r in rows if r[0] == FLOOR), 0)
    out = [
        f"{'benchmark':<26} {'value':>12} {'x null':>7}  what "
        "(values in instructions where x null is given)",
        "-" * 78,
    ]
    for row in rows:
        r = ratio(row, floor)
        shown = f"{r:.2f}" if r is not None else "-"
        out.append(f"{row[0]:<26} {row[1]:>12} {shown:>7}  {row[2]}")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--stage", type=int, default=spec.highest_stage(ROOT))
    ap.add_argument(
        "--kernel-args",
        default="",
        metavar="WORDS",
        help="more kernel command-line words for every boot (fastpath=0)",
    )
    args = ap.parse_args()
    more = args.kernel_args.strip()
    if not qemu.have_qemu():
        print(f"bench: {qemu.qemu_binary()} is missing: {qemu.INSTALL_QEMU}")
        return 2
    if (
        subprocess.run(
            ["make", "-s", "-C", str(ROOT), f"LAB={args.stage}", "kernel"],
            env=build.make_environ(),
        ).returncode
        != 0
    ):
        return 1
    kernel = ROOT / "build" / f"lab{args.stage}" / "kernel.elf"
    rows, errors, figures, cost_figures = [], [], [], []
    for name, extra, lab_dir in bench_programs(args.stage):
        results, error = run_one(kernel, name, f"{extra} {more}".strip())
        rows += results
        if error:
            errors.append(error)
        # A lab's figures show its own stage, with its fast path: a later
        # stage's kernel costs a few more instructions, and must not
        # redraw them, nor must fastpath=0.
        if more or not lab_dir.name.startswith(f"lab{args.stage}-"):
            continue
        rows_by_name = {r[0]: {"value": r[1]} for r in results}
        points = plot.goodput_points(rows_by_name)
        if points:
            figures.append((lab_dir / "figures" / "goodput.svg", points))
        costs = plot.cost_points(rows_by_name)
        if costs:
            cost_figures.append(
                (lab_dir / "figures" / "transfer-cost.svg", costs)
            )
    if not rows and not errors:
        print(f"bench: stage {args.stage} has no benchmarks")
        return 0
    print(
        f"stage {args.stage}{' with ' + more if more else ''}: guest "
        "instructions per operation "
        "(-icount shift=0: the time-stamp counter counts instructions)\n"
    )
    print(table(rows))
    floor = next((r[1] for r in rows if r[0] == FLOOR), 0)
    suffix = "-" + re.sub(r"[^\w=]+", "_", more) if more else ""
    out = ROOT / "build" / "bench" / f"lab{args.stage}{suffix}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "stage": args.stage,
                "unit": "guest instructions per operation (-icount shift=0), "
                "where ratio_to_null_syscall is given",
                "results": {
                    r[0]: {
                        "value": r[1],
                        "what": r[2],
                        "ratio_to_null_syscall": ratio(r, floor),
                    }
                    for r in rows
                },
            },
            indent=2,
        )
        + "\n"
    )
    print(f"\nwritten to {out.relative_to(ROOT)}")
    # Rows of one figure may come from several boots: merge them by path.
    merged: dict[Path, dict] = {}
    for path, points in figures:
        merged.setdefault(path, {}).update({p[0]: p for p in points})
    for path, points in merged.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(plot.goodput_svg(sorted(points.values())))
        print(f"figure: {path.relative_to(ROOT)}")
    for path, costs in cost_figures:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(plot.cost_svg(costs))
        print(f"figure: {path.relative_to(ROOT)}")
    for error in errors:
        print(f"\nbench: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
