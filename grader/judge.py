# judge.py: the verdict of one boot, from its output and the test's spec.
#
# The output is read as docs/protocol.md describes it: lines before
# `KIT BEGIN` are boot chatter; the framed lines `WHO| TEXT` between
# `KIT BEGIN` and `KIT END` are what the test printed; the end marker and
# QEMU's exit status say how the run ended.  Verdicts, in precedence order:
#
#   build error, flood, timeout, panic, reset, no end marker, fail, pass
#
# Two more outcomes are not verdicts of a run but say why it did not run
# to its end: "budget" (the submission's time budget ran out) and
# "not run" (an earlier seed of the same test had already failed).
#
# A test's expectations are regexes matched (re.search) against whole framed
# lines: `expect` in order, `unordered` in any order, `forbid` nowhere, the
# leak check line, and the lab's oracle, a Python function that recomputes
# from the seed what the output must be.  A test of panic itself (spec
# verdict = "panic") must end in a panic instead of `KIT END done`; then its
# expectations are checked the same way (likewise verdict = "timeout").

import importlib.util
import re
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from . import qemu
from .spec import Test

PASS = "pass"
FAIL = "fail"
PANIC = "panic"
TIMEOUT = "timeout"
RESET = "reset"
NO_END = "no end marker"
FLOOD = "flood"
BUILD_ERROR = "build error"
BUDGET = "budget"
NOT_RUN = "not run"

LABELS = {
    PASS: "PASS",
    FAIL: "FAIL",
    PANIC: "PANIC",
    TIMEOUT: "TIMEOUT",
    RESET: "RESET",
    NO_END: "NO END",
    FLOOD: "FLOOD",
    BUILD_ERROR: "BUILD ERROR",
    BUDGET: "BUDGET",
    NOT_RUN: "NOT RUN",
}

MESSAGES = {
    PASS: "every expectation was met",
    FAIL: "the test ran to its end, but its output is not what was expected",
    PANIC: "the kernel panicked",
    RESET: "the machine reset before the end marker: a triple fault? "
    "(check the IDT, GDT, TSS and the kernel stack)",
    FLOOD: f"the kernel printed more than {qemu.MAX_LINES} lines or "
    f"{qemu.MAX_BYTES // (1024 * 1024)} MiB: is something printing in a loop?",
    BUILD_ERROR: "the stage did not build",
    BUDGET: "not run to its end: the submission's time budget ran out",
    NOT_RUN: "not run: an earlier seed of this test failed",
}
NO_BEGIN_MESSAGE = (
    "the kernel printed nothing the grader could read: "
    "is the serial driver working?"
)

# How a run ends, for each verdict a spec may require: marker word, exit status.
ENDINGS = {
    PASS: ("done", qemu.EXIT_DONE),
    PANIC: ("panic", qemu.EXIT_PANIC),
    TIMEOUT: ("timeout", qemu.EXIT_TIMEOUT),
}

LEAK_OK = "kernel| leak check: frames=0 messages=0"
LEAK_RE = re.compile(r"^kernel\| leak check:")
# A clean report: frames=0 messages=0, then (from stage 4 on) more counts
# of kernel objects left, such as ports=0 mailboxes=0, every one 0.
LEAK_CLEAN_RE = re.compile(
    r"^kernel\| leak check: frames=0 messages=0(?: [a-z]+=0)*$"
)
FRAMED_RE = re.compile(r"^[\w.-]+\|")
TAIL_LINES = 15
MAX_FORBIDDEN_SHOWN = 5


@dataclass
class Transcript:
    """A boot's output, split up the way the protocol frames it."""

    begin: dict[
        str, str
    ] | None  # key=value words of KIT BEGIN; None: no marker
    end: str | None  # the word after KIT END; None: no marker
    lines: list[str]  # framed lines between the markers
    tail: list[str]  # the last lines of all output


@dataclass
class RunResult:
    """The verdict of one boot (one test, one seed)."""

    seed: int
    verdict: str
    message: str
    problems: list[str] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)  # last output lines
    stderr: list[str] = field(default_factory=list)  # QEMU's complaints
    build_log: list[str] = field(default_factory=list)  # for build errors
    seconds: float = 0.0
    lines: list[str] = field(default_factory=list)  # framed, when failed
    trace: list[str] = field(default_factory=list)  # a traced replay's


@dataclass
class TestResult:
    """A test over all its seeds: it scores only if every seed passed."""

    stage: int
    test: Test
    runs: list[RunResult]

    @property
    def passed(self) -> bool:
        return bool(self.runs) and all(
            run.verdict == PASS for run in self.runs
        )

    @property
    def score(self) -> float:
        return self.test.points if self.passed else 0

    @property
    def verdict(self) -> str:
        failed = self.failed_runs()
        return failed[0].verdict if failed else PASS

    @property
    def seconds(self) -> float:
        return sum(run.seconds for run in self.runs)

    def failed_runs(self) -> list[RunResult]:
        """The runs that ran and failed (seeds not run are left out)."""
        failed = [
            run for run in self.runs if run.verdict not in (PASS, NOT_RUN)
        ]
        return failed or [r for r in self.runs if r.verdict != PASS]

    def not_run(self) -> list[int]:
        return [run.seed for run in self.runs if run.verdict == NOT_RUN]


