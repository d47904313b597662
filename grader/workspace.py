# workspace.py: where and how a submission is graded.
#
# The work directory (--workdir, else $KIT_GRADER_WORK, else kit-grader-UID
# in the system's temporary folder) holds the built kits (kits/) and one
# graded tree per submission (graded/NAME-HASH/tree, HASH from the
# submission's path, so the same submission is graded in the same place
# and its report names the same paths every time). It must lie outside the
# reference tree and outside every student's folder: no graded tree can
# reach the reference or another student's files by a relative path, and
# the sandbox shows a build only its own tree anyway.

import hashlib
import os
import shlex
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import build, kitcut, report, sandbox, spec, submission
from .options import UsageError


# make's command line for every graded build: no SOL_LAB definition at all
# (a cut kit has no solution markers left; a student's file may not
# switch one on either).
NO_SOLUTION = ("SOL_DEFS=",)


@dataclass
class Graded:
    """A submission made ready: its tree, how to build it, what to say."""

    prepared: submission.Prepared
    env: build.BuildEnv
    box: sandbox.Sandbox
    replay: report.Replay


def default_workdir() -> Path:
    given = os.environ.get("KIT_GRADER_WORK")
    if given:
        return Path(given).resolve()
    return Path(tempfile.gettempdir()) / f"kit-grader-{os.getuid()}"


def check_outside(work: Path, **folders: Path) -> None:
    """The work directory may be inside none of the folders (by role)."""
    for role, folder in folders.items():
        if work == folder or work.is_relative_to(folder):
            raise UsageError(
                f"the work directory {work} is inside {role} {folder}: "
                "give --workdir outside it"
            )
        if folder.is_relative_to(work):
            raise UsageError(
                f"{role} {folder} is inside the work directory {work}"
            )


def graded_dir(work: Path, student: Path) -> Path:
    tag = hashlib.sha256(str(student).encode()).hexdigest()[:8]
    name = "".join(
        c if c.isalnum() or c in "-_." else "_" for c in student.name
    )
    return work / "graded" / f"{name[:40]}-{tag}"


def stage_for(student: Path, reference: Path, asked: int | None) -> int:
    if kitcut.is_kit(reference):
        lab = kitcut.kit_lab(reference)
        if lab is None:
            raise UsageError(f"{reference}/MANIFEST names no lab")
        if asked is not None and asked != lab:
            raise UsageError(
                f"{reference} is the kit of lab {lab}: it grades stage "
                f"{lab} only"
            )
        return lab
    top = spec.highest_stage(reference)
    if asked is not None:
        return asked
    return min(submission.stage_of(student), top)


def prepare(
    student: Path,
    reference: Path,
    stage_asked: int | None,
    hidden: Path | None,
    work: Path,
    build_timeout: float,
    deadline: float | None,
    extra_options: list[str],
) -> Graded:
    """Cut (or reuse) the kit, lay the student's files over a copy of it,
    and say how to build and replay it."""
    check_outside(
        work, **{"the reference tree": reference, "the submission": student}
    )
    stage = stage_for(student, reference, stage_asked)
    box = sandbox.detect()
    kit_env = build.BuildEnv(
        box=box,
        timeout=max(build_timeout, 300),
        log_dir=work / "kits",
        extra_vars=NO_SOLUTION,
    )
    base = kitcut.base_for(reference, stage, hidden, work, kit_env)
    place = graded_dir(work, student)
    prepared = submission.prepare(student, base, place / "tree", stage)
    if not prepared.own and not any(
        "refused" in n or "empty" in n for n in prepared.notes
    ):
        raise submission.SubmissionError(
            f"{student} holds none of the files a student hands in "
            f"(STUDENT_FILES of the lab {stage} kit, such as "
            f"{kitcut.student_files(base)[0]}): is it a kit tree?"
        )
    env = build.BuildEnv(
        box=box,
        timeout=build_timeout,
        log_dir=place,
        own=frozenset(prepared.own),
        deadline=deadline,
        extra_vars=NO_SOLUTION,
    )
    options = ["--tree", str(reference), "--submission", str(student)]
    replay = report.Replay(
        submission=shlex.join(options + extra_options),
        graded_tree=prepared.tree,
    )
    return Graded(prepared, env, box, replay)
