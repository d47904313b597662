# test_hints.py: which hint a failed run shows (grader/hints.py): each key
# (output, errno, trace, state), `line` and `verdict`, the first match
# winning, the default, and none for a kernel that never started the test.

import re
import unittest

from grader import hints
from grader.judge import FAIL, TIMEOUT, RunResult
from grader.spec import Hint, Test


def hint(kind, pattern, text, line=None, verdict=None):
    return Hint(
        kind,
        re.compile(rf"\b{pattern}\b" if kind == "errno" else pattern),
        text,
        re.compile(line) if line else None,
        verdict,
    )


TEST = Test(
    lab=2,
    name="t",
    points=1,
    hint="the default",
    hints=(
        hint("errno", "ENOTCONN", "not connected", line="respond"),
        hint("trace", r"res=EDEADLK", "refused", verdict=TIMEOUT),
        hint("state", r"receiving from \d+", "stuck receiving"),
        hint("output", r"from 0,", "a zero pid"),
    ),
)
DUMP = [
    "kernel| guest time limit reached (3000 ticks); processes left:",
    "kernel|   pid 1 pingpong: blocked, receiving from 2",
    "kernel|   pid 2 ponger: blocked, receiving from ANY",
]


def run(lines, verdict=FAIL, trace=()):
    return RunResult(1, verdict, "m", lines=list(lines), trace=list(trace))


class HintTest(unittest.TestCase):
    def test_errno_on_a_programs_line_matching_line(self):
        self.assertEqual(
            hints.pick(TEST, run(["squarer.2| respond: ENOTCONN"])),
            ["hint: not connected", "  (seen: squarer.2| respond: ENOTCONN)"],
        )
        # not on another call's line, nor on the kernel's
        for line in ("squarer.2| send: ENOTCONN", "kernel| respond ENOTCONN"):
            self.assertEqual(
                hints.pick(TEST, run([line])), ["hint: the default"]
            )

    def test_trace_error_event_only_for_its_verdict(self):
        trace = ["trace| t=2 ev=error a=2 b=1 code=0 res=EDEADLK"]
        shown = hints.pick(TEST, run(DUMP, TIMEOUT, trace))
        self.assertEqual(shown[0], "hint: refused")
        self.assertIn("res=EDEADLK", shown[1])
        # a fail, not a timeout: the trace hint is not for it
        self.assertEqual(
            hints.pick(TEST, run(DUMP, FAIL, trace))[0],
            "hint: stuck receiving",
        )
        # an event that is no error does not count
        self.assertTrue(
            hints.needs_trace(TEST) and not hints.needs_trace(Test(1, "x", 1))
        )

    def test_state_in_the_time_limit_dump(self):
        shown = hints.pick(TEST, run(DUMP, TIMEOUT))
        self.assertEqual(
            shown,
            [
                "hint: stuck receiving",
                "  (seen: pingpong: blocked, receiving from 2)",
            ],
        )
        # the same words outside the dump are no process state
        self.assertEqual(
            hints.pick(TEST, run(["user.1| receiving from 2"])),
            ["hint: the default"],
        )

    def test_output_and_the_default(self):
        self.assertEqual(
            hints.pick(TEST, run(["waitc.1| receive: from 0, code 67"]))[0],
            "hint: a zero pid",
        )
        self.assertEqual(
            hints.pick(TEST, run(["waitc.1| all fine"])), ["hint: the default"]
        )
        bare = Test(lab=1, name="b", points=1)
        self.assertEqual(hints.pick(bare, run(["x.1| y"])), [])

    def test_no_hint_for_a_kernel_that_never_began(self):
        hung = RunResult(1, TIMEOUT, "no KIT BEGIN", tail=["chatter"])
        self.assertEqual(hints.pick(TEST, hung), [])
        began = RunResult(1, TIMEOUT, "m", tail=["KIT BEGIN test=t"])
        self.assertEqual(hints.pick(TEST, began), ["hint: the default"])


if __name__ == "__main__":
    unittest.main()
