# test_judge.py: verdicts from canned output, without booting anything:
# markers and framing, the verdict precedence, ordered and unordered
# expectations, forbidden lines, the leak check, and oracles (also broken ones).

import re
import tempfile
import textwrap
import unittest
from pathlib import Path

from grader import judge
from grader.judge import (
    BUILD_ERROR,
    FAIL,
    FLOOD,
    NO_END,
    PANIC,
    PASS,
    RESET,
    TIMEOUT,
    TestResult,
)
from grader.qemu import Boot
from grader.spec import Test

from .helpers import FIXTURE_LAB

GOOD = """\
SeaBIOS chatter
kernel| this framed-looking line is before the begin marker
KIT BEGIN test=t seed=1 stage=1
kernel| kit stage 1 booting
user.1| ready
not a framed line
kernel| hello
kernel| init exited status=0
kernel| leak check: frames=0 messages=0
KIT END done
"""


def make_test(**fields) -> Test:
    for key in ("expect", "unordered", "forbid"):
        fields[key] = tuple(re.compile(p) for p in fields.get(key, ()))
    return Test(lab=1, name="t", points=5, **fields)


def boot(output: str, exit_code: int | None = 67, **flags) -> Boot:
    return Boot(exit_code=exit_code, output=output, **flags)


def verdict(test: Test, b: Boot, seed: int = 1) -> judge.RunResult:
    return judge.judge(
        test, seed, b, {"mem": 64, "stage": 1, "test": test.name}
    )


class ParseTest(unittest.TestCase):
    def test_markers_and_framed_lines(self):
        t = judge.parse(GOOD)
        self.assertEqual(t.begin, {"test": "t", "seed": "1", "stage": "1"})
        self.assertEqual(t.end, "done")
        self.assertEqual(
            t.lines,
            [
                "kernel| kit stage 1 booting",
                "user.1| ready",
                "kernel| hello",
                "kernel| init exited status=0",
                "kernel| leak check: frames=0 messages=0",
            ],
        )
        self.assertEqual(t.tail[-1], "KIT END done")

    def test_no_markers(self):
        t = judge.parse("kernel| hello\n")
        self.assertEqual((t.begin, t.end, t.lines), (None, None, []))
        self.assertEqual(judge.parse("").tail, [])

    def test_tail_is_the_last_15_lines(self):
        t = judge.parse("".join(f"kernel| {i}\n" for i in range(40)) + "\n\n")
        self.assertEqual(len(t.tail), 15)
        self.assertEqual(t.tail[-1], "kernel| 39")