def parse(output: str) -> Transcript:
    """Find the markers and the framed lines between them."""
    all_lines = output.split("\n")
    begin, end, framed = None, None, []
    for line in all_lines:
        if begin is None:
            if line.startswith("KIT BEGIN"):
                begin = marker_words(line[len("KIT BEGIN") :])
        elif line.startswith("KIT END"):
            words = line[len("KIT END") :].split()
            end = words[0] if words else ""
            break
        elif FRAMED_RE.match(line):
            framed.append(line)
    while all_lines and not all_lines[-1].strip():
        all_lines.pop()
    return Transcript(begin, end, framed, all_lines[-TAIL_LINES:])


def marker_words(text: str) -> dict[str, str]:
    return dict(w.split("=", 1) for w in text.split() if "=" in w)


def judge(test: Test, seed: int, boot: qemu.Boot, ctx: dict) -> RunResult:
    """The verdict of one boot of `test` with `seed`."""
    t = parse(boot.output)
    verdict, message, problems = classify(test, boot, t)
    ended_as_required = verdict == test.verdict and not boot.wall_fired
    if verdict is None or ended_as_required:
        problems = (
            end_problems(boot, t, test.verdict)
            + begin_problems(t, test.name, seed)
            + expectation_problems(test, t.lines)
        )
        if test.oracle:
            problems += oracle_problems(
                test, seed, t.lines, {**ctx, "seed": seed, "begin": t.begin}
            )
        verdict = FAIL if problems else PASS
        message = MESSAGES[verdict]
    failed = verdict != PASS
    return RunResult(
        seed,
        verdict,
        message,
        problems,
        tail=t.tail if failed else [],
        stderr=boot.stderr.strip().splitlines()[-TAIL_LINES:]
        if failed
        else [],
        seconds=boot.seconds,
        lines=t.lines if failed else [],
    )


def classify(
    test: Test, boot: qemu.Boot, t: Transcript
) -> tuple[str | None, str, list[str]]:
    """The verdicts that depend on how the run ended, in precedence order;
    None when the run reached its end and its output must be checked."""
    if boot.flooded:
        return FLOOD, MESSAGES[FLOOD], []
    if boot.no_begin:
        return (
            TIMEOUT,
            (
                f"no 'KIT BEGIN' after {test.begin_wall:g} s of wall-clock "
                "time: the kernel hung while booting (does serial_init wait "
                "for something that never comes? a loop with interrupts "
                "off?)"
            ),
            [],
        )
    if boot.wall_fired:
        return (
            TIMEOUT,
            (
                f"the wall-clock backstop fired after {test.wall:g} s: "
                "the kernel hung (waiting with interrupts off?)"
            ),
            [],
        )
    if boot.exit_code == qemu.EXIT_TIMEOUT or t.end == "timeout":
        return (
            TIMEOUT,
            (
                f"the guest-time limit of {test.limit} ticks ran out: "
                "something waited forever or ran far too long"
            ),
            [],
        )
    if boot.exit_code == qemu.EXIT_PANIC or t.end == "panic":
        why = [line for line in t.lines if "PANIC" in line][:1]
        return PANIC, MESSAGES[PANIC], why
    if t.end is None:
        if boot.exit_code == qemu.EXIT_RESET:
            return RESET, MESSAGES[RESET], []
        if t.begin is None:
            return NO_END, NO_BEGIN_MESSAGE, []
        return (
            NO_END,
            (
                f"QEMU exited (status {boot.exit_code}) without the "
                "end marker 'KIT END'"
            ),
            [],
        )
    return None, "", []


def end_problems(boot: qemu.Boot, t: Transcript, required: str) -> list[str]:
    """The run must have ended the way the test requires (normally: done)."""
    word, status = ENDINGS[required]
    problems = []
    if t.end is None:
        problems.append(f"the end marker 'KIT END {word}' is missing")
    elif t.end != word:
        problems.append(
            f"the end marker is 'KIT END {t.end}', not 'KIT END {word}'"
        )
    if boot.exit_code != status:
        problems.append(
            f"QEMU exited with status {boot.exit_code}, not {status} "
            f"(isa-debug-exit with {(status - 1) // 2:#x})"
        )
    return problems


def begin_problems(t: Transcript, name: str, seed: int) -> list[str]:
    """The kernel must have run the test and seed it was asked for (a kernel
    that misreads its command line, or a stale GRUB ISO, runs another)."""
    asked = {"test": name, "seed": str(seed)}
    wrong = [
        f"{key}={t.begin[key]}"
        for key in asked
        if t.begin and key in t.begin and t.begin[key] != asked[key]
    ]
    if not wrong:
        return []
    return [
        f"the kernel ran {' '.join(wrong)}, but the grader asked for "
        f"test={name} seed={seed}: is the command line read right?"
    ]


