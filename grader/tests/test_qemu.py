# test_qemu.py: the QEMU command line is exactly the protocol's, and one
# boot is run within its limits whatever the process does.  The limit tests
# stand a small Python program in for QEMU, so they are fast and exact.

import os
import sys
import tempfile
import time
import unittest
from pathlib import Path
from unittest import mock

from grader import qemu

BASE = [
    "-nodefaults",
    "-machine",
    "isapc",
    "-cpu",
    "qemu32",
    "-display",
    "none",
    "-no-reboot",
    "-serial",
    "stdio",
    "-device",
    "isa-debug-exit,iobase=0xf4,iosize=0x04",
    "-icount",
    "shift=5,sleep=off",
    "-rtc",
    "base=2000-01-01T00:00:00,clock=vm",
]


def fake(code: str) -> list[str]:
    """A stand-in for QEMU: a Python program."""
    return [sys.executable, "-c", code]


class CommandTest(unittest.TestCase):
    def test_kernel_words(self):
        self.assertEqual(
            qemu.kernel_words("banner", 2, 3000),
            "test=banner seed=2 limit=3000",
        )
        self.assertEqual(
            qemu.kernel_words("t", 1, 0, "n=5 k=v", trace=True),
            "test=t seed=1 limit=0 n=5 k=v trace=1",
        )

    def test_kernel_boot(self):
        with mock.patch.dict(os.environ, {"QEMU": ""}):
            cmd = qemu.command(
                Path("/k/kernel.elf"), "kernel", 64, "test=a seed=1 limit=3000"
            )
        self.assertEqual(
            cmd,
            [
                "qemu-system-i386",
                *BASE,
                "-m",
                "64",
                "-kernel",
                "kernel.elf",
                "-append",
                "test=a seed=1 limit=3000",
            ],
        )

    def test_iso_boot_with_gdb_and_another_qemu(self):
        with mock.patch.dict(
            os.environ, {"QEMU": "/opt/qemu/bin/qemu-system-i386"}
        ):
            cmd = qemu.command(
                Path("/k/kernel.iso"), "iso", 128, "ignored", gdb_port=1234
            )
        self.assertEqual(
            cmd,
            [
                "/opt/qemu/bin/qemu-system-i386",
                *BASE,
                "-m",
                "128",
                "-cdrom",
                "/k/kernel.iso",
                "-gdb",
                "tcp::1234",
                "-S",
            ],
        )

    def test_link_kernel_names_any_image_kernel_elf(self):
        # The guest sees QEMU's name for its image at the head of its
        # command line: it must not depend on where the kit lives.
        with tempfile.TemporaryDirectory() as tmp:
            image = Path(tmp) / ("deep" * 30) / "stage3.elf"
            image.parent.mkdir()
            image.write_bytes(b"ELF")
            run_dir = Path(tmp) / "run"
            run_dir.mkdir()
            qemu.link_kernel(image, run_dir)
            qemu.link_kernel(image, run_dir)  # again: replaces the link
            self.assertEqual(
                (run_dir / qemu.KERNEL_NAME).read_bytes(), b"ELF"
            )
            self.assertEqual(qemu.KERNEL_NAME, "kernel.elf")

    def test_decode_never_fails(self):
        self.assertEqual(
            qemu.decode(b"a\r\nb\xff\x00\x1b[31mc\td\n"),
            "a\nb\ufffd\ufffd\ufffd[31mc\td\n",
        )


class RunBootTest(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.cwd = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def test_exit_status_output_stderr_and_cwd(self):
        b = qemu.run_boot(
            fake(
                "import os, sys;"
                "sys.stdout.buffer.write(b'KIT BEGIN\\r\\n\\xfe'"
                " + os.getcwd().encode());"
                "sys.stderr.write('warning'); sys.exit(67)"
            ),
            wall=10,
            cwd=self.cwd,
        )
        self.assertEqual(
            (b.exit_code, b.wall_fired, b.flooded), (67, False, False)
        )
        self.assertEqual(
            b.output, "KIT BEGIN\n\ufffd" + os.path.realpath(self.cwd)
        )
        self.assertEqual(b.stderr, "warning")

    def test_wall_backstop_kills_the_whole_group(self):
        # the child keeps the pipes open after its parent is gone: only
        # killing the process group ends the run
        start = time.monotonic()
        b = qemu.run_boot(
            fake(
                "import subprocess, sys, time; print('KIT BEGIN', flush=True);"
                "subprocess.Popen([sys.executable, '-c',"
                " 'import time; time.sleep(60)']);"
                "time.sleep(60)"
            ),
            wall=1,
            cwd=self.cwd,
        )
        self.assertLess(time.monotonic() - start, 5)
        self.assertEqual(
            (b.exit_code, b.wall_fired, b.flooded), (None, True, False)
        )
        self.assertEqual(b.output, "KIT BEGIN\n")

    def test_no_begin_marker_in_time(self):
        # a kernel that hangs before KIT BEGIN costs the begin deadline,
        # not the whole backstop
        start = time.monotonic()
        b = qemu.run_boot(
            fake("import time; print('chatter', flush=True); time.sleep(60)"),
            wall=30,
            cwd=self.cwd,
            begin_wall=1,
        )
        self.assertLess(time.monotonic() - start, 10)
        self.assertEqual((b.wall_fired, b.no_begin), (True, True))
        b = qemu.run_boot(
            fake("import sys; print('KIT BEGIN', flush=True); sys.exit(67)"),
            wall=30,
            cwd=self.cwd,
            begin_wall=5,
        )
        self.assertEqual((b.exit_code, b.no_begin), (67, False))

    def test_flood_by_lines(self):
        b = qemu.run_boot(
            fake("while True: print('user.1| spam')"),
            wall=20,
            cwd=self.cwd,
            max_lines=1000,
        )
        self.assertEqual(
            (b.exit_code, b.wall_fired, b.flooded), (None, False, True)
        )

    def test_flood_by_bytes_without_newlines(self):
        b = qemu.run_boot(
            fake("import sys\nwhile True: sys.stdout.write('x' * 4096)"),
            wall=20,
            cwd=self.cwd,
            max_bytes=100000,
        )
        self.assertEqual((b.exit_code, b.flooded), (None, True))

    def test_default_limits(self):
        self.assertEqual(
            (qemu.MAX_BYTES, qemu.MAX_LINES), (4 * 1024 * 1024, 20000)
        )


if __name__ == "__main__":
    unittest.main()
