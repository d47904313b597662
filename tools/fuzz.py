#!/usr/bin/env python3
"""fuzz.py: fuzz a stage's system calls at volume (make fuzz).

Boots lab 1's fuzz test, exactly as the grader does, with seed after seed
(SEED, SEED+1, ...) spread over the cores, until the boots add up to the
number of calls asked for. Each boot makes its nominal volume (the test's
rounds of calls, 6000 by default) unless something goes wrong. Counts:

  calls   the calls the fuzzers made, as the test reports them
  panics  boots that ended in a kernel panic, a reset or a triple fault
  hangs   rounds stuck in a call that should have returned, boots that
          ran out of guest time or needed the wall-clock backstop, and
          boots that never printed their end marker
  leaks   boots whose leak check found frames or messages still held
  other   boots that failed for any other reason (their verdict says why)

Every failing boot is listed with the command that replays it. The
closing line reads

  fuzz stage N: C calls (of CALLS) in B boots, seeds S-T: P panics,
  H hangs, L leaks, O other failures, X s

and the exit status is 0 only if C reached CALLS and P, H, L, O are 0.

Usage: fuzz.py --stage N [--calls C] [--seed S] [--jobs J]
"""
from __future__ import annotations

import argparse
import math
import os
import re
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import build, judge, qemu, spec  # noqa: E402

TEST = "fuzz"
MADE = re.compile(
    r"^fuzz\.1\| fuzz: (\d+) rounds of (\d+) calls: (\d+) calls made$", re.M
)
STUCK = re.compile(r"^fuzz\.1\| round \d+: the fuzzer did not end", re.M)
# frames= and messages=, then from stage 4 on ports= and mailboxes=.
LEAK = re.compile(r"^kernel\| leak check: ((?:\w+=-?\d+ ?)+)$", re.M)
FRAMES_MOVED = "frames in use before and after: different"


@dataclass
class Boot:
    """What one fuzz boot made, and what went wrong in it."""

    seed: int
    calls: int = 0
    nominal: int = 0
    panic: bool = False
    hangs: int = 0
    leak: bool = False
    other: bool = False
    why: str = ""
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return self.panic or bool(self.hangs) or self.leak or self.other


def fuzz_test(stage: int) -> spec.Test:
    for lab in spec.load_stage_labs(ROOT, stage):
        for test in lab.tests:
            if test.name == TEST:
                return test
    raise SystemExit(f"fuzz.py: stage {stage} has no test named '{TEST}'")


def count(test: spec.Test, seed: int, out: qemu.Boot, stage: int) -> Boot:
    """Sort one boot's ending and output into the counts."""
    ctx = {
        "mem": test.mem,
        "stage": stage,
        "test": test.name,
        "lab": test.lab,
        "limit": test.limit,
        "args": test.args,
    }
    verdict = judge.judge(test, seed, out, ctx)
    b = Boot(seed, seconds=out.seconds, why=verdict.message)
    made = MADE.search(out.output)
    if made:
        rounds, per_round, b.calls = (int(g) for g in made.groups())
        b.nominal = rounds * per_round
    b.hangs = len(STUCK.findall(out.output))
    if verdict.verdict in (judge.PANIC, judge.RESET):
        b.panic = True
    elif verdict.verdict in (judge.TIMEOUT, judge.NO_END):
        b.hangs = max(b.hangs, 1)  # a stuck round is what ran it out
    leak = LEAK.search(out.output)
    b.leak = FRAMES_MOVED in out.output or bool(
        leak and any(w.split("=")[1] != "0" for w in leak.group(1).split())
    )
    if verdict.verdict != judge.PASS and not (b.panic or b.hangs or b.leak):
        b.other = True
    if verdict.problems:
        b.why += ": " + "; ".join(verdict.problems[:3])
    return b


def run(kernel: Path, test: spec.Test, seed: int, stage: int) -> Boot:
    words = qemu.kernel_words(test.name, seed, test.limit, test.args)
    cmd = qemu.command(kernel, "kernel", test.mem, words)
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        qemu.link_kernel(kernel, tmp)
        out = qemu.run_boot(cmd, test.wall, cwd=tmp)
    return count(test, seed, out, stage)


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--stage", type=int, required=True)
    p.add_argument("--calls", type=int, default=1_000_000)
    p.add_argument("--seed", type=int, default=1, help="the first seed")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = p.parse_args(argv)
    if not qemu.have_qemu():
        print(f"fuzz.py: QEMU is missing: {qemu.INSTALL_QEMU}")
        return 2
    test = fuzz_test(args.stage)
    kernel = build.kernel_path(ROOT, args.stage)
    if not kernel.exists():
        print(f"fuzz.py: {kernel} is missing: make LAB={args.stage}")
        return 2
    # One boot tells us the nominal volume; then as many as it takes.
    start = time.monotonic()
    first = run(kernel, test, args.seed, args.stage)
    per_boot = first.nominal or 6000
    total = max(1, math.ceil(args.calls / per_boot))
    seeds = range(args.seed + 1, args.seed + total)
    print(
        f"fuzz stage {args.stage}: {total} boots of the '{TEST}' test "
        f"({per_boot} calls each), seeds {args.seed}-"
        f"{args.seed + total - 1}, {args.jobs} at a time",
        flush=True,
    )
    boots = [first]
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [
            pool.submit(run, kernel, test, s, args.stage) for s in seeds
        ]
        for f in as_completed(futures):
            boots.append(f.result())
            b = boots[-1]
            if b.failed:
                print(
                    f"  seed {b.seed}: {b.why}\n    replay: make run "
                    f"LAB={args.stage} TEST={TEST} SEED={b.seed}",
                    flush=True,
                )
            if len(boots) % 20 == 0:
                made = sum(x.calls for x in boots)
                print(f"  {len(boots)} boots, {made} calls", flush=True)
    if first.failed:
        print(
            f"  seed {first.seed}: {first.why}\n    replay: make run "
            f"LAB={args.stage} TEST={TEST} SEED={first.seed}"
        )
    calls = sum(b.calls for b in boots)
    panics = sum(b.panic for b in boots)
    hangs = sum(b.hangs for b in boots)
    leaks = sum(b.leak for b in boots)
    other = sum(b.other for b in boots)
    print(
        f"fuzz stage {args.stage}: {calls} calls (of {args.calls}) in "
        f"{len(boots)} boots, seeds {args.seed}-{args.seed + total - 1}: "
        f"{panics} panics, {hangs} hangs, {leaks} leaks, "
        f"{other} other failures, {time.monotonic() - start:.0f} s"
    )
    clean = not (panics or hangs or leaks or other)
    return 0 if calls >= args.calls and clean else 1


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        qemu.kill_all()
        sys.exit(130)
