# selection.py: which stages and tests a command line asks for, and the
# images to boot when they are given rather than built.

import argparse
import dataclasses
from pathlib import Path

from . import spec
from .grade import Stage
from .options import UsageError, with_kernel_args


def select_stages(
    args: argparse.Namespace, hidden: Path | None = None
) -> list[Stage]:
    """The stages to grade, each with its selected tests (images come later)."""
    tree = Path(args.tree).resolve()
    if args.spec:
        if getattr(args, "all_stages", False):
            raise UsageError(
                "--spec gives the tests of one lab: not with --all-stages"
            )
        lab = spec.load_lab(Path(args.spec))
        labs_by_stage = {args.stage or lab.number: [lab]}
    else:
        labs_by_stage = {
            n: spec.load_stage_labs(tree, n, hidden)
            for n in stage_numbers(tree, args)
        }
    names = set(args.test.split(",")) if args.test else None
    stages, found = [], set()
    for number, labs in labs_by_stage.items():
        tests = [
            t
            for lab in labs
            for t in lab.tests
            if (args.lab is None or t.lab == args.lab)
            and (names is None or t.name in names)
        ]
        found |= {t.name for t in tests}
        if args.seed is not None:
            tests = [dataclasses.replace(t, seeds=(args.seed,)) for t in tests]
        else:
            tests = regressions_cut(tests, number, args)
        words = getattr(args, "kernel_args", "")
        tests = [with_kernel_args(t, words) for t in tests]
        if tests:
            stages.append(Stage(number, tests, tree=tree))
    if names and names - found:
        raise UsageError(
            f"no test named {', '.join(sorted(names - found))} "
            "in the selected labs"
        )
    if not stages:
        raise UsageError("nothing to grade: the selected labs have no tests")
    return stages


def regressions_cut(
    tests: list[spec.Test], stage: int, args: argparse.Namespace
) -> list[spec.Test]:
    """--regression-seeds K: the tests of earlier labs (regressions at this
    stage) keep their first K seeds; the stage's own lab keeps all."""
    keep = getattr(args, "regression_seeds", None)
    if keep is None:
        return tests
    return [
        dataclasses.replace(t, seeds=t.seeds[:keep]) if t.lab < stage else t
        for t in tests
    ]


def stage_numbers(tree: Path, args: argparse.Namespace) -> list[int]:
    present = sorted(spec.lab_dirs(tree))
    if not present:
        raise UsageError(f"no lab directories (labs/labN-*) in {tree}")
    if getattr(args, "all_stages", False):
        if args.stage:
            raise UsageError("give --stage N or --all-stages, not both")
        return present
    number = args.stage or present[-1]
    if number > present[-1]:
        raise UsageError(
            f"no stage {number}: the highest stage in {tree} is {present[-1]}"
        )
    if args.lab is not None and args.lab > number:
        raise UsageError(f"lab {args.lab} is not part of stage {number}")
    return [number]


def attach_given_images(stages: list[Stage], args: argparse.Namespace) -> None:
    """--kernel/--iso: boot these images, build nothing."""
    if len(stages) > 1:
        raise UsageError(
            "--kernel and --iso are the images of one stage: "
            "not with --all-stages"
        )
    stage = stages[0]
    stage.kernel = existing(args.kernel)
    stage.iso = existing(args.iso)
    for test in stage.tests:
        if test.boot == "kernel" and stage.kernel is None:
            raise UsageError(
                f"test {test.name} boots with -kernel: give --kernel "
                "too (or neither image, to build them)"
            )
        if test.boot == "iso" and stage.iso is None:
            raise UsageError(
                f"test {test.name} boots the GRUB ISO: give --iso "
                "too (or neither image, to build them)"
            )


def existing(path: str | None) -> Path | None:
    if path is None:
        return None
    if not Path(path).is_file():
        raise UsageError(f"no such file: {path}")
    return Path(path).resolve()
