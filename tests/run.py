#!/usr/bin/env python3
"""run.py: the kit's own tests, all of them (`make test`).

Suites, each run as its own process so that one cannot disturb another:

  grader     the grader's unit tests, including the broken kernels it must
             judge right (grader/tests)
  zoo        the zoo of hostile and broken submissions, graded as
             submissions are (grader/tests/test_zoo.py)
  stages     every stage of the reference tree graded by the grader: each
             test of every lab (and the hidden tests) must pass, earlier
             labs included, with its own seeds and one drawn at grading
             time
  general    the same without the IPC fast path (fastpath=0 on the kernel
             command line): the tests of labs 2 and on, one seed, on every
             stage from 2, so that the fast path can never change a result
  kit        the student kit (KIT=1: every reference solution cut out) of
             the highest stage builds, boots, and scores nothing: no test
             can be passed without the student's code
  cut        the kit an instructor hands out for each lab (make kit LAB=N):
             builds; earlier labs' tests pass, the new lab's earn nothing
  handout    handout.pdf matches its sources (tests/test_handout.py), and
             covers the kit as a reference (tests/test_reference.py)
  trace      the IPC trace tool and its figures (tests/test_trace.py)
  bench      the benchmark tool's parsing and plot (tests/test_bench.py)
  fuzz       make fuzz: how it counts calls, panics, hangs and leaks, and
             a short run (tests/test_fuzz.py)
  gradescope the autograder bundle, run as Gradescope would run it, and
             searched for solution code (tests/test_gradescope.py)
  studentkit the cut kit as a student meets it: README, STUDENT_FILES,
             MANIFEST, make check, make grade's warning about edits that
             will not count, its handout (tests/test_kit.py)
  boot       make qemu-nox (through GRUB) and make run, as a student types
             them (tests/test_boot.py)
  gdb        a debugger session in batch (tests/test_gdb.py)
  cross      the kit built with Debian's i686 cross compiler instead of
             gcc-multilib, and graded (tests/test_cross.py)
  mutants    the mutant check's own tests (tests/test_mutants.py), then
             the check itself (tools/mutants.py --every 2): half of the
             known-wrong variants of each lab's reference solution, the
             same half each time, must lose points; one count per mutant
             (make mutants checks every one; CI runs it too)

Usage: python3 tests/run.py [SUITE...]     (default: every suite)

The suites that work in folders of their own (OWN_FOLDERS) run in a second
process beside the rest, once every stage is built; their output is shown
after the others'. KIT_TEST_SERIAL=1 runs one suite at a time, in order.
The summary gives each suite's wall-clock and CPU seconds.

The last line is `N passed, N failed`, counting single tests: unit tests,
and one per graded test of a stage. Exit status 0 only if none failed and
at least one ran.
"""
from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from grader import build, spec  # noqa: E402

# Every make a suite starts runs one job per core, as a make of its own:
# not under the job server of `make test`, whose pipe is not passed on.
_environ = build.make_environ()
os.environ.clear()
os.environ.update(_environ)

PY = sys.executable
UNITTEST_RAN = re.compile(r"^Ran (\d+) tests? in", re.M)
UNITTEST_FAILED = re.compile(r"^FAILED \((.*)\)$", re.M)
GRADER_TOTAL = re.compile(r"^(\d+) passed, (\d+) failed$", re.M)

Counts = tuple[int, int]  # (passed, failed)


