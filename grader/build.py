# build.py: build a stage of a kit tree with its Makefile.
#
#   make LAB=N kernel    (in TREE)  -> TREE/build/labN/kernel.elf
#   make LAB=N iso ISO_ARGS="test=... seed=... limit=..."
#                                   -> TREE/build/labN/kernel.iso
#
# Every build is bounded: a timeout (BUILD_TIMEOUT, a build that takes
# longer is broken), its output goes to a log file (kept when the build
# fails or times out, read back only up to MAX_LOG bytes) rather than a
# pipe the build could wait on, and, for a submission, the sandbox and its
# limits (sandbox.py). A failed build's report names the compiler's first
# errors, file and line.
#
# The GRUB ISO carries its kernel command line in its menu entry, so every
# ISO boot gets an ISO made for its own test and seed. All ISOs of a stage
# land on the same path, so ISO builds take turns (one lock) and each boot
# gets its own copy.

import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import sandbox as sandbox_mod

INSTALL_MAKE = "sudo apt-get install make"
BUILD_TIMEOUT = 120  # seconds; a build that takes longer is broken
MAX_LOG = 256 * 1024  # bytes of a build log read back
FIRST_ERRORS = 8  # compiler errors shown
TAIL_LINES = 12  # last lines shown when no error names a file

_iso_lock = threading.Lock()

DIAGNOSTIC_RE = re.compile(
    r"^(?P<file>[^:\s][^:]*):(?P<line>\d+):(?:(?P<col>\d+):)?\s*"
    r"(?P<kind>fatal error|error|warning|note):\s*(?P<text>.*)$"
)
LINKER_RE = re.compile(
    r"(undefined reference to|multiple definition of|"
    r"cannot find|No rule to make target)"
)
WERROR_RE = re.compile(r"-Werror|warnings being treated as errors")


class BuildError(Exception):
    """make failed; `log` holds the lines to show, `errors` the compiler's
    first errors (file:line: text), `werror` says a warning stopped it."""

    def __init__(
        self,
        message: str,
        log: list[str],
        errors: list[str] | None = None,
        werror: bool = False,
        hidden: int = 0,
    ) -> None:
        super().__init__(message)
        self.log = log
        self.errors = errors or []
        self.werror = werror
        self.hidden = hidden  # diagnostics about files not shown


@dataclass
class BuildEnv:
    """How builds run: a plain tree (the student's own, or the reference)
    runs as it is; a submission's graded tree runs boxed, with a clean
    environment, and its log shows only diagnostics about `own` files."""

    box: sandbox_mod.Sandbox | None = None
    timeout: float = BUILD_TIMEOUT
    log_dir: Path | None = None
    own: frozenset[str] | None = None  # None: every file is the student's
    deadline: float | None = None  # the submission's time budget
    extra_vars: tuple[str, ...] = ()
    logs: list[Path] = field(default_factory=list)


def have_make() -> bool:
    return shutil.which("make") is not None


def kernel_path(tree: Path, stage: int) -> Path:
    return tree / "build" / f"lab{stage}" / "kernel.elf"


def iso_path(tree: Path, stage: int) -> Path:
    return tree / "build" / f"lab{stage}" / "kernel.iso"


def make_args(stage: int, target: str, *variables: str) -> list[str]:
    return ["make", "--no-print-directory", f"LAB={stage}", target, *variables]


def make(
    tree: Path, stage: int, target: str, env: BuildEnv, *variables: str
) -> None:
    """Run one make target in tree; raise BuildError if it fails."""
    args = make_args(stage, target, *variables, *env.extra_vars)
    shown = " ".join(a for a in args if a != "--no-print-directory")
    timeout = env.timeout
    if env.deadline is not None:
        timeout = min(timeout, max(1.0, env.deadline - time.monotonic()))
    if env.box is None:
        cmd, cwd, environ = args, tree, None
    else:
        cmd = sandbox_mod.limited(env.box.build_command(tree, args), True)
        cwd, environ = tree, dict(sandbox_mod.ENV)
    log_path = new_log(env, target)
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            env=environ,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        killed = False
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            killed = True
        finally:
            if proc.poll() is None:  # timed out, or we were interrupted
                kill_group(proc)
    raw = read_log(log_path)
    if killed:
        kept = f" (build log: {log_path})" if env.log_dir else ""
        raise failure(
            f"`{shown}` took more than {timeout:.0f} s and was stopped{kept}",
            raw,
            env,
        )
    if proc.returncode != 0:
        raise failure(f"`{shown}` failed (status {proc.returncode})", raw, env)
    if env.log_dir is None:
        log_path.unlink(missing_ok=True)


def kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def new_log(env: BuildEnv, target: str) -> Path:
    if env.log_dir is not None:
        env.log_dir.mkdir(parents=True, exist_ok=True)
        path = env.log_dir / f"build-{target}.log"
    else:
        fd, name = tempfile.mkstemp(prefix="kit-build-", suffix=".log")
        os.close(fd)
        path = Path(name)
    env.logs.append(path)
    return path


def read_log(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(MAX_LOG)
    except OSError:
        return b""


def failure(message: str, raw: bytes, env: BuildEnv) -> BuildError:
    """A BuildError with the first errors, filtered to the student's own
    files when env.own says which those are."""
    lines = (
        raw.decode("utf-8", errors="replace").replace("\r", "").splitlines()
    )
    errors, shown, hidden = diagnostics(lines, env.own)
    if env.log_dir is None and env.logs:
        env.logs[-1].unlink(missing_ok=True)
    return BuildError(
        message,
        shown,
        errors,
        werror=any(WERROR_RE.search(line) for line in lines),
        hidden=hidden,
    )


def diagnostics(
    lines: list[str], own: frozenset[str] | None
) -> tuple[list[str], list[str], int]:
    """(first errors as file:line: text, the log lines to show, how many
    diagnostic lines were left out because they are about files that are
    not the student's). With own=None every file is the student's."""
    errors: list[str] = []
    shown: list[str] = []
    hidden = 0
    for line in lines:
        m = DIAGNOSTIC_RE.match(line)
        if m:
            name = normal_path(m.group("file"))
            if own is not None and name not in own:
                hidden += 1
                continue
            if m.group("kind") in ("error", "fatal error") or (
                m.group("kind") == "warning" and "-Werror" in line
            ):
                if len(errors) < FIRST_ERRORS:
                    errors.append(
                        f"{name}:{m.group('line')}: {m.group('text')}"
                    )
            shown.append(line)
        elif LINKER_RE.search(line) or line.startswith("make"):
            shown.append(line)
        elif own is None:
            shown.append(line)
        else:
            hidden += 1
    return errors, shown[-TAIL_LINES * 2 :], hidden


def normal_path(name: str) -> str:
    """A diagnostic's file name relative to the tree (the box runs the
    build in /kit)."""
    prefix = sandbox_mod.INSIDE + "/"
    return name[len(prefix) :] if name.startswith(prefix) else name


def build_kernel(tree: Path, stage: int, env: BuildEnv | None = None) -> Path:
    make(tree, stage, "kernel", env or BuildEnv())
    return must_exist(kernel_path(tree, stage), "kernel")


def build_iso(
    tree: Path,
    stage: int,
    words: str,
    dest: Path,
    env: BuildEnv | None = None,
) -> Path:
    """Make the stage's ISO with `words` in its GRUB entry; return a copy of
    it in directory dest."""
    with _iso_lock:
        iso = iso_path(tree, stage)
        iso.unlink(missing_ok=True)  # never boot a stale ISO
        make(tree, stage, "iso", env or BuildEnv(), f"ISO_ARGS={words}")
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
