# report.py: what the grader tells people.
#
# - human text, streamed as each test finishes: one status line per test and,
#   when it fails, why, the last lines of output, a hint, and the commands
#   that replay the run and open it in gdb; then subtotals, the total, and
#   the final line `N passed, N failed`;
# - Gradescope's results.json;
# - JUnit XML (one testsuite per stage and lab), for CI.
#
# Who sees what. The human text is for whoever runs the grader (a student
# on their own kit, an instructor on a submission): everything. The
# results.json of a submission is what the student sees on Gradescope, so
# it holds what the instructor allows: the last `show_output` lines of a
# failed run (15 unless the spec says otherwise; none for hidden tests,
# whose replay commands are left out too), the build log only about the
# student's own files (build.BuildEnv.own), and the staff notes (the
# forgery screen) only in a test entry Gradescope hides from students.
#
# A build that fails is said once, as BUILD ERROR with the compiler's
# first errors; its tests are "not run", with no hints.
#
# Wall-clock seconds depend on the machine's load, not on the submission:
# they are shown only when `times` is on (the grader's terminal report in
# a kit tree); reports of a submission leave them out, so that grading the
# same submission twice gives the same bytes.

import json
import re
import shlex
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from . import hints
from .build import BuildError
from .judge import BUILD_ERROR, LABELS, NOT_RUN, RunResult, TestResult

STATUS_COLUMN = 46
MAX_LINE_SHOWN = 200
GDB_PORT = 1234
WERROR_NOTE = (
    "warnings are errors here (-Werror), in your kit and when you are "
    "graded: in a kernel a warning (an unused variable, a missing return, "
    "a signed/unsigned comparison, a wrong printf format) is most often a "
    "real bug, so the build stops at the first one. Fix the warning: the "
    "grader builds with the kit's own Makefile."
)


def points(value: float) -> str:
    return f"{value:g}"


def seeds_text(seeds: tuple[int, ...]) -> str:
    if len(seeds) == 1:
        return f"seed {seeds[0]}"
    return "seeds " + ",".join(str(s) for s in seeds)


def label(tr: TestResult) -> str:
    return "NOT RUN" if tr.verdict == BUILD_ERROR else LABELS[tr.verdict]


def status_line(tr: TestResult, times: bool = True) -> str:
    """`  banner (seed 1) ........ PASS    5/5       0.4s`"""
    left = f"  {tr.test.name} ({seeds_text(tr.test.seeds)}) "
    score = f"{points(tr.score)}/{points(tr.test.points)}"
    line = f"{left:.<{STATUS_COLUMN}} {label(tr):<7} {score:<7}"
    return f"{line} {tr.seconds:5.1f}s" if times else line.rstrip()


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
    submission: str | None = None  # grader options re-grading a submission
    graded_tree: Path | None = None  # where a submission was built
    kernel_args: str = ""  # --kernel-args of the grading (ARGS= for make)

    def commands(self, stage: int, name: str, seed: int) -> tuple[str, str]:
        run, gdb = self.plain_commands(stage, name, seed)
        if not self.kernel_args:
            return run, gdb
        if run.startswith("make"):
            extra = " ARGS=" + shlex.quote(self.kernel_args)
        else:
            extra = " --kernel-args " + shlex.quote(self.kernel_args)
        return run + extra, gdb.replace(f"SEED={seed}", f"SEED={seed}{extra}")

    def plain_commands(
        self, stage: int, name: str, seed: int
    ) -> tuple[str, str]:
        if self.submission is not None:
            run = (
                f"python3 -m grader {self.submission} --stage {stage} "
                f"--test {name} --seed {seed}"
            )
            tree = shlex.quote(str(self.graded_tree))
            words = f"LAB={stage} TEST={name} SEED={seed}"
            return run, (
                f"make -C {tree} qemu-gdb {words}   (then `make -C {tree} "
                f"gdb LAB={stage} TEST={name}` in another terminal)"
            )
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


@dataclass
class Audience:
    """What a report shows: everything (the person running the grader), or
    what a student may see of a submission (results.json), whose replay
    commands are the ones that work in the student's own kit."""

    student: bool = False

    def tail_lines(self, tr: TestResult) -> int | None:
        if not self.student:
            return None  # all the lines the judge kept
        return 0 if tr.test.hidden else tr.test.show_output

    def replay(self, tr: TestResult) -> bool:
        return not (self.student and tr.test.hidden)


STAFF = Audience(False)
STUDENT = Audience(True)


@dataclass
class Notes:
    """What a report says before the tests: how the submission was taken
    (refused and missing files, ignored edits), the sandbox, the seeds
    drawn at grading time; `staff` only for the instructor."""

    lines: list[str] = field(default_factory=list)
    staff: list[str] = field(default_factory=list)
    build: dict[int, list[str]] = field(default_factory=dict)  # stage ->


