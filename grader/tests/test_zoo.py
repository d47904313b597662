# test_zoo.py: hostile and broken lab 2 submissions (zoo.py), graded the
# way an instructor grades them. Each case must get its verdict, with the
# line that says why, and no output of any grading (the terminal, each
# report.txt, results.json, junit.xml, grades.csv) may show the reference's
# solution or the host file a case tried to read.
#
#   - a class of them: including or linking the reference, another
#     student's file, .incbin of a host file, /dev/zero and /dev/stdout,
#     a macro-hidden include, a /proc symlink, a linked folder, a missing,
#     empty, folder or pipe file, a forger (flagged, not zeroed);
#   - the sandbox alone (no path checks) against the same tricks;
#   - a kernel that hangs in serial_init, within a small time budget;
#   - an RTC-dependent kernel graded three times: byte-identical reports;
#   - planted bugs and the keyed hint each brings up; a build error;
#   - lab 4's planted bugs in a solved lab 4 kit, each with its hint.
#
# Slow (real kits, cut and built): a few minutes.

import csv
import json
import shutil
import subprocess
import tempfile
import time
import tomllib
import unittest
from pathlib import Path

from .. import forgery, sandbox, spec
from . import zoo
from .helpers import REPO, grader

NEEDED = ("qemu-system-i386", "unifdef", "gcc", "nasm", "git")


def outputs(*paths: Path) -> str:
    """The text of every report file under paths."""
    found = []
    for path in paths:
        files = [path] if path.is_file() else sorted(path.rglob("*"))
        for f in files:
            if f.is_file() and f.suffix in (".txt", ".json", ".xml", ".csv"):
                found.append(f.read_text(errors="replace"))
    return "\n".join(found)


