"""Lab 1 oracles: what the tests must print, computed by the grader.

Each function gets the seed, the framed lines of the run ("WHO| TEXT")
and a context (mem, stage, test), and returns a list of problems, each a
sentence a student can act on; an empty list means the test's output is
right. Values drawn from the seed use the kit's generator (grader/prng.py),
the same one the test programs use (lib/rng.c).
"""
from __future__ import annotations

import re

from grader.expect import lines_in_order
from grader.prng import Rng

TICK_NS = 10_000_000  # 100 Hz


def boot(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng = Rng(seed)
    wanted = [f"boot.1| ring 3, pid 1, seed {seed}"]
    wanted += [f"boot.1| draw {i}: {rng.next()}" for i in range(3)]
    return lines_in_order(lines, wanted)


def _c_int(v: int) -> int:
    return v - (1 << 32) if v & 0x80000000 else v


def _field(text: str, width: int, left: bool = False) -> str:
    return text.ljust(width) if left else text.rjust(width)


def kprintf(seed: int, lines: list[str], ctx: dict) -> list[str]:
    k = "kernel| "
    wanted = [
        k + "fmt int_min: [-2147483648]",
        k + "fmt int_max: [2147483647]",
        k + "fmt zero: [0] [0] [0] [    0] [0    ] [00000]",
        k + "fmt negative: [-42] [   -42] [-42   ] [-00042]",
        k + "fmt unsigned: [4000000000] [4294967295]",
        k + "fmt hex: [deadbeef] [DEADBEEF] [0000beef] [beef    ] [    BEEF]",
        k + "fmt pointer: [0x00000000] [0x00c0ffee]",
        k + "fmt string: [kit] [     kit] [kit     ] [kit] [(null)]",
        k + "fmt char: [a] [  b] [c  ]",
        k + "fmt percent: [%] [100%]",
        k + "fmt star: [     7] [7     ] [ab]",
        k + "fmt long long: [-1234567890123] [18446744073709551615] "
        "[123456789abcdef]",
        k + "fmt unknown: [%q]",
    ]
    rng = Rng(seed)
    for i in range(8):
        v = rng.next()
        w = rng.next() % 12
        wanted.append(
            f"{k}fmt rand {i}: [{_c_int(v)}] [{v}] [{v:x}] "
            f"[{_field(str(v % 1000), w)}] [{_field(f'{v % 4096:x}', w, True)}]"
        )
    return lines_in_order(lines, wanted)


def memory(seed: int, lines: list[str], ctx: dict) -> list[str]:
    mem_kib = ctx["mem"] * 1024
    for line in lines:
        m = re.fullmatch(r"memory\.1\| usable memory: (\d+) KiB", line)
        if m:
            got = int(m.group(1))
            # QEMU's map leaves out the legacy hole below 1 MiB: about
            # 385 KiB plus a little, never more than 1 MiB.
            if not mem_kib - 1024 <= got <= mem_kib:
                return [
                    f"usable memory is {got} KiB, but QEMU has "
                    f"{ctx['mem']} MiB = {mem_kib} KiB (expected between "
                    f"{mem_kib - 1024} and {mem_kib})"
                ]
            return []
    return ["the line 'usable memory: N KiB' is missing"]


def ticks(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng = Rng(seed)
    runs = [ln for ln in lines if ln.startswith("ticks.1| slept ")]
    if len(runs) != 3:
        return [f"expected 3 'slept' lines, got {len(runs)}"]
    problems = []
    for line in runs:
        want = 10 + rng.next() % 40
        m = re.fullmatch(
            r"ticks\.1\| slept (\d+): ticks (\d+), ns (\d+)", line
        )
        if not m or int(m.group(1)) != want:
            problems.append(f"expected 'slept {want}: ...', got '{line}'")
            continue
        n, t, ns = (int(g) for g in m.groups())
        if t != n:
            problems.append(f"slept {n} ticks but the tick count moved {t}")
        if abs(ns - n * TICK_NS) > TICK_NS:
            problems.append(
                f"slept {n} ticks = {n * TICK_NS} ns of guest "
                f"time, but {ns} ns passed: is the PIT at 100 Hz?"
            )
    return problems


def procs(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng = Rng(seed)
    wanted = []
    for _ in range(2):
        code = rng.next() % 200
        wanted.append(
            f"procs.1| child exit code {code}: waited right pid, "
            f"status {code}"
        )
    return lines_in_order(lines, wanted)


FPU_WORKERS = 3
FPU_ROUNDS = 3
SCRAMBLE = 2654435761  # fpu.c: each set's seed times this odd constant


def _fpu_values(seed: int) -> list[str]:
    """What a worker with this seed must read back (fpuregs.h's order)."""
    rng = Rng(seed)
    fcw = 0x037F | (rng.next() % 4) << 10
    mxcsr = 0x1F80 | (rng.next() % 4) << 13
    x87 = [_c_int(rng.next()) for _ in range(4)]
    xmm = [[rng.next() for _ in range(4)] for _ in range(8)]
    shown = [
        f"fcw 0x{fcw:04x} mxcsr 0x{mxcsr:08x}",
        "x87 " + " ".join(str(v) for v in x87),
    ]
    for h in range(0, 8, 2):
        words = " ".join(f"{w:08x}" for reg in xmm[h : h + 2] for w in reg)
        shown.append(f"xmm{h}-{h + 1} {words}")
    return shown


def fpu(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng = Rng(seed)
    rng.next()  # the test's own values: it reports only whether it kept them
    problems = []
    for k in range(1, FPU_WORKERS + 1):
        worker_seed = (rng.next() * SCRAMBLE) & 0xFFFFFFFF
        said = [
            re.sub(r"^fpuwork\.\d+\| ", "", ln)
            for ln in lines
            if re.match(rf"fpuwork\.\d+\| worker {k}: ", ln)
        ]
        wanted = [f"worker {k}: fresh state: clean"]
        wanted += [f"worker {k}: {v}" for v in _fpu_values(worker_seed)]
        wanted.append(
            f"worker {k}: {FPU_ROUNDS} rounds held across a tick, 0 changed"
        )
        problems += lines_in_order(said, wanted)
    return problems
