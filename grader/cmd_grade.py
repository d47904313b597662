# cmd_grade.py: `python3 -m grader [...]`, grade a kit tree or a submission.
#
#   python3 -m grader [--stage N | --all-stages] [--lab N] [--test NAME[,..]]
#                     [--seed S] [-j JOBS] [--json FILE] [--junit FILE]
#                     [--tree DIR] [--kernel ELF] [--iso ISO] [--spec TOML]
#                     [--hidden DIR | --no-hidden] [--quiet] [--times]
#       grades the current (highest) stage of a kit tree, or the one asked
#       for: builds it with make, boots every selected test and seed, and
#       reports. In a student's cut kit it first warns about every edit
#       outside STUDENT_FILES (it will not count when graded).
#
#   python3 -m grader ... --submission DIR [--extra-seeds K] [--seed-salt S]
#                     [--budget SECONDS] [--workdir DIR] [--build-timeout S]
#       grades a student's tree against the tests of --tree (the reference,
#       or a cut kit such as the Gradescope bundle's) in a copy of the kit
#       of its lab with only the student's files laid over it
#       (workspace.py), built and booted in the sandbox, within the time
#       budget; its results.json holds what the student may see.
#
# Exit status: 0 when every selected test passed, 1 when one did not, 2 for
# a usage or tool error. The last line printed is `N passed, N failed`.

import argparse
import shlex
import sys
import time
from pathlib import Path

