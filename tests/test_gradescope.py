"""The Gradescope bundle (make gradescope), tried out as Gradescope would:
unpacked into a scratch /autograder, a student's lab 2 kit uploaded as one
folder, run_autograder run; results.json must hold lab 1's tests passed
(the kit keeps them solved) and lab 2's at zero. A tree that is no kit at
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import spec  # noqa: E402


def tests_of(lab: int) -> int:
    """How many tests lab N's tests.toml defines."""
    path = spec.lab_dirs(ROOT)[lab] / "tests.toml"
    return len(spec.load_lab(path, expected_number=lab).tests)


@unittest.skipUnless(
    shutil.which("qemu-system-i386") and shutil.which("unifdef"),
    "qemu-system-i386 and unifdef are needed (tools/deps.sh boot kit)",
)
class GradescopeBundle(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory()
        cls.root = Path(cls._tmp.name) / "autograder"
        zip_path = Path(cls._tmp.name) / "autograder.zip"
        subprocess.run(
            ["python3", "tools/gradescope.py", "--out", str(zip_path)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        with zipfile.ZipFile(zip_path) as z:
            cls.names = z.namelist()
            z.extractall(cls.root / "source")
        for script in ("setup.sh", "run_autograder"):
            (cls.root / "source" / script).chmod(0o755)

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
            env={**os.environ, "AUTOGRADER_ROOT": str(self.root)},
            capture_output=True,
            text=True,
            timeout=900,
        )
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        results = self.root / "results" / "results.json"
        self.assertTrue(results.exists(), done.stdout + done.stderr)
        return json.loads(results.read_text())

    def test_bundle_holds_the_scripts_and_the_tree(self):
        self.assertIn("setup.sh", self.names)
        self.assertIn("run_autograder", self.names)
        self.assertIn("grader/__main__.py", self.names)
        self.assertIn("labs/lab2-sync/tests.toml", self.names)
        self.assertFalse([n for n in self.names if n.startswith("build/")])

    def test_a_lab2_kit_uploaded_as_a_folder(self):
        def upload(sub):
            subprocess.run(
                ["sh", "tools/mkkit.sh", "2", str(sub / "my-kit")],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )

        results = self.run_autograder(upload)
        scores = {t["name"]: t["score"] for t in results["tests"]}
        lab1 = [n for n in scores if n.startswith("lab 1:")]
        lab2 = [n for n in scores if n.startswith("lab 2:")]
        self.assertEqual(
            (len(lab1), len(lab2)), (tests_of(1), tests_of(2)), scores
        )
        self.assertEqual(sum(scores[n] for n in lab1), 100, scores)
        self.assertEqual(sum(scores[n] for n in lab2), 0, scores)
        self.assertEqual(results["score"], 100)

    def test_not_a_kit(self):
        results = self.run_autograder(
            lambda sub: (sub / "answers.txt").write_text("hello\n")
        )
        self.assertEqual(results["score"], 0)
        self.assertIn("could not be graded", results["output"])


if __name__ == "__main__":
    unittest.main()
