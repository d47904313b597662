# submission.py: a student's tree, made ready for grading.
#
# A submission is graded in a copy of the kit of its lab (kitcut.py),
# never in the tree the student handed in and never in the reference: only
# the files the kit's STUDENT_FILES lists are taken from the submission and
# laid over the copy. Tests, expectations, oracles, test programs, the
# build and the provided kernel all stay the kit's, so nothing a student
# changes there counts; the report names each such change (`ignored`).
#
# Each editable file is read without ever following a link: every folder
# on its path and the file itself are opened with O_NOFOLLOW, and only a
# regular file of at most MAX_FILE bytes is taken. A symbolic link (to the
# reference, to /proc/self/mem ...), a device, a pipe or a folder in its
# place is refused with a line in the report, as is a source that names
# files outside the tree (pathcheck.py). A file that is missing, empty or
# refused is graded as the kit has it (its holes unfilled), and the report
# says so: the reference's solution never stands in for it, and the other
# labs still count.

import errno
import hashlib
import os
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path

from . import kitcut, pathcheck, spec

MAX_FILE = 1 << 20  # bytes of one student file
MAX_NOTED = 20  # ignored edits listed by name
SOURCE_SUFFIXES = (
    ".c",
    ".h",
    ".asm",
    ".S",
    ".s",
    ".ld",
    ".mk",
    ".toml",
    ".py",
    ".list",
    ".inc",
)
SKIPPED_DIRS = {"build", ".git", ".hg", ".svn", "__pycache__", "__MACOSX"}
GENERATED = {"handout.pdf"}  # `make handout.pdf` rewrites it in a kit
NOISE = {".DS_Store", "Thumbs.db"}


class SubmissionError(Exception):
    """The submission cannot be graded at all (not a kit tree)."""


@dataclass
class Prepared:
    """A graded tree and what the report must say about how it was made."""

    tree: Path
    stage: int
    own: list[str] = field(default_factory=list)  # files taken from them
    notes: list[str] = field(default_factory=list)


def find_tree(folder: Path) -> Path:
    """The kit tree in a folder: the folder itself, or, for an unpacked zip,
    the single folder it holds (a few levels down at most)."""
    for _ in range(3):
        if (folder / "labs").is_dir() and not (folder / "labs").is_symlink():
            return folder
        entries = [
            e
            for e in folder.iterdir()
            if e.name not in NOISE and e.name != "__MACOSX"
        ]
        if (
            len(entries) != 1
            or entries[0].is_symlink()
            or not entries[0].is_dir()
        ):
            return folder
        folder = entries[0]
    return folder


def stage_of(submission: Path) -> int:
    """The highest lab a submission holds (labs/labN-*)."""
    theirs = spec.lab_dirs(submission)
    if not theirs:
        raise SubmissionError(
            f"{submission} has no labs/labN-* directory: is it a kit tree?"
        )
    return max(theirs)


def read_file(root: Path, rel: str) -> tuple[bytes | None, str]:
    """The bytes of root/rel, or None and why not. No link is followed,
    anywhere on the path; only a regular file is read."""
    parts = rel.split("/")
    fds: list[int] = []
    try:
        fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
        fds.append(fd)
        for i, part in enumerate(parts[:-1]):
            try:
                fd = os.open(
                    part,
                    os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW,
                    dir_fd=fds[-1],
                )
            except OSError as e:
                where = "/".join(parts[: i + 1])
                return None, folder_problem(fds[-1], part, where, e)
            fds.append(fd)
        name = parts[-1]
        try:
            info = os.stat(name, dir_fd=fds[-1], follow_symlinks=False)
        except FileNotFoundError:
            return None, "missing"
        if stat.S_ISLNK(info.st_mode):
            target = os.readlink(name, dir_fd=fds[-1])
            return None, f"a symbolic link (to {target}), not a file"
        if stat.S_ISDIR(info.st_mode):
            return None, "a folder, not a file"
        if not stat.S_ISREG(info.st_mode):
            return None, f"a {kind_of(info.st_mode)}, not a file"
        if info.st_size > MAX_FILE:
            return (
                None,
                f"too large ({info.st_size} bytes; at most {MAX_FILE})",
            )
        fd = os.open(
            name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=fds[-1]
        )
        fds.append(fd)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None, "not a regular file"
        data = os.read(fd, MAX_FILE + 1)
        if len(data) > MAX_FILE:
            return None, f"too large (more than {MAX_FILE} bytes)"
        return data, ""
    finally:
        for fd in fds:
            os.close(fd)


def folder_problem(dir_fd: int, part: str, where: str, e: OSError) -> str:
    if e.errno == errno.ENOENT:
        return "missing"
    try:
        info = os.stat(part, dir_fd=dir_fd, follow_symlinks=False)
    except OSError:
        return f"{where} cannot be read ({e.strerror})"
    if stat.S_ISLNK(info.st_mode):
        return f"{where} is a symbolic link: links are not followed"
    return f"{where} is not a folder"


