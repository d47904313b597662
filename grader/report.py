# report.py: what the grader tells people.
#
# - human text, streamed as each test finishes: one status line per test and,
#   when it fails, why, the last lines of output, a hint, and the commands
#   that replay the run and open it in gdb; then subtotals, the total, and
#   the final line `N passed, N failed`;
# - Gradescope's results.json;
# - JUnit XML (one testsuite per stage and lab), for CI.

import json
import re
import shlex
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .build import BuildError
from .judge import BUILD_ERROR, LABELS, RunResult, TestResult

STATUS_COLUMN = 46
MAX_LINE_SHOWN = 200
GDB_PORT = 1234


def points(value: float) -> str:
    return f"{value:g}"


def seeds_text(seeds: tuple[int, ...]) -> str:
    if len(seeds) == 1:
        return f"seed {seeds[0]}"
    return "seeds " + ",".join(str(s) for s in seeds)


def status_line(tr: TestResult) -> str:
    """`  banner (seed 1) ........ PASS    5/5       0.4s`"""
    left = f"  {tr.test.name} ({seeds_text(tr.test.seeds)}) "
    score = f"{points(tr.score)}/{points(tr.test.points)}"
    label = LABELS[tr.verdict]
    return f"{left:.<{STATUS_COLUMN}} {label:<7} {score:<7} {tr.seconds:5.1f}s"


def clip(line: str) -> str:
    return (
        line
        if len(line) <= MAX_LINE_SHOWN
        else line[:MAX_LINE_SHOWN] + " [...]"
    )


@dataclass
class Replay:
    """Says the commands that replay one run exactly, and open it in gdb."""

    make_dir: Path | None = None  # make -C DIR; None: the current directory
    prebuilt: str | None = None  # grader options naming prebuilt images

    def commands(self, stage: int, name: str, seed: int) -> tuple[str, str]:
        if self.prebuilt is not None:
            run = (
                f"python3 -m grader run --stage {stage} {self.prebuilt} "
                f"--test {name} --seed {seed}"
            )
            return run, (
                f"{run} --gdb {GDB_PORT}   (then in another terminal: "
                f"gdb -ex 'target remote localhost:{GDB_PORT}')"
            )
        make = (
            "make"
            if self.make_dir is None
            else f"make -C {shlex.quote(str(self.make_dir))}"
        )
        words = f"LAB={stage} TEST={name} SEED={seed}"
        return (
            f"{make} run {words}",
            f"{make} qemu-gdb {words}   "
            f"(then `{make} gdb LAB={stage} TEST={name}` "
            "in another terminal)",
        )


def describe(
    tr: TestResult, replay: Replay, shown_logs: set | None = None
) -> list[str]:
    """Why a test failed: the first failing seed in full, the others in one
    line each, then the hint.  Build logs already in shown_logs are skipped."""
    lines = []
    for i, run in enumerate(tr.failed_runs()):
        if i == 0:
            lines += describe_run(tr, run, replay, shown_logs)
        elif run.verdict != BUILD_ERROR:  # a build fails alike for every seed
            run_cmd, _ = replay.commands(tr.stage, tr.test.name, run.seed)
            lines += [
                f"seed {run.seed}: {run.verdict}: {run.message}",
                f"  replay: {run_cmd}",
            ]
    if tr.test.hint:
        lines.append(f"hint: {tr.test.hint}")
    return lines


def describe_run(
    tr: TestResult, run: RunResult, replay: Replay, shown_logs: set | None
) -> list[str]:
    """One failed run in full: verdict, problems, output, how to replay it."""
    lines = [f"seed {run.seed}: {run.verdict}: {run.message}"]
    lines += [f"  - {clip(p)}" for p in run.problems]
    log = tuple(run.build_log)
    if log and (shown_logs is None or log not in shown_logs):
        lines.append("  build output (last lines):")
        lines += [f"    {clip(line)}" for line in log]
    if run.tail:
        lines.append("  last lines of output:")
        lines += [f"    | {clip(line)}" for line in run.tail]
    if run.stderr:
        lines.append("  QEMU said:")
        lines += [f"    ! {clip(line)}" for line in run.stderr]
    if run.verdict != BUILD_ERROR:
        run_cmd, gdb_cmd = replay.commands(tr.stage, tr.test.name, run.seed)
        lines += [f"  replay: {run_cmd}", f"  gdb:    {gdb_cmd}"]
    return lines


def group_title(tr: TestResult, multi_stage: bool) -> str:
    title = f"lab {tr.test.lab}" + (
        f" ({tr.test.lab_title})" if tr.test.lab_title else ""
    )
    return f"stage {tr.stage}, {title}" if multi_stage else title


class Printer:
    """Streams the human report to `out` as results arrive."""

    def __init__(
        self, out: TextIO, replay: Replay, quiet: bool, multi_stage: bool
    ) -> None:
        self.out = out
        self.replay = replay
        self.quiet = quiet
        self.multi_stage = multi_stage
        self.group: str | None = None
        self.shown_logs: set = set()
        self.said_anything = False

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)
        self.said_anything = True

    def build(
        self,
        stage: int,
        command: str,
        seconds: float,
        error: BuildError | None,
    ) -> None:
        if error is None:
            if not self.quiet:
                self.say(
                    f"building stage {stage}: {command} ... ok ({seconds:.1f}s)"
                )
            return
        self.say(
            f"building stage {stage}: {command} ... FAILED ({seconds:.1f}s)"
        )
        self.say(f"  {error}")
        self.say("  build output (last lines):")
        for line in error.log:
            self.say(f"    {clip(line)}")
        self.shown_logs.add(tuple(error.log))

    def result(self, tr: TestResult) -> None:
        if self.quiet and tr.passed:
            return
        group = group_title(tr, self.multi_stage)
        if group != self.group and not self.quiet:
            self.say(group)
        self.group = group
        self.say(status_line(tr))
        if not tr.passed and not self.quiet:
            for line in describe(tr, self.replay, self.shown_logs):
                self.say(f"    {line}")
            self.shown_logs |= {
                tuple(run.build_log) for run in tr.runs if run.build_log
            }

    def summary(self, results: list[TestResult]) -> None:
        if self.said_anything:
            self.say()
        for lines in summary_lines(results, self.multi_stage):
            self.say(lines)


