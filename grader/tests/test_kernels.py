# test_kernels.py: the grader, run as `python3 -m grader`, against fixture
# kernels that each break the protocol in one way (kernels/*.asm).  Each case
# asserts the exact verdict (JUnit failure type), the score (results.json),
# the exit status, the message a student would read, and the last line.

import tempfile
import unittest
from pathlib import Path

from .helpers import (
    FIXTURE_SPEC,
    grader,
    kernel,
    read_reports,
    scores,
    verdicts,
)


class FixtureKernelTest(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = Path(self._tmp.name)

    def tearDown(self):
        self._tmp.cleanup()

    def grade(self, kernel_name: str, tests: str = "hello"):
        """Grade the fixture spec's `tests` on one fixture kernel."""
        json_path, junit_path = (
            self.tmp / "results.json",
            self.tmp / "junit.xml",
        )
        proc = grader(
            "--spec",
            str(FIXTURE_SPEC),
            "--kernel",
            str(kernel(kernel_name)),
            "--test",
            tests,
            "--json",
            str(json_path),
            "--junit",
            str(junit_path),
        )
        results, junit = read_reports(json_path, junit_path)
        return proc, verdicts(junit), scores(results), results

    def assert_graded(
        self,
        kernel_name: str,
        expected: dict[str, str],
        expected_scores: dict[str, float],
        last_line: str,
        tests: str = "hello",
    ):
        proc, got_verdicts, got_scores, results = self.grade(
            kernel_name, tests
        )
        self.assertEqual(got_verdicts, expected, proc.stdout)
        self.assertEqual(got_scores, expected_scores)
        self.assertEqual(results["score"], sum(expected_scores.values()))
        self.assertEqual(proc.stdout.splitlines()[-1], last_line)
        passed = all(v == "pass" for v in expected.values())
        self.assertEqual(proc.returncode, 0 if passed else 1, proc.stderr)
        return proc.stdout

    def test_good_passes_everything(self):
        out = self.assert_graded(
            "good",
            {"hello": "pass", "seeded": "pass"},
            {"hello": 5, "seeded": 3},
            "2 passed, 0 failed",
            "hello,seeded",
        )
        self.assertIn("total: 8/8", out)

    def test_cheat_fails_the_seeded_test(self):
        out = self.assert_graded(
            "cheat",
            {"hello": "pass", "seeded": "fail"},
            {"hello": 5, "seeded": 0},
            "1 passed, 1 failed",
            "hello,seeded",
        )
        self.assertIn("seed 2: fail:", out)
        self.assertNotIn("seed 1: fail:", out)
        self.assertIn(
            "expected 'user.1| value=540738', got 'user.1| value=270369'", out
        )
        self.assertIn("hint: The value must come from the seed", out)
        self.assertIn("--test seeded --seed 2", out)

    def test_hang_hits_the_wall_clock_backstop(self):
        out = self.assert_graded(
            "hang", {"hello": "timeout"}, {"hello": 0}, "0 passed, 1 failed"
        )
        self.assertIn("the wall-clock backstop fired after 2 s", out)
        self.assertIn("| kernel| fixture stage 1 booting", out)

    def test_guest_time_limit(self):
        out = self.assert_graded(
            "guesttimeout",
            {"hello": "timeout"},
            {"hello": 0},
            "0 passed, 1 failed",
        )
        self.assertIn("the guest-time limit of 3000 ticks ran out", out)

    def test_panic(self):
        out = self.assert_graded(
            "panic", {"hello": "panic"}, {"hello": 0}, "0 passed, 1 failed"
        )
        self.assertIn(
            "- kernel| PANIC: fixture panics on purpose (at fixture.c:1)", out
        )

    def test_triple_fault_is_a_reset(self):
        self.assert_graded(
            "triple", {"hello": "reset"}, {"hello": 0}, "0 passed, 1 failed"
        )

    def test_flood(self):
        out = self.assert_graded(
            "flood", {"hello": "flood"}, {"hello": 0}, "0 passed, 1 failed"
        )
        self.assertIn("more than 20000 lines", out)

    def test_no_end_marker(self):
        out = self.assert_graded(
            "noend",
            {"hello": "no end marker"},
            {"hello": 0},
            "0 passed, 1 failed",
        )
        self.assertIn("QEMU exited (status 67) without the end marker", out)

    def test_silent_kernel_has_no_begin_marker(self):
        out = self.assert_graded(
            "silent",
            {"hello": "no end marker"},
            {"hello": 0},
            "0 passed, 1 failed",
        )
        self.assertIn(
            "the kernel printed nothing the grader could read: "
            "is the serial driver working?",
            out,
        )

    def test_seed_option_overrides_the_spec_seeds(self):
        proc = grader(
            "--spec",
            str(FIXTURE_SPEC),
            "--kernel",
            str(kernel("cheat")),
            "--test",
            "seeded",
            "--seed",
            "1",
        )
        self.assertIn("seeded (seed 1)", proc.stdout)
        self.assertEqual(
            (proc.returncode, proc.stdout.splitlines()[-1]),
            (0, "1 passed, 0 failed"),
        )


if __name__ == "__main__":
    unittest.main()
