# sandbox.py: run a command of a submission's build or boot in a box.
#
# A submission is hostile input, and so is everything built from it. Its
# build (make, the compiler, the assembler, the linker) and its boots (QEMU)
# run under bubblewrap (`bwrap`) when this machine allows it:
#
#   - the graded tree is the only folder of the host it sees, at /kit (its
#     image, for a boot, read-only at /boot);
#   - the toolchain is visible read-only (/usr, and the few files of /etc
#     that programs there need); nothing else of the host is: not the
#     reference tree, not another student's tree, not /home, not /proc;
#   - no network, no other process, no capabilities (--unshare-all,
#     --cap-drop ALL), a clean environment, a private /tmp;
#   - and, in or out of the box, limits the kernel enforces (setrlimit):
#     address space, CPU time, size of any file written.
#
# Where bwrap is missing or cannot make namespaces (some containers), the
# same command runs with the same limits and environment but without the
# box; the grader then relies on its path checks (pathcheck.py) alone and
# says so in the report (`Sandbox.note`).

import functools
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import qemu

INSIDE = "/kit"  # where the graded tree appears in the box
IMAGE_DIR = "/boot"  # where a boot's image appears
BUILD_MEMORY = 1 << 30  # bytes of address space per build process
BUILD_CPU = 300  # CPU seconds per build process
MAX_FILE = 64 << 20  # bytes: no file a build writes may be larger
TOOLCHAIN_BINDS = ("/usr", "/etc/alternatives", "/etc/ld.so.cache")
ENV = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "LC_ALL": "C", "LANG": "C"}


@dataclass
class Sandbox:
    """How commands of a submission run: boxed (bwrap) or not."""

    boxed: bool
    note: str  # one line for the report

    def build_command(self, tree: Path, argv: list[str]) -> list[str]:
        """argv run in the graded tree (rw), seen as /kit when boxed."""
        if not self.boxed:
            return argv
        return [
            *bwrap_base(),
            "--bind",
            str(tree),
            INSIDE,
            "--chdir",
            INSIDE,
            *argv,
        ]

    def boot_command(
        self, image: Path, argv_for: Callable[[str], list[str]]
    ) -> list[str]:
        """A QEMU command for image: argv_for(path of the image as the
        command sees it) gives the command line. Unboxed, it runs where
        the caller says; boxed, in IMAGE_DIR, where an ELF appears as
        qemu.KERNEL_NAME (the name a kernel boot gives QEMU)."""
        if not self.boxed:
            return argv_for(str(image))
        name = image.name if image.suffix == ".iso" else qemu.KERNEL_NAME
        inside = f"{IMAGE_DIR}/{name}"
        return [
            *bwrap_base(),
            "--ro-bind",
            str(image),
            inside,
            "--chdir",
            IMAGE_DIR,
            *argv_for(inside),
        ]


def bwrap_base() -> list[str]:
    cmd = [
        "bwrap",
        "--unshare-all",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
        "--clearenv",
    ]
    for key, value in ENV.items():
        cmd += ["--setenv", key, value]
    for path in TOOLCHAIN_BINDS:
        if os.path.exists(path):
            cmd += ["--ro-bind", path, path]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        target = os.path.join("/", name)
        if os.path.islink(target):
            cmd += ["--symlink", os.readlink(target), target]
        elif os.path.isdir(target):
            cmd += ["--ro-bind", target, target]
    cmd += ["--dev", "/dev", "--tmpfs", "/tmp"]
    return cmd


@functools.lru_cache(maxsize=1)
def detect() -> Sandbox:
    """Can this machine box a command? Tried once per grader run."""
    if os.environ.get("KIT_GRADER_SANDBOX") == "off":
        return Sandbox(
            False,
            "sandbox: off (KIT_GRADER_SANDBOX=off): the build ran with "
            "path checks only",
        )
    if shutil.which("bwrap") is None:
        return Sandbox(
            False,
            "sandbox: bubblewrap (bwrap) is not installed: the build ran "
            "with path checks only (sudo apt-get install bubblewrap)",
        )
    try:
        probe = subprocess.run(
            [*bwrap_base(), "true"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        return Sandbox(False, f"sandbox: bwrap failed ({e}): path checks only")
    if probe.returncode != 0:
        why = probe.stderr.decode(errors="replace").strip().splitlines()
        return Sandbox(
            False,
            "sandbox: unavailable here (bwrap: "
            f"{why[-1] if why else 'status ' + str(probe.returncode)}): "
            "the build ran with path checks only",
        )
    return Sandbox(
        True,
        "sandbox: bubblewrap: the build and the boots saw the graded tree "
        "and the toolchain only, without network",
    )


def limited(argv: list[str], build: bool) -> list[str]:
    """argv under the kernel's resource limits (util-linux prlimit, so
    that no Python runs between fork and exec in a threaded grader). A
    build's processes get an address space, CPU time and file size bound;
    a boot (QEMU needs a large address space for its code buffer) only the
    file size and no core dumps: its memory is QEMU's -m, its time the
    wall-clock backstop."""
    if shutil.which("prlimit") is None:
        return argv
    bounds = [f"--fsize={MAX_FILE}", "--core=0"]
    if build:
        bounds += [f"--as={BUILD_MEMORY}", f"--cpu={BUILD_CPU}"]
    return ["prlimit", *bounds, "--", *argv]