def expectation_problems(test: Test, lines: list[str]) -> list[str]:
    """Every way the framed lines miss the test's regex expectations."""
    problems = ordered_problems(test.expect, lines)
    for pattern in test.unordered:
        if first_match(pattern, lines, 0) is None:
            problems.append(
                f"expected (in any order), but missing: {pattern.pattern}"
            )
    problems += forbidden_problems(test.forbid, lines)
    if test.leak_check:
        problems += leak_problems(lines)
    return problems


def ordered_problems(
    patterns: tuple[re.Pattern, ...], lines: list[str]
) -> list[str]:
    """`patterns` must match lines in this order (an ordered subsequence)."""
    problems, position = [], 0
    for pattern in patterns:
        found = first_match(pattern, lines, position)
        if found is not None:
            position = found + 1
        elif first_match(pattern, lines, 0) is not None:
            problems.append(f"expected, but out of order: {pattern.pattern}")
        else:
            problems.append(f"expected, but missing: {pattern.pattern}")
    return problems


def first_match(
    pattern: re.Pattern, lines: list[str], start: int
) -> int | None:
    for i in range(start, len(lines)):
        if pattern.search(lines[i]):
            return i
    return None


def forbidden_problems(
    patterns: tuple[re.Pattern, ...], lines: list[str]
) -> list[str]:
    found = [line for line in lines if any(p.search(line) for p in patterns)]
    problems = [
        f"forbidden line: {line}" for line in found[:MAX_FORBIDDEN_SHOWN]
    ]
    if len(found) > MAX_FORBIDDEN_SHOWN:
        problems.append(
            f"... and {len(found) - MAX_FORBIDDEN_SHOWN} more forbidden lines"
        )
    return problems


def leak_problems(lines: list[str]) -> list[str]:
    if any(LEAK_CLEAN_RE.match(line) for line in lines):
        return []
    reports = [line for line in lines if LEAK_RE.match(line)]
    if reports:
        return [f"leak: '{reports[0]}' (expected '{LEAK_OK}')"]
    return [f"missing the leak check line '{LEAK_OK}'"]


# --- oracles -----------------------------------------------------------------

GRADER_PARENT = str(Path(__file__).resolve().parent.parent)
_oracle_lock = threading.Lock()
_oracle_modules: dict[Path, ModuleType | Exception] = {}


def oracle_problems(
    test: Test, seed: int, lines: list[str], ctx: dict
) -> list[str]:
    """Run the test's oracle; whatever goes wrong inside it is a failure of
    this test with a clear message, never a crash of the grader."""
    path = test.lab_dir / "oracle.py"
    try:
        module = load_oracle_module(path)
    except Exception as e:
        return [
            f"the oracle file {path} could not be loaded: "
            f"{type(e).__name__}: {e}"
        ]
    function = getattr(module, test.oracle, None)
    if not callable(function):
        return [f"the oracle {test.oracle}() is not defined in {path}"]
    try:
        problems = function(seed, list(lines), dict(ctx))
    except Exception as e:
        return [
            f"the oracle {test.oracle}() failed on this output: "
            f"{type(e).__name__}: {e}"
        ]
    if not isinstance(problems, list) or not all(
        isinstance(p, str) for p in problems
    ):
        return [
            f"the oracle {test.oracle}() returned {type(problems).__name__}, "
            "not a list of strings"
        ]
    return problems


def load_oracle_module(path: Path) -> ModuleType:
    """Import a lab's oracle.py once (oracles import grader.prng, so the
    directory holding the grader package goes on sys.path first)."""
    with _oracle_lock:
        if path not in _oracle_modules:
            _oracle_modules[path] = import_file(path)
        module = _oracle_modules[path]
    if isinstance(module, Exception):
        raise module
    return module


def import_file(path: Path) -> ModuleType | Exception:
    if GRADER_PARENT not in sys.path:
        sys.path.insert(0, GRADER_PARENT)
    name = "kit_oracle_" + re.sub(r"\W", "_", str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot import {path}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    except Exception as e:
        return e


def build_error(seed: int, message: str, log: list[str]) -> RunResult:
    """The result of a run that could not happen: its image did not build."""
    return RunResult(seed, BUILD_ERROR, message, build_log=log)


def out_of_budget(seed: int, budget: float, started: bool) -> RunResult:
    """A run the submission's time budget stopped, or never let start."""
    when = "stopped during this boot" if started else "used up before it"
    return RunResult(
        seed,
        BUDGET,
        f"the time budget of {budget:g} s for this submission was {when}: "
        "0 points (the kernel hung in earlier runs?)",
    )


def not_run(seed: int, failed_seed: int) -> RunResult:
    return RunResult(
        seed, NOT_RUN, f"not run: seed {failed_seed} of this test failed"
    )
