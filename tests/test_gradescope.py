"""The Gradescope bundle (make gradescope LAB=2), tried out as Gradescope
would: unpacked into a scratch /autograder, a student's tree uploaded,
run_autograder run. The bundle must hold no solution of lab 2 or later
(searched for, line by line, as must the tree a submission was graded
in); a solved kit scores full marks, hidden test included; the kit as cut
scores lab 1 only; a file that includes the bundle's own kernel file, or
names a file outside the tree, earns nothing; a tree that is no kit at
all gets a results.json that says so.

    python3 -m unittest tests.test_gradescope
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path

from grader.tests import zoo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import spec  # noqa: E402


def tests_of(lab: int) -> int:
    """How many tests lab N's tests.toml defines."""
    path = spec.lab_dirs(ROOT)[lab] / "tests.toml"
    return len(spec.load_lab(path, expected_number=lab).tests)


def unpack_bundle(cls, lab: int) -> None:
    """Build lab N's bundle (make gradescope LAB=N, one extra seed) and
    unpack it as Gradescope does, into cls.root/source; cls.names and
    cls.texts hold its files, cls.work is the grader's work folder."""
    cls._tmp = tempfile.TemporaryDirectory()
    cls.tmp = Path(cls._tmp.name)
    cls.root = cls.tmp / "autograder"
    zip_path = cls.tmp / "autograder.zip"
    subprocess.run(
        ["python3", "tools/gradescope.py", "--lab", str(lab)]
        + ["--extra-seeds", "1", "--out", str(zip_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with zipfile.ZipFile(zip_path) as z:
        cls.names = z.namelist()
        cls.texts = {
            n: z.read(n).decode("utf-8", "replace") for n in cls.names
        }
        z.extractall(cls.root / "source")
    for script in ("setup.sh", "run_autograder"):
        (cls.root / "source" / script).chmod(0o755)
    cls.work = cls.tmp / "work"


@unittest.skipUnless(
    shutil.which("qemu-system-i386") and shutil.which("unifdef"),
    "qemu-system-i386 and unifdef are needed (tools/deps.sh boot kit)",
)
class GradescopeBundle(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        unpack_bundle(cls, 2)
        cls.solution = zoo.solution_lines(2)
        cls.lab1 = zoo.solution_lines(1) - cls.solution

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def run_autograder(self, prepare):
        sub = self.root / "submission"
        shutil.rmtree(sub, ignore_errors=True)
        shutil.rmtree(self.root / "results", ignore_errors=True)
        sub.mkdir()
        prepare(sub)
        done = subprocess.run(
            ["sh", str(self.root / "source" / "run_autograder")],
            env={
                **os.environ,
                "AUTOGRADER_ROOT": str(self.root),
                "KIT_GRADER_WORK": str(self.work),
            },
            capture_output=True,
            text=True,
            timeout=900,
        )
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        results = self.root / "results" / "results.json"
        self.assertTrue(results.exists(), done.stdout + done.stderr)
        return json.loads(results.read_text())

    def found(self, lines: set[str], texts) -> list[str]:
        """The solution lines that are whole lines of the texts."""
        held = {line.strip() for t in texts for line in t.splitlines()}
        return sorted(lines & held)

    def sources(self) -> list[str]:
        """The bundle's source files (the chapters may quote a line of
        code as an example: that is no solution)."""
        return [
            text
            for name, text in self.texts.items()
            if name.endswith((".c", ".h", ".asm", ".S", ".py"))
        ]

    def test_bundle_holds_the_kit_and_no_solution(self):
        for name in (
            "setup.sh",
            "run_autograder",
            "grader/__main__.py",
            "labs/lab2-sync/tests.toml",
            "hidden/lab2-sync/tests.toml",
            "hidden/lab2-sync/tests/hidden_relay.c",
            "STUDENT_FILES",
            "MANIFEST",
        ):
            self.assertIn(name, self.names)
        for prefix in (
            "build/",
            "tests/",
            "labs/lab3",
            ".ci/",
            "grader/tests",
        ):
            self.assertFalse([n for n in self.names if n.startswith(prefix)])
        self.assertIn("bubblewrap", self.texts["setup.sh"])
        self.assertIn("--extra-seeds 1", self.texts["run_autograder"])
        # No line of lab 2's (or a later lab's) solution, anywhere ...
        self.assertEqual(self.found(self.solution, self.sources()), [])
        # ... while lab 1's, which the lab 2 kit keeps, is found: the
        # search itself works.
        self.assertTrue(self.found(self.lab1, self.sources()))

    def test_a_solved_kit_uploaded_as_a_folder(self):
        results = self.run_autograder(
            lambda sub: zoo.solve(zoo.cut_kit(2, sub / "my-kit"))
        )
        scores = {t["name"]: t["score"] for t in results["tests"]}
        lab1 = [n for n in scores if n.startswith("lab 1:")]
        lab2 = [n for n in scores if n.startswith("lab 2:")]
        # lab 2's tests and the instructor's hidden one
        self.assertEqual(
            (len(lab1), len(lab2)), (tests_of(1), tests_of(2) + 1), scores
        )
        self.assertEqual(results["score"], 210, results["output"])
        [hidden] = [t for t in results["tests"] if "hidden" in t["name"]]
        self.assertEqual(hidden["visibility"], "after_published")
        self.assertIn("seeds drawn at grading time", results["output"])

    def test_the_kit_as_cut_and_the_tree_it_was_graded_in(self):
        results = self.run_autograder(lambda sub: zoo.cut_kit(2, sub / "kit"))
        scores = {t["name"]: t["score"] for t in results["tests"]}
        self.assertEqual(
            sum(s for n, s in scores.items() if n.startswith("lab 1:")), 100
        )
        self.assertEqual(
            sum(s for n, s in scores.items() if n.startswith("lab 2:")), 0
        )
        hidden = [t for t in results["tests"] if "hidden" in t["name"]]
        self.assertNotIn("|", hidden[0]["output"])  # no output shown
        [graded] = (self.work / "graded").glob("kit-*")
        texts = [
            p.read_text(errors="replace")
            for p in (graded / "tree").rglob("*")
            if p.is_file() and p.suffix in (".c", ".h")
        ]
        self.assertEqual(self.found(self.solution, texts), [])

    def test_including_the_bundles_kernel_earns_nothing(self):
        def upload(sub):
            kit = zoo.solve(zoo.cut_kit(2, sub / "kit"))
            (kit / zoo.TARGET).write_text(
                f'#include "{self.root}/source/{zoo.TARGET}"\n'
            )

        results = self.run_autograder(upload)
        self.assertEqual(results["score"], 100)
        self.assertIn("an absolute path", results["output"])

    def test_not_a_kit(self):
        results = self.run_autograder(
            lambda sub: (sub / "answers.txt").write_text("hello\n")
        )
        self.assertEqual(results["score"], 0)
        self.assertIn("could not be graded", results["output"])


@unittest.skipUnless(
    shutil.which("qemu-system-i386") and shutil.which("unifdef"),
    "qemu-system-i386 and unifdef are needed (tools/deps.sh boot kit)",
)
class GradescopeLab5(unittest.TestCase):
    """The last lab's bundle (make gradescope LAB=5): no line of lab 5's
    solution in it; a solved kit scores full marks in all five labs; the
    kit as cut scores labs 1 to 4 and nothing of lab 5."""

    @classmethod
    def setUpClass(cls):
        unpack_bundle(cls, 5)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    run_autograder = GradescopeBundle.run_autograder
    found = GradescopeBundle.found
    sources = GradescopeBundle.sources

    def lab_scores(self, results: dict) -> dict[int, tuple[int, int]]:
        """Each lab's (score, number of tests)."""
        out: dict[int, tuple[int, int]] = {}
        for t in results["tests"]:
            lab = int(t["name"].split(":")[0].split()[1])
            score, n = out.get(lab, (0, 0))
            out[lab] = (score + t["score"], n + 1)
        return out

    def test_bundle_holds_lab5_and_no_solution_of_it(self):
        for name in (
            "labs/lab5-bigmsg/tests.toml",
            "labs/lab5-bigmsg/oracle.py",
            "labs/lab5-bigmsg/tests/disk.c",
            "kernel/ipc/pages.c",
        ):
            self.assertIn(name, self.names)
        self.assertNotIn("labs/lab5-bigmsg/mutants.toml", self.names)
        lab5 = zoo.solution_lines(5)
        self.assertTrue(lab5)
        self.assertEqual(self.found(lab5, self.sources()), [])
        # lab 4's solution, which the lab 5 kit keeps, is found
        lab4 = zoo.solution_lines(4) - lab5
        self.assertTrue(self.found(lab4, self.sources()))

    def test_a_solved_kit_scores_every_lab(self):
        results = self.run_autograder(
            lambda sub: zoo.solve(zoo.cut_kit(5, sub / "kit"), lab=5)
        )
        scores = self.lab_scores(results)
        self.assertEqual(sorted(scores), [1, 2, 3, 4, 5], scores)
        self.assertEqual(scores[5], (100, tests_of(5)), results["output"])
        self.assertEqual(results["score"], 510, results["output"])

    def test_the_kit_as_cut_scores_nothing_of_lab5(self):
        results = self.run_autograder(lambda sub: zoo.cut_kit(5, sub / "kit"))
        scores = self.lab_scores(results)
        self.assertEqual(scores[5], (0, tests_of(5)), results["output"])
        for lab in (1, 2, 3, 4):
            self.assertEqual(scores[lab][0], 100 if lab != 2 else 110)
        for t in results["tests"]:
            self.assertNotIn("wall-clock backstop", t.get("output", ""))


if __name__ == "__main__":
    unittest.main()
