"""The mutant check's own tests (tools/mutants.py): a table is checked
strictly, a mutant that no longer applies is an error and never a pass, a
mutant tree shares the reference's files but the mutated ones, and a mutant
no test catches fails the check. Run by tests/run.py (suite mutants)."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import mutants  # noqa: E402

TESTS = """
[lab]
number = 9
title = "A lab"

[[test]]
name = "first"
points = 100
"""

SOURCE = """int f(void)
{
    return 1;
}

int g(void)
{
    return 2;
}
"""


def entry(**changes: str) -> str:
    fields = {
        "name": '"f-returns-zero"',
        "rule": '"f returns 1 (§ f)"',
        "file": '"src/f.c"',
        "find": "'''\n    return 1;\n'''",
        "replace": "'''\n    return 0;\n'''",
        "caught_by": '"first"',
    }
    fields.update(changes)
    body = "\n".join(f"{k} = {v}" for k, v in fields.items() if v)
    return f"[[mutant]]\n{body}\n"


class TableTest(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = tempfile.TemporaryDirectory()
        self.root = Path(self.tmp.name)
        self.lab = self.root / "labs" / "lab9-a"
        self.lab.mkdir(parents=True)
        (self.lab / "tests.toml").write_text(TESTS)
        (self.root / "src").mkdir()
        (self.root / "src" / "f.c").write_text(SOURCE)

    def tearDown(self) -> None:
        self.tmp.cleanup()

    def load(self, text: str) -> list[mutants.Mutant]:
        (self.lab / "mutants.toml").write_text(text)
        return mutants.load_table(9, self.lab, self.root)

    def refused(self, text: str, why: str) -> None:
        with self.assertRaises(mutants.TableError) as e:
            self.load(text)
        self.assertIn(why, str(e.exception))

    def test_a_good_entry(self) -> None:
        (m,) = self.load(entry())
        self.assertEqual(
            (m.name, m.caught_by, m.lab), ("f-returns-zero", "first", 9)
        )
        text = mutants.mutated_files(m, self.root)["src/f.c"]
        self.assertIn("return 0;", text)
        self.assertNotIn("return 1;", text)

    def test_a_snippet_gone_is_an_error(self) -> None:
        self.refused(entry(find="'''\n    return 7;\n'''"), "occurs 0 times")

    def test_an_ambiguous_snippet_is_an_error(self) -> None:
        self.refused(entry(find="'''\n    return '''"), "occurs 2 times")

    def test_no_such_file(self) -> None:
        self.refused(entry(file='"src/none.c"'), "no file src/none.c")

    def test_no_change_is_an_error(self) -> None:
        self.refused(
            entry(replace="'''\n    return 1;\n'''"),
            "find and replace are the same",
        )

    def test_caught_by_must_be_a_test_of_the_lab(self) -> None:
        self.refused(entry(caught_by='"second"'), "not a test of lab 9")

    def test_unknown_and_missing_keys(self) -> None:
        self.refused(entry(extra='"x"'), "unknown keys")
        self.refused(entry(rule=""), "'rule' must be a non-empty string")
        self.refused(entry(name='"Bad Name"'), "a name is lower case")

    def test_names_are_unique(self) -> None:
        self.refused(entry() + entry(), "two mutants are named f-returns-zero")

    def test_several_edits(self) -> None:
        text = (
            '[[mutant]]\nname = "both"\nrule = "r"\ncaught_by = "first"\n'
            "[[mutant.edit]]\nfile = \"src/f.c\"\nfind = 'return 1;'\n"
            "replace = 'return 0;'\n"
            "[[mutant.edit]]\nfile = \"src/f.c\"\nfind = 'return 2;'\n"
            "replace = 'return 3;'\n"
        )
        (m,) = self.load(text)
        changed = mutants.mutated_files(m, self.root)["src/f.c"]
        self.assertIn("return 0;", changed)
        self.assertIn("return 3;", changed)

    def test_edits_and_a_single_change_do_not_mix(self) -> None:
        text = (
            entry()
            + "[[mutant.edit]]\nfile = 'src/f.c'\nfind = 'g'\nreplace = 'h'\n"
        )
        self.refused(text, "give file/find/replace or [[edit]]s")

    def test_a_mutant_tree(self) -> None:
        (m,) = self.load(entry())
        (self.root / "grader").mkdir()
        (self.root / "grader" / "g.py").write_text("x = 1\n")
        (self.root / "other.txt").write_text("o\n")
        (self.root / "build" / "lab9").mkdir(parents=True)
        (self.root / "build" / "lab9" / "k.o").write_text("object\n")
        (self.root / "build" / ".deps-build").write_text("")
        tree = self.root / "build" / "mutants" / "lab9" / m.name
        mutants.make_tree(m, self.root, tree)
        mutated = tree / "src" / "f.c"
        self.assertFalse(mutated.is_symlink())
        self.assertIn("return 0;", mutated.read_text())
        self.assertIn("return 1;", (self.root / "src" / "f.c").read_text())
        self.assertTrue((tree / "other.txt").is_symlink())
        self.assertTrue((tree / "labs").is_symlink())
        self.assertFalse((tree / "grader").is_symlink())  # copied
        self.assertEqual(
            (tree / "build" / "lab9" / "k.o").read_text(), "object\n"
        )
        self.assertTrue((tree / "build" / ".deps-build").exists())
        self.assertFalse((tree / "build" / "mutants").exists())


class EveryTest(unittest.TestCase):
    """--every K: a fixed part of each lab's table, the first mutant and
    every K-th after it, the same on every run."""

    def names(self, *args: str) -> list[tuple[int, str]]:
        chosen = mutants.select(mutants.parse_args(list(args)), ROOT)
        return [(m.lab, m.name) for m in chosen]

    def test_every_second_of_each_lab(self) -> None:
        every = self.names()
        half = self.names("--every", "2")
        self.assertEqual(half, self.names("--every", "2"))
        for lab in sorted({lab for lab, _ in every}):
            mine = [m for m in every if m[0] == lab]
            self.assertEqual([m for m in half if m[0] == lab], mine[::2])
        self.assertEqual(len(half), sum(
            (len([m for m in every if m[0] == lab]) + 1) // 2
            for lab in {lab for lab, _ in every}
        ))
        self.assertEqual(self.names("--every", "1"), every)


class CheckTest(unittest.TestCase):
    """The whole check, on the real tree, with a mutant no test can catch:
    it must be reported as NOT caught, and the check must fail."""

    def test_an_uncaught_mutant_fails_the_check(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            table = Path(tmp) / "mutants.toml"
            table.write_text(
                '[[mutant]]\nname = "comment-only"\n'
                'rule = "nothing: a comment changes"\n'
                'file = "kernel/ipc/deadlock.c"\n'
                "find = '''/* NULL for a receive from ANY */'''\n"
                "replace = '''/* NULL: a receive from ANY */'''\n"
                'caught_by = "deadlock"\n'
            )
            proc = subprocess.run(
                [
                    sys.executable,
                    "tools/mutants.py",
                    "--lab",
                    "2",
                    "--table",
                    str(table),
                ],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                env=dict(os.environ),
            )
        self.assertEqual(proc.returncode, 1, proc.stdout)
        self.assertIn("NOT caught", proc.stdout)
        self.assertTrue(proc.stdout.rstrip().endswith("1 mutants, 0 caught"))
        kept = ROOT / "build" / "mutants" / "lab2" / "comment-only"
        self.assertTrue((kept / "kernel" / "ipc" / "deadlock.c").is_file())

    def test_a_stale_table_stops_the_check(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            table = Path(tmp) / "mutants.toml"
            table.write_text(
                '[[mutant]]\nname = "gone"\nrule = "r"\n'
                'file = "kernel/ipc/deadlock.c"\n'
                "find = 'text that is not there'\nreplace = 'x'\n"
                'caught_by = "deadlock"\n'
            )
            proc = subprocess.run(
                [
                    sys.executable,
                    "tools/mutants.py",
                    "--lab",
                    "2",
                    "--table",
                    str(table),
                ],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
        self.assertEqual(proc.returncode, 2)
        self.assertIn("occurs 0 times", proc.stdout)


if __name__ == "__main__":
    unittest.main()