from . import build, forgery, grade, report, seeds, submission, workspace
from .grade import Budget, Stage
from .options import (
    SUBMISSION_BUDGET,
    UsageError,
    add_selection,
    add_submission_limits,
    add_tests_and_jobs,
    hidden_dir,
    require_qemu,
)
from .selection import attach_given_images, select_stages


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python3 -m grader",
        description="Build a stage of the kit, boot its tests in QEMU and "
        "score them. (`python3 -m grader run --help`: boot one test by "
        "hand; `class --help`: a whole class; `gradescope --help`.)",
    )
    add_selection(p)
    p.add_argument(
        "--all-stages",
        action="store_true",
        help="grade every stage in turn, each with labs 1..N",
    )
    add_tests_and_jobs(p)
    p.add_argument(
        "--json", metavar="FILE", help="write Gradescope's results.json here"
    )
    p.add_argument("--junit", metavar="FILE", help="write JUnit XML here")
    p.add_argument(
        "--quiet",
        action="store_true",
        help="print only failing tests and the totals",
    )
    p.add_argument(
        "--times",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show wall-clock seconds (default: yes for a kit tree, no for "
        "a submission, whose reports must not depend on the machine)",
    )
    p.add_argument(
        "--submission",
        metavar="DIR",
        help="grade this student's tree against the tests of --tree, in a "
        "copy of its lab's kit outside both (see --workdir)",
    )
    add_submission_limits(p)
    return p


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    require_qemu()
    if args.budget is None:
        seconds = SUBMISSION_BUDGET if args.submission else None
    else:
        seconds = args.budget or None  # 0: no budget
    budget = Budget(seconds)
    notes = report.Notes()
    graded = None
    tree = Path(args.tree).resolve()
    hidden = hidden_dir(args, tree)
    salt = args.seed_salt if args.seed_salt is not None else seeds.new_salt()
    if args.submission:
        graded = prepare_submission(args, tree, hidden, budget, salt, notes)
        args.tree = str(graded.prepared.tree)
        args.stage = graded.prepared.stage
    stages = select_stages(args, hidden)
    if args.seed is None:
        for stage in stages:
            stage.tests = seeds.add(stage.tests, args.extra_seeds, salt)
        notes.lines += seeds.note(stages[0].tests, args.extra_seeds, salt)
    if args.regression_seeds and args.seed is None:
        notes.lines.append(
            f"earlier labs' tests ran on their first {args.regression_seeds}"
            " seed(s) only (make grade ALLSEEDS=1: every seed)"
        )
    if graded is None:
        notes.lines = submission.kit_warnings(tree) + notes.lines
    replay = graded.replay if graded else make_replay(args)
    times = args.times if args.times is not None else graded is None
    printer = report.Printer(
        sys.stdout, replay, args.quiet, len(stages) > 1, times
    )
    printer.notes(notes)
    start = time.monotonic()
    if args.kernel or args.iso:
        attach_given_images(stages, args)
    else:
        for stage in stages:
            if graded:
                stage.build_env, stage.box = graded.env, graded.box
            else:
                stage.build_env = build.BuildEnv(timeout=args.build_timeout)
        build_stages(stages, printer, notes)
    if graded and stages[0].build_failure is None:
        flags = forgery.screen(
            graded.prepared.tree, graded.prepared.stage, graded.prepared.own
        )
        notes.staff += flags
        for line in flags:
            printer.say(line)
    results = grade.grade(stages, args.jobs, printer.result, budget)
    seconds = time.monotonic() - start if times else None
    audience = report.STUDENT if graded else report.STAFF
    try:
        if args.json:
            report.write_gradescope(
                Path(args.json),
                results,
                replay,
                len(stages) > 1,
                seconds,
                notes,
                audience,
            )
        if args.junit:
            report.write_junit(Path(args.junit), results, replay, seconds)
    except OSError as e:
        printer.summary(results)
        raise UsageError(f"cannot write a report: {e}") from None
    printer.summary(results)
    return 0 if all(tr.passed for tr in results) else 1


def prepare_submission(
    args: argparse.Namespace,
    reference: Path,
    hidden: Path | None,
    budget: Budget,
    salt: int,
    notes: report.Notes,
) -> workspace.Graded:
    if args.kernel or args.iso or args.spec:
        raise UsageError(
            "--submission is built and graded with this tree's "
            "tests: not with --kernel, --iso or --spec"
        )
    if args.all_stages:
        raise UsageError("--submission grades one stage: not --all-stages")
    student = Path(args.submission).resolve()
    work = (
        Path(args.workdir).resolve()
        if args.workdir
        else workspace.default_workdir()
    )
    extra = []  # what a replay needs besides --seed (it names its own)
    if hidden is None and (reference / "hidden").is_dir():
        extra = ["--no-hidden"]
    elif hidden is not None and hidden != reference / "hidden":
        extra = ["--hidden", str(hidden)]
    if args.workdir:
        extra += ["--workdir", str(work)]
    graded = workspace.prepare(
        student,
        reference,
        args.stage,
        hidden,
        work,
        args.build_timeout,
        budget.deadline,
        extra,
    )
    notes.lines += graded.prepared.notes
    notes.lines.append(graded.box.note)
    if budget.seconds:
        notes.lines.append(
            f"time budget: {budget.seconds:g} s for this submission's build "
            "and boots"
        )
    return graded


def build_stages(
    stages: list[Stage], printer: report.Printer, notes: report.Notes
) -> None:
    """make each stage's kernel; a failure marks every test of the stage."""
    if not build.have_make():
        raise UsageError(
            f"make is not installed; install it with: {build.INSTALL_MAKE}"
        )
    for stage in stages:
        start = time.monotonic()
        shown = f"make LAB={stage.number} kernel"
        try:
            stage.kernel = build.build_kernel(
                stage.tree, stage.number, stage.build_env
            )
        except build.BuildError as e:
            stage.build_failure = e
            notes.build[stage.number] = report.build_error_lines(
                stage.number, e
            )
            if stage.build_env.log_dir and stage.build_env.logs:
                notes.staff.append(
                    f"the whole build log: {stage.build_env.logs[-1]}"
                )
        printer.build(
            stage.number, shown, time.monotonic() - start, stage.build_failure
        )
        if stage.build_failure and stage.build_env.log_dir:
            printer.say(f"  {notes.staff[-1]}")


def make_replay(args: argparse.Namespace) -> report.Replay:
    tree = Path(args.tree).resolve()
    elsewhere = tree != Path.cwd().resolve()
    if args.kernel or args.iso:
        options = []
        tree_needed = elsewhere and not args.spec  # tests come from the tree
        for flag, value in (
            ("--tree", str(tree) if tree_needed else None),
            ("--kernel", args.kernel),
            ("--iso", args.iso),
            ("--spec", args.spec),
        ):
            if value:
                options += [flag, str(Path(value).resolve())]
        return report.Replay(
            prebuilt=shlex.join(options), kernel_args=args.kernel_args
        )
    return report.Replay(
        make_dir=tree if elsewhere else None, kernel_args=args.kernel_args
    )
