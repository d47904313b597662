# test_cli.py: the grader as a whole, from its command line: building a kit
# tree with make (a tree that does not compile, a good one booted both with
# -kernel and through GRUB ISOs), all stages, usage and tool errors (exit 2),
# and `python3 -m grader run`.

import tempfile
import unittest
from pathlib import Path

from .helpers import (
    BROKEN_MAKEFILE,
    FIXTURE_SPEC,
    GOOD_MAKEFILE,
    fixture_tree,
    grader,
    kernel,
    read_reports,
    scores,
    verdicts,
)

LAB2_SPEC = """
[lab]
number = 2
title = "Second"

[[test]]
name = "hello2"
points = 1
expect = ['^kernel\\| hello from the fixture$']
"""


class TreeTest(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = Path(self._tmp.name)
        self.json, self.junit = (
            self.tmp / "results.json",
            self.tmp / "junit.xml",
        )

    def tearDown(self):
        self._tmp.cleanup()

    def test_build_error_fails_every_test(self):
        tree = fixture_tree(self.tmp / "kit", BROKEN_MAKEFILE)
        proc = grader(
            "--tree",
            str(tree),
            "--json",
            str(self.json),
            "--junit",
            str(self.junit),
        )
        results, junit = read_reports(self.json, self.junit)
        self.assertEqual(
            verdicts(junit),
            {
                "hello": "build error",
                "seeded": "build error",
                "grub": "build error",
            },
        )
        self.assertEqual(scores(results), {"hello": 0, "seeded": 0, "grub": 0})
        self.assertEqual(results["score"], 0)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(proc.stdout.splitlines()[-1], "0 passed, 3 failed")
        error = "kernel/main.c:12: expected ';' before 'return'"
        # said once, with the compiler's first error, file and line
        self.assertEqual(proc.stdout.count(error), 1, proc.stdout)
        self.assertIn(
            "building stage 1: make LAB=1 kernel ... FAILED", proc.stdout
        )
        self.assertEqual(proc.stdout.count("BUILD ERROR"), 1)
        self.assertNotIn("hint", proc.stdout)
        self.assertEqual(results["output"].count(error), 1)
        self.assertIn("BUILD ERROR", results["output"])
        self.assertEqual(
            results["tests"][0]["output"].splitlines()[-1],
            "not run: stage 1 did not build (see above)",
        )

    def test_good_tree_builds_and_passes_also_through_grub(self):
        tree = fixture_tree(self.tmp / "kit", GOOD_MAKEFILE, "good")
        proc = grader(
            "--tree",
            str(tree),
            "--json",
            str(self.json),
            "--junit",
            str(self.junit),
        )
        results, junit = read_reports(self.json, self.junit)
        self.assertEqual(
            verdicts(junit),
            {"hello": "pass", "seeded": "pass", "grub": "pass"},
            proc.stdout,
        )
        self.assertEqual(scores(results), {"hello": 5, "seeded": 3, "grub": 2})
        self.assertEqual(results["score"], 10)
        self.assertEqual(proc.returncode, 0)
        self.assertIn("grub (seeds 1,2) ", proc.stdout)
        self.assertEqual(
            proc.stdout.splitlines()[-2:],
            ["total: 10/10", "3 passed, 0 failed"],
        )

    def test_all_stages(self):
        tree = fixture_tree(self.tmp / "kit", GOOD_MAKEFILE, "good")
        (tree / "labs" / "lab2-second").mkdir()
        (tree / "labs" / "lab2-second" / "tests.toml").write_text(LAB2_SPEC)
        proc = grader(
            "--tree",
            str(tree),
            "--all-stages",
            "--test",
            "hello,hello2",
            "--json",
            str(self.json),
            "--junit",
            str(self.junit),
        )
        results, junit = read_reports(self.json, self.junit)
        self.assertEqual(
            [(t["name"], t["score"]) for t in results["tests"]],
            [
                ("stage 1, lab 1: hello", 5),
                ("stage 2, lab 1: hello", 5),
                ("stage 2, lab 2: hello2", 1),
            ],
        )
        self.assertEqual(
            [s.get("name") for s in junit.iter("testsuite")],
            ["stage1.lab1", "stage2.lab1", "stage2.lab2"],
        )
        self.assertEqual(
            proc.stdout.splitlines()[-5:],
            [
                "stage 1, lab 1 (Fixture): 5/5",
                "stage 2, lab 1 (Fixture): 5/5",
                "stage 2, lab 2 (Second): 1/1",
                "total: 11/11",
                "3 passed, 0 failed",
            ],
        )
        self.assertEqual(proc.returncode, 0)
        # the default stage is the highest one; --lab picks one lab of it
        proc = grader("--tree", str(tree), "--lab", "2")
        self.assertIn("lab 2 (Second): 1/1", proc.stdout)
        self.assertEqual(proc.stdout.splitlines()[-1], "1 passed, 0 failed")

    def test_regression_seeds_cut_only_earlier_labs(self):
        tree = fixture_tree(self.tmp / "kit", GOOD_MAKEFILE, "good")
        (tree / "labs" / "lab2-second").mkdir()
        (tree / "labs" / "lab2-second" / "tests.toml").write_text(
            LAB2_SPEC + "seeds = [4, 5]\n"
        )
        base = ("--tree", str(tree), "--test", "seeded,hello2")
        proc = grader(*base, "--regression-seeds", "1")
        self.assertIn("seeded (seed 1) ", proc.stdout)
        self.assertIn("hello2 (seeds 4,5) ", proc.stdout)
        self.assertIn("earlier labs' tests ran on their first 1", proc.stdout)
        self.assertEqual(proc.stdout.splitlines()[-1], "2 passed, 0 failed")
        # by default, and at stage 1 where lab 1 is the stage's own lab,
        # every seed runs
        proc = grader(*base)
        self.assertIn("seeded (seeds 1,2) ", proc.stdout)
        self.assertNotIn("earlier labs' tests", proc.stdout)
        proc = grader(
            "--tree",
            str(tree),
            "--stage",
            "1",
            "--test",
            "seeded",
            "--regression-seeds",
            "1",
        )
        self.assertIn("seeded (seeds 1,2) ", proc.stdout)


class UsageTest(unittest.TestCase):
    def assert_usage_error(
        self, *args: str, message: str, env: dict | None = None
    ):
        proc = grader(*args, env=env)
        self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)
        self.assertIn(message, proc.stderr)

    def test_missing_qemu(self):
        self.assert_usage_error(
            "--spec",
            str(FIXTURE_SPEC),
            "--kernel",
            str(kernel("good")),
            env={"QEMU": "/nonexistent/qemu-system-i386"},
            message="install it with: sudo apt-get install qemu-system-x86",
        )

    def test_bad_selections(self):
        spec, good = str(FIXTURE_SPEC), str(kernel("good"))
        self.assert_usage_error(
            "--spec",
            spec,
            "--kernel",
            good,
            "--test",
            "nosuch",
            message="no test named nosuch",
        )
        self.assert_usage_error(
            "--spec",
            spec,
            "--kernel",
            good,
            message="test grub boots the GRUB ISO: give --iso too",
        )
        self.assert_usage_error(
            "--spec",
            spec,
            "--kernel",
            "/nonexistent.elf",
            "--test",
            "hello",
            message="no such file: /nonexistent.elf",
        )
        self.assert_usage_error(
            "--spec", spec, "--all-stages", message="not with --all-stages"
        )
        self.assert_usage_error(
            "--spec", "/nonexistent.toml", message="/nonexistent.toml"
        )
        self.assert_usage_error("--seed", "-1", message="a seed is in 0..")
        with tempfile.TemporaryDirectory() as tmp:
            self.assert_usage_error(
                "--tree", tmp, message="no lab directories"
            )
            fixture_tree(Path(tmp), GOOD_MAKEFILE)
            self.assert_usage_error(
                "--tree",
                tmp,
                "--stage",
                "3",
                message="no stage 3: the highest stage",
            )


class RunCommandTest(unittest.TestCase):
    def test_run_streams_the_raw_output_and_says_how_it_ended(self):
        proc = grader(
            "run",
            "--spec",
            str(FIXTURE_SPEC),
            "--kernel",
            str(kernel("good")),
            "--test",
            "seeded",
            "--seed",
            "2",
        )
        self.assertEqual(proc.returncode, 0)
        self.assertIn(
            "fixture: boot chatter before the begin marker", proc.stdout
        )
        self.assertIn("user.1| value=540738\n", proc.stdout)
        self.assertIn("-append 'test=seeded seed=2 limit=3000'", proc.stderr)
        proc = grader(
            "run",
            "--spec",
            str(FIXTURE_SPEC),
            "--kernel",
            str(kernel("panic")),
            "--test",
            "hello",
            "--trace",
        )
        self.assertEqual(proc.returncode, 69)
        self.assertIn(
            "grader: QEMU exit status 69: the kernel panicked", proc.stderr
        )
        self.assertIn(
            "-append 'test=hello seed=1 limit=3000 trace=1'", proc.stderr
        )


if __name__ == "__main__":
    unittest.main()
