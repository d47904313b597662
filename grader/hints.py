# hints.py: the hint a failed test shows, keyed to what its run showed.
#
# A test's tests.toml may list [[test.hints]] (spec.Hint), each keyed to one
# thing a failed run can show:
#
#   output = 'REGEX'    a framed line of the output matches
#   errno = "ENOTCONN"  a test program printed that error name (on a line
#                       matching `line = 'REGEX'`, if given)
#   trace = 'REGEX'     an error event of the IPC trace (`ev=error ...`)
#                       matches; the grader replays the failed seed with
#                       trace=1 to see them (one more boot)
#   state = 'REGEX'     a process line of the guest-time limit's dump
#                       (`pid P NAME: STATE, what it waits for`) matches
#
# and `verdict = "timeout"` (say) limits a hint to runs that ended so. The
# first keyed hint that matches the first failed run is shown, with the
# line that matched; when none does, the test's plain `hint`. A build
# error shows no hint at all (the report says BUILD ERROR once).

import re

from .judge import RunResult
from .spec import Hint, Test

USER_LINE_RE = re.compile(r"^[\w.-]+\.\d+\|")  # NAME.PID| (a program)
TRACE_ERROR_RE = re.compile(r"^trace\| .*\bev=error\b")
DUMP_RE = re.compile(r"^kernel\|\s+pid \d+ (.*)$")
DUMP_HEAD = "guest time limit reached"


def needs_trace(test: Test) -> bool:
    """Does a failed run of this test need a traced replay for its hints?"""
    return any(h.kind == "trace" for h in test.hints)


def evidence(hint: Hint, run: RunResult) -> str | None:
    """The line of the run that matches the hint, or None."""
    if hint.verdict and run.verdict != hint.verdict:
        return None
    if hint.kind == "output":
        candidates = run.lines
    elif hint.kind == "errno":
        candidates = [
            line
            for line in run.lines
            if USER_LINE_RE.match(line)
            and (hint.line is None or hint.line.search(line))
        ]
    elif hint.kind == "trace":
        candidates = [
            line
            for line in run.trace or run.lines
            if TRACE_ERROR_RE.match(line)
        ]
    else:
        candidates = dump_lines(run.lines)
    for line in candidates:
        if hint.pattern.search(line):
            return line
    return None


def dump_lines(lines: list[str]) -> list[str]:
    """The `NAME: STATE...` part of each process line of the time-limit
    dump (after `kernel| guest time limit reached ...`)."""
    found, inside = [], False
    for line in lines:
        if DUMP_HEAD in line:
            inside = True
        elif inside:
            m = DUMP_RE.match(line)
            if m:
                found.append(m.group(1))
            else:
                inside = False
    return found


def began(run: RunResult) -> bool:
    """Did the kernel get as far as starting the test (KIT BEGIN)?"""
    return bool(run.lines) or any(
        line.startswith("KIT BEGIN") for line in run.tail
    )


def pick(test: Test, run: RunResult) -> list[str]:
    """The hint lines to show for a failed run: the first keyed hint that
    matches (and what it matched), else the default hint, else none. A
    kernel that never started the test gets no test hint: the test's own
    hint would mislead."""
    if not began(run):
        return []
    for hint in test.hints:
        seen = evidence(hint, run)
        if seen is not None:
            return [f"hint: {hint.text}", f"  (seen: {seen.strip()})"]
    return [f"hint: {test.hint}"] if test.hint else []
