"""The student's kit as mkkit cuts it (make kit LAB=N), checked as a student
would meet it: its README, STUDENT_FILES and MANIFEST; make check; make
test refused with the way to go; make grade's warning about edits outside
STUDENT_FILES (they will not count); and the handout, built from what the
kit holds.

    python3 -m unittest tests.test_kit
"""

import hashlib
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

from grader.tests import zoo

ROOT = Path(__file__).resolve().parent.parent


def make(kit: Path, *args: str, timeout: float = 600):
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(kit), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@unittest.skipUnless(
    shutil.which("unifdef") and shutil.which("qemu-system-i386"),
    "unifdef and qemu are needed (tools/deps.sh kit boot)",
)
class StudentKit(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory()
        cls.tmp = Path(cls._tmp.name)
        cls.kit2 = zoo.cut_kit(2, cls.tmp / "kit2")

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def test_student_files_manifest_and_readme(self):
        listed = zoo.student_files(self.kit2)
        self.assertIn("kernel/ipc/rendezvous.c", listed)
        self.assertIn("kernel/ipc/deadlock.c", listed)
        self.assertNotIn("kernel/ipc/sendq.c", listed)  # provided
        self.assertNotIn("kernel/ipc/postbox.c", listed)  # lab 3's
        head = (self.kit2 / "STUDENT_FILES").read_text().splitlines()[0]
        self.assertTrue(head.startswith("# STUDENT_FILES"))
        manifest = {}
        for line in (self.kit2 / "MANIFEST").read_text().splitlines():
            if not line.startswith("#"):
                digest, path = line.split("  ", 1)
                manifest[path] = digest
        for path in ("Makefile", "STUDENT_FILES", "kernel/ipc/ipc.h"):
            data = (self.kit2 / path).read_bytes()
            self.assertEqual(manifest[path], hashlib.sha256(data).hexdigest())
        self.assertNotIn("MANIFEST", manifest)
        readme = (self.kit2 / "README.md").read_text()
        for words in (
            "# Lab 2: Synchronous rendezvous",
            "labs/lab2-sync/chapter.md",
            "make check",
            "STUDENT_FILES",
            "make grade",
            "Gradescope",
        ):
            self.assertIn(words, readme)
        self.assertNotIn("@", readme.replace("@ROOT", ""))  # all filled in
        for gone in ("hidden", "tests", ".ci", "grader/tests", "tools/kit"):
            self.assertFalse((self.kit2 / gone).exists(), gone)

    def test_make_check_and_make_test(self):
        done = make(self.kit2, "check")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("every tool works", done.stdout)
        done = make(self.kit2, "test")
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("make check", done.stdout + done.stderr)

    def test_make_grade_warns_about_edits_that_will_not_count(self):
        kit = self.tmp / "edited"
        shutil.copytree(self.kit2, kit)
        header = kit / "kernel" / "ipc" / "ipc.h"
        header.write_text(header.read_text() + "\nint my_helper(void);\n")
        (kit / "kernel" / "ipc" / "helper.c").write_text("int x;\n")
        (kit / "kernel" / "syscalls.list").write_text(
            (kit / "kernel" / "syscalls.list").read_text() + "\n"
        )
        rendezvous = kit / "kernel" / "ipc" / "rendezvous.c"
        rendezvous.write_text(rendezvous.read_text() + "\n/* mine */\n")
        done = make(kit, "grade", "TEST=kprintf")
        out = done.stdout
        for name in (
            "kernel/ipc/ipc.h differs from the kit as cut",
            "kernel/ipc/helper.c is not part of the kit",
            "kernel/syscalls.list differs from the kit as cut",
        ):
            self.assertIn(f"warning: {name}", out)
        self.assertIn("it will not count when your work is graded", out)
        self.assertNotIn("rendezvous.c", out)  # the student's own file
        self.assertIn("1 passed, 0 failed", out)

    def test_the_kits_handout_builds_from_what_it_holds(self):
        kit = zoo.cut_kit(1, self.tmp / "kit1")
        listed = [
            line.split("#")[0].strip()
            for line in (kit / "docs" / "handout.list")
            .read_text()
            .splitlines()
        ]
        chapters = [c for c in listed if c]
        self.assertIn("labs/lab1-boot/chapter.md", chapters)
        self.assertNotIn("labs/lab2-sync/chapter.md", chapters)
        for chapter in chapters:
            self.assertTrue((kit / chapter).is_file(), chapter)
        out = self.tmp / "kit1-handout.pdf"
        done = make(
            kit,
            str(out),
            f"HANDOUT_OUT={out}",
            f"HANDOUT_BUILD={self.tmp / 'kit1-handout'}",
        )
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertGreater(out.stat().st_size, 10000)

    def test_the_last_labs_kit(self):
        kit = zoo.cut_kit(5, self.tmp / "kit5")
        listed = zoo.student_files(kit)
        for path in (
            "kernel/fault.c",
            "kernel/ipc/pages.c",
            "kernel/ipc/window.c",
            "kernel/ipc/bigpost.c",
            "kernel/ipc/bigfast.h",
            "kernel/ipc/port.c",  # lab 4's, solved, still the student's
        ):
            self.assertIn(path, listed)
        for provided in ("kernel/ipc/bigmsg.c", "kernel/anon.c"):
            self.assertNotIn(provided, listed)
        readme = (kit / "README.md").read_text()
        self.assertIn("# Lab 5: Big messages", readme)
        self.assertIn("labs/lab5-bigmsg/chapter.md", readme)
        handout = (kit / "docs" / "handout.list").read_text()
        self.assertIn("labs/lab5-bigmsg/chapter.md", handout)
        self.assertFalse((kit / "labs/lab5-bigmsg/mutants.toml").exists())
        pages = (kit / "kernel/ipc/pages.c").read_text()
        self.assertIn("LAB 5: your code here", pages)
        done = make(kit, "check")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("every tool works", done.stdout)


if __name__ == "__main__":
    unittest.main()
