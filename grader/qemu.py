# qemu.py: the QEMU command line of a test boot, and running one boot.
#
# The command line is the one docs/protocol.md fixes, so that `make run`, the
# grader and a TA's gdb session all boot exactly the same machine.  A boot is
# run with limits, because the kernel under test may do anything: QEMU's
# output is read as it arrives, the whole process group is killed when the
# wall-clock backstop fires or the output floods, and whatever bytes arrive
# are decoded without ever failing.

import os
import selectors
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

INSTALL_QEMU = "sudo apt-get install qemu-system-x86"

# QEMU's exit status when the guest writes V to isa-debug-exit is (V << 1) | 1.
EXIT_DONE = 67  # 0x21
EXIT_PANIC = 69  # 0x22
EXIT_TIMEOUT = 71  # 0x23
EXIT_RESET = 0  # -no-reboot turns a reset or triple fault into exit 0
# Not QEMU's: run_interactive's status when gdb's `kill` ended the boot
# (QEMU then exits 0 as for a reset, and says so on its stderr). Even, so
# no isa-debug-exit status can be mistaken for it.
GDB_KILLED = 128
GDB_KILLED_SAYS = "Terminated via GDBstub"

# The real-time clock follows the guest's clock from a fixed date, so a
# kernel that reads it sees the same time on every run (without this, the
# RTC follows the host, even under -icount).
RTC = "base=2000-01-01T00:00:00,clock=vm"
# QEMU's -kernel loader begins the kernel's command line with the file name
# it was given, and the kernel's instructions that read the line then count
# its length. Under -icount that moves every later event, so a kernel boot
# always names its image by this one relative name, in a directory that
# holds it (link_kernel): the same seed then gives the same run wherever the
# kit lives, in or out of the sandbox.
KERNEL_NAME = "kernel.elf"
BEGIN = b"KIT BEGIN"

MAX_BYTES = 4 * 1024 * 1024
MAX_LINES = 20000
MAX_STDERR = 64 * 1024

_live: set[subprocess.Popen] = set()  # boots running now (for Ctrl-C)
_live_lock = threading.Lock()


@dataclass
class Boot:
    """What one QEMU run produced."""

    exit_code: int | None  # QEMU's exit status; None if the grader killed it
    output: str  # serial output, decoded, without \r
    stderr: str = ""
    seconds: float = 0.0
    wall_fired: bool = False  # killed by the wall-clock backstop
    flooded: bool = False  # killed for printing too much
    no_begin: bool = False  # killed: no KIT BEGIN within its deadline


def qemu_binary() -> str:
    return os.environ.get("QEMU") or "qemu-system-i386"


def have_qemu() -> bool:
    return shutil.which(qemu_binary()) is not None


def kernel_words(
    name: str, seed: int, limit: int, args: str = "", trace: bool = False
) -> str:
    """The kernel command line of a test: test=NAME seed=S limit=T [args]."""
    words = [f"test={name}", f"seed={seed}", f"limit={limit}"]
    if args:
        words.append(args)
    if trace:
        words.append("trace=1")
    return " ".join(words)


def command(
    image: Path,
    boot: str,
    mem: int,
    words: str,
    gdb_port: int | None = None,
    shift: int = 5,
) -> list[str]:
    """The QEMU command line of docs/protocol.md.

    boot="kernel" loads the ELF with -kernel and passes the words with
    -append; it names the ELF KERNEL_NAME, so run the command in a
    directory that holds the image under that name (link_kernel makes
    one); boot="iso" boots the GRUB ISO, whose menu entry already holds
    the words (see build.build_iso). 'shift' is -icount's: each guest
    instruction takes 2**shift ns of guest time (benchmarks use 0, where
    the guest's time-stamp counter counts instructions)."""
    cmd = [
        qemu_binary(),
        "-nodefaults",
        # an ISA PC: no PCI bus for the firmware to set up (docs/protocol.md)
        "-machine",
        "isapc",
        "-cpu",
        "qemu32",
        "-display",
        "none",
        "-no-reboot",
        "-serial",
        "stdio",
        "-device",
        "isa-debug-exit,iobase=0xf4,iosize=0x04",
        "-icount",
        f"shift={shift},sleep=off",
        "-rtc",
        RTC,
        "-m",
        str(mem),
    ]
    if boot == "iso":
        cmd += ["-cdrom", str(image)]
    else:
        cmd += ["-kernel", KERNEL_NAME, "-append", words]
    if gdb_port is not None:
        cmd += ["-gdb", f"tcp::{gdb_port}", "-S"]
    return cmd


def link_kernel(image: Path, cwd: str | Path) -> None:
    """Make image appear as KERNEL_NAME in directory cwd, where a kernel
    boot's command runs (a symbolic link; an ISO boot does not need it)."""
    link = Path(cwd) / KERNEL_NAME
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(Path(image).resolve())


