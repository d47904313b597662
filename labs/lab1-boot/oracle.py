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
        k + "serial: divisor 1, 8 data bits, no parity, 1 stop bit(s), "
        "FIFOs on, interrupts off",
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
        k + "fmt flags: [42   ] [7     ] [000ab] [   ab] [  c]",
        k + "fmt long long: [-1234567890123] [18446744073709551615] "
        "[123456789abcdef]",
        k + "fmt unknown: [%q]",
        k + "fmt count: 6 [123] 21",
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


PAGE = 4096
KERNEL_TOP = 0x10000000  # the kernel maps (and manages) RAM below this


def memory(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """The usable total must be QEMU's memory (-m), give or take the holes
    below 1 MiB; and, exactly, what the memory map the kernel printed
    (mmap=1) adds up to: every available region counted in full, and its
    whole frames above the kernel and below KERNEL_TOP made free."""
    mem_kib = ctx["mem"] * 1024
    got = None
    for line in lines:
        m = re.fullmatch(r"memory\.1\| usable memory: (\d+) KiB", line)
        if m:
            got = int(m.group(1))
    if got is None:
        return ["the line 'usable memory: N KiB' is missing"]
    # QEMU's map leaves out the legacy hole below 1 MiB: about 385 KiB
    # plus a little, never more than 1 MiB.
    if not mem_kib - 1024 <= got <= mem_kib:
        return [
            f"usable memory is {got} KiB, but QEMU has "
            f"{ctx['mem']} MiB = {mem_kib} KiB (expected between "
            f"{mem_kib - 1024} and {mem_kib})"
        ]
    return memory_map(lines, got)


def memory_map(lines: list[str], got_kib: int) -> list[str]:
    regions, kernel_end = [], None
    for line in lines:
        m = re.fullmatch(
            r"kernel\| memory map: addr ([0-9a-f]+) len ([0-9a-f]+) "
            r"type (\d+)",
            line,
        )
        if m:
            regions.append(
                (int(m.group(1), 16), int(m.group(2), 16), int(m.group(3)))
            )
        m = re.fullmatch(
            r"kernel\| memory map: kernel end 0x([0-9a-f]+)", line
        )
        if m:
            kernel_end = int(m.group(1), 16)
    if not regions or kernel_end is None:
        return ["the kernel did not print the memory map (mmap=1)"]
    low = -(-kernel_end // PAGE) * PAGE
    kib = frames = 0
    for addr, length, kind in regions:
        if kind != 1 or length == 0:
            continue
        kib += length // 1024
        start = max(-(-addr // PAGE) * PAGE, low)
        end = min((addr + length) // PAGE * PAGE, KERNEL_TOP)
        frames += max(0, end - start) // PAGE
    problems = []
    if got_kib != kib:
        problems.append(
            f"usable memory is {got_kib} KiB, but the available regions of "
            f"the memory map add up to {kib} KiB (count every region of "
            "type 1 in full, and nothing else)"
        )
    boot = [
        ln
        for ln in lines
        if re.fullmatch(r"kernel\| memory: .* frames free", ln)
    ]
    want = f"kernel| memory: {kib} KiB usable, {frames} frames free"
    if boot and boot[0] != want and got_kib == kib:
        problems.append(
            f"expected '{want}', got '{boot[0]}': the free frames are the "
            "whole frames of each available region above the kernel's end "
            f"({hex(kernel_end)}, rounded up to a page) and below "
            f"{hex(KERNEL_TOP)}"
        )
    for line in lines:
        m = re.fullmatch(r"memory\.1\| frames: (\d+) free, (\d+) used", line)
        if m and int(m.group(1)) + int(m.group(2)) != frames:
            problems.append(
                f"{m.group(1)} frames free and {m.group(2)} used, but the "
                f"memory map gives {frames} frames to manage"
            )
    return problems


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


# Each crash mode of the faults test: its trap, the trap's name, and the
# error code the CPU pushes.
FAULTS = {
    "div": (0, "divide error", 0),
    "null": (14, "page fault", 5),  # a read of a present page, user mode
    "kernel": (14, "page fault", 7),  # a write of a present page
    "wild": (14, "page fault", 4),  # a read of a page not present
    "ud": (6, "invalid opcode", 0),
    "gp": (13, "general protection fault", 0),
    "regs": (6, "invalid opcode", 0),
    "x87": (16, "x87 floating-point error", 0),
}
HEX = r"0x([0-9a-f]{8})"


def faults(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """Each crash's report, field by field: the trap, who and where, the
    error code, user mode's cs and eflags, eip in the program's code and
    esp in its stack; for mode regs, the six registers it loaded with
    values drawn from the seed."""
    problems = []
    for i, line in enumerate(lines):
        m = re.fullmatch(r"(crash\.(\d+))\| about to crash: (\w+)", line)
        if m and m.group(3) in FAULTS:
            report = []
            for ln in lines[i + 1 :]:
                if ln == f"kernel| killed {m.group(1)}":
                    break
                if ln.startswith("kernel| "):
                    report.append(ln)
            problems += fault_report(m.group(3), m.group(1), report, seed)
    return problems


def fault_report(
    mode: str, who: str, report: list[str], seed: int
) -> list[str]:
    trap, name, err = FAULTS[mode]
    head = f"kernel| trap {trap} ({name}) in {who}, user mode"
    if len(report) < 4 or report[0] != head:
        return [f"crash {mode}: the report must begin '{head}'"]
    m2 = re.fullmatch(
        rf"kernel\|   eip={HEX} err={HEX} eflags={HEX} cs={HEX}", report[1]
    )
    m3 = re.fullmatch(
        rf"kernel\|   eax={HEX} ebx={HEX} ecx={HEX} edx={HEX}", report[2]
    )
    m4 = re.fullmatch(
        rf"kernel\|   esi={HEX} edi={HEX} ebp={HEX} esp={HEX}", report[3]
    )
    if not (m2 and m3 and m4):
        return [
            f"crash {mode}: expected the lines 'eip=... err=... eflags=... "
            "cs=...', 'eax=... ebx=... ecx=... edx=...' and 'esi=... "
            "edi=... ebp=... esp=...', each value as %p"
        ]
    eip, got_err, eflags, cs = (int(g, 16) for g in m2.groups())
    esp = int(m4.group(4), 16)
    problems = []
    if got_err != err:
        problems.append(
            f"crash {mode}: err is {got_err:#x}, the CPU pushed {err:#x}"
        )
    if cs != 0x1B or not eflags & 0x200:
        problems.append(
            f"crash {mode}: a trap from user mode has cs=0x0000001b and "
            "the interrupt flag (0x200) set in eflags"
        )
    if not 0x40000000 <= eip < 0x40100000:
        problems.append(f"crash {mode}: eip {eip:#010x} is not in the program")
    if not 0x7FFF0000 <= esp < 0x80000000:
        problems.append(
            f"crash {mode}: esp {esp:#010x} is not on the user stack"
        )
    if mode == "regs":
        rng = Rng(seed)
        want = [rng.next() for _ in range(6)]
        got = [int(g, 16) for g in m3.groups()] + [
            int(m4.group(1), 16),
            int(m4.group(2), 16),
        ]
        names = ["eax", "ebx", "ecx", "edx", "esi", "edi"]
        for reg, w, g in zip(names, want, got):
            if w != g:
                problems.append(
                    f"crash regs: {reg} was {w:#010x} at the fault, the "
                    f"report says {g:#010x}"
                )
    return problems


def kfault(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """The report of a fault in the kernel: kernel code segment, interrupts
    off, the error code of a kernel-mode read of a page not present, and
    no esp (the CPU pushes none for a trap that stays in the kernel)."""
    head = "kernel| trap 14 (page fault) in the kernel"
    if head not in lines:
        return [f"expected the line '{head}'"]
    report = lines[lines.index(head) + 1 : lines.index(head) + 4]
    m2 = re.fullmatch(
        rf"kernel\|   eip={HEX} err={HEX} eflags={HEX} cs={HEX}",
        report[0] if report else "",
    )
    m4 = re.fullmatch(
        rf"kernel\|   esi={HEX} edi={HEX} ebp={HEX}",
        report[2] if len(report) > 2 else "",
    )
    if not m2 or not m4:
        return [
            "after the trap line, expected 'eip=... err=... eflags=... "
            "cs=...', 'eax=... ebx=... ecx=... edx=...' and 'esi=... edi=... "
            "ebp=...' (no esp: a trap from the kernel has none)"
        ]
    eip, err, eflags, cs = (int(g, 16) for g in m2.groups())
    problems = []
    if cs != 0x08 or eflags & 0x200:
        problems.append(
            "a trap in the kernel has cs=0x00000008 and interrupts off "
            "(no 0x200 in eflags)"
        )
    if err != 0:
        problems.append(
            f"err is {err:#x}; a kernel-mode read of a page not present "
            "pushes 0"
        )
    if not 0x100000 <= eip < 0x10000000:
        problems.append(f"eip {eip:#010x} is not in the kernel")
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
