# options.py: what the grader's commands share on their command lines.

import argparse
import dataclasses
import os
from pathlib import Path

from . import qemu, spec
from .spec import Test

KIT_ROOT = Path(__file__).resolve().parent.parent
SUBMISSION_BUDGET = 300.0  # seconds per submission: see docs/grading.md


class UsageError(Exception):
    """The command line asks for something that cannot be done."""


def seed_arg(text: str) -> int:
    value = int(text)
    if not 0 <= value <= spec.SEED_MAX:
        raise argparse.ArgumentTypeError(f"a seed is in 0..{spec.SEED_MAX}")
    return value


def positive_arg(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def count_arg(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError("must be in 0..100")
    return value


def seconds_arg(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be >= 0 (0: no limit)")
    return value


def add_selection(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--stage",
        type=positive_arg,
        metavar="N",
        help="the stage to build and grade (default: the highest present)",
    )
    p.add_argument(
        "--lab", type=positive_arg, metavar="N", help="only the tests of lab N"
    )
    p.add_argument(
        "--seed",
        type=seed_arg,
        metavar="S",
        help="use this seed instead of the tests' own",
    )
    p.add_argument(
        "--kernel-args",
        default="",
        metavar="WORDS",
        help="add these words to every test's kernel command line "
        "(fastpath=0: every message through the general path)",
    )
    p.add_argument(
        "--tree",
        default=str(KIT_ROOT),
        metavar="DIR",
        help="the kit tree to build and grade (default: the one "
        "holding this grader)",
    )
    p.add_argument(
        "--kernel", metavar="ELF", help="boot this kernel, do not build"
    )
    p.add_argument(
        "--iso", metavar="ISO", help="boot this GRUB ISO, do not build"
    )
    p.add_argument(
        "--spec", metavar="TOML", help="take the tests from this tests.toml"
    )
    add_hidden(p)


def add_hidden(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--hidden",
        metavar="DIR",
        help="an instructor's hidden tests (DIR/labN-*/tests.toml, "
        "oracle.py, tests/*.c; default: TREE/hidden when it exists)",
    )
    p.add_argument(
        "--no-hidden",
        action="store_true",
        help="leave the hidden tests out",
    )


def add_tests_and_jobs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--test", metavar="NAME[,NAME]", help="only these tests")
    p.add_argument(
        "-j",
        "--jobs",
        type=positive_arg,
        default=os.cpu_count() or 1,
        metavar="JOBS",
        help="boots run at once (default: one per CPU)",
    )
    p.add_argument(
        "--regression-seeds",
        type=positive_arg,
        metavar="K",
        help="run the tests of labs before the stage's own on their first "
        "K seeds only (default: every seed; make grade passes 1)",
    )


def add_submission_limits(p: argparse.ArgumentParser) -> None:
    """The options of grading submissions (--submission, class)."""
    p.add_argument(
        "--extra-seeds",
        type=count_arg,
        default=0,
        metavar="K",
        help="add K seeds drawn at grading time to each seed-driven test",
    )
    p.add_argument(
        "--seed-salt",
        type=seed_arg,
        metavar="S",
        help="draw the extra seeds from this salt (default: a random one; "
        "the report records it)",
    )
    p.add_argument(
        "--budget",
        type=seconds_arg,
        metavar="SECONDS",
        help="wall-clock seconds a whole grading may take: what is left "
        f"then scores 0 (default: {SUBMISSION_BUDGET:g} for a submission, "
        "none otherwise; 0: none)",
    )
    p.add_argument(
        "--workdir",
        metavar="DIR",
        help="where submissions are graded (default: $KIT_GRADER_WORK, "
        "else kit-grader-UID in the system's temporary folder); never "
        "inside the reference tree or a student's folder",
    )
    p.add_argument(
        "--build-timeout",
        type=seconds_arg,
        default=120,
        metavar="SECONDS",
        help="a build that takes longer is stopped (default: 120)",
    )


def hidden_dir(args: argparse.Namespace, tree: Path) -> Path | None:
    """The hidden tests to grade with: --hidden, else TREE/hidden."""
    if getattr(args, "no_hidden", False):
        return None
    if getattr(args, "hidden", None):
        folder = Path(args.hidden).resolve()
        if not folder.is_dir():
            raise UsageError(f"no such folder: {args.hidden}")
        return folder
    return spec.hidden_root(tree)


def require_qemu() -> None:
    if not qemu.have_qemu():
        raise UsageError(
            f"{qemu.qemu_binary()} is not installed; install it with: "
            f"{qemu.INSTALL_QEMU}"
        )


def with_kernel_args(test: Test, words: str) -> Test:
    """The test with words added to its kernel command line."""
    if not words.strip():
        return test
    return dataclasses.replace(test, args=f"{test.args} {words}".strip())
