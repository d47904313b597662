"""Tests of tools/fuzz.py (make fuzz): how it counts a boot's calls,
panics, hangs and leaks, and one short real run.

    python3 -m unittest -v tests.test_fuzz
"""

import shutil
import subprocess
import sys
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import fuzz  # noqa: E402
from grader import qemu  # noqa: E402

MADE = "fuzz.1| fuzz: 12 rounds of 500 calls: {} calls made"
SAME = "fuzz.1| frames in use before and after: same"


def output(
    *lines: str, end: str = "done", leak: str = "0", objects: str = ""
) -> str:
    body = [
        "KIT BEGIN test=fuzz seed=1 stage=1",
        "kernel| kit stage 1 booting, loaded by qemu",
        *lines,
    ]
    if end == "done":
        body += [
            "kernel| init exited status=0",
            f"kernel| leak check: frames={leak} messages=0{objects}",
        ]
    return "\n".join(body + [f"KIT END {end}", ""])


def boot(text: str, code: int = qemu.EXIT_DONE, wall: bool = False):
    return qemu.Boot(
        exit_code=None if wall else code, output=text, wall_fired=wall
    )


class CountTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.test = fuzz.fuzz_test(1)

    def count(self, b):
        return fuzz.count(self.test, 1, b, 1)

    def test_a_clean_boot_makes_its_volume(self):
        b = self.count(boot(output(MADE.format(6000), SAME)))
        self.assertEqual((b.calls, b.nominal), (6000, 6000))
        self.assertFalse(b.failed, b.why)

    def test_a_panic(self):
        text = output("kernel| PANIC: oops (at kernel/x.c:1)", end="panic")
        b = self.count(boot(text, qemu.EXIT_PANIC))
        self.assertTrue(b.panic)
        self.assertEqual((b.calls, b.hangs, b.leak), (0, 0, False))

    def test_stuck_rounds_are_hangs_and_their_calls_missing(self):
        stuck = "fuzz.1| round {}: the fuzzer did not end in 1000 ticks"
        text = output(
            stuck.format(3), stuck.format(7), MADE.format(5000), SAME
        )
        b = self.count(boot(text))
        self.assertEqual((b.calls, b.hangs), (5000, 2))
        self.assertFalse(b.other)

    def test_out_of_guest_time_or_wall_clock_is_one_hang(self):
        b = self.count(boot(output(end="timeout"), qemu.EXIT_TIMEOUT))
        self.assertEqual(b.hangs, 1)
        b = self.count(boot(output().rsplit("KIT END", 1)[0], wall=True))
        self.assertEqual(b.hangs, 1)

    def test_a_leak(self):
        moved = "fuzz.1| frames in use before and after: different"
        b = self.count(boot(output(MADE.format(6000), moved, leak="2")))
        self.assertTrue(b.leak)
        self.assertFalse(b.other)

    def test_a_port_or_mailbox_left_is_a_leak(self):
        clean = " ports=0 mailboxes=0"
        b = self.count(boot(output(MADE.format(6000), SAME, objects=clean)))
        self.assertFalse(b.failed, b.why)
        left = " ports=0 mailboxes=1"
        b = self.count(boot(output(MADE.format(6000), SAME, objects=left)))
        self.assertTrue(b.leak)
        self.assertFalse(b.other)

    def test_any_other_failure_is_counted(self):
        b = self.count(boot(output(MADE.format(5500), SAME)))
        self.assertTrue(b.other)
        self.assertEqual(b.calls, 5500)


@unittest.skipUnless(
    shutil.which("qemu-system-i386"), "QEMU is needed (tools/deps.sh boot)"
)
class RunTest(unittest.TestCase):
    def test_two_boots_reach_the_volume(self):
        done = subprocess.run(
            [
                "make",
                "--no-print-directory",
                "-C",
                str(ROOT),
                "fuzz",
                "LAB=1",
                "CALLS=12000",
                "JOBS=2",
            ],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=600,
        )
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertRegex(
            done.stdout,
            r"fuzz stage 1: 12000 calls \(of 12000\) in 2 boots, seeds "
            r"1-2: 0 panics, 0 hangs, 0 leaks, 0 other failures, \d+ s",
        )


if __name__ == "__main__":
    unittest.main()