def describe(
    tr: TestResult, replay: Replay, audience: Audience = STAFF
) -> list[str]:
    """Why a test failed: the first failing seed in full, the others in one
    line each, the seeds not run, then the hint."""
    if tr.verdict == BUILD_ERROR:
        return [f"not run: stage {tr.stage} did not build (see above)"]
    if audience.student:
        replay = Replay()  # in the student's own kit
    lines = []
    failed = [r for r in tr.failed_runs() if r.verdict != NOT_RUN]
    for i, run in enumerate(failed):
        if i == 0:
            lines += describe_run(tr, run, replay, audience)
        else:
            lines.append(f"seed {run.seed}: {run.verdict}: {run.message}")
            if audience.replay(tr):
                run_cmd, _ = replay.commands(tr.stage, tr.test.name, run.seed)
                lines.append(f"  replay: {run_cmd}")
    skipped = tr.not_run()
    if skipped and failed:
        lines.append(
            f"{seeds_text(tuple(skipped))}: not run (seed "
            f"{failed[0].seed} failed first)"
        )
    if failed:
        lines += hints.pick(tr.test, failed[0])
    return lines


def describe_run(
    tr: TestResult, run: RunResult, replay: Replay, audience: Audience
) -> list[str]:
    """One failed run in full: verdict, problems, output, how to replay it."""
    lines = [f"seed {run.seed}: {run.verdict}: {run.message}"]
    keep = audience.tail_lines(tr)
    if keep != 0:
        lines += [f"  - {clip(p)}" for p in run.problems]
    tail = run.tail if keep is None else run.tail[-keep:] if keep else []
    if tail:
        lines.append("  last lines of output:")
        lines += [f"    | {clip(line)}" for line in tail]
    if run.stderr and keep != 0:
        lines.append("  QEMU said:")
        lines += [f"    ! {clip(line)}" for line in run.stderr]
    if run.verdict not in (BUILD_ERROR, NOT_RUN) and audience.replay(tr):
        run_cmd, gdb_cmd = replay.commands(tr.stage, tr.test.name, run.seed)
        lines += [f"  replay: {run_cmd}", f"  gdb:    {gdb_cmd}"]
    return lines


def build_error_lines(stage: int, error: BuildError) -> list[str]:
    """A failed build, said once: the compiler's first errors (file and
    line), why warnings are errors, and that nothing could run."""
    lines = [f"BUILD ERROR: stage {stage} did not build: {error}"]
    if error.errors:
        lines.append("  the compiler's first errors:")
        lines += [f"    {clip(e)}" for e in error.errors]
    elif error.log:
        lines.append("  build output (last lines):")
        lines += [f"    {clip(line)}" for line in error.log]
    if error.hidden:
        lines.append(
            f"  ({error.hidden} lines about files that are not yours are "
            "not shown)"
        )
    lines.append(
        f"  {'a warning stopped it: ' if error.werror else 'note: '}"
        f"{WERROR_NOTE}"
    )
    lines.append(f"  every test of stage {stage} scores 0: nothing could run")
    return lines


def group_title(tr: TestResult, multi_stage: bool) -> str:
    title = f"lab {tr.test.lab}" + (
        f" ({tr.test.lab_title})" if tr.test.lab_title else ""
    )
    return f"stage {tr.stage}, {title}" if multi_stage else title


class Printer:
    """Streams the human report to `out` as results arrive."""

    def __init__(
        self,
        out: TextIO,
        replay: Replay,
        quiet: bool,
        multi_stage: bool,
        times: bool = True,
    ) -> None:
        self.out = out
        self.replay = replay
        self.quiet = quiet
        self.multi_stage = multi_stage
        self.times = times
        self.group: str | None = None
        self.said_anything = False

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)
        self.said_anything = True

    def notes(self, notes: Notes) -> None:
        for line in notes.lines + notes.staff:
            self.say(line)

    def build(
        self,
        stage: int,
        command: str,
        seconds: float,
        error: BuildError | None,
    ) -> None:
        took = f" ({seconds:.1f}s)" if self.times else ""
        if error is None:
            if not self.quiet:
                self.say(f"building stage {stage}: {command} ... ok{took}")
            return
        self.say(f"building stage {stage}: {command} ... FAILED{took}")
        for line in build_error_lines(stage, error):
            self.say(f"  {line}")

    def result(self, tr: TestResult) -> None:
        if self.quiet and tr.passed:
            return
        group = group_title(tr, self.multi_stage)
        if group != self.group and not self.quiet:
            self.say(group)
        self.group = group
        self.say(status_line(tr, self.times))
        if not tr.passed and not self.quiet:
            for line in describe(tr, self.replay):
                self.say(f"    {line}")

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
    if tr.test.hidden:
        title += " (hidden test)"
    return f"stage {tr.stage}, {title}" if multi_stage else title