def run(argv: list[str]) -> tuple[int, str]:
    """Run one command from the top of the tree, echoing its output."""
    print("$ " + " ".join(argv), flush=True)
    proc = subprocess.run(
        argv,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    sys.stdout.write(proc.stdout)
    return proc.returncode, proc.stdout


def unittest_counts(argv: list[str]) -> Counts:
    """Run a unittest command; a crash before any test counts as a failure."""
    code, out = run([PY, "-m", "unittest"] + argv)
    ran = sum(int(n) for n in UNITTEST_RAN.findall(out))
    failed = 0
    for detail in UNITTEST_FAILED.findall(out):
        failed += sum(
            int(n)
            for kind, n in re.findall(r"(\w+)=(\d+)", detail)
            if kind in ("failures", "errors")
        )
    if code != 0 and failed == 0:
        failed = 1  # it died without saying why
    return ran - failed, failed


def suite_grader() -> Counts:
    """The grader's unit tests, but for the zoo (suite_zoo)."""
    names = sorted(
        f"grader.tests.{p.stem}"
        for p in (Path(ROOT) / "grader" / "tests").glob("test_*.py")
        if p.stem != "test_zoo"
    )
    return unittest_counts(names)


def suite_zoo() -> Counts:
    return unittest_counts(["grader.tests.test_zoo"])


def suite_stages() -> Counts:
    """Each stage of the reference tree must score full marks, also under
    seeds drawn at grading time (a fixed salt, so a failure replays): one
    grading of every stage, each seed-driven test with one seed more than
    its own (the tests' own seeds are graded first, so a plain grading of
    a stage would repeat a part of this one)."""
    code, out = run(
        [
            PY,
            "-m",
            "grader",
            "--all-stages",
            "--quiet",
            "--extra-seeds",
            "1",
            "--seed-salt",
            "20240601",
        ]
    )
    totals = GRADER_TOTAL.findall(out)
    if not totals:
        return 0, 1
    passed = sum(int(p) for p, _ in totals)
    failed = sum(int(f) for _, f in totals)
    if code != 0 and failed == 0:
        failed = 1
    return passed, failed


def suite_general() -> Counts:
    """Every stage from 2 graded with fastpath=0, one seed: the general
    path alone must pass what the fast path passes. Each stage runs the
    message-passing labs up to its own (lab 1 has none)."""
    highest = spec.highest_stage(Path(ROOT))
    passed = failed = 0
    for stage in range(2, highest + 1):
        for lab in range(2, stage + 1):
            code, out = run(
                [
                    PY,
                    "-m",
                    "grader",
                    "--stage",
                    str(stage),
                    "--lab",
                    str(lab),
                    "--seed",
                    "1",
                    "--quiet",
                    "--kernel-args",
                    "fastpath=0",
                ]
            )
            totals = GRADER_TOTAL.findall(out)
            p = sum(int(x) for x, _ in totals)
            f = sum(int(y) for _, y in totals)
            if code != 0 and f == 0:
                f = 1
            passed, failed = passed + p, failed + f
    return passed, failed


def hung(test: dict) -> bool:
    """Did a run of this test (Gradescope results entry) need the grader's
    wall-clock backstop? A kit may fail a test, never hang."""
    return "wall-clock backstop" in test.get("output", "")


def suite_kit() -> Counts:
    """The student kit of the highest stage: builds, boots, earns nothing."""
    stage = spec.highest_stage(Path(ROOT))
    folder = os.path.join("build", f"lab{stage}-kit")
    code, _ = run(["make", "-s", f"LAB={stage}", "KIT=1", "kernel", "iso"])
    if code != 0:
        print(f"kit: the stage {stage} kit does not build")
        return 0, 1
    with tempfile.TemporaryDirectory() as tmp:
        results = os.path.join(tmp, "results.json")
        run(
            [
                PY,
                "-m",
                "grader",
                "--stage",
                str(stage),
                "--quiet",
                "--kernel",
                os.path.join(folder, "kernel.elf"),
                "--iso",
                os.path.join(folder, "kernel.iso"),
                "--json",
                results,
            ]
        )
        if not os.path.exists(results):
            print("kit: the grader wrote no results")
            return 0, 1
        with open(results) as f:
            tests = json.load(f)["tests"]
    earned = [t["name"] for t in tests if t["score"] > 0 or hung(t)]
    for name in earned:
        print(
            f"kit: {name} scores points without the student's code, "
            "or hangs"
        )
    print(
        f"kit: stage {stage}, {len(tests)} tests, "
        f"{len(tests) - len(earned)} earn nothing without the student's code"
    )
    return len(tests) - len(earned), len(earned)


def suite_cut() -> Counts:
    """The kit an instructor cuts for each lab N (make kit LAB=N): it builds,
    the earlier labs stay solved and score full marks, lab N's tests all
    score nothing, and none hangs."""
    passed = failed = 0
    for lab in sorted(spec.lab_dirs(Path(ROOT))):
        p, f = cut_one(lab)
        passed, failed = passed + p, failed + f
    return passed, failed


def cut_one(lab: int) -> Counts:
    with tempfile.TemporaryDirectory() as tmp:
        kit = os.path.join(tmp, "kit")
        code, _ = run(["sh", "tools/mkkit.sh", str(lab), kit])
        if code != 0:
            return 0, 1
        results = os.path.join(tmp, "results.json")
        # Earlier labs on their first seed, as make grade runs them: the
        # stages suite has graded the same solutions on every seed.
        run(
            [
                PY,
                "-m",
                "grader",
                "--tree",
                kit,
                "--quiet",
                "--regression-seeds",
                "1",
                "--json",
                results,
            ]
        )
        if not os.path.exists(results):
            print(f"cut: the grader wrote no results for the lab {lab} kit")
            return 0, 1
        with open(results) as f:
            tests = json.load(f)["tests"]

    def wrong(t: dict) -> bool:
        if t["name"].startswith(f"lab {lab}:"):
            return t["score"] > 0 or hung(t)
        return t["score"] < t["max_score"]

    bad = [t["name"] for t in tests if wrong(t)]
    for name in bad:
        print(
            f"cut: {name}: wrong score in the lab {lab} kit, or it hung "
            f"(lab {lab}'s tests must earn nothing, earlier labs' full marks)"
        )
    return len(tests) - len(bad), len(bad)


def suite_handout() -> Counts:
    return unittest_counts(["tests.test_handout", "tests.test_reference"])


def suite_trace() -> Counts:
    return unittest_counts(["tests.test_trace"])


def suite_bench() -> Counts:
    return unittest_counts(["tests.test_bench"])


def suite_fuzz() -> Counts:
    return unittest_counts(["tests.test_fuzz"])


def suite_gradescope() -> Counts:
    return unittest_counts(["tests.test_gradescope"])


def suite_studentkit() -> Counts:
    return unittest_counts(["tests.test_kit"])


def suite_boot() -> Counts:
    return unittest_counts(["tests.test_boot"])


def suite_gdb() -> Counts:
    return unittest_counts(["tests.test_gdb"])


def suite_cross() -> Counts:
    return unittest_counts(["tests.test_cross"])


MUTANTS_TOTAL = re.compile(r"^(\d+) mutants, (\d+) caught$", re.M)


# The suites that passed in this run, every test of them (suite_mutants
# need not grade the reference stages again when "stages" is one).
PASSED: set[str] = set()


def suite_mutants() -> Counts:
    passed, failed = unittest_counts(["tests.test_mutants"])
    graded = ["--reference-graded"] if "stages" in PASSED else []
    code, out = run([PY, "tools/mutants.py", "--every", "2", *graded])
    totals = MUTANTS_TOTAL.findall(out)
    if not totals:
        return passed, failed + 1
    n, caught = (int(x) for x in totals[-1])
    missed = n - caught
    if code != 0 and missed == 0:
        missed = 1
    return passed + caught, failed + missed


SUITES: dict[str, Callable[[], Counts]] = {
    "grader": suite_grader,
    "zoo": suite_zoo,
    "stages": suite_stages,
    "general": suite_general,
    "kit": suite_kit,
    "cut": suite_cut,
    "handout": suite_handout,
    "trace": suite_trace,
    "bench": suite_bench,
    "fuzz": suite_fuzz,
    "gradescope": suite_gradescope,
    "studentkit": suite_studentkit,
    "boot": suite_boot,
    "gdb": suite_gdb,
    "cross": suite_cross,
    "mutants": suite_mutants,
}


def children_cpu() -> float:
    """CPU seconds (user and system) of every finished child so far: a
    suite's share against its wall time shows how well it uses the cores
    (boots inside the sandbox's namespaces are not counted)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# Suites that build and grade only in folders of their own (scratch
# copies, cut kits, bundles): they run in a second process beside the
# others, which share the tree's build/labN. They wait much of their time
# (the sandbox, budgets that must run out), so the two cores stay busy;
# the two processes take about as long (other suites that work in folders
# of their own, cut, studentkit and cross, stay with the first to even
# them out). KIT_TEST_SERIAL=1 runs everything in one process, in order.
OWN_FOLDERS = ("zoo", "handout", "gradescope")


def run_suites(names: list[str]) -> dict[str, tuple[int, int, float, float]]:
    """Run suites one after the other: name -> (passed, failed, wall, cpu)."""
    done = {}
    for name in names:
        print(f"\n==== {name} ====", flush=True)
        start = time.monotonic()
        cpu = children_cpu()
        try:
            p, f = SUITES[name]()
        except Exception:  # a broken suite is one failure
            traceback.print_exc()
            p, f = 0, 1
        done[name] = (p, f, time.monotonic() - start, children_cpu() - cpu)
        if f == 0 and p > 0:
            PASSED.add(name)
        sys.stdout.flush()
    return done


def prebuild() -> int:
    """Build every stage of the tree before two processes use it, so that
    no two makes ever run in the same build folder."""
    for stage in range(1, spec.highest_stage(Path(ROOT)) + 1):
        code, _ = run(["make", "-s", f"LAB={stage}", "kernel"])
        if code != 0:
            return code
    return 0


def run_two_ways(names: list[str]) -> dict[str, tuple[int, int, float, float]]:
    """The suites of OWN_FOLDERS in a child process, the rest here; the
    child's output is shown whole when both are done."""
    beside = [n for n in names if n in OWN_FOLDERS]
    here = [n for n in names if n not in OWN_FOLDERS]
    if not beside or not here or os.environ.get("KIT_TEST_SERIAL") == "1":
        return run_suites(names)
    if prebuild() != 0:
        print("run.py: a stage does not build")
        return {n: (0, 1, 0.0, 0.0) for n in names}
    with tempfile.TemporaryDirectory(prefix="kit-tests-") as tmp:
        log = Path(tmp) / "beside.log"
        table = Path(tmp) / "beside.json"
        print(
            f"run.py: {', '.join(beside)} run beside the others; their "
            "output follows the others'",
            flush=True,
        )
        with open(log, "w") as out:
            child = subprocess.Popen(
                [PY, __file__, "--results", str(table), *beside],
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            done = run_suites(here)
            code = child.wait()
        sys.stdout.write(log.read_text(errors="replace"))
        try:
            theirs = json.loads(table.read_text())
        except (OSError, ValueError):
            print(f"run.py: the second process ended with status {code}")
            theirs = {n: (0, 1, 0.0, 0.0) for n in beside}
    done.update({n: tuple(v) for n, v in theirs.items()})
    return done


def main(argv: list[str]) -> int:
    results_file = None
    if argv[:1] == ["--results"]:  # a second process of run_two_ways
        results_file, argv = argv[1], argv[2:]
    names = argv or list(SUITES)
    unknown = [n for n in names if n not in SUITES]
    if unknown:
        print(
            f"run.py: unknown suite {', '.join(unknown)}; "
            f"suites: {', '.join(SUITES)}",
            file=sys.stderr,
        )
        return 2
    start = time.monotonic()
    if results_file:
        done = run_suites(names)
        Path(results_file).write_text(json.dumps(done))
        return 0
    done = run_two_ways(names)
    print("\n==== summary ====")
    for name in names:
        p, f, wall, cpu = done.get(name, (0, 1, 0.0, 0.0))
        print(
            f"  {name:<10} {p:>4} passed {f:>3} failed "
            f"{wall:7.1f}s {cpu:7.1f}s cpu"
        )
    print(f"  (all: {time.monotonic() - start:.1f}s)")
    passed = sum(done.get(n, (0, 1))[0] for n in names)
    failed = sum(done.get(n, (0, 1))[1] for n in names)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
