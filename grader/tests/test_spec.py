# test_spec.py: loading tests.toml: defaults, strict checking, lab discovery.

import tempfile
import unittest
from pathlib import Path

from grader import spec
from grader.spec import SpecError

from .helpers import FIXTURE_SPEC

MINIMAL = """
[lab]
number = 2
title = "Sync"

[[test]]
name = "pingpong"
points = 4
"""


class SpecTest(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = Path(self._tmp.name)

    def tearDown(self):
        self._tmp.cleanup()

    def write(self, text: str, name: str = "tests.toml") -> Path:
        path = self.tmp / name
        path.write_text(text)
        return path

    def test_defaults(self):
        lab = spec.load_lab(self.write(MINIMAL))
        self.assertEqual((lab.number, lab.title), (2, "Sync"))
        [t] = lab.tests
        self.assertEqual(
            (t.lab, t.name, t.points, t.boot, t.seeds, t.mem, t.limit, t.wall),
            (2, "pingpong", 4, "kernel", (1,), 64, 3000, 22),
        )
        self.assertEqual(
            (t.hidden, t.visibility, t.show_output), (False, "visible", 15)
        )
        self.assertEqual(
            (t.hints, t.extra_seeds, t.takes_extra_seeds), ((), None, False)
        )
        self.assertEqual((t.expect, t.unordered, t.forbid), ((), (), ()))
        self.assertTrue(t.leak_check)
        self.assertEqual(
            (t.oracle, t.hint, t.args, t.verdict), (None, "", "", "pass")
        )
        self.assertEqual(t.lab_dir, self.tmp.resolve())

    def test_fixture_spec_loads(self):
        lab = spec.load_lab(FIXTURE_SPEC)
        self.assertEqual(
            [t.name for t in lab.tests], ["hello", "seeded", "grub"]
        )
        hello, seeded, grub = lab.tests
        self.assertEqual(
            hello.expect[0].pattern, r"^kernel\| fixture stage \d+ booting$"
        )
        self.assertEqual(seeded.seeds, (1, 2))
        self.assertEqual((grub.boot, grub.oracle), ("iso", "seeded"))

    def test_every_key(self):
        lab = spec.load_lab(
            self.write(
                MINIMAL
                + """
boot = "iso"
seeds = [3, 1, 3]
mem = 128
limit = 0
wall = 2.5
expect = ['^a$']
unordered = ['b']
forbid = ['PANIC']
leak_check = false
oracle = "pp"
hint = "think"
args = "  n=3   trace=1 "
verdict = "panic"
"""
            )
        )
        t = lab.tests[0]
        self.assertEqual(
            (t.boot, t.seeds, t.mem, t.limit, t.wall),
            ("iso", (3, 1), 128, 0, 2.5),
        )
        self.assertEqual(
            [p.pattern for p in t.expect + t.unordered + t.forbid],
            ["^a$", "b", "PANIC"],
        )
        self.assertEqual(
            (t.leak_check, t.oracle, t.hint, t.args, t.verdict),
            (False, "pp", "think", "n=3 trace=1", "panic"),
        )

    def assert_rejected(self, extra: str, message: str):
        with self.assertRaises(SpecError) as cm:
            spec.load_lab(self.write(MINIMAL + extra))
        self.assertIn(message, str(cm.exception))

    def test_mistakes_are_rejected(self):
        self.assert_rejected("expct = ['x']", "unknown key 'expct'")
        self.assert_rejected("points2 = 1", "unknown key 'points2'")
        self.assert_rejected("expect = ['(']", "bad regex in expect")
        self.assert_rejected(
            "boot = 'floppy'", 'boot must be "kernel" or "iso"'
        )
        self.assert_rejected(
            "verdict = 'reset'", 'verdict must be "pass", "panic" or "timeout"'
        )
        self.assert_rejected("seeds = []", "seeds must be a non-empty list")
        self.assert_rejected("seeds = [-1]", "seeds must be a non-empty list")
        self.assert_rejected("seeds = [1.5]", "seeds must be a non-empty list")
        self.assert_rejected("mem = 0", "mem must be > 0")
        self.assert_rejected("wall = '60'", "wall must be a number")
        self.assert_rejected(
            "leak_check = 1", "leak_check must be true or false"
        )
        self.assert_rejected(
            "[[test]]\nname = 'pingpong'\npoints = 1", "used twice: pingpong"
        )
        self.assert_rejected("[[test]]\nname = 'x'", "missing key 'points'")
        self.assert_rejected(
            "[[test]]\nname = 'two words'\npoints = 1", "one word"
        )
        self.assert_rejected(
            "[[test]]\nname = 'x'\npoints = true", "points must be a number"
        )

    def test_bad_files(self):
        with self.assertRaises(SpecError):
            spec.load_lab(self.write("[lab]\ntitle = 'no number'\n"))
        with self.assertRaises(SpecError):
            spec.load_lab(self.write("this is not toml ["))
        with self.assertRaises(SpecError) as cm:
            spec.load_lab(self.write(MINIMAL), expected_number=3)
        self.assertIn("the directory is lab 3", str(cm.exception))

    def test_lab_discovery_and_stages(self):
        self.assertEqual(spec.highest_stage(self.tmp), 0)
        for name in ("lab1-boot", "lab2-sync", "lab10-extra", "lab3", "notes"):
            (self.tmp / "labs" / name).mkdir(parents=True)
        (self.tmp / "labs" / "lab2-sync" / "tests.toml").write_text(MINIMAL)
        self.assertEqual(sorted(spec.lab_dirs(self.tmp)), [1, 2, 10])
        self.assertEqual(spec.highest_stage(self.tmp), 10)
        labs = spec.load_stage_labs(self.tmp, 2)
        self.assertEqual(
            [(lab.number, len(lab.tests)) for lab in labs], [(1, 0), (2, 1)]
        )
        self.assertEqual(
            [lab.number for lab in spec.load_stage_labs(self.tmp, 1)], [1]
        )

    def test_backstop_is_sized_from_the_guest_time_limit(self):
        lab = spec.load_lab(
            self.write(
                MINIMAL + "limit = 20000\n[[test]]\nname = 'g'\npoints = 1\n"
                "boot = 'iso'\n[[test]]\nname = 'n'\npoints = 1\n"
                "limit = 0\n"
            )
        )
        long, grub, unlimited = lab.tests
        self.assertEqual(
            long.wall, spec.BOOT_WALL + 20000 * spec.WALL_PER_TICK
        )
        self.assertEqual(long.begin_wall, spec.BOOT_WALL)
        self.assertEqual(
            grub.wall,
            spec.BOOT_WALL + spec.ISO_WALL + 3000 * spec.WALL_PER_TICK,
        )
        self.assertEqual(grub.begin_wall, spec.BOOT_WALL + spec.ISO_WALL)
        self.assertEqual(unlimited.wall, spec.NO_LIMIT_WALL)

    def test_keyed_hints(self):
        lab = spec.load_lab(
            self.write(
                MINIMAL
                + """
seeds = [1, 2]
[[test.hints]]
errno = "ENOTCONN"
line = 'respond'
text = "the request flag"
[[test.hints]]
trace = 'res=EDEADLK'
verdict = "timeout"
text = "refused"
"""
            )
        )
        [t] = lab.tests
        errno_hint, trace_hint = t.hints
        self.assertEqual(
            (errno_hint.kind, errno_hint.text, errno_hint.line.pattern),
            ("errno", "the request flag", "respond"),
        )
        self.assertTrue(errno_hint.pattern.search("x: ENOTCONN"))
        self.assertFalse(errno_hint.pattern.search("x: ENOTCONNX"))
        self.assertEqual(
            (trace_hint.kind, trace_hint.verdict), ("trace", "timeout")
        )
        self.assertTrue(t.takes_extra_seeds)

    def test_bad_hints_are_rejected(self):
        for extra, message in (
            ("[[test.hints]]\ntext = 'x'", "exactly one of"),
            (
                "[[test.hints]]\nerrno = 'E1'\noutput = 'x'\ntext = 'x'",
                "exactly one of",
            ),
            (
                "[[test.hints]]\nerrno = 'enotconn'\ntext = 'x'",
                "errno must be a name",
            ),
            ("[[test.hints]]\noutput = '('\ntext = 'x'", "bad regex"),
            ("[[test.hints]]\nstate = 'x'", "needs text"),
            (
                "[[test.hints]]\nstate = 'x'\ntext = 'y'\nline = 'z'",
                "line goes with errno only",
            ),
            (
                "[[test.hints]]\nstate = 'x'\ntext = 'y'\nwhen = 'z'",
                "unknown key 'when'",
            ),
            (
                "[[test.hints]]\nstate = 'x'\ntext = 'y'\nverdict = 'pass'",
                "verdict must be one of",
            ),
            ("visibility = 'secret'", "visibility must be"),
            ("show_output = -1", "show_output must be >= 0"),
        ):
            with self.subTest(extra=extra):
                self.assert_rejected(extra, message)

    def test_hidden_tests_join_their_lab(self):
        (self.tmp / "labs" / "lab2-sync").mkdir(parents=True)
        (self.tmp / "labs" / "lab2-sync" / "tests.toml").write_text(MINIMAL)
        hidden = self.tmp / "private"
        (hidden / "lab2-x" / "tests").mkdir(parents=True)
        (hidden / "lab2-x" / "tests" / "secret.c").write_text("int x;\n")
        (hidden / "lab3-y" / "tests").mkdir(parents=True)
        (hidden / "lab3-y" / "tests" / "later.c").write_text("int y;\n")
        (hidden / "lab2-x" / "tests.toml").write_text(
            MINIMAL.replace("pingpong", "secret")
        )
        [lab] = spec.load_stage_labs(self.tmp, 2, hidden)
        plain, secret = lab.tests
        self.assertEqual((plain.hidden, secret.hidden), (False, True))
        self.assertEqual(
            (secret.visibility, secret.show_output, secret.lab_title),
            ("after_published", 0, "Sync"),
        )
        self.assertEqual(secret.lab_dir, (hidden / "lab2-x").resolve())
        self.assertEqual(
            [p.name for p in spec.hidden_programs(hidden, 2)], ["secret.c"]
        )
        (hidden / "lab2-x" / "tests.toml").write_text(MINIMAL)
        with self.assertRaises(SpecError) as cm:
            spec.load_stage_labs(self.tmp, 2, hidden)
        self.assertIn("also in lab2-sync: pingpong", str(cm.exception))

    def test_two_directories_for_one_lab(self):
        (self.tmp / "labs" / "lab1-boot").mkdir(parents=True)
        (self.tmp / "labs" / "lab1-again").mkdir()
        with self.assertRaises(SpecError):
            spec.lab_dirs(self.tmp)


if __name__ == "__main__":
    unittest.main()
