# test_report.py: the three reports: the human text (status lines, failure
# details, subtotals, the last line), Gradescope's results.json and JUnit XML
# (both must parse, and their scores add up).

import dataclasses
import io
import json
import tempfile
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

from grader import report
from grader.build import BuildError
from grader.judge import (
    BUILD_ERROR,
    FAIL,
    NOT_RUN,
    PASS,
    TIMEOUT,
    RunResult,
    TestResult,
)
from grader.spec import Test


def result(
    name: str, points: float, verdicts: list[str], lab: int = 1, stage: int = 1
) -> TestResult:
    test = Test(
        lab=lab,
        name=name,
        points=points,
        seeds=tuple(range(1, len(verdicts) + 1)),
        hint=f"hint for {name}",
        lab_title=f"Title{lab}",
    )
    runs = [
        RunResult(
            seed,
            v,
            f"message {v}",
            problems=[] if v == PASS else ["expected, but missing: x\x00"],
            tail=[] if v == PASS else ["KIT BEGIN", "kernel| \x1b bad byte"],
            seconds=0.25,
        )
        for seed, v in enumerate(verdicts, start=1)
    ]
    return TestResult(stage, test, runs)


RESULTS = [
    result("banner", 5, [PASS]),
    result("memmap", 2.5, [PASS, FAIL, TIMEOUT]),
    result("pingpong", 10, [PASS, PASS], lab=2, stage=2),
]


class HumanTest(unittest.TestCase):
    def test_status_line(self):
        line = report.status_line(RESULTS[0])
        self.assertRegex(line, r"^  banner \(seed 1\) \.+ PASS    5/5 +0\.2s$")
        self.assertEqual(line.index("PASS"), report.STATUS_COLUMN + 1)
        self.assertRegex(
            report.status_line(RESULTS[1]),
            r"^  memmap \(seeds 1,2,3\) \.+ FAIL    0/2\.5 +0\.8s$",
        )

    def test_details_of_a_failure(self):
        lines = report.describe(RESULTS[1], report.Replay())
        self.assertEqual(lines[0], "seed 2: fail: message fail")
        self.assertIn("  - expected, but missing: x\x00", lines)
        self.assertIn("    | KIT BEGIN", lines)
        self.assertIn("  replay: make run LAB=1 TEST=memmap SEED=2", lines)
        self.assertIn(
            "  gdb:    make qemu-gdb LAB=1 TEST=memmap SEED=2   "
            "(then `make gdb LAB=1 TEST=memmap` in another terminal)",
            lines,
        )
        # the second failing seed gets one line and its replay command
        self.assertIn("seed 3: timeout: message timeout", lines)
        self.assertIn("  replay: make run LAB=1 TEST=memmap SEED=3", lines)
        self.assertEqual(lines[-1], "hint: hint for memmap")

    def test_replay_in_another_tree_and_with_prebuilt_images(self):
        run, gdb = report.Replay(make_dir=Path("/sub/alice")).commands(
            3, "t", 9
        )
        self.assertEqual(run, "make -C /sub/alice run LAB=3 TEST=t SEED=9")
        self.assertTrue(
            gdb.startswith("make -C /sub/alice qemu-gdb LAB=3 TEST=t SEED=9")
        )
        run, _ = report.Replay(prebuilt="--kernel /k.elf").commands(1, "t", 2)
        self.assertEqual(
            run,
            "python3 -m grader run --stage 1 --kernel /k.elf --test t --seed 2",
        )

    def test_printer_streams_and_ends_with_the_counts(self):
        out = io.StringIO()
        printer = report.Printer(
            out, report.Replay(), quiet=False, multi_stage=True
        )
        printer.build(1, "make LAB=1 kernel", 1.0, None)
        for tr in RESULTS:
            printer.result(tr)
        printer.summary(RESULTS)
        text = out.getvalue().splitlines()
        self.assertEqual(
            text[0], "building stage 1: make LAB=1 kernel ... ok (1.0s)"
        )
        self.assertEqual(text[1], "stage 1, lab 1 (Title1)")
        self.assertIn("stage 2, lab 2 (Title2)", text)
        self.assertEqual(
            text[-5:],
            [
                "",
                "stage 1, lab 1 (Title1): 5/7.5",
                "stage 2, lab 2 (Title2): 10/10",
                "total: 15/17.5",
                "2 passed, 1 failed",
            ],
        )

    def test_quiet_prints_failures_and_totals_only(self):
        out = io.StringIO()
        printer = report.Printer(
            out, report.Replay(), quiet=True, multi_stage=False
        )
        printer.build(1, "make LAB=1 kernel", 1.0, None)
        for tr in RESULTS:
            printer.result(tr)
        printer.summary(RESULTS)
        text = out.getvalue().splitlines()
        # the failing test's line, a blank line, 2 subtotals, the total,
        # the counts
        self.assertEqual(len(text), 6)
        self.assertIn("memmap", text[0])
        self.assertEqual(text[-1], "2 passed, 1 failed")

    def test_build_error_is_said_once_without_hints(self):
        out = io.StringIO()
        printer = report.Printer(
            out, report.Replay(), quiet=False, multi_stage=False
        )
        error = BuildError(
            "`make LAB=1 kernel` failed (status 2)",
            ["main.c:1:2: error: oops [-Werror=unused]"],
            ["main.c:1: oops [-Werror=unused]"],
            werror=True,
        )
        printer.build(1, "make LAB=1 kernel", 0.5, error)
        for name in ("a", "b"):
            printer.result(
                TestResult(
                    1,
                    Test(lab=1, name=name, points=1),
                    [
                        RunResult(
                            1,
                            BUILD_ERROR,
                            "the stage did not build",
                            build_log=error.log,
                        )
                    ],
                )
            )
        text = out.getvalue()
        self.assertEqual(text.count("main.c:1: oops"), 1)
        self.assertEqual(text.count("BUILD ERROR"), 1)
        self.assertIn("warnings are errors here (-Werror)", text)
        self.assertEqual(text.count("NOT RUN"), 2)
        self.assertNotIn("replay:", text)
        self.assertNotIn("hint", text)

    def test_seeds_not_run_after_the_first_failure(self):
        tr = result("fifo", 4, [PASS, FAIL, NOT_RUN, NOT_RUN])
        lines = report.describe(tr, report.Replay())
        self.assertEqual(lines[0], "seed 2: fail: message fail")
        self.assertIn("seeds 3,4: not run (seed 2 failed first)", lines)
        self.assertEqual(tr.verdict, FAIL)

    def test_times_are_left_out_when_asked(self):
        self.assertTrue(
            report.status_line(RESULTS[0], times=False).endswith("5/5")
        )

    def test_what_a_student_sees(self):
        hidden = TestResult(
            1,
            dataclasses.replace(RESULTS[1].test, hidden=True, show_output=0),
            RESULTS[1].runs,
        )
        shown = report.describe(hidden, report.Replay(), report.STUDENT)
        self.assertFalse([line for line in shown if "|" in line], shown)
        self.assertFalse([line for line in shown if "replay" in line])
        self.assertNotIn("expected, but missing", "\n".join(shown))
        short = TestResult(
            1,
            dataclasses.replace(RESULTS[1].test, show_output=1),
            RESULTS[1].runs,
        )
        replay = report.Replay(
            submission="--submission /s", graded_tree=Path("/g")
        )
        shown = report.describe(short, replay, report.STUDENT)
        self.assertEqual(
            [line for line in shown if "|" in line][:1],
            ["    | kernel| \x1b bad byte"],
        )
        self.assertIn("  replay: make run LAB=1 TEST=memmap SEED=2", shown)
        staff = report.describe(short, replay, report.STAFF)
        self.assertIn(
            "  replay: python3 -m grader --submission /s --stage 1 "
            "--test memmap --seed 2",
            staff,
        )


