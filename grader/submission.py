# submission.py: a student's tree, made ready for grading.
#
# A submission is graded inside a pristine copy of the reference tree, never
# in the tree the student handed in: `prepare` copies the reference (without
# build/ and version-control folders) and the labs up to the submission's own
# (a lab 2 kit is graded as stage 2 even when the reference holds lab 3),
# then lays over it only the files a student may edit, taken from the
# submission. Tests, expectations, oracles, test programs, the build and the
# provided kernel all stay the reference's, so nothing a student changes
# there counts.
#
# The files a student may edit are those of the reference tree that hold
# reference solutions (a `SOL_LAB` marker: where the kit has its holes),
# and any listed in the reference's STUDENT_FILES (one glob a line, `#`
# comments). An editable file missing from the submission is missing from
# the graded tree too: the reference's solution never stands in for it.

import shutil
from pathlib import Path

from . import spec

MARKER = "SOL_LAB"
MARKED_SUFFIXES = (".c", ".h")
LIST = "STUDENT_FILES"
SKIPPED = shutil.ignore_patterns("build", ".git", ".hg", ".svn", "__pycache__")


class SubmissionError(Exception):
    """The submission cannot be graded at all (not a kit tree)."""


def editable_files(reference: Path) -> list[str]:
    """The paths (relative, sorted) a student may edit."""
    found = set()
    for path in reference.rglob("*"):
        rel = path.relative_to(reference)
        if rel.parts[0] in ("build", "grader", ".git") or not path.is_file():
            continue
        if path.suffix in MARKED_SUFFIXES:
            if MARKER in path.read_text(errors="replace"):
                found.add(rel.as_posix())
    listing = reference / LIST
    if listing.is_file():
        for line in listing.read_text().splitlines():
            pattern = line.split("#", 1)[0].strip()
            if pattern and not any(c in pattern for c in "*?["):
                found.add(pattern)  # a plain path, there or not
            elif pattern:
                found |= {
                    p.relative_to(reference).as_posix()
                    for p in reference.glob(pattern)
                    if p.is_file()
                }
    return sorted(found)


def prepare(submission: Path, reference: Path, dest: Path) -> Path:
    """Build the tree to grade at dest (replacing it); returns dest."""
    if not submission.is_dir():
        raise SubmissionError(f"{submission} is not a directory")
    theirs = spec.lab_dirs(submission)
    if not theirs:
        raise SubmissionError(
            f"{submission} has no labs/labN-* directory: is it a kit tree?"
        )
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(reference, dest, ignore=SKIPPED, symlinks=True)
    stage = max(theirs)
    for number, folder in spec.lab_dirs(dest).items():
        if number > stage:
            shutil.rmtree(folder)
    for rel in editable_files(dest):
        ours, yours = dest / rel, submission / rel
        if yours.is_file():
            ours.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(yours, ours)
        elif ours.exists():
            ours.unlink()
    return dest
