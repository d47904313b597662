# cmd_run.py: `python3 -m grader run`, boot one test by hand.
#
#   python3 -m grader run --stage N --test NAME [--seed S] [--gdb PORT]
#                         [--trace]
#       boots one test exactly as grading does and streams its raw serial
#       output to the terminal; exits 0 when the run ended cleanly, else
#       with QEMU's status (1 for a reset).  (`make run`, `make qemu-gdb`.)

import argparse
import dataclasses
import shlex
import sys
import tempfile
from pathlib import Path

from . import build, qemu, spec
from .options import (
    UsageError,
    add_selection,
    hidden_dir,
    positive_arg,
    require_qemu,
    with_kernel_args,
)
from .selection import stage_numbers
from .spec import Test


def parser() -> argparse.ArgumentParser:
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


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    require_qemu()
    test, stage = find_test(args)
    words = qemu.kernel_words(
        test.name, test.seeds[0], test.limit, test.args, args.trace
    )
    tree = Path(args.tree).resolve()
    with tempfile.TemporaryDirectory(prefix="grader-") as tmp:
        try:
            image = image_to_boot(args, test, stage, tree, words, Path(tmp))
        except build.BuildError as e:
            print(f"grader: {e}", file=sys.stderr)
            print("\n".join(e.errors or e.log), file=sys.stderr)
            return 2
        cmd = qemu.command(image, test.boot, test.mem, words, args.gdb)
        if test.boot == "kernel":
            qemu.link_kernel(image, tmp)
            print(f"grader: {qemu.KERNEL_NAME} is {image}", file=sys.stderr)
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


ENDINGS = {
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
        print(f"grader: {ENDINGS[status]}", file=sys.stderr)
        return 0
    why = ENDINGS.get(status, "unexpected")
    print(f"grader: QEMU exit status {status}: {why}", file=sys.stderr)
    return status if status else 1


def find_test(args: argparse.Namespace) -> tuple[Test, int]:
    """The test to boot and its stage, from the specs of the stage; a name no
    spec knows (a kernel self-test, say) boots with the default settings."""
    if args.spec:
        lab = spec.load_lab(Path(args.spec))
        stage, labs = args.stage or lab.number, [lab]
    else:
        tree = Path(args.tree).resolve()
        stage = stage_numbers(tree, args)[0]
        labs = spec.load_stage_labs(tree, stage, hidden_dir(args, tree))
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
    return with_kernel_args(test, args.kernel_args), stage


def image_to_boot(
    args: argparse.Namespace,
    test: Test,
    stage: int,
    tree: Path,
    words: str,
    tmp: Path,
) -> Path:
    """The image `run` boots: the one given, or one built now."""
    given = args.iso if test.boot == "iso" else args.kernel
    if given:
        return Path(given).resolve()
    if not build.have_make():
        raise UsageError(
            f"make is not installed; install it with: {build.INSTALL_MAKE}"
        )
    if test.boot == "iso":
        return build.build_iso(tree, stage, words, tmp)
    return build.build_kernel(tree, stage)