class MachineReportsTest(unittest.TestCase):
    def test_gradescope_results(self):
        data = json.loads(
            json.dumps(report.gradescope(RESULTS, report.Replay(), True, 12.3))
        )
        self.assertEqual(data["score"], 15)
        self.assertEqual(data["score"], sum(t["score"] for t in data["tests"]))
        self.assertEqual(sum(t["max_score"] for t in data["tests"]), 17.5)
        self.assertEqual(
            data["extra_data"], {"max_score": 17.5, "passed": 2, "failed": 1}
        )
        self.assertEqual(
            [t["status"] for t in data["tests"]],
            ["passed", "failed", "passed"],
        )
        self.assertEqual(
            [t["name"] for t in data["tests"]],
            [
                "stage 1, lab 1: banner",
                "stage 1, lab 1: memmap",
                "stage 2, lab 2: pingpong",
            ],
        )
        self.assertTrue(
            data["tests"][1]["output"].startswith("FAIL: 0/2.5 (seeds 1,2,3")
        )
        self.assertIn(
            "replay: make run LAB=1 TEST=memmap SEED=2",
            data["tests"][1]["output"],
        )
        self.assertEqual(
            (data["execution_time"], data["stdout_visibility"]),
            (12, "hidden"),
        )
        untimed = report.gradescope(RESULTS, report.Replay(), True, None)
        self.assertNotIn("execution_time", untimed)
        self.assertNotIn("0.2s", json.dumps(untimed))

    def test_junit(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "junit.xml"
            report.write_junit(path, RESULTS, report.Replay(), 3.0)
            root = ET.parse(path).getroot()  # control bytes did not break it
        self.assertEqual(
            (root.tag, root.get("tests"), root.get("failures")),
            ("testsuites", "3", "1"),
        )
        suites = root.findall("testsuite")
        self.assertEqual(
            [s.get("name") for s in suites], ["stage1.lab1", "stage2.lab2"]
        )
        total = sum(
            float(p.get("value"))
            for s in suites
            for p in s.iter("property")
            if p.get("name") == "score"
        )
        self.assertEqual(total, 15)
        failures = root.findall(".//failure")
        self.assertEqual([f.get("type") for f in failures], [FAIL])
        self.assertEqual(failures[0].get("message"), "seed 2: message fail")
        self.assertEqual(len(root.findall(".//testcase")), 3)


if __name__ == "__main__":
    unittest.main()
