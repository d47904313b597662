# build.py: build a stage of the kit with its Makefile.
#
#   make -C TREE LAB=N kernel    -> TREE/build/labN/kernel.elf
#   make -C TREE LAB=N iso ISO_ARGS="test=... seed=... limit=..."
#                                -> TREE/build/labN/kernel.iso
#
# The GRUB ISO carries its kernel command line in its menu entry, so every
# ISO boot gets an ISO made for its own test and seed.  All ISOs of a stage
# land on the same path, so ISO builds take turns (one lock) and each boot
# gets its own copy.

import os
import shutil
import signal
import subprocess
import threading
from pathlib import Path

INSTALL_MAKE = "sudo apt-get install make"
BUILD_LOG_LINES = 20
BUILD_TIMEOUT = 900  # seconds; a build that takes longer is broken

_iso_lock = threading.Lock()


class BuildError(Exception):
    """make failed; `log` holds the last lines of its output."""

    def __init__(self, message: str, log: list[str]) -> None:
        super().__init__(message)
        self.log = log


def have_make() -> bool:
    return shutil.which("make") is not None


def kernel_path(tree: Path, stage: int) -> Path:
    return tree / "build" / f"lab{stage}" / "kernel.elf"


def iso_path(tree: Path, stage: int) -> Path:
    return tree / "build" / f"lab{stage}" / "kernel.iso"


def make_command(
    tree: Path, stage: int, target: str, *variables: str
) -> list[str]:
    return [
        "make",
        "--no-print-directory",
        "-C",
        str(tree),
        f"LAB={stage}",
        target,
        *variables,
    ]


def make(tree: Path, stage: int, target: str, *variables: str) -> None:
    """Run one make target; raise BuildError with the output's tail if it
    fails."""
    cmd = make_command(tree, stage, target, *variables)
    shown = " ".join(cmd[:1] + cmd[2:])
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        raw, _ = proc.communicate(timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise BuildError(
            f"`{shown}` took more than {BUILD_TIMEOUT} s", []
        ) from None
    finally:
        if proc.poll() is None:  # timed out, or we were interrupted
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    if proc.returncode != 0:
        raise BuildError(
            f"`{shown}` failed (status {proc.returncode})", tail(raw)
        )


def tail(raw: bytes) -> list[str]:
    lines = (
        raw.decode("utf-8", errors="replace").replace("\r", "").splitlines()
    )
    return lines[-BUILD_LOG_LINES:]


def build_kernel(tree: Path, stage: int) -> Path:
    make(tree, stage, "kernel")
    return must_exist(kernel_path(tree, stage), "kernel")


def build_iso(tree: Path, stage: int, words: str, dest: Path) -> Path:
    """Make the stage's ISO with `words` in its GRUB entry; return a copy of
    it in directory dest."""
    with _iso_lock:
        iso = iso_path(tree, stage)
        iso.unlink(missing_ok=True)  # never boot a stale ISO
        make(tree, stage, "iso", f"ISO_ARGS={words}")
        must_exist(iso, "iso")
        copy = dest / "kernel.iso"
        shutil.copyfile(iso, copy)
    return copy


def must_exist(path: Path, target: str) -> Path:
    if not path.is_file():
        raise BuildError(
            f"`make {target}` succeeded but did not produce {path}", []
        )
    return path
