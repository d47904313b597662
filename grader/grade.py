# grade.py: grade a selection of tests.
#
# Each stage is built first (or its images are given); then every
# (test, seed) boot runs on a thread pool, each QEMU in a temporary directory
# of its own.  Results come back in spec order, each test as soon as all its
# seeds have their verdicts, so the report streams but reads the same on
# every run.

import tempfile
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import build, judge, qemu
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


def run_one(stage: Stage, test: Test, seed: int) -> RunResult:
    """Boot one test with one seed and judge it."""
    words = qemu.kernel_words(test.name, seed, test.limit, test.args)
    with tempfile.TemporaryDirectory(prefix="grader-") as tmp:
        image = stage.kernel
        if test.boot == "iso":
            image = stage.iso
            if image is None:
                try:
                    image = build.build_iso(
                        stage.tree, stage.number, words, Path(tmp)
                    )
                except build.BuildError as e:
                    return judge.build_error(
                        seed, f"the ISO did not build: {e}", e.log
                    )
        cmd = qemu.command(image, test.boot, test.mem, words)
        boot = qemu.run_boot(cmd, test.wall, cwd=tmp)
    ctx = {
        "mem": test.mem,
        "stage": stage.number,
        "test": test.name,
        "lab": test.lab,
        "limit": test.limit,
        "args": test.args,
    }
    return judge.judge(test, seed, boot, ctx)


def stage_build_error(error: build.BuildError, seed: int) -> RunResult:
    return judge.build_error(
        seed, f"{judge.MESSAGES[judge.BUILD_ERROR]}: {error}", error.log
    )


def grade(
    stages: list[Stage], jobs: int, on_result: Callable[[TestResult], None]
) -> list[TestResult]:
    """Run every selected test of every stage; call on_result for each test,
    in order, as soon as it and every test before it are done."""
    order = [(stage, test) for stage in stages for test in stage.tests]
    runs: list[dict[int, RunResult]] = [{} for _ in order]
    results: list[TestResult] = []

    def flush() -> None:
        while len(results) < len(order):
            stage, test = order[len(results)]
            done = runs[len(results)]
            if len(done) < len(test.seeds):
                return
            results.append(
                TestResult(stage.number, test, [done[s] for s in test.seeds])
            )
            on_result(results[-1])

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures: dict[Future, tuple[int, int]] = {}
        for i, (stage, test) in enumerate(order):
            for seed in test.seeds:
                if stage.build_failure is not None:
                    runs[i][seed] = stage_build_error(
                        stage.build_failure, seed
                    )
                else:
                    futures[pool.submit(run_one, stage, test, seed)] = (
                        i,
                        seed,
                    )
        flush()
        try:
            for future in as_completed(futures):
                i, seed = futures[future]
                runs[i][seed] = future.result()
                flush()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            qemu.kill_all()
            raise
    return results
