# kitcut.py: the tree a submission is graded in starts as a student kit.
#
# A submission of lab N is graded in the kit of lab N (tools/mkkit.sh: labs
# before N solved, lab N and later labs holes, no solution at all of lab N
# or later), never in the reference tree. The kit is cut once per reference
# and stage into the work directory (outside the reference tree and every
# student's folder), the instructor's hidden test programs of labs 1..N are
# added (hidden/labK-*/tests/*.c, so that they are in the kernel image),
# and it is built once (boxed, without any SOL_LAB definition: the kit's
# own Makefile). Each submission then gets a copy of that base with its
# editable files laid over (submission.py), so only what the student
# changed is compiled again.
#
# A reference that is itself a cut kit (the Gradescope bundle holds only
# the kit of its lab) is used as it is, for its own stage only.

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import build, spec

MANIFEST = "MANIFEST"
LIST = "STUDENT_FILES"
READY = ".ready"


class KitError(Exception):
    """The kit to grade in cannot be made (a tool error, not the
    student's)."""


def is_kit(tree: Path) -> bool:
    return (tree / MANIFEST).is_file() and (tree / LIST).is_file()


def kit_lab(tree: Path) -> int | None:
    """The lab a cut kit was cut for (its MANIFEST says), or None."""
    try:
        head = (tree / MANIFEST).read_text(errors="replace")[:400]
    except OSError:
        return None
    found = re.search(r"\(lab (\d+)\)", head)
    return int(found.group(1)) if found else None


def student_files(kit: Path) -> list[str]:
    """The paths listed in a kit's STUDENT_FILES (comments left out)."""
    found = []
    for line in (kit / LIST).read_text(errors="replace").splitlines():
        path = line.split("#", 1)[0].strip()
        if path and safe_relative(path):
            found.append(path)
    return sorted(set(found))


def safe_relative(path: str) -> bool:
    parts = path.split("/")
    return not path.startswith("/") and ".." not in parts and "" not in parts


def manifest(kit: Path) -> dict[str, str]:
    """path -> SHA-256 hex, from a kit's MANIFEST."""
    found = {}
    for line in (kit / MANIFEST).read_text(errors="replace").splitlines():
        if line.startswith("#") or "  " not in line:
            continue
        digest, path = line.split("  ", 1)
        found[path] = digest
    return found


def cut(reference: Path, lab: int, dest: Path) -> None:
    """tools/mkkit.sh LAB DEST, from the reference tree."""
    script = reference / "tools" / "mkkit.sh"
    if not script.is_file():
        raise KitError(f"{reference} has no tools/mkkit.sh to cut a kit with")
    done = subprocess.run(
        ["sh", str(script), str(lab), str(dest)],
        cwd=reference,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        raise KitError(
            f"cutting the lab {lab} kit failed: "
            f"{(done.stderr or done.stdout).strip()[-500:]}"
        )


def add_hidden(base: Path, hidden: Path | None, stage: int) -> None:
    """Copy the hidden test programs of labs 1..stage into base/hidden/."""
    if hidden is None:
        return
    for program in spec.hidden_programs(hidden, stage):
        rel = program.relative_to(hidden)
        target = base / "hidden" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(program, target)


def content_key(base: Path, stage: int) -> str:
    """A digest of everything the base holds (its files, not their times)."""
    h = hashlib.sha256(f"stage {stage}\n".encode())
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        rel = path.relative_to(base).as_posix()
        if rel.startswith("build/"):
            continue
        h.update(rel.encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:16]


_made: dict[tuple, Path] = {}  # bases made by this process (a class)


def base_for(
    reference: Path,
    stage: int,
    hidden: Path | None,
    work: Path,
    env: build.BuildEnv,
) -> Path:
    """The built kit of `stage` to grade submissions in (cached in work;
    cut once per grader process, so a class is cut once)."""
    key = (reference, stage, hidden, work)
    if key in _made and (_made[key] / READY).exists():
        return _made[key]
    _made[key] = make_base(reference, stage, hidden, work, env)
    return _made[key]


def make_base(
    reference: Path,
    stage: int,
    hidden: Path | None,
    work: Path,
    env: build.BuildEnv,
) -> Path:
    kits = work / "kits"
    kits.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix="cut-", dir=kits))
    try:
        if is_kit(reference):
            lab = kit_lab(reference)
            if lab != stage:
                raise KitError(
                    f"{reference} is the kit of lab {lab}: it grades "
                    f"stage {lab} only, not stage {stage}"
                )
            shutil.rmtree(fresh)
            shutil.copytree(
                reference,
                fresh,
                symlinks=True,
                ignore=shutil.ignore_patterns("build", "hidden", ".git"),
            )
        else:
            cut(reference, stage, fresh)
        add_hidden(fresh, hidden, stage)
        base = kits / f"lab{stage}-{content_key(fresh, stage)}"
        with open(kits / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (base / READY).exists():
                shutil.rmtree(base, ignore_errors=True)
                os.rename(fresh, base)
                prebuild(base, stage, env)
                (base / READY).write_text("built\n")
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return base


def prebuild(base: Path, stage: int, env: build.BuildEnv) -> None:
    try:
        build.make(base, stage, "kernel", env)
        build.make(base, stage, "iso", env)
    except build.BuildError as e:
        raise KitError(
            f"the lab {stage} kit does not build: {e}\n" + "\n".join(e.log)
        ) from None
