# grade.py: grade a selection of tests.
#
# Each stage is built first (or its images are given); then the tests run
# on a thread pool, each QEMU boot in a temporary directory of its own.
# A test's seeds run one after another, in the spec's order, and stop at
# the first that fails: the later seeds are "not run" (the test has lost
# its points already, and a kernel that hangs costs one backstop per test,
# not one per seed). Which seeds ran thus never depends on timing, so the
# same submission gives the same report.
#
# Every boot is bounded by its test's wall-clock backstop (sized from its
# guest-time limit, spec.Test.wall) and by the submission's time budget
# (Budget): once the budget is spent, what is left is "budget", 0 points,
# and the report is still complete. Results come back in spec order, each
# test as soon as it and every test before it are done.

import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import build, hints, judge, qemu
from . import sandbox as sandbox_mod
from .judge import RunResult, TestResult
from .spec import Test


@dataclass
class Stage:
    """One stage to grade: its number, its selected tests, its images."""

    number: int
    tests: list[Test]
    kernel: Path | None = None  # built or given ELF
    iso: Path | None = None  # a given ISO (else one is built per boot)
    build_failure: build.BuildError | None = None
    tree: Path = Path(".")
    build_env: build.BuildEnv = field(default_factory=build.BuildEnv)
    box: sandbox_mod.Sandbox | None = None  # boots boxed (a submission)


@dataclass
class Budget:
    """The wall-clock seconds a whole grading may take (None: no limit)."""

    seconds: float | None = None
    start: float = field(default_factory=time.monotonic)

    @property
    def deadline(self) -> float | None:
        return None if self.seconds is None else self.start + self.seconds

    def remaining(self) -> float | None:
        if self.deadline is None:
            return None
        return self.deadline - time.monotonic()


def boot_command(stage: Stage, test: Test, image: Path, words: str):
    def argv(path: str) -> list[str]:
        return qemu.command(Path(path), test.boot, test.mem, words)

    if stage.box is None:
        return argv(str(image)), None
    cmd = sandbox_mod.limited(stage.box.boot_command(image, argv), False)
    return cmd, dict(sandbox_mod.ENV)


def run_one(
    stage: Stage, test: Test, seed: int, budget: Budget, trace: bool = False
) -> tuple[RunResult, qemu.Boot | None]:
    """Boot one test with one seed and judge it."""
    wall = test.wall
    left = budget.remaining()
    if left is not None:
        if left <= 0:
            return judge.out_of_budget(seed, budget.seconds, False), None
        wall = min(wall, left)
    words = qemu.kernel_words(test.name, seed, test.limit, test.args, trace)
    with tempfile.TemporaryDirectory(prefix="grader-") as tmp:
        image = stage.kernel
        if test.boot == "iso":
            image = stage.iso
            if image is None:
                try:
                    image = build.build_iso(
                        stage.tree,
                        stage.number,
                        words,
                        Path(tmp),
                        stage.build_env,
                    )
                except build.BuildError as e:
                    return (
                        judge.build_error(
                            seed, f"the ISO did not build: {e}", e.log
                        ),
                        None,
                    )
        if test.boot == "kernel":
            qemu.link_kernel(image, tmp)
        cmd, env = boot_command(stage, test, image, words)
        boot = qemu.run_boot(
            cmd, wall, cwd=tmp, begin_wall=test.begin_wall, env=env
        )
    if boot.wall_fired and wall < test.wall and not boot.no_begin:
        return judge.out_of_budget(seed, budget.seconds, True), boot
    ctx = {
        "mem": test.mem,
        "stage": stage.number,
        "test": test.name,
        "lab": test.lab,
        "limit": test.limit,
        "args": test.args,
    }
    return judge.judge(test, seed, boot, ctx), boot


def run_test(stage: Stage, test: Test, budget: Budget) -> list[RunResult]:
    """Every seed of a test, in order, up to the first that fails."""
    runs: list[RunResult] = []
    for seed in test.seeds:
        if runs and runs[-1].verdict != judge.PASS:
            failed = next(r for r in runs if r.verdict != judge.PASS)
            runs.append(judge.not_run(seed, failed.seed))
            continue
        run, _ = run_one(stage, test, seed, budget)
        if (
            run.verdict not in (judge.PASS, judge.BUDGET)
            and hints.needs_trace(test)
            and hints.began(run)
        ):
            replay, boot = run_one(stage, test, seed, budget, trace=True)
            if boot is not None:
                run.trace = [
                    line
                    for line in judge.parse(boot.output).lines
                    if line.startswith("trace|")
                ]
        runs.append(run)
    return runs


def stage_build_error(error: build.BuildError, seed: int) -> RunResult:
    return judge.build_error(
        seed, f"{judge.MESSAGES[judge.BUILD_ERROR]}: {error}", error.log
    )


def grade(
    stages: list[Stage],
    jobs: int,
    on_result: Callable[[TestResult], None],
    budget: Budget | None = None,
) -> list[TestResult]:
    """Run every selected test of every stage; call on_result for each test,
    in order, as soon as it and every test before it are done."""
    budget = budget or Budget()
    order = [(stage, test) for stage in stages for test in stage.tests]
    runs: list[list[RunResult] | None] = [None for _ in order]
    results: list[TestResult] = []

    def flush() -> None:
        while len(results) < len(order):
            stage, test = order[len(results)]
            done = runs[len(results)]
            if done is None:
                return
            results.append(TestResult(stage.number, test, done))
            on_result(results[-1])

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures: dict[Future, int] = {}
        for i, (stage, test) in enumerate(order):
            if stage.build_failure is not None:
                runs[i] = [
                    stage_build_error(stage.build_failure, seed)
                    for seed in test.seeds
                ]
            else:
                futures[pool.submit(run_test, stage, test, budget)] = i
        flush()
        try:
            for future in as_completed(futures):
                runs[futures[future]] = future.result()
                flush()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            qemu.kill_all()
            raise
    return results