@unittest.skipUnless(
    all(shutil.which(t) for t in NEEDED) and (REPO / ".git").exists(),
    "a git checkout and the kit's tools are needed",
)
class ZooTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="zoo-")
        cls.root = Path(cls._tmp.name)
        cls.zoo = zoo.Zoo(cls.root)
        cls.work = cls.root / "work"
        secrets = zoo.solution_lines(zoo.LAB)
        cls.solution = secrets - zoo.in_kit(secrets, cls.zoo.kit)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def assert_nothing_leaked(self, text: str, solution: bool = True):
        self.assertNotIn(self.zoo.secret, text)
        if solution:
            shown = sorted(line for line in self.solution if line in text)
            self.assertEqual(shown, [], "solution code in a report")

    def submit(self, tree: Path, *options: str, env=None):
        json_path = self.root / f"{tree.name}.json"
        proc = grader(
            "--submission",
            str(tree),
            "--workdir",
            str(self.work),
            "--json",
            str(json_path),
            *options,
            env=env,
            timeout=600,
        )
        data = json.loads(json_path.read_text()) if json_path.exists() else {}
        return proc, data

    def test_solution_lines_are_found_where_they_are(self):
        # the leak check can fail: the reference holds these lines
        self.assertGreater(len(self.solution), 20)
        text = (REPO / zoo.TARGET).read_text()
        self.assertTrue([line for line in self.solution if line in text])

    def test_a_class_of_hostile_submissions(self):
        cases = self.zoo.make_all()
        out = self.root / "class-out"
        proc = grader(
            "class",
            str(self.zoo.students),
            "--out",
            str(out),
            "--workdir",
            str(self.work),
            "--test",
            zoo.TESTS,
            timeout=900,
        )
        text = proc.stdout + proc.stderr
        self.assertEqual(proc.returncode, 0, text)
        with open(out / "grades.csv") as f:
            rows = {r["student"]: r for r in csv.DictReader(f)}
        self.assertEqual(sorted(rows), sorted(c.name for c in cases))
        for case in cases:
            with self.subTest(case=case.name):
                row = rows[case.name]
                self.assertEqual(
                    (row["lab 1"], row["lab 2"]),
                    (f"{case.lab1:g}", f"{case.lab2:g}"),
                    (out / case.name / "report.txt").read_text(),
                )
                report = (out / case.name / "report.txt").read_text()
                self.assertIn(case.note, report)
        self.assertIn("cmdline_get", rows["forger"]["flags"])
        self.assertEqual(rows["alice"]["flags"], "")
        self.assert_nothing_leaked(text + outputs(out))

    def test_the_sandbox_alone(self):
        box = sandbox.detect()
        if not box.boxed:
            self.skipTest(box.note)
        tree = self.root / "boxed"
        tree.mkdir()
        for name, source in (
            ("zero.c", '#include "/dev/zero"\n'),
            ("stdout.c", '#include "/dev/stdout"\n'),
            ("ref.c", f'#include "{REPO / zoo.TARGET}"\n'),
            ("host.c", f'#define F "{self.zoo.host_file}"\n#include F\n'),
            ("incbin.c", f'__asm__(".incbin \\"{self.zoo.host_file}\\"");\n'),
        ):
            (tree / name).write_text(source)
            cmd = sandbox.limited(
                box.build_command(
                    tree, ["gcc", "-m32", "-c", name, "-o", "/tmp/x.o"]
                ),
                True,
            )
            start = time.monotonic()
            done = subprocess.run(
                cmd,
                cwd=tree,
                env=dict(sandbox.ENV),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=120,
            )
            with self.subTest(source=name):
                self.assertNotEqual(done.returncode, 0)
                self.assertLess(time.monotonic() - start, 100)
                log = (done.stdout + done.stderr).decode(errors="replace")
                self.assertLess(len(log), 100000)
                self.assert_nothing_leaked(log)
        # the box sees neither the reference nor the host's files
        done = subprocess.run(
            box.build_command(tree, ["ls", str(REPO), "/root", "/work"]),
            capture_output=True,
            text=True,
        )
        self.assertNotEqual(done.returncode, 0)
        self.assertNotIn("kernel", done.stdout)

    def test_without_the_sandbox_the_path_checks_hold(self):
        tree = self.zoo.student("nobox")
        (tree / zoo.TARGET).write_text(f'#include "{REPO / zoo.TARGET}"\n')
        proc, data = self.submit(
            tree, "--test", zoo.TESTS, env={"KIT_GRADER_SANDBOX": "off"}
        )
        self.assertIn("sandbox: off", data["output"])
        self.assertIn("an absolute path", data["output"])
        self.assertEqual(data["score"], zoo.LAB1_POINTS)
        self.assert_nothing_leaked(proc.stdout + json.dumps(data))

    def test_a_hang_in_serial_init_within_the_budget(self):
        tree = self.zoo.serial_hang()
        start = time.monotonic()
        # Two rounds of boots that never print KIT BEGIN (10 s each, two at
        # a time) after the build; then the budget runs out.
        proc, data = self.submit(tree, "--budget", "25", "--no-hidden")
        took = time.monotonic() - start
        names = [t["name"] for t in data["tests"]]
        every = [
            t for lab in spec.load_stage_labs(REPO, zoo.LAB) for t in lab.tests
        ]
        self.assertEqual(len(names), len(every), proc.stdout)
        self.assertEqual(data["score"], 0)
        outputs_text = [t["output"] for t in data["tests"]]
        self.assertTrue(any("no 'KIT BEGIN'" in o for o in outputs_text))
        self.assertTrue(any(o.startswith("BUDGET") for o in outputs_text))
        # the budget and the build: generous for a loaded machine
        self.assertLess(took, 25 + 120, proc.stdout)

    def test_an_rtc_kernel_graded_three_times(self):
        tree = self.zoo.rtc()
        reports = []
        for _ in range(3):
            proc, data = self.submit(
                tree,
                "--test",
                "pingpong",
                "--extra-seeds",
                "1",
                "--seed-salt",
                "42",
            )
            reports.append((proc.stdout, json.dumps(data, sort_keys=True)))
        self.assertEqual(len(set(reports)), 1, reports[0][0])
        self.assertIn("--seed-salt 42", reports[0][1])

    def test_planted_bugs_bring_up_their_hints(self):
        for name, (old, new, test, hint) in zoo.PLANTED.items():
            with self.subTest(bug=name):
                tree = self.zoo.planted(name, old, new)
                proc, data = self.submit(tree, "--test", test)
                [result] = data["tests"]
                self.assertEqual(result["score"], 0, proc.stdout)
                self.assertIn(f"hint: {hint}", result["output"])
                self.assertIn("(seen: ", result["output"])

    def test_a_build_error_is_said_once(self):
        tree = self.zoo.planted(
            "typo",
            "static int refuse(",
            "static int unused_here;\nstatic int refuse(",
        )
        proc, data = self.submit(tree, "--test", zoo.TESTS)
        self.assertEqual(proc.stdout.count("BUILD ERROR"), 1, proc.stdout)
        self.assertIn(f"{zoo.TARGET}:", proc.stdout)
        self.assertIn("warnings are errors here (-Werror)", proc.stdout)
        self.assertNotIn("hint:", proc.stdout)
        self.assertEqual(data["output"].count("BUILD ERROR"), 1)
        self.assertEqual(data["score"], 0)

    def test_the_reference_raises_no_forgery_flag(self):
        done = subprocess.run(
            ["make", "-s", "LAB=3", "kernel"],
            cwd=REPO,
            capture_output=True,
        )
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        own = [
            line
            for line in zoo.student_files(zoo.cut_kit(3, self.root / "k3"))
        ]
        self.assertEqual(forgery.screen(REPO, 3, own), [])