class VerdictTest(unittest.TestCase):
    def assert_verdict(self, result: judge.RunResult, expected: str):
        self.assertEqual(result.verdict, expected, result.problems)
        self.assertEqual(result.message != "", True)

    def test_pass(self):
        r = verdict(
            make_test(expect=[r"^kernel\| kit stage \d+ booting$", "hello"]),
            boot(GOOD),
        )
        self.assert_verdict(r, PASS)
        self.assertEqual((r.problems, r.tail), ([], []))

    def test_precedence(self):
        t = make_test()
        everything = GOOD.replace("KIT END done", "KIT END panic")
        self.assert_verdict(
            verdict(t, boot(everything, 71, flooded=True)), FLOOD
        )
        self.assert_verdict(
            verdict(t, boot(everything, None, wall_fired=True)), TIMEOUT
        )
        self.assert_verdict(verdict(t, boot(everything, 71)), TIMEOUT)
        self.assert_verdict(
            verdict(t, boot(GOOD.replace("done", "timeout"), 67)), TIMEOUT
        )
        self.assert_verdict(verdict(t, boot(everything, 69)), PANIC)
        self.assert_verdict(verdict(t, boot(everything, 67)), PANIC)
        self.assert_verdict(verdict(t, boot(GOOD, 69)), PANIC)
        cut = GOOD.replace("KIT END done\n", "")
        self.assert_verdict(verdict(t, boot(cut, 0)), RESET)
        self.assert_verdict(verdict(t, boot(cut, 67)), NO_END)
        self.assert_verdict(verdict(t, boot(cut, 1)), NO_END)

    def test_messages(self):
        t = make_test(wall_given=3, limit=500)
        self.assertIn(
            "wall-clock backstop fired after 3 s",
            verdict(t, boot("", None, wall_fired=True)).message,
        )
        self.assertIn(
            "guest-time limit of 500 ticks", verdict(t, boot("", 71)).message
        )
        hung = verdict(t, boot("", None, wall_fired=True, no_begin=True))
        self.assertEqual(hung.verdict, TIMEOUT)
        self.assertIn("no 'KIT BEGIN' after", hung.message)
        self.assertIn("serial_init", hung.message)
        self.assertEqual(
            verdict(t, boot("junk\n", 67)).message, judge.NO_BEGIN_MESSAGE
        )
        self.assertIn("status 67", verdict(t, boot("KIT BEGIN\n", 67)).message)
        panic = verdict(
            t,
            boot(
                "KIT BEGIN\nkernel| PANIC: oops (at a.c:1)\nKIT END panic\n",
                69,
            ),
        )
        self.assertEqual(panic.problems, ["kernel| PANIC: oops (at a.c:1)"])

    def test_end_marker_needs_the_done_exit(self):
        r = verdict(make_test(), boot(GOOD, 0))
        self.assert_verdict(r, FAIL)
        self.assertIn("QEMU exited with status 0, not 67", r.problems[0])
        r = verdict(
            make_test(),
            boot(GOOD.replace("KIT END done", "KIT END weird"), 67),
        )
        self.assert_verdict(r, FAIL)

    def test_the_kernel_must_run_the_test_and_seed_asked_for(self):
        r = verdict(make_test(), boot(GOOD), seed=2)
        self.assertEqual(
            (r.verdict, r.problems),
            (
                FAIL,
                [
                    "the kernel ran seed=1, but the grader asked for test=t "
                    "seed=2: is the command line read right?"
                ],
            ),
        )
        r = verdict(make_test(), boot(GOOD.replace("test=t", "test=other")))
        self.assertIn("the kernel ran test=other, but", r.problems[0])
        bare = GOOD.replace("KIT BEGIN test=t seed=1 stage=1", "KIT BEGIN")
        self.assert_verdict(verdict(make_test(), boot(bare), seed=9), PASS)

    def test_a_test_that_must_panic(self):
        t = make_test(
            verdict="panic",
            leak_check=False,
            expect=[r"^kernel\| PANIC: on purpose"],
        )
        panicked = (
            "KIT BEGIN\nkernel| PANIC: on purpose (at a.c:1)\nKIT END panic\n"
        )
        self.assert_verdict(verdict(t, boot(panicked, 69)), PASS)
        r = verdict(t, boot(panicked.replace("on purpose", "by accident"), 69))
        self.assertEqual(
            (r.verdict, r.problems),
            (FAIL, [r"expected, but missing: ^kernel\| PANIC: on purpose"]),
        )
        r = verdict(t, boot(GOOD, 67))
        self.assertEqual(
            (r.verdict, r.problems[:2]),
            (
                FAIL,
                [
                    "the end marker is 'KIT END done', not 'KIT END panic'",
                    "QEMU exited with status 67, not 69 "
                    "(isa-debug-exit with 0x22)",
                ],
            ),
        )
        r = verdict(t, boot(panicked.replace("KIT END panic\n", ""), 69))
        self.assertEqual(
            (r.verdict, r.problems),
            (FAIL, ["the end marker 'KIT END panic' is missing"]),
        )
        self.assert_verdict(
            verdict(t, boot(panicked, None, wall_fired=True)), TIMEOUT
        )
        self.assert_verdict(
            verdict(t, boot(panicked, 67, flooded=True)), FLOOD
        )

    def test_ordered_expectations(self):
        r = verdict(
            make_test(expect=["hello", "ready", "nowhere"]), boot(GOOD)
        )
        self.assert_verdict(r, FAIL)
        self.assertEqual(
            r.problems,
            [
                "expected, but out of order: ready",
                "expected, but missing: nowhere",
            ],
        )
        self.assertEqual(r.tail[-1], "KIT END done")

    def test_regexes_match_whole_framed_lines_only(self):
        # "^user" must see the WHO part; lines outside the frame never count
        self.assert_verdict(
            verdict(make_test(expect=[r"^user\.1\| ready$"]), boot(GOOD)), PASS
        )
        for outside in (
            "SeaBIOS",
            "before the begin marker",
            "not a framed line",
        ):
            r = verdict(make_test(unordered=[outside]), boot(GOOD))
            self.assert_verdict(r, FAIL)

    def test_unordered_expectations(self):
        self.assert_verdict(
            verdict(make_test(unordered=["hello", "ready"]), boot(GOOD)), PASS
        )
        r = verdict(make_test(unordered=["hello", "absent"]), boot(GOOD))
        self.assertEqual(
            r.problems, ["expected (in any order), but missing: absent"]
        )

    def test_forbid(self):
        r = verdict(make_test(forbid=["hel+o", "never"]), boot(GOOD))
        self.assert_verdict(r, FAIL)
        self.assertEqual(r.problems, ["forbidden line: kernel| hello"])
        many = GOOD.replace("kernel| hello\n", "kernel| bad\n" * 9)
        r = verdict(make_test(forbid=["bad"]), boot(many))
        self.assertEqual(len(r.problems), 6)
        self.assertEqual(r.problems[-1], "... and 4 more forbidden lines")

    def test_leak_check(self):
        leaky = GOOD.replace("frames=0 messages=0", "frames=2 messages=0")
        r = verdict(make_test(), boot(leaky))
        self.assert_verdict(r, FAIL)
        self.assertIn(
            "leak: 'kernel| leak check: frames=2 messages=0'", r.problems[0]
        )
        no_check = GOOD.replace(
            "kernel| leak check: frames=0 messages=0\n", ""
        )
        r = verdict(make_test(), boot(no_check))
        self.assertIn("missing the leak check line", r.problems[0])
        self.assert_verdict(
            verdict(make_test(leak_check=False), boot(leaky)), PASS
        )

    def test_leak_check_with_more_counts(self):
        clean = GOOD.replace(
            "frames=0 messages=0", "frames=0 messages=0 ports=0 mailboxes=0"
        )
        self.assert_verdict(verdict(make_test(), boot(clean)), PASS)
        for left in ("ports=1 mailboxes=0", "ports=0 mailboxes=3"):
            leaky = GOOD.replace(
                "frames=0 messages=0", f"frames=0 messages=0 {left}"
            )
            r = verdict(make_test(), boot(leaky))
            self.assert_verdict(r, FAIL)
            self.assertIn(left, r.problems[0])


