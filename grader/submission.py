# submission.py: a student's tree, made ready for grading.
#
# A submission is graded against the grader's own tests, never against
# copies the student could have edited. `prepare` copies the submission
# (without build/ and version-control folders) into a fresh folder and lays
# the reference tree's own files over it: every lab's expectations
# (tests.toml, oracle.py), test and benchmark programs, the provided user
# programs, the build (Makefile, mk/, tools/) and the system-call list.
# What a student writes (kernel/, lib/, user/lib/, labs/*/lib/) is left as
# submitted. Labs the submission does not have are not added: a lab 2 kit
# is graded as stage 2 even when the reference holds lab 3.

import shutil
from pathlib import Path

from . import spec

# Paths (globs, relative to the top of a tree) the grader owns.
OWNED = (
    "Makefile",
    "mk",
    "tools",
    "kernel/syscalls.list",
    "kernel/labs.mk",
    "user/bin",
    "user/user.ld",
)
OWNED_PER_LAB = ("tests.toml", "oracle.py", "tests", "bench")
SKIPPED = shutil.ignore_patterns("build", ".git", ".hg", ".svn", "__pycache__")


class SubmissionError(Exception):
    """The submission cannot be graded at all (not a kit tree)."""


def prepare(submission: Path, reference: Path, dest: Path) -> Path:
    """Copy submission to dest (replacing dest) with the reference's own
    files laid over it; returns dest."""
    if not submission.is_dir():
        raise SubmissionError(f"{submission} is not a directory")
    labs = spec.lab_dirs(submission)
    if not labs:
        raise SubmissionError(
            f"{submission} has no labs/labN-* directory: " "is it a kit tree?"
        )
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(submission, dest, ignore=SKIPPED, symlinks=True)
    for pattern in OWNED:
        for source in sorted(reference.glob(pattern)):
            lay_over(source, dest / source.relative_to(reference))
    reference_labs = spec.lab_dirs(reference)
    for number, their_dir in labs.items():
        ours = reference_labs.get(number)
        if ours is None:
            continue
        for name in OWNED_PER_LAB:
            if (ours / name).exists():
                lay_over(ours / name, dest / "labs" / their_dir.name / name)
    return dest


def lay_over(source: Path, target: Path) -> None:
    """Replace target (file or folder) by a copy of source."""
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    elif target.exists() or target.is_symlink():
        target.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target, ignore=SKIPPED)
    else:
        shutil.copy2(source, target)