def kind_of(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device file"
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def prepare(submission: Path, base: Path, dest: Path, stage: int) -> Prepared:
    """Make the graded tree at dest (replacing it): a copy of the built kit
    `base` with the student's editable files laid over it."""
    if not submission.is_dir():
        raise SubmissionError(f"{submission} is not a directory")
    if dest.exists():
        shutil.rmtree(dest)
    copy_tree(base, dest)
    prepared = Prepared(dest, stage)
    for rel in kitcut.student_files(base):
        data, why = read_file(submission, rel)
        if data is None:
            prepared.notes.append(
                f"{'missing' if why == 'missing' else 'refused'}: {rel}"
                f"{'' if why == 'missing' else ': ' + why}; graded with "
                "the kit's version of it (its holes unfilled)"
            )
            continue
        if not data.strip():
            prepared.notes.append(
                f"refused: {rel}: empty; graded with the kit's version of it"
            )
            continue
        refusal = pathcheck.check(
            rel,
            data.decode("utf-8", "replace"),
            lambda name: (base / name).is_file(),
        )
        if refusal:
            prepared.notes.append(
                f"refused: {rel}: {refusal}; graded with the kit's version "
                "of it"
            )
            continue
        target = dest / rel
        prepared.own.append(rel)
        if target.is_file() and target.read_bytes() == data:
            continue  # as the kit has it: its object is already built
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        target.write_bytes(data)  # a new file, so make compiles it again
    prepared.notes += ignored_edits(submission, base)
    return prepared


def copy_tree(base: Path, dest: Path) -> None:
    """Copy the built kit, keeping times (so make rebuilds only what the
    student's files change), leaving out the cache's marker."""
    shutil.copytree(
        base,
        dest,
        symlinks=True,
        ignore=shutil.ignore_patterns(kitcut.READY),
    )


def ignored_edits(submission: Path, base: Path) -> list[str]:
    """Report lines for the files of the submission that do not count:
    those outside STUDENT_FILES that differ from the kit as cut, and new
    source files."""
    listed = set(kitcut.student_files(base))
    cut = kitcut.manifest(base)
    found = []
    for rel in walk_files(submission):
        if rel in listed or rel in (kitcut.MANIFEST, kitcut.LIST):
            continue
        if rel in cut:
            data, _ = read_file(submission, rel)
            if data is not None and sha256(data) != cut[rel]:
                found.append(f"{rel} (differs from the kit)")
        elif rel.endswith(SOURCE_SUFFIXES) or rel.endswith("Makefile"):
            found.append(f"{rel} (not part of the kit)")
    if not found:
        return []
    lines = [
        "ignored: these files are not in STUDENT_FILES, so they do not "
        "count (the kit's versions were graded):"
    ]
    lines += [f"  {name}" for name in found[:MAX_NOTED]]
    if len(found) > MAX_NOTED:
        lines.append(f"  ... and {len(found) - MAX_NOTED} more")
    return lines


def kit_warnings(tree: Path) -> list[str]:
    """For `make grade` in a student's own kit: one warning per file outside
    STUDENT_FILES that differs from the kit as cut (MANIFEST), is new, or
    is gone. None of these edits will count when the work is graded."""
    if not kitcut.is_kit(tree):
        return []
    listed = set(kitcut.student_files(tree))
    cut = kitcut.manifest(tree)
    present = set()
    warnings = []
    for rel in walk_files(tree):
        present.add(rel)
        if rel in listed or rel == kitcut.MANIFEST or rel in GENERATED:
            continue
        if rel in cut:
            data, _ = read_file(tree, rel)
            if data is not None and sha256(data) != cut[rel]:
                warnings.append(f"{rel} differs from the kit as cut")
        elif rel.endswith(SOURCE_SUFFIXES) or rel.endswith("Makefile"):
            warnings.append(f"{rel} is not part of the kit")
    for rel in sorted(set(cut) - present - listed):
        if rel.split("/")[0] not in SKIPPED_DIRS:
            warnings.append(f"{rel} was removed from the kit")
    return [
        f"warning: {w}, and it is not in STUDENT_FILES: it will not count "
        "when your work is graded (the kit's version is used)"
        for w in warnings
    ]


def walk_files(root: Path) -> list[str]:
    """Relative paths of the regular files under root, sorted, without
    following links or entering build/ and version-control folders."""
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in SKIPPED_DIRS
            and not os.path.islink(os.path.join(folder, d))
        )
        for name in files:
            path = os.path.join(folder, name)
            if name in NOISE or os.path.islink(path):
                continue
            found.append(os.path.relpath(path, root).replace(os.sep, "/"))
    return sorted(found)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def editable_files(kit: Path) -> list[str]:
    """The paths a student may edit: the kit's STUDENT_FILES."""
    return kitcut.student_files(kit)