def decode(raw: bytes) -> str:
    """Serial bytes as text: bad UTF-8 and control characters become U+FFFD,
    carriage returns go away, so no output can break a report or a terminal."""
    text = raw.decode("utf-8", errors="replace").replace("\r", "")
    return text.translate(_CONTROL_TO_REPLACEMENT)


_CONTROL_TO_REPLACEMENT = {
    c: "\ufffd"
    for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]
}


def run_boot(
    cmd: list[str],
    wall: float,
    cwd: str,
    max_bytes: int = MAX_BYTES,
    max_lines: int = MAX_LINES,
    begin_wall: float | None = None,
    env: dict | None = None,
) -> Boot:
    """Run one boot in directory cwd, within the wall-clock backstop and the
    output limits, and return what it printed and how it ended. With
    begin_wall, the boot must print KIT BEGIN within that many seconds (a
    kernel that hangs while booting costs that, not the whole backstop)."""
    start = time.monotonic()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    with _live_lock:
        _live.add(proc)
    begin_by = None if begin_wall is None else start + begin_wall
    try:
        out, err, ending = collect(
            proc, start + wall, max_bytes, max_lines, begin_by
        )
    finally:
        stop(proc)
        with _live_lock:
            _live.discard(proc)
    killed = ending != "exited"
    return Boot(
        exit_code=None if killed else proc.returncode,
        output=decode(bytes(out)),
        stderr=decode(bytes(err)),
        seconds=time.monotonic() - start,
        wall_fired=ending in ("wall", "no begin"),
        flooded=ending == "flood",
        no_begin=ending == "no begin",
    )


def collect(
    proc: subprocess.Popen,
    deadline: float,
    max_bytes: int,
    max_lines: int,
    begin_by: float | None = None,
) -> tuple[bytearray, bytearray, str]:
    """Read stdout and stderr until QEMU exits; the ending is "exited",
    "wall" (deadline passed), "no begin" (no KIT BEGIN by begin_by) or
    "flood" (output over the limits)."""
    out, err = bytearray(), bytearray()
    lines = 0
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ, out)
        sel.register(proc.stderr, selectors.EVENT_READ, err)
        while sel.get_map():
            now = time.monotonic()
            if begin_by is not None and BEGIN in out:
                begin_by = None
            if begin_by is not None and now >= begin_by:
                return out, err, "no begin"
            remaining = deadline - now
            if remaining <= 0:
                return out, err, "wall"
            if begin_by is not None:
                remaining = min(remaining, begin_by - now)
            for key, _ in sel.select(remaining):
                chunk = os.read(key.fd, 65536)
                if not chunk:
                    sel.unregister(key.fileobj)
                elif key.data is err:
                    err += chunk[: max(0, MAX_STDERR - len(err))]
                else:
                    out += chunk
                    lines += chunk.count(b"\n")
                    if len(out) > max_bytes or lines > max_lines:
                        return out, err, "flood"
    try:
        proc.wait(timeout=max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        return out, err, "wall"
    return out, err, "exited"


def stop(proc: subprocess.Popen) -> None:
    """Kill QEMU's whole process group if it still runs, and reap it."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait()
    for pipe in (proc.stdout, proc.stderr):
        if pipe:
            pipe.close()


def kill_all() -> None:
    """Stop every boot still running (the grader was interrupted)."""
    with _live_lock:
        procs = list(_live)
    for proc in procs:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def run_interactive(cmd: list[str], wall: float | None, cwd: str) -> int:
    """Run one boot with its serial output going straight to our stdout.

    Returns QEMU's exit status; 124 if the wall-clock backstop (None: no
    backstop, as under gdb) killed it; 130 on Ctrl-C; GDB_KILLED if gdb's
    `kill` ended it. QEMU's own messages are passed on to our stderr."""
    sys.stdout.flush()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    said: list[str] = []
    relay = threading.Thread(target=_relay, args=(proc.stderr, said))
    relay.start()
    try:
        status = proc.wait(timeout=wall)
        relay.join()  # all QEMU said, before its status is read
        if status == EXIT_RESET and any(GDB_KILLED_SAYS in s for s in said):
            return GDB_KILLED
        return status
    except subprocess.TimeoutExpired:
        print(
            f"\ngrader: the wall-clock backstop fired after {wall:g} s: "
            "QEMU was killed",
            file=sys.stderr,
        )
        return 124
    except KeyboardInterrupt:
        print("\ngrader: interrupted: QEMU was killed", file=sys.stderr)
        return 130
    finally:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.wait()
        relay.join()  # QEMU is gone: its stderr ends
        stop(proc)


def _relay(pipe, said: list[str]) -> None:
    """Copy QEMU's stderr to ours line by line, keeping what it said."""
    for raw in iter(pipe.readline, b""):
        line = raw.decode("utf-8", errors="replace")
        said.append(line)
        sys.stderr.write(line)
        sys.stderr.flush()
