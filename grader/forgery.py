# forgery.py: a cheap screen for output forged by the kernel itself.
#
# The grader reads what the kernel prints; a kernel with no IPC at all can
# read test= and seed= from its command line, recompute what the oracles
# want and print it framed as the test programs would. No check can rule
# that out, but the code that does it leaves a trace: the student's object
# files reference the kernel's framing, test-end, exit or command-line
# primitives, or poke the serial or exit port directly, where no lab's own
# code does. This screen lists those references for the instructor (a
# note in the staff's part of the report, a column of grades.csv); it
# never takes points away by itself.
#
# The allowed uses come from the reference: what each student file's
# reference object references (e.g. kernel/syscons.c frames the user's
# lines with console_line; kernel/timer.c ends a run at the guest-time
# limit with test_end). tests in grader/tests/test_zoo.py check that the
# reference's own objects raise no flag.

import re
import shutil
import subprocess
from pathlib import Path

PRIMITIVES = {
    "console_line": "frames output lines",
    "console_puts": "writes the protocol's markers",
    "console_flush": "flushes the console",
    "test_begin": "prints KIT BEGIN",
    "test_start": "starts the test",
    "test_end": "prints KIT END and ends the run",
    "test_finish": "ends the run with the leak check",
    "test_init_exited": "ends the test's first process",
    "test_idle": "ends the run when all is done",
    "qemu_exit": "leaves QEMU",
    "cmdline_get": "reads the kernel command line (test=, seed=)",
    "cmdline_uint": "reads the kernel command line (test=, seed=)",
    "cmdline_program_args": "reads the kernel command line",
}
# file -> primitives its lab needs (what the reference's object uses).
ALLOWED = {
    "kernel/syscons.c": {"console_line"},
    "kernel/timer.c": {"test_end"},
}
# Port numbers whose direct use bypasses the console or the exit path.
PORTS = {
    0xF4: "the isa-debug-exit port (ends QEMU)",
    0x3F8: "the COM1 serial port (the grader reads it)",
}
PORT_ALLOWED = {"kernel/arch/serial.c": {0x3F8}}


def object_of(tree: Path, stage: int, rel: str) -> Path | None:
    """The object file the build made of a student's C file, if any."""
    if not rel.endswith(".c"):
        return None
    build = tree / "build" / f"lab{stage}"
    for candidate in (
        build / rel.replace(".c", ".o"),
        build / "user" / rel.replace(".c", ".o"),
    ):
        if candidate.is_file():
            return candidate
    return None


def undefined_symbols(obj: Path) -> set[str]:
    done = subprocess.run(
        ["nm", "-u", str(obj)], capture_output=True, text=True, timeout=60
    )
    return {line.split()[-1] for line in done.stdout.splitlines() if line}


def ports_used(obj: Path) -> set[int]:
    """Port numbers an `out`/`in` of this object names, directly or through
    a constant loaded into %dx just before."""
    done = subprocess.run(
        ["objdump", "-d", "--no-show-raw-insn", str(obj)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    found, last_dx = set(), None
    for line in done.stdout.splitlines():
        code = line.split(":", 1)[-1]
        m = re.search(r"mov\s+\$0x([0-9a-f]+),%e?dx", code)
        if m:
            last_dx = int(m.group(1), 16)
            continue
        m = re.search(r"\b(out|in)[bwl]?\s+.*?\$0x([0-9a-f]+)", code)
        if m:
            found.add(int(m.group(2), 16))
        elif re.search(r"\b(out|in)[bwl]?\s+.*\(%dx\)", code):
            if last_dx is not None:
                found.add(last_dx)
    return found & set(PORTS)


def screen(tree: Path, stage: int, own: list[str]) -> list[str]:
    """One line per suspicious reference in the student's objects."""
    if not shutil.which("nm") or not shutil.which("objdump"):
        return ["forgery screen: nm/objdump missing (binutils): not run"]
    flags = []
    for rel in sorted(own):
        obj = object_of(tree, stage, rel)
        if obj is None:
            continue
        allowed = ALLOWED.get(rel, set())
        for name in sorted(undefined_symbols(obj) & set(PRIMITIVES)):
            if name not in allowed:
                flags.append(
                    f"forgery screen: {rel} calls {name} "
                    f"({PRIMITIVES[name]}), which no lab needs there"
                )
        for port in sorted(ports_used(obj) - PORT_ALLOWED.get(rel, set())):
            flags.append(
                f"forgery screen: {rel} uses port {port:#x} directly "
                f"({PORTS[port]})"
            )
    return flags
