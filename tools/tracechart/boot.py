"""boot.py: boot one test with trace=1 exactly as the grader does (its own
code builds the stage and makes the QEMU command line)."""

import dataclasses
import sys
import tempfile
from pathlib import Path

from .errors import UsageError


def boot_traced(tree, stage, test, seed, kernel=None, extra=""):
    """Boot one test with trace=1 exactly as the grader does (same QEMU and
    kernel command lines, the test's own limits); its serial output."""
    sys.path.insert(0, str(tree))
    try:
        from grader import build, qemu, spec  # the grader's own code
    except ImportError as e:
        raise UsageError(f"cannot load the grader from {tree}: {e}") from None
    if not qemu.have_qemu():
        raise UsageError(
            f"{qemu.qemu_binary()} is not installed; install it with: "
            f"{qemu.INSTALL_QEMU}"
        )
    try:
        labs = spec.load_stage_labs(tree, stage)
    except spec.SpecError as e:
        raise UsageError(str(e)) from None
    found = [t for lab in labs for t in lab.tests if t.name == test]
    # A program no tests.toml names (the demos) boots with the defaults.
    spec_test = (
        found[0] if found else spec.Test(lab=stage, name=test, points=0)
    )
    if extra:
        spec_test = dataclasses.replace(spec_test, args=extra)
    if kernel is not None:
        kernel = Path(kernel).resolve()  # QEMU runs in a scratch directory
        if not kernel.is_file():
            raise UsageError(f"no such kernel: {kernel}")
    else:
        try:
            kernel = build.build_kernel(tree, stage)
        except build.BuildError as e:
            raise UsageError(f"{e}\n" + "\n".join(e.log)) from None
    words = qemu.kernel_words(
        test, seed, spec_test.limit, spec_test.args, trace=True
    )
    cmd = qemu.command(Path(kernel), "kernel", spec_test.mem, words)
    with tempfile.TemporaryDirectory(prefix="trace-") as tmp:
        qemu.link_kernel(Path(kernel), tmp)
        boot = qemu.run_boot(cmd, spec_test.wall, cwd=tmp)
    ending = {
        qemu.EXIT_DONE: "",
        qemu.EXIT_PANIC: "the kernel panicked",
        qemu.EXIT_TIMEOUT: "the guest-time limit was reached",
        qemu.EXIT_RESET: "the machine reset (triple fault?)",
    }
    problem = (
        "the wall-clock backstop killed QEMU"
        if boot.wall_fired
        else "QEMU was killed: too much output"
        if boot.flooded
        else ending.get(
            boot.exit_code, f"QEMU exited with status {boot.exit_code}"
        )
    )
    if problem:
        print(
            f"trace: note: {problem}; charting what was printed",
            file=sys.stderr,
        )
        for line in boot.stderr.strip().splitlines()[-5:]:
            print(f"  qemu: {line}", file=sys.stderr)
    return boot.output