def totals(results: list[TestResult]) -> tuple[float, float, int, int]:
    score = sum(tr.score for tr in results)
    max_score = sum(tr.test.points for tr in results)
    passed = sum(1 for tr in results if tr.passed)
    return score, max_score, passed, len(results) - passed


def summary_lines(results: list[TestResult], multi_stage: bool) -> list[str]:
    """Subtotals per lab (per stage and lab), the total, and the last line."""
    groups: dict[str, list[TestResult]] = {}
    for tr in results:
        groups.setdefault(group_title(tr, multi_stage), []).append(tr)
    lines = []
    for title, group in groups.items():
        score, max_score, _, _ = totals(group)
        lines.append(f"{title}: {points(score)}/{points(max_score)}")
    score, max_score, passed, failed = totals(results)
    lines.append(f"total: {points(score)}/{points(max_score)}")
    lines.append(f"{passed} passed, {failed} failed")
    return lines


def result_title(tr: TestResult, multi_stage: bool) -> str:
    title = f"lab {tr.test.lab}: {tr.test.name}"
    return f"stage {tr.stage}, {title}" if multi_stage else title


def full_text(tr: TestResult, replay: Replay) -> str:
    """A test's report as one text: its status line and, if it failed, why."""
    lines = [
        f"{LABELS[tr.verdict]}: {points(tr.score)}/{points(tr.test.points)} "
        f"({seeds_text(tr.test.seeds)}, {tr.seconds:.1f}s)"
    ]
    if not tr.passed:
        lines += describe(tr, replay)
    return "\n".join(lines)


def gradescope(
    results: list[TestResult],
    replay: Replay,
    multi_stage: bool,
    seconds: float,
) -> dict:
    """Gradescope's results.json (autograder specification format)."""
    score, max_score, passed, failed = totals(results)
    tests = [
        {
            "name": result_title(tr, multi_stage),
            "score": tr.score,
            "max_score": tr.test.points,
            "status": "passed" if tr.passed else "failed",
            "output": full_text(tr, replay),
            "visibility": "visible",
        }
        for tr in results
    ]
    return {
        "score": score,
        "execution_time": round(seconds),
        "output": f"total: {points(score)}/{points(max_score)}\n"
        f"{passed} passed, {failed} failed",
        "stdout_visibility": "visible",
        "tests": tests,
        "extra_data": {
            "max_score": max_score,
            "passed": passed,
            "failed": failed,
        },
    }


def write_gradescope(
    path: Path,
    results: list[TestResult],
    replay: Replay,
    multi_stage: bool,
    seconds: float,
) -> None:
    data = gradescope(results, replay, multi_stage, seconds)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


_XML_BAD = re.compile(
    "[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def xml_text(text: str) -> str:
    """Text that XML 1.0 can hold (it has no way to write most control
    bytes)."""
    return _XML_BAD.sub("\ufffd", text)


def junit(
    results: list[TestResult], replay: Replay, seconds: float
) -> ET.ElementTree:
    """JUnit XML: testsuites > testsuite (one per stage and lab) > testcase."""
    _, _, _, failed = totals(results)
    root = ET.Element(
        "testsuites",
        name="kit grader",
        tests=str(len(results)),
        failures=str(failed),
        errors="0",
        time=f"{seconds:.2f}",
    )
    suites: dict[tuple[int, int], list[TestResult]] = {}
    for tr in results:
        suites.setdefault((tr.stage, tr.test.lab), []).append(tr)
    for (stage, lab), group in suites.items():
        root.append(junit_suite(stage, lab, group, replay))
    ET.indent(root)
    return ET.ElementTree(root)


def junit_suite(
    stage: int, lab: int, group: list[TestResult], replay: Replay
) -> ET.Element:
    score, max_score, _, failed = totals(group)
    suite = ET.Element(
        "testsuite",
        name=f"stage{stage}.lab{lab}",
        tests=str(len(group)),
        failures=str(failed),
        errors="0",
        time=f"{sum(tr.seconds for tr in group):.2f}",
    )
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", name="score", value=points(score))
    ET.SubElement(props, "property", name="max_score", value=points(max_score))
    for tr in group:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"stage{stage}.lab{lab}",
            name=tr.test.name,
            time=f"{tr.seconds:.2f}",
        )
        if not tr.passed:
            first = tr.failed_runs()[0]
            failure = ET.SubElement(
                case,
                "failure",
                type=tr.verdict,
                message=xml_text(f"seed {first.seed}: {first.message}"),
            )
            failure.text = xml_text("\n".join(describe(tr, replay)))
    return suite


def write_junit(
    path: Path, results: list[TestResult], replay: Replay, seconds: float
) -> None:
    junit(results, replay, seconds).write(
        path, encoding="utf-8", xml_declaration=True
    )
