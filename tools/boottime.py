#!/usr/bin/env python3
"""boottime.py: where the grading time goes, boot by boot (instructors).

    python3 tools/boottime.py [--stage N] [--test NAME[,NAME]] [--runs R]

Boots every test of stage N (one boot per seed, exactly the grader's
command line) and, between them, the bare boot of the same kernel that does
nothing (the `hello` program: QEMU starting, the kernel booting, one line,
the end). Each line gives a test's seeds, the wall seconds of one boot (the
median of R runs), QEMU's own CPU seconds, and the boot's cost over the
bare-boot floor measured in the same run, so that the figures stay
comparable on a loaded machine. The last lines add it up: the floor times
the boots, what the tests add on top of it, and the wall time that
`make grade` at this stage would take on J cores if nothing but boots cost
anything. ISO tests are booted from one ISO built here (the grader builds
one per seed; the build time is shown apart).

Run on an idle machine for absolute figures; `uptime` is printed first.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import build, qemu, spec  # noqa: E402


def boot(cmd: list[str], cwd: str) -> tuple[float, float, int]:
    """One boot in cwd: (wall seconds, QEMU's CPU seconds, exit status)."""
    start = time.monotonic()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - start
    return wall, usage.ru_utime + usage.ru_stime, proc.returncode


def measure(
    cmd: list[str], runs: int, cwd: str
) -> tuple[float, float, int]:
    walls, cpus, status = [], [], 0
    for _ in range(runs):
        wall, cpu, status = boot(cmd, cwd)
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus), status


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="tools/boottime.py")
    p.add_argument("--stage", type=int, default=spec.highest_stage(ROOT))
    p.add_argument("--test", metavar="NAME[,NAME]")
    p.add_argument("--runs", type=int, default=3, metavar="R")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    args = p.parse_args(argv)
    print(subprocess.run(["uptime"], capture_output=True, text=True).stdout)
    kernel = build.build_kernel(ROOT, args.stage)
    names = set(args.test.split(",")) if args.test else None
    tests = [
        t
        for lab in spec.load_stage_labs(
            ROOT, args.stage, spec.hidden_root(ROOT)
        )
        for t in lab.tests
        if names is None or t.name in names
    ]
    unknown = sorted((names or set()) - {t.name for t in tests})
    if unknown:
        print(
            f"boottime: stage {args.stage} has no test named "
            f"{', '.join(unknown)}",
            file=sys.stderr,
        )
        return 2
    floor_words = qemu.kernel_words("hello", 1, 3000)
    floor_cmd = qemu.command(kernel, "kernel", 64, floor_words)
    floors: list[float] = []
    rows = []
    iso_build = 0.0
    with tempfile.TemporaryDirectory(prefix="boottime-") as tmp:
        qemu.link_kernel(kernel, tmp)
        print(
            f"{'test':<22}{'seeds':>6}{'wall/boot':>11}{'cpu/boot':>10}"
            f"{'floor':>8}{'x floor':>9}"
        )
        for t in tests:
            floor, _, _ = measure(floor_cmd, args.runs, tmp)
            floors.append(floor)
            words = qemu.kernel_words(t.name, t.seeds[0], t.limit, t.args)
            image = kernel
            if t.boot == "iso":
                start = time.monotonic()
                image = build.build_iso(
                    ROOT, args.stage, words, Path(tmp), build.BuildEnv()
                )
                iso_build += time.monotonic() - start
            cmd = qemu.command(image, t.boot, t.mem, words)
            wall, cpu, status = measure(cmd, args.runs, tmp)
            rows.append((t, wall, cpu))
            print(
                f"{t.name:<22}{len(t.seeds):>6}{wall:>10.3f}s{cpu:>9.3f}s"
                f"{floor:>7.3f}s{wall / floor:>8.1f}x"
                + (
                    ""
                    if status
                    in (qemu.EXIT_DONE, qemu.EXIT_PANIC, qemu.EXIT_TIMEOUT)
                    else f"  exit {status}"
                )
            )
    floor = statistics.median(floors)
    boots = sum(len(t.seeds) for t, *_ in rows)
    total = sum(len(t.seeds) * wall for t, wall, _ in rows)
    cpu = sum(len(t.seeds) * c for t, _, c in rows)
    isos = sum(len(t.seeds) for t, *_ in rows if t.boot == "iso")
    iso_tests = sum(1 for t, *_ in rows if t.boot == "iso")
    print(
        f"\nstage {args.stage}: {len(rows)} tests, {boots} boots; "
        f"bare-boot floor {floor:.3f} s"
    )
    print(
        f"boots, one after another: {total:.1f} s, of which the floor "
        f"{boots * floor:.1f} s ({boots * floor / total:.0%}) and the tests "
        f"{total - boots * floor:.1f} s; QEMU's CPU time {cpu:.1f} s"
    )
    print(
        f"on {args.jobs} cores: {total / args.jobs:.1f} s of boots; "
        f"the grader builds {isos} ISO(s) besides "
        f"(one took {iso_build / max(1, iso_tests):.2f} s here)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