class OracleTest(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.lab = Path(self._tmp.name)
        (self.lab / "oracle.py").write_text(
            textwrap.dedent(
                """\
            from grader.prng import Rng

            def value(seed, lines, ctx):
                want = f"user.1| value={Rng(seed).next()}"
                return [] if want in lines else [f"missing {want}"]

            def context(seed, lines, ctx):
                keys = ("mem", "stage", "test", "seed")
                return [f"{k}={ctx[k]}" for k in keys]

            def boom(seed, lines, ctx):
                return int(lines[0].split("=")[1])

            def not_a_list(seed, lines, ctx):
                return "fine"
            """
            )
        )

    def tearDown(self):
        self._tmp.cleanup()

    def run_oracle(
        self, name: str, output: str, seed: int = 1
    ) -> judge.RunResult:
        return verdict(
            make_test(oracle=name, lab_dir=self.lab, leak_check=False),
            boot(output),
            seed,
        )

    def test_oracle_uses_the_seed(self):
        out = "KIT BEGIN\nuser.1| value=540738\nKIT END done\n"
        self.assertEqual(self.run_oracle("value", out, seed=2).verdict, PASS)
        r = self.run_oracle("value", out, seed=1)
        self.assertEqual(
            (r.verdict, r.problems), (FAIL, ["missing user.1| value=270369"])
        )

    def test_oracle_gets_its_context(self):
        r = self.run_oracle("context", "KIT BEGIN\nKIT END done\n", seed=7)
        self.assertEqual(r.problems, ["mem=64", "stage=1", "test=t", "seed=7"])

    def test_broken_oracles_fail_the_test_not_the_grader(self):
        r = self.run_oracle(
            "boom", "KIT BEGIN\nuser.1| value=x\nKIT END done\n"
        )
        self.assertEqual(r.verdict, FAIL)
        self.assertEqual(
            r.problems,
            [
                "the oracle boom() failed on this output: ValueError: "
                "invalid literal for int() with base 10: 'x'"
            ],
        )
        r = self.run_oracle("boom", "KIT BEGIN\nKIT END done\n")
        self.assertIn("IndexError", r.problems[0])
        r = self.run_oracle("not_a_list", "KIT BEGIN\nKIT END done\n")
        self.assertIn("returned str, not a list of strings", r.problems[0])
        r = self.run_oracle("missing", "KIT BEGIN\nKIT END done\n")
        self.assertIn("the oracle missing() is not defined", r.problems[0])

    def test_oracle_file_that_does_not_import(self):
        (self.lab / "oracle.py").write_text("def broken(:\n")
        r = self.run_oracle("value", "KIT BEGIN\nKIT END done\n")
        self.assertEqual(r.verdict, FAIL)
        self.assertIn("could not be loaded: SyntaxError", r.problems[0])

    def test_the_fixture_oracle(self):
        t = make_test(oracle="seeded", lab_dir=FIXTURE_LAB, leak_check=False)
        out = "KIT BEGIN\nuser.1| value=270369\nKIT END done\n"
        self.assertEqual(verdict(t, boot(out)).verdict, PASS)


class TestResultTest(unittest.TestCase):
    def test_score_needs_every_seed(self):
        t = make_test(seeds=(1, 2))
        ok, bad = judge.RunResult(1, PASS, ""), judge.RunResult(2, TIMEOUT, "")
        self.assertEqual(
            (
                TestResult(1, t, [ok, ok]).score,
                TestResult(1, t, [ok, ok]).verdict,
            ),
            (5, PASS),
        )
        mixed = TestResult(1, t, [ok, bad])
        self.assertEqual(
            (mixed.passed, mixed.score, mixed.verdict), (False, 0, TIMEOUT)
        )
        built = TestResult(1, t, [judge.build_error(1, "no", ["error: x"])])
        self.assertEqual((built.score, built.verdict), (0, BUILD_ERROR))


if __name__ == "__main__":
    unittest.main()