class PlantedHints:
    """Each keyed hint of lab LAB's tests.toml, brought up by a bug planted
    in a solved lab LAB kit that the grader grades as a submission. The
    tests are those of the solved kit itself (--tree), whose build is the
    base every planted bug is laid over: a bug rebuilds its own file, not
    every solution of the labs before (the submission pipeline from a kit
    with holes is ZooTest's). Mixed into one TestCase per lab."""

    LAB: int
    SPEC: str  # the lab's tests.toml, from the top of the repository
    PLANTED: dict  # zoo.PLANTED_LABn: name -> (file, old, new, test, hint)

    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix=f"zoo{cls.LAB}-")
        cls.root = Path(cls._tmp.name)
        kit = zoo.cut_kit(cls.LAB, cls.root / "solved")
        cls.solved = zoo.solve(kit, lab=cls.LAB)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def test_every_keyed_hint_is_planted(self):
        with open(REPO / self.SPEC, "rb") as f:
            specs = tomllib.load(f)["test"]
        keyed = {
            (t["name"], h["text"][:40])
            for t in specs
            for h in t.get("hints", [])
        }
        planted = {
            (test, hint[:40]) for _, _, _, test, hint in self.PLANTED.values()
        }
        self.assertEqual(keyed, planted)

    def test_planted_bugs_bring_up_their_hints(self):
        for name, bug in self.PLANTED.items():
            with self.subTest(bug=name):
                self.check_planted(name, *bug)

    def check_planted(self, name, file, old, new, test, hint):
        tree = self.root / "solo" / name
        shutil.copytree(self.solved, tree, symlinks=True)
        target = tree / file
        text = target.read_text()
        self.assertEqual(text.count(old), 1, old)
        target.write_text(text.replace(old, new))
        out = self.root / f"{name}.json"
        proc = grader(
            "--tree",
            str(self.solved),
            "--submission",
            str(tree),
            "--workdir",
            str(self.root / "work"),
            "--json",
            str(out),
            "--test",
            test,
            timeout=600,
        )
        data = json.loads(out.read_text()) if out.exists() else {}
        [result] = data.get("tests", [{}])
        self.assertEqual(result.get("score"), 0, proc.stdout)
        self.assertIn(f"hint: {hint}", result["output"])
        self.assertIn("(seen: ", result["output"])
        shutil.rmtree(tree)


PLANTED_NEEDS = unittest.skipUnless(
    all(shutil.which(t) for t in NEEDED) and (REPO / ".git").exists(),
    "a git checkout and the kit's tools are needed",
)


@PLANTED_NEEDS
class PlantedLab4Test(PlantedHints, unittest.TestCase):
    LAB, SPEC, PLANTED = 4, "labs/lab4-ports/tests.toml", zoo.PLANTED_LAB4


@PLANTED_NEEDS
class PlantedLab5Test(PlantedHints, unittest.TestCase):
    LAB, SPEC, PLANTED = 5, "labs/lab5-bigmsg/tests.toml", zoo.PLANTED_LAB5


if __name__ == "__main__":
    unittest.main()
