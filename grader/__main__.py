# __main__.py: the grader's command line.
#
#   python3 -m grader [--stage N | --all-stages] [--lab N] [--test NAME[,NAME]]
#                     [--seed S] [-j JOBS] [--json FILE] [--junit FILE]
#                     [--tree DIR] [--kernel ELF] [--iso ISO] [--spec TOML]
#                     [--quiet]
#       grades the current (highest) stage, or the one asked for: builds it
#       with make, boots every selected test and seed, and reports.
#       Exit status: 0 when every selected test passed, 1 when one did not,
#       2 for a usage or tool error.  The last line printed is
#       `N passed, N failed`.
#
#   python3 -m grader ... --submission DIR
#       grades a student's tree against this tree's own tests: a pristine
#       copy of this tree is made in build/graded/NAME/tree, with only the
#       files a student may edit taken from DIR (grader/submission.py),
#       and graded there.
#
#   python3 -m grader class DIR [--stage N] [--test ...] [-j JOBS] [--out OUT]
#       grades every submission in DIR (one folder per student), one after
#       another; reports per student and a summary in OUT/grades.csv
#       (default OUT: build/class).  Exit status 0 when all were graded.
#
#   python3 -m grader run --stage N --test NAME [--seed S] [--gdb PORT]
#                         [--trace]
#       boots one test exactly as grading does and streams its raw serial
#       output to the terminal; exits 0 when the run ended cleanly, else
#       with QEMU's status (1 for a reset).  (`make run`,
#       `make qemu-gdb`.)

import argparse
import dataclasses
import os
import shlex
import sys
import tempfile
import time
from pathlib import Path

from . import batch, build, grade, qemu, report, spec, submission
from .grade import Stage
from .spec import SpecError, Test

KIT_ROOT = Path(__file__).resolve().parent.parent


class UsageError(Exception):
    """The command line asks for something that cannot be done."""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] == ["run"]:
            return run_main(argv[1:])
        if argv[:1] == ["class"]:
            return class_main(argv[1:])
        return grade_main(argv)
    except (UsageError, SpecError, submission.SubmissionError) as e:
        print(f"grader: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        qemu.kill_all()
        print("\ngrader: interrupted", file=sys.stderr)
        return 130


# --- command-line options ----------------------------------------------------


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


def grade_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python3 -m grader",
        description="Build a stage of the kit, boot its tests in QEMU and "
        "score them. "
        "(`python3 -m grader run --help`: boot one test by hand.)",
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
        "--submission",
        metavar="DIR",
        help="grade this student's tree against the tests of --tree "
        "(prepared in build/graded/NAME/tree)",
    )
    return p


def class_parser() -> argparse.ArgumentParser:
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
    p.add_argument(
        "--out",
        metavar="OUT",
        help="where reports go (default: REF/build/class)",
    )
    return p


def run_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python3 -m grader run",
        description="Boot one test exactly as grading does; its serial output "
        "goes to the terminal; exit 0 if it ended cleanly.",
    )
    add_selection(p)
    p.add_argument(
        "--test", required=True, metavar="NAME", help="the test to boot"
    )
    p.add_argument(
        "--gdb",
        type=positive_arg,
        metavar="PORT",
        help="let gdb attach on this port; the CPU waits for it",
    )
    p.add_argument(
        "--trace",
        action="store_true",
        help="add trace=1 (log every IPC event)",
    )
    return p


# --- what to grade -----------------------------------------------------------


def select_stages(args: argparse.Namespace) -> list[Stage]:
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
            n: spec.load_stage_labs(tree, n) for n in stage_numbers(tree, args)
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


def build_stages(stages: list[Stage], printer: report.Printer) -> None:
    """make each stage's kernel; a failure marks every test of the stage."""
    if not build.have_make():
        raise UsageError(
            f"make is not installed; install it with: {build.INSTALL_MAKE}"
        )
    for stage in stages:
        start = time.monotonic()
        shown = f"make LAB={stage.number} kernel"
        try:
            stage.kernel = build.build_kernel(stage.tree, stage.number)
        except build.BuildError as e:
            stage.build_failure = e
        printer.build(
            stage.number, shown, time.monotonic() - start, stage.build_failure
        )


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
        return report.Replay(prebuilt=shlex.join(options))
    return report.Replay(make_dir=tree if elsewhere else None)


def require_qemu() -> None:
    if not qemu.have_qemu():
        raise UsageError(
            f"{qemu.qemu_binary()} is not installed; install it with: "
            f"{qemu.INSTALL_QEMU}"
        )


# --- python3 -m grader -------------------------------------------------------


def grade_main(argv: list[str]) -> int:
    args = grade_parser().parse_args(argv)
    require_qemu()
    if args.submission:
        if args.kernel or args.iso or args.spec:
            raise UsageError(
                "--submission is built and graded with this tree's "
                "tests: not with --kernel, --iso or --spec"
            )
        student = Path(args.submission).resolve()
        reference = Path(args.tree).resolve()
        args.tree = str(
            submission.prepare(
                student,
                reference,
                reference / "build" / "graded" / student.name / "tree",
            )
        )
    stages = select_stages(args)
    replay = make_replay(args)
    printer = report.Printer(sys.stdout, replay, args.quiet, len(stages) > 1)
    start = time.monotonic()
    if args.kernel or args.iso:
        attach_given_images(stages, args)
    else:
        build_stages(stages, printer)
    results = grade.grade(stages, args.jobs, printer.result)
    seconds = time.monotonic() - start
    try:
        if args.json:
            report.write_gradescope(
                Path(args.json), results, replay, len(stages) > 1, seconds
            )
        if args.junit:
            report.write_junit(Path(args.junit), results, replay, seconds)
    except OSError as e:
        printer.summary(results)
        raise UsageError(f"cannot write a report: {e}") from None
    printer.summary(results)
    return 0 if all(tr.passed for tr in results) else 1


