# test_batch.py: grading students' trees: --submission grades one inside a
# pristine copy of the reference with only the files a student may edit
# taken from it (edited expectations do not count), and `class` grades a
# folder of them, each in its own place, with a summary that survives a
# broken submission.

import csv
import json
import tempfile
import unittest
from pathlib import Path

from .. import submission
from .helpers import (
    REPO,
    GOOD_MAKEFILE,
    FIXTURE_SPEC,
    fixture_tree,
    grader,
    scores,
)

# The "seeded" test without its oracle: any value line would pass.
TAMPERED = FIXTURE_SPEC.read_text().replace('oracle = "seeded"\n', "")


class EditableFilesTest(unittest.TestCase):
    def test_marked_files_and_the_list(self):
        with tempfile.TemporaryDirectory() as tmp:
            ref = Path(tmp)
            (ref / "kernel").mkdir()
            (ref / "kernel" / "a.c").write_text("#ifdef SOL_LAB2\n#endif\n")
            (ref / "kernel" / "b.c").write_text("int provided;\n")
            (ref / "notes.txt").write_text("SOL_LAB1 is not code\n")
            (ref / "STUDENT_FILES").write_text("# extra\nuser/extra.c\n")
            self.assertEqual(
                submission.editable_files(ref),
                ["kernel/a.c", "user/extra.c"],
            )

    def test_the_kit_edits_only_files_with_holes(self):
        files = submission.editable_files(REPO)
        self.assertIn("kernel/ipc/rendezvous.c", files)
        self.assertIn("lib/fmt.c", files)
        self.assertNotIn("kernel/proc.c", files)
        self.assertNotIn("Makefile", files)
        self.assertFalse([f for f in files if "/tests/" in f], files)


class SubmissionTest(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = Path(self._tmp.name)
        self.ref = fixture_tree(self.tmp / "ref", GOOD_MAKEFILE)
        (self.ref / "build").mkdir()
        # The fixture's "student code" is its prebuilt kernel.
        (self.ref / "STUDENT_FILES").write_text("kernel.elf  # the kernel\n")

    def tearDown(self):
        self._tmp.cleanup()

    def cheater(self, root: Path) -> Path:
        """A tree with the cheat kernel and expectations edited to suit it."""
        tree = fixture_tree(root, GOOD_MAKEFILE, "cheat")
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
        # ... but as a submission, the reference's tests grade it.
        proc = grader(
            "--tree",
            str(self.ref),
            "--submission",
            str(mallory),
            "--test",
            "hello,seeded",
            "--json",
            str(results),
        )
        self.assertEqual(
            scores(json.loads(results.read_text())),
            {"hello": 5, "seeded": 0},
            proc.stdout,
        )
        self.assertEqual(proc.returncode, 1)
        prepared = self.ref / "build" / "graded" / "mallory" / "tree"
        self.assertEqual(
            (prepared / "labs" / "lab1-fixture" / "tests.toml").read_text(),
            FIXTURE_SPEC.read_text(),
        )
        self.assertTrue((prepared / "kernel.elf").exists())  # theirs

    def test_class_grades_each_student_and_survives_broken_ones(self):
        folder = self.tmp / "submissions"
        fixture_tree(folder / "alice", GOOD_MAKEFILE, "good")
        self.cheater(folder / "mallory")
        fixture_tree(folder / "bob", GOOD_MAKEFILE)  # builds nothing
        (folder / "eve").mkdir()  # not a kit tree
        out = self.tmp / "out"
        proc = grader(
            "class",
            str(folder),
            "--tree",
            str(self.ref),
            "--out",
            str(out),
            "--test",
            "hello,seeded",
            timeout=300,
        )
        self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)  # eve
        with open(out / "grades.csv") as f:
            rows = {r["student"]: r for r in csv.DictReader(f)}
        self.assertEqual(list(rows), ["alice", "bob", "eve", "mallory"])
        self.assertEqual(
            (rows["alice"]["total"], rows["alice"]["max"]), ("8", "8")
        )
        self.assertEqual(rows["mallory"]["total"], "5")
        self.assertEqual(
            (rows["bob"]["total"], rows["bob"]["failed"]), ("0", "2")
        )
        self.assertIn("no labs/labN-* directory", rows["eve"]["problem"])
        self.assertIn("BUILD ERROR", (out / "bob" / "report.txt").read_text())
        self.assertTrue((out / "alice" / "results.json").exists())
        self.assertRegex(
            proc.stdout, r"(?m)^alice\s+8/8\s+2 passed, 0 failed$"
        )


if __name__ == "__main__":
    unittest.main()
