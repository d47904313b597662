# test_batch.py: grading students' trees on the fixture kit: --submission
# grades one in a copy of the kit with only the files a student may edit
# taken from it (edited expectations do not count, the report says what
# was ignored), and `class` grades a folder of them, each in its own place,
# with every entry of the folder accounted for in grades.csv.

import csv
import json
import tempfile
import time
import unittest
from pathlib import Path

from .. import batch, submission
from .helpers import (
    FIXTURE_SPEC,
    fixture_kit,
    grader,
    scores,
    submission_of,
)

# The "seeded" test without its oracle: any value line would pass.
TAMPERED = FIXTURE_SPEC.read_text().replace('oracle = "seeded"\n', "")


class EditableFilesTest(unittest.TestCase):
    def test_the_kit_lists_them(self):
        with tempfile.TemporaryDirectory() as tmp:
            kit = fixture_kit(Path(tmp) / "kit")
            self.assertEqual(
                submission.editable_files(kit), ["kernel.elf", "student.c"]
            )

    def test_csv_cells_are_no_formulas(self):
        self.assertEqual(batch.cell("=1+2"), "'=1+2")
        self.assertEqual(batch.cell("@SUM(A1)"), "'@SUM(A1)")
        self.assertEqual(batch.cell("-2"), "'-2")
        self.assertEqual(batch.cell("alice"), "alice")


class SubmissionTest(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = Path(self._tmp.name)
        self.ref = fixture_kit(self.tmp / "ref")
        self.work = self.tmp / "work"

    def tearDown(self):
        self._tmp.cleanup()

    def cheater(self, root: Path) -> Path:
        """A tree with the cheat kernel and expectations edited to suit it."""
        tree = submission_of(root, "cheat")
        (tree / "labs" / "lab1-fixture" / "tests.toml").write_text(TAMPERED)
        return tree

    def test_edited_expectations_do_not_count(self):
        mallory = self.cheater(self.tmp / "mallory")
        results = self.tmp / "results.json"
        # Graded as its own tree, the edit would pay off ...
        proc = grader(
            "--tree",
            str(mallory),
            "--test",
            "hello,seeded",
            "--json",
            str(results),
        )
        self.assertEqual(
            scores(json.loads(results.read_text())),
            {"hello": 5, "seeded": 3},
            proc.stdout,
        )
        # ... but as a submission, the kit's tests grade it.
        proc = grader(
            "--tree",
            str(self.ref),
            "--submission",
            str(mallory),
            "--workdir",
            str(self.work),
            "--test",
            "hello,seeded",
            "--json",
            str(results),
        )
        data = json.loads(results.read_text())
        self.assertEqual(
            scores(data), {"hello": 5, "seeded": 0}, proc.stdout + proc.stderr
        )
        self.assertEqual(proc.returncode, 1)
        self.assertIn(
            "labs/lab1-fixture/tests.toml (differs from the kit)",
            data["output"],
        )
        self.assertIn("sandbox:", data["output"])
        [graded] = (self.work / "graded").iterdir()
        tree = graded / "tree"
        self.assertEqual(
            (tree / "labs" / "lab1-fixture" / "tests.toml").read_text(),
            FIXTURE_SPEC.read_text(),
        )
        self.assertEqual(
            (tree / "kernel.elf").read_bytes(),
            (mallory / "kernel.elf").read_bytes(),
        )  # theirs
        # no wall-clock seconds: the same submission, the same report
        self.assertNotIn("execution_time", data)
        self.assertNotRegex(proc.stdout, r"\d\.\ds\b")

    def test_a_build_that_takes_too_long_is_stopped_and_its_log_kept(self):
        slow = submission_of(self.tmp / "slow", "good", "int slow;\n")
        start = time.monotonic()
        proc = grader(
            "--tree",
            str(self.ref),
            "--submission",
            str(slow),
            "--workdir",
            str(self.work),
            "--build-timeout",
            "3",
            "--test",
            "hello",
        )
        self.assertLess(time.monotonic() - start, 50)
        self.assertEqual(proc.stdout.count("BUILD ERROR"), 1, proc.stdout)
        self.assertIn("took more than 3 s and was stopped", proc.stdout)
        [log] = (self.work / "graded").glob("slow-*/build-kernel.log")
        self.assertIn("compiling slowly", log.read_text())

    def test_the_work_directory_stays_outside(self):
        mallory = self.cheater(self.tmp / "mallory")
        for inside in (self.ref / "w", mallory / "w"):
            proc = grader(
                "--tree",
                str(self.ref),
                "--submission",
                str(mallory),
                "--workdir",
                str(inside),
            )
            self.assertEqual(proc.returncode, 2)
            self.assertIn("give --workdir outside it", proc.stderr)

    def test_class_accounts_for_every_entry(self):
        folder = self.tmp / "submissions"
        submission_of(folder / "alice", "good")
        self.cheater(folder / "mallory")
        submission_of(folder / "bob", "good", "int error;\n")  # no build
        (folder / "eve").mkdir()  # not a kit tree
        (folder / "eve" / "notes.txt").write_text("hello\n")
        submission_of(folder / "carol" / "carol-kit", "good")  # unzipped
        submission_of(folder / "=1+2", "good")
        (folder / ".trash").mkdir()
        (folder / "dave.zip").write_bytes(b"PK\x03\x04")
        (folder / "link").symlink_to(folder / "alice")
        out = self.tmp / "out"
        proc = grader(
            "class",
            str(folder),
            "--tree",
            str(self.ref),
            "--out",
            str(out),
            "--workdir",
            str(self.work),
            "--test",
            "hello,seeded",
            timeout=600,
        )
        self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)
        with open(out / "grades.csv") as f:
            rows = {r["student"]: r for r in csv.DictReader(f)}
        self.assertEqual(
            sorted(rows),
            sorted(
                [
                    ".trash",
                    "'=1+2",
                    "alice",
                    "bob",
                    "carol",
                    "dave.zip",
                    "eve",
                    "link",
                    "mallory",
                ]
            ),
        )
        self.assertEqual(
            (rows["alice"]["total"], rows["alice"]["max"]), ("8", "8")
        )
        self.assertEqual(rows["carol"]["total"], "8")
        self.assertEqual(rows["'=1+2"]["total"], "8")
        self.assertEqual(rows["mallory"]["total"], "5")
        self.assertEqual(
            (rows["bob"]["total"], rows["bob"]["failed"]), ("0", "2")
        )
        self.assertIn("holds none of the files", rows["eve"]["problem"])
        self.assertIn("hidden entry", rows[".trash"]["problem"])
        self.assertIn("an archive", rows["dave.zip"]["problem"])
        self.assertIn("symbolic link", rows["link"]["problem"])
        bob = (out / "bob" / "report.txt").read_text()
        self.assertEqual(bob.count("BUILD ERROR"), 1)
        self.assertIn("student.c:1: the fixture found an error", bob)
        mallory = (out / "mallory" / "report.txt").read_text()
        self.assertIn("replay: python3 -m grader", mallory)
        self.assertIn("expected '", mallory)  # the reason, in full
        self.assertIn(
            "carol-kit/, the one folder in carol/",
            (out / "carol" / "report.txt").read_text(),
        )
        self.assertRegex(
            proc.stdout, r"(?m)^alice\s+8/8\s+2 passed, 0 failed$"
        )


if __name__ == "__main__":
    unittest.main()
