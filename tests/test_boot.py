"""The README's boot commands, as a student types them: `make qemu-nox`
boots the GRUB ISO with the serial console on the terminal and ends with
status 0 after a clean run; `make run TEST=...` boots one test as the
grader does and says how a failing run ended.

    python3 -m unittest tests.test_boot
"""

import shutil
import subprocess
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
    )


@unittest.skipUnless(
    shutil.which("qemu-system-i386") and shutil.which("grub-mkrescue"),
    "QEMU and GRUB are needed (tools/deps.sh boot)",
)
class BootCommands(unittest.TestCase):
    def test_make_qemu_nox_boots_through_grub(self):
        done = make("qemu-nox", "TEST=hello", "SEED=7")
        out = done.stdout
        self.assertEqual(done.returncode, 0, out + done.stderr)
        self.assertRegex(out, r"KIT BEGIN test=hello seed=7 stage=\d+")
        self.assertRegex(
            out, r"kernel\| kit stage \d+ booting, loaded by GRUB"
        )
        self.assertRegex(out, r"hello\.1\| hello, world from user mode")
        self.assertIn("KIT END done", out)

    def test_make_run_says_how_a_run_ended(self):
        done = make("run", "TEST=hello")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("loaded by qemu", done.stdout)
        done = make("run", "TEST=panic")
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("KIT END panic", done.stdout)
        self.assertIn("QEMU exit status 69: the kernel panicked", done.stderr)


if __name__ == "__main__":
    unittest.main()