def full_text(
    tr: TestResult,
    replay: Replay,
    audience: Audience = STAFF,
    times: bool = False,
) -> str:
    """A test's report as one text: its status line and, if it failed, why."""
    took = f", {tr.seconds:.1f}s" if times else ""
    lines = [
        f"{label(tr)}: {points(tr.score)}/{points(tr.test.points)} "
        f"({seeds_text(tr.test.seeds)}{took})"
    ]
    if not tr.passed:
        lines += describe(tr, replay, audience)
    return "\n".join(lines)


def gradescope(
    results: list[TestResult],
    replay: Replay,
    multi_stage: bool,
    seconds: float | None,
    notes: Notes | None = None,
    audience: Audience = STAFF,
) -> dict:
    """Gradescope's results.json (autograder specification format)."""
    notes = notes or Notes()
    score, max_score, passed, failed = totals(results)
    tests = [
        {
            "name": result_title(tr, multi_stage),
            "score": tr.score,
            "max_score": tr.test.points,
            "status": "passed" if tr.passed else "failed",
            "output": full_text(tr, replay, audience),
            "visibility": tr.test.visibility,
        }
        for tr in results
    ]
    if notes.staff:
        tests.append(
            {
                "name": "staff notes (not shown to students)",
                "score": 0,
                "max_score": 0,
                "status": "failed",
                "output": "\n".join(notes.staff),
                "visibility": "hidden",
            }
        )
    text = list(notes.lines)
    for stage, lines in sorted(notes.build.items()):
        text += lines
    text += [
        f"total: {points(score)}/{points(max_score)}",
        f"{passed} passed, {failed} failed",
    ]
    data = {
        "score": score,
        "output": "\n".join(text),
        "stdout_visibility": "hidden",
        "tests": tests,
        "extra_data": {
            "max_score": max_score,
            "passed": passed,
            "failed": failed,
        },
    }
    if seconds is not None:
        data["execution_time"] = round(seconds)
    return data


def write_gradescope(
    path: Path,
    results: list[TestResult],
    replay: Replay,
    multi_stage: bool,
    seconds: float | None,
    notes: Notes | None = None,
    audience: Audience = STAFF,
) -> None:
    data = gradescope(results, replay, multi_stage, seconds, notes, audience)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


_XML_BAD = re.compile(
    "[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def xml_text(text: str) -> str:
    """Text that XML 1.0 can hold (it has no way to write most control
    bytes)."""
    return _XML_BAD.sub("\ufffd", text)


def junit(
    results: list[TestResult],
    replay: Replay,
    seconds: float | None,
) -> ET.ElementTree:
    """JUnit XML: testsuites > testsuite (one per stage and lab) > testcase.
    Times only when `seconds` is given."""
    _, _, _, failed = totals(results)
    root = ET.Element(
        "testsuites",
        name="kit grader",
        tests=str(len(results)),
        failures=str(failed),
        errors="0",
    )
    if seconds is not None:
        root.set("time", f"{seconds:.2f}")
    suites: dict[tuple[int, int], list[TestResult]] = {}
    for tr in results:
        suites.setdefault((tr.stage, tr.test.lab), []).append(tr)
    for (stage, lab), group in suites.items():
        root.append(
            junit_suite(stage, lab, group, replay, seconds is not None)
        )
    ET.indent(root)
    return ET.ElementTree(root)


def junit_suite(
    stage: int,
    lab: int,
    group: list[TestResult],
    replay: Replay,
    times: bool,
) -> ET.Element:
    score, max_score, _, failed = totals(group)
    suite = ET.Element(
        "testsuite",
        name=f"stage{stage}.lab{lab}",
        tests=str(len(group)),
        failures=str(failed),
        errors="0",
    )
    if times:
        suite.set("time", f"{sum(tr.seconds for tr in group):.2f}")
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", name="score", value=points(score))
    ET.SubElement(props, "property", name="max_score", value=points(max_score))
    for tr in group:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"stage{stage}.lab{lab}",
            name=tr.test.name,
        )
        if times:
            case.set("time", f"{tr.seconds:.2f}")
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
    path: Path,
    results: list[TestResult],
    replay: Replay,
    seconds: float | None,
) -> None:
    junit(results, replay, seconds).write(
        path, encoding="utf-8", xml_declaration=True
    )