# --- python3 -m grader class -------------------------------------------------


def class_main(argv: list[str]) -> int:
    args = class_parser().parse_args(argv)
    require_qemu()
    folder, reference = Path(args.folder).resolve(), Path(args.tree).resolve()
    if not folder.is_dir():
        raise UsageError(f"no such folder: {folder}")
    if not batch.students(folder):
        raise UsageError(
            f"{folder} holds no submissions (one folder per student)"
        )
    out = (
        Path(args.out).resolve() if args.out else reference / "build" / "class"
    )
    options = ["--quiet", "-j", str(args.jobs)]
    if args.stage:
        options += ["--stage", str(args.stage)]
    if args.test:
        options += ["--test", args.test]
    grades = batch.grade_class(folder, reference, out, options, main)
    batch.print_table(grades)
    print(f"\nreports: {out}/NAME/report.txt; summary: {out / 'grades.csv'}")
    return 0 if all(not g.problem for g in grades) else 1


# --- python3 -m grader run ---------------------------------------------------


def run_main(argv: list[str]) -> int:
    args = run_parser().parse_args(argv)
    require_qemu()
    test, stage = find_run_test(args)
    words = qemu.kernel_words(
        test.name, test.seeds[0], test.limit, test.args, args.trace
    )
    tree = Path(args.tree).resolve()
    with tempfile.TemporaryDirectory(prefix="grader-") as tmp:
        try:
            image = run_image(args, test, stage, tree, words, Path(tmp))
        except build.BuildError as e:
            print(f"grader: {e}", file=sys.stderr)
            print("\n".join(e.log), file=sys.stderr)
            return 2
        cmd = qemu.command(image, test.boot, test.mem, words, args.gdb)
        print(f"grader: {shlex.join(cmd)}", file=sys.stderr)
        if args.gdb:
            print(
                f"grader: the CPU waits for gdb on localhost:{args.gdb} "
                f"(`make gdb LAB={stage} TEST={test.name}` "
                "in another terminal)",
                file=sys.stderr,
            )
        status = qemu.run_interactive(
            cmd, None if args.gdb else test.wall, cwd=tmp
        )
    return run_status(status)


RUN_ENDINGS = {
    qemu.EXIT_PANIC: "the kernel panicked",
    qemu.EXIT_TIMEOUT: "the guest-time limit was reached",
    qemu.EXIT_RESET: "the machine reset (a triple fault?)",
    qemu.GDB_KILLED: "gdb ended the run (kill)",
    124: "QEMU was killed by the wall-clock backstop",
    130: "interrupted",
}


def run_status(status: int) -> int:
    """0 for a run that ended cleanly (KIT END done); else QEMU's status,
    said in words."""
    if status == qemu.EXIT_DONE:
        return 0
    if status == qemu.GDB_KILLED:
        print(f"grader: {RUN_ENDINGS[status]}", file=sys.stderr)
        return 0
    why = RUN_ENDINGS.get(status, "unexpected")
    print(f"grader: QEMU exit status {status}: {why}", file=sys.stderr)
    return status if status else 1


def find_run_test(args: argparse.Namespace) -> tuple[Test, int]:
    """The test to boot and its stage, from the specs of the stage; a name no
    spec knows (a kernel self-test, say) boots with the default settings."""
    if args.spec:
        lab = spec.load_lab(Path(args.spec))
        stage, labs = args.stage or lab.number, [lab]
    else:
        tree = Path(args.tree).resolve()
        stage = stage_numbers(tree, args)[0]
        labs = spec.load_stage_labs(tree, stage)
    found = [
        t
        for lab in labs
        for t in lab.tests
        if t.name == args.test and args.lab in (None, t.lab)
    ]
    if found:
        test = found[0]
    else:
        print(
            f"grader: no spec names test {args.test!r}: booting it with the "
            "default settings",
            file=sys.stderr,
        )
        test = Test(lab=args.lab or stage, name=args.test, points=0)
    if args.seed is not None:
        test = dataclasses.replace(test, seeds=(args.seed,))
    return test, stage


def run_image(
    args: argparse.Namespace,
    test: Test,
    stage: int,
    tree: Path,
    words: str,
    tmp: Path,
) -> Path:
    """The image `run` boots: the one given, or one built now."""
    if test.boot == "iso":
        if args.iso:
            return Path(args.iso).resolve()
        if not build.have_make():
            raise UsageError(
                f"make is not installed; install it with: {build.INSTALL_MAKE}"
            )
        return build.build_iso(tree, stage, words, tmp)
    if args.kernel:
        return Path(args.kernel).resolve()
    if not build.have_make():
        raise UsageError(
            f"make is not installed; install it with: {build.INSTALL_MAKE}"
        )
    return build.build_kernel(tree, stage)


if __name__ == "__main__":
    sys.exit(main())
