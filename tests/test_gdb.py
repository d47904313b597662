"""A TA's debugging session, in batch: make qemu-gdb's boot plus make gdb's
start-up script must let gdb stop in a user program and in a system-call
handler, with backtraces that name the functions.

Run from the top of the tree (after `make LAB=1`):

    python3 -m unittest tests.test_gdb

QEMU is started the way `make qemu-gdb` starts it (the grader's `run
--gdb PORT`, CPU stopped until gdb attaches); gdb reads the script `make
gdb` uses (build/lab1/gdbinit: kernel symbols, the test program's symbols,
`target remote`) and then a few commands of the test's own.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STAGE = "1"
TEST = "hello"
GDB_TIMEOUT = 120    # wall seconds: a backstop, never reached when all is well


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, seconds: float) -> bool:
    """True once something accepts on the port (QEMU's gdb stub)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end and proc.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.2)
    return False


@unittest.skipUnless(shutil.which("gdb") and shutil.which("qemu-system-i386"),
                     "gdb and qemu-system-i386 are needed (tools/deps.sh debug boot)")
class GdbSession(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.port = free_port()
        make = ["make", "-s", "-C", ROOT, f"LAB={STAGE}", f"TEST={TEST}",
                f"GDBPORT={cls.port}"]
        subprocess.run(make + ["kernel"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(make + [f"build/lab{STAGE}/gdbinit"], check=True)
        cls.gdbinit = os.path.join(ROOT, "build", f"lab{STAGE}", "gdbinit")
        cls.qemu = subprocess.Popen(
            [sys.executable, "-m", "grader", "run", "--stage", STAGE,
             "--test", TEST, "--gdb", str(cls.port),
             "--kernel", os.path.join(ROOT, "build", f"lab{STAGE}", "kernel.elf")],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, start_new_session=True)
        if not wait_for_port(cls.port, cls.qemu, 30):
            cls.qemu.kill()
            raise RuntimeError("QEMU's gdb stub never listened: "
                               + cls.qemu.communicate()[0])
        # One gdb run does the whole session: hardware breakpoint in the
        # user program's main (its pages are not mapped yet, so a software
        # breakpoint could not be written), then a breakpoint in the
        # kernel's write handler, reached from main's printf. The user
        # library's stub is called sys_write too, hence the file name.
        commands = ["hbreak main", "continue", "bt", "delete",
                    "break syscons.c:sys_write", "continue", "bt", "kill"]
        argv = ["gdb", "-q", "-nx", "-batch", "-x", cls.gdbinit]
        for c in commands:
            argv += ["-ex", c]
        try:
            done = subprocess.run(argv, cwd=ROOT, capture_output=True,
                                  text=True, timeout=GDB_TIMEOUT)
            cls.out = done.stdout + done.stderr
        except subprocess.TimeoutExpired as e:
            cls.out = f"gdb did not finish in {GDB_TIMEOUT} s: {e.stdout}"
        finally:
            os.killpg(cls.qemu.pid, 9)
            cls.qemu.communicate()

    def test_script_names_both_symbol_files(self):
        with open(self.gdbinit) as f:
            script = f.read()
        self.assertIn(f"file build/lab{STAGE}/kernel.elf", script)
        self.assertIn(f"add-symbol-file build/lab{STAGE}/user/{TEST}.elf", script)
        self.assertIn(f"target remote localhost:{self.port}", script)

    def test_stops_in_user_main(self):
        self.assertRegex(self.out, r"#0\s+main \(argc=\d+, argv=0x[0-9a-f]+\)"
                         r" at user/bin/hello\.c:\d+", self.out)

    def test_stops_in_syscall_handler_with_backtrace(self):
        self.assertRegex(self.out, r"Breakpoint \d+, sys_write \(buf=\d+, "
                         r"n=\d+\) at kernel/syscons\.c:\d+", self.out)
        # The backtrace goes from the handler back to the trap handler.
        after = self.out.split("kernel/syscons.c", 1)[-1]
        frames = re.findall(r"^#\d+\s+(?:0x[0-9a-f]+ in )?(\w+) ", after, re.M)
        self.assertEqual(frames[0], "sys_write", self.out)
        self.assertIn("trap", frames, self.out)


if __name__ == "__main__":
    unittest.main()
