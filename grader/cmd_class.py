# cmd_class.py: `python3 -m grader class DIR`, grade a whole class.
#
#   python3 -m grader class DIR [--tree REF] [--stage N] [--test ...]
#                     [-j JOBS] [--out OUT] [--extra-seeds K] [--seed-salt S]
#                     [--budget SECONDS] [--workdir DIR] [--hidden DIR]
#       grades every entry of DIR (one folder per student) as --submission
#       grades one (batch.py); reports per student in OUT/NAME/ and a
#       summary in OUT/grades.csv (default OUT: REF/build/class). One salt
#       draws the extra seeds of the whole class, so every student meets
#       the same seeds. Exit status 0 when every entry was graded.

import argparse
from pathlib import Path

from . import batch, seeds, workspace
from .options import (
    KIT_ROOT,
    UsageError,
    add_hidden,
    add_submission_limits,
    add_tests_and_jobs,
    positive_arg,
    require_qemu,
)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python3 -m grader class",
        description="Grade every submission (one folder per student) in DIR "
        "against the tests of this tree.",
    )
    p.add_argument("folder", metavar="DIR", help="one folder per student")
    p.add_argument(
        "--tree",
        default=str(KIT_ROOT),
        metavar="REF",
        help="the reference tree whose tests grade them (default: "
        "the one holding this grader)",
    )
    p.add_argument(
        "--stage",
        type=positive_arg,
        metavar="N",
        help="grade this stage (default: each submission's highest)",
    )
    add_tests_and_jobs(p)
    add_hidden(p)
    add_submission_limits(p)
    p.add_argument(
        "--out",
        metavar="OUT",
        help="where reports go (default: REF/build/class)",
    )
    return p


def main(argv: list[str], grade_one=None) -> int:
    from . import __main__ as entry

    args = parser().parse_args(argv)
    require_qemu()
    folder, reference = Path(args.folder).resolve(), Path(args.tree).resolve()
    if not folder.is_dir():
        raise UsageError(f"no such folder: {folder}")
    if not batch.entries(folder):
        raise UsageError(f"{folder} is empty (one folder per student)")
    out = (
        Path(args.out).resolve() if args.out else reference / "build" / "class"
    )
    if out.is_relative_to(folder):
        raise UsageError(f"--out {out} is inside the class folder {folder}")
    work = (
        Path(args.workdir).resolve()
        if args.workdir
        else workspace.default_workdir()
    )
    workspace.check_outside(work, **{"the class folder": folder})
    salt = args.seed_salt if args.seed_salt is not None else seeds.new_salt()
    options = [
        "-j",
        str(args.jobs),
        "--build-timeout",
        str(args.build_timeout),
    ]
    for flag, value in (
        ("--stage", args.stage),
        ("--test", args.test),
        ("--budget", args.budget),
        ("--workdir", args.workdir),
        ("--hidden", args.hidden),
    ):
        if value is not None:
            options += [flag, str(value)]
    if args.no_hidden:
        options.append("--no-hidden")
    if args.extra_seeds:
        options += [
            "--extra-seeds",
            str(args.extra_seeds),
            "--seed-salt",
            str(salt),
        ]
    grades = batch.grade_class(
        folder, reference, out, options, grade_one or entry.main
    )
    batch.print_table(grades)
    print(f"\nreports: {out}/NAME/report.txt; summary: {out / 'grades.csv'}")
    return 0 if all(not g.problem for g in grades) else 1
