"""A TA's debugging session, in batch: make qemu-gdb's boot plus make gdb's
start-up script must let gdb stop in a user program and in a system-call
handler, with backtraces that name the functions, and the kit's commands
(kit-ps, kit-proc, kit-vm) must show the kernel's state.

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
GDB_TIMEOUT = 120  # wall seconds: a backstop, never reached when all is well


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


def gdb_session(
    stage: str,
    test: str,
    commands: list[str],
    seed: int = 1,
    kernel_args: str = "",
) -> tuple[str, str]:
    """Boot one test stopped for gdb (kernel_args added to its command
    line), run gdb in batch with make gdb's start-up script and these
    commands; gdb's output and the script."""
    out, script, _, _ = gdb_session_full(
        stage, test, commands, seed, kernel_args
    )
    return out, script


def gdb_session_full(
    stage: str,
    test: str,
    commands: list[str],
    seed: int = 1,
    kernel_args: str = "",
) -> tuple[str, str, str, int | None]:
    """gdb_session, plus what `make qemu-gdb` (the grader's run --gdb)
    printed and its exit status (None if it had to be killed)."""
    port = free_port()
    make = [
        "make",
        "-s",
        "-C",
        ROOT,
        f"LAB={stage}",
        f"TEST={test}",
        f"GDBPORT={port}",
    ]
    subprocess.run(make + ["kernel"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(make + [f"build/lab{stage}/gdbinit"], check=True)
    gdbinit = os.path.join(ROOT, "build", f"lab{stage}", "gdbinit")
    qemu = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "grader",
            "run",
            "--stage",
            stage,
            "--test",
            test,
            "--seed",
            str(seed),
            "--gdb",
            str(port),
            "--kernel",
            os.path.join(ROOT, "build", f"lab{stage}", "kernel.elf"),
        ]
        + (["--kernel-args", kernel_args] if kernel_args else []),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        if not wait_for_port(port, qemu, 30):
            raise RuntimeError("QEMU's gdb stub never listened")
        argv = ["gdb", "-q", "-nx", "-batch", "-x", gdbinit]
        for c in commands:
            argv += ["-ex", c]
        try:
            done = subprocess.run(
                argv,
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=GDB_TIMEOUT,
            )
            out = done.stdout + done.stderr
        except subprocess.TimeoutExpired as e:
            out = f"gdb did not finish in {GDB_TIMEOUT} s: {e.stdout}"
    finally:
        try:  # after gdb's kill, the run ends by itself
            status = qemu.wait(timeout=30)
        except subprocess.TimeoutExpired:
            status = None
        try:
            os.killpg(qemu.pid, 9)
        except ProcessLookupError:
            pass  # the group is gone already
        run_out, _ = qemu.communicate()
    with open(gdbinit) as f:
        return out, f.read(), run_out, status


NEEDS_TOOLS = unittest.skipUnless(
    shutil.which("gdb") and shutil.which("qemu-system-i386"),
    "gdb and qemu-system-i386 are needed (tools/deps.sh debug boot)",
)


@NEEDS_TOOLS
class UserAndKernelBreakpoints(unittest.TestCase):
    """Stage 1, hello: a hardware breakpoint in the user program's main
    (its pages are not mapped yet, so a software breakpoint could not be
    written), then one in the kernel's write handler, reached from main's
    printf. The user library's stub is called sys_write too, hence the
    file name."""

    @classmethod
    def setUpClass(cls):
        cls.out, cls.script, cls.run_out, cls.status = gdb_session_full(
            "1",
            "hello",
            [
                "hbreak main",
                "continue",
                "bt",
                "delete",
                "break syscons.c:sys_write",
                "continue",
                "bt",
                "kit-ps",
                "kill",
            ],
        )

    def test_script_names_both_symbol_files(self):
        self.assertIn("file build/lab1/kernel.elf", self.script)
        self.assertIn("add-symbol-file build/lab1/user/hello.elf", self.script)
        self.assertIn("source tools/gdb/kit.py", self.script)
        self.assertRegex(self.script, r"target remote localhost:\d+")

    def test_stops_in_user_main(self):
        self.assertRegex(
            self.out,
            r"#0\s+main \(argc=\d+, argv=0x[0-9a-f]+\)"
            r" at user/bin/hello\.c:\d+",
            self.out,
        )

    def test_stops_in_syscall_handler_with_backtrace(self):
        self.assertRegex(
            self.out,
            r"Breakpoint \d+, sys_write \(buf=\d+, "
            r"n=\d+\) at kernel/syscons\.c:\d+",
            self.out,
        )
        # The backtrace goes from the handler back to the trap handler.
        after = self.out.split("kernel/syscons.c", 1)[-1]
        frames = re.findall(r"^#\d+\s+(?:0x[0-9a-f]+ in )?(\w+) ", after, re.M)
        self.assertEqual(frames[0], "sys_write", self.out)
        self.assertIn("trap", frames, self.out)

    def test_make_gdb_explains_kit_break_on_start(self):
        self.assertIn("kit-intro", self.script)
        self.assertIn("kit-break PROGRAM FUNCTION", self.out)
        self.assertRegex(
            self.out, r"kit: symbols of the kernel \(build/lab1/kernel\.elf\)"
        )

    def test_kill_ends_the_run_without_a_reset_verdict(self):
        self.assertNotIn("triple fault", self.run_out, self.run_out)
        self.assertIn("gdb ended the run (kill)", self.run_out, self.run_out)
        self.assertEqual(self.status, 0, self.run_out)

    def test_kit_ps_shows_the_running_process(self):
        self.assertRegex(self.out, r"(?m)^pid\s+name\s+state", self.out)
        self.assertRegex(self.out, r"(?m)^1\s+hello\s+running\*", self.out)


@NEEDS_TOOLS
class IpcStateOfEveryProcess(unittest.TestCase):
    """Stage 2, fifo: three senders block on the test process in an order
    drawn from the seed; stopped where the receiver takes the first of
    them, kit-ps must show each blocked in a send to pid 1 and the queue in
    arrival order. Booted with fastpath=0, as a TA follows the general
    path (a student's kernel has no fast path, which would take this
    receive without sendq_take)."""

    @classmethod
    def setUpClass(cls):
        cls.out, _ = gdb_session(
            "2",
            "fifo",
            [
                "break sendq_take",
                "continue",
                "bt",
                "kit-ps",
                "kit-proc 2",
                "kill",
            ],
            kernel_args="fastpath=0",
        )

    def test_backtrace_shows_the_arguments(self):
        """The kit builds with -Og: the graded binary keeps its arguments
        visible, from the queue up to the trap."""
        frames = re.findall(
            r"(?m)^#\d+\s+(?:0x[0-9a-f]+ in )?(\w+) (\(.*\))", self.out
        )
        names = [f for f, _ in frames]
        self.assertIn("sendq_take", names, self.out)
        self.assertIn("trap", names, self.out)
        kernel = frames[: names.index("trap") + 1]
        for name, args in kernel:
            self.assertNotIn("optimized out", args, f"{name}{args}")

    def test_blocked_senders_and_their_queue(self):
        self.assertRegex(
            self.out, r"(?m)^1\s+fifo\s+running\*\s+2 3 4$", self.out
        )
        for pid in (2, 3, 4):
            self.assertRegex(
                self.out,
                rf"(?m)^{pid}\s+sender\s+blocked\s+" r"send to 1",
                self.out,
            )

    def test_kit_proc_prints_the_trap_frame(self):
        self.assertIn("user registers (trap frame):", self.out)
        self.assertRegex(self.out, r"eip = 0x4[0-9a-f]{7}", self.out)


@NEEDS_TOOLS
class FastPathInGdb(unittest.TestCase):
    """Stage 2, fifo, with the reference's fast path on (fastpath.c, built
    with -O2): a breakpoint on one of its inline functions stops where the
    receiver takes the oldest queued sender; the backtrace names the fast
    path's frames down to its entry in vectors.asm, and kit-ps still shows
    every process and the queue."""

    @classmethod
    def setUpClass(cls):
        cls.out, _ = gdb_session(
            "2",
            "fifo",
            ["break fast_take", "continue", "bt", "kit-ps", "kill"],
        )

    def test_stops_in_the_fast_path(self):
        self.assertRegex(
            self.out, r"Breakpoint 1, fast_take \(.*kernel/ipc/fastpath\.c"
        )
        frames = re.findall(
            r"(?m)^#\d+\s+(?:0x[0-9a-f]+ in )?(\w+) ", self.out
        )
        for name in (
            "fast_take",
            "fast_receive",
            "fastpath_syscall",
            "fastentry",
        ):
            self.assertIn(name, frames, self.out)

    def test_kit_ps_shows_the_queue(self):
        self.assertRegex(
            self.out, r"(?m)^1\s+fifo\s+running\*\s+2 3 4$", self.out
        )


@NEEDS_TOOLS
class KitBreakInOneProgram(unittest.TestCase):
    """Stage 2, fifo: the test (pid 1) spawns three senders; every program's
    main is at the same address. kit-break sender main must pass over
    fifo's own main and stop in each sender's, with sender's symbols;
    kit-break sender.4 must stop in pid 4 only, and a location in a
    program that does not exist must be refused with the programs that
    do."""

    @classmethod
    def setUpClass(cls):
        cls.out, _ = gdb_session(
            "2",
            "fifo",
            [
                "kit-break nosuch main",
                "kit-break sender main",
                "continue",
                "bt",
                "kit-ps",
                "continue",
                "delete",
                "kit-break sender.4 sender.c:10",
                "continue",
                "kit-ps",
                "kill",
            ],
        )

    def stops(self) -> list[str]:
        return re.findall(r"(?m)^kit-break \d+, (\w+\.\d+):$", self.out)

    def test_unknown_program_is_refused(self):
        self.assertRegex(
            self.out, r"kit-break: no program 'nosuch' in .*sender", self.out
        )

    def test_stops_only_in_senders_in_their_order(self):
        self.assertEqual(self.stops(), ["sender.2", "sender.3", "sender.4"])

    def test_shows_the_stopped_programs_symbols(self):
        self.assertRegex(
            self.out,
            r"#0\s+main \(argc=\d+, argv=0x[0-9a-f]+\) at "
            r"labs/lab2-sync/tests/sender\.c:\d+",
            self.out,
        )
        self.assertNotRegex(self.out, r"#0\s+main .* at \S*fifo\.c", self.out)

    def test_the_stopped_process_is_on_the_cpu(self):
        self.assertRegex(self.out, r"(?m)^2\s+sender\s+running\*", self.out)
        self.assertRegex(self.out, r"(?m)^4\s+sender\s+running\*", self.out)

    def test_arguments_are_not_optimized_out(self):
        frame = re.search(r"(?m)^#0\s+main \((.*)\) at", self.out)
        self.assertIsNotNone(frame, self.out)
        self.assertNotIn("optimized out", frame.group(1))


@NEEDS_TOOLS
class PortsAndMailboxes(unittest.TestCase):
    """Stage 4, lifetimes, seed 39: stopped where the test destroys its
    first port (two senders blocked in it, one a request, eight messages
    posted, a poster waiting for room), kit-ports must show all of it;
    stopped where it destroys a broadcast mailbox, kit-mailboxes must show
    its holders and the subscriber waiting at it."""

    @classmethod
    def setUpClass(cls):
        cls.out, _ = gdb_session(
            "4",
            "lifetimes",
            [
                "break port.c:sys_port_destroy",
                "continue",
                "kit-ports",
                "delete",
                "break mailbox.c:sys_mbox_destroy",
                "continue",
                "kit-mailboxes",
                "kit-ps",
                "kill",
            ],
            seed=39,
        )

    def test_kit_ports_shows_the_queue_and_the_waiters(self):
        self.assertRegex(self.out, r"(?m)^port\s+kind\s+owner\s+may send")
        self.assertRegex(
            self.out,
            r"(?m)^\d+\s+port\s+1\s+all\s+-\s+(4:5 ){7}4:5\s+"
            r"2 3\(req\)\s+4\s*$",
            self.out,
        )

    def test_kit_mailboxes_shows_holders_and_the_subscriber(self):
        self.assertRegex(self.out, r"(?m)^mailbox\s+order\s+holders\s+queued")
        self.assertRegex(
            self.out,
            r"(?m)^\d+\s+broadcast\s+1:send 5:recv\s+-\s+5\s+-\s*$",
            self.out,
        )
        self.assertRegex(
            self.out, r"(?m)^\s+subscriber 5\s+lost 0\s+-\s*$", self.out
        )

    def test_kit_ps_names_the_mailbox_wait(self):
        self.assertRegex(
            self.out,
            r"(?m)^5\s+agent\s+blocked\s+receive from a mailbox",
            self.out,
        )


@NEEDS_TOOLS
class BigMessagesAndMappings(unittest.TestCase):
    """Stage 5, demo_bigmsg: the test shares two of its four pages with a
    peer, and a child blocks sending it 8 KiB copy-on-write. Stopped in
    the kernel's sys_pageinfo, kit-ps must show the child's message in
    flight, and kit-vm the test's pages with their frames, permissions
    and reference counts: 2 for the shared ones, 1 for the others."""

    @classmethod
    def setUpClass(cls):
        cls.out, _ = gdb_session(
            "5",
            "demo_bigmsg",
            [
                "break anon.c:sys_pageinfo",
                "continue",
                "kit-ps",
                "kit-vm 1",
                "kit-vm 1 0x50001000 3",
                "kit-vm 99",
                "kill",
            ],
        )

    def test_kit_ps_shows_the_big_message_in_flight(self):
        self.assertRegex(
            self.out,
            r"(?m)^3\s+demo_bigmsg\s+blocked\s+send to 1\s+"
            r"sending 8 KiB cow$",
            self.out,
        )

    def test_kit_vm_runs_of_pages_with_their_reference_counts(self):
        frames = r"0x[0-9a-f]{8}-0x[0-9a-f]{8}"
        self.assertRegex(
            self.out,
            rf"(?m)^0x50000000-0x50002000 \(2\)\s+{frames}\s+rw-\s+2$",
            self.out,
        )
        self.assertRegex(
            self.out,
            rf"(?m)^0x50002000-0x50004000 \(2\)\s+{frames}\s+rw-\s+1$",
            self.out,
        )
        self.assertRegex(
            self.out, rf"(?m)^0x40000000-\S+ \(\d+\)\s+{frames}\s+r--\s+1$"
        )
        # The total is the sum of the runs: the program's own pages (as
        # many as its image needs), four of the buffer, four of stack.
        table = self.out.split("perm  refs\n", 1)[1]
        rows, total = table.split("\n", 1)[0], 0
        total_line = ""
        for row in table.splitlines():
            m = re.match(r"^0x[0-9a-f]{8}(?:-0x[0-9a-f]{8} \((\d+)\))? ", row)
            if not m:
                total_line = row
                break
            total += int(m.group(1) or 1)
        self.assertTrue(rows.startswith("0x40000000"), self.out)
        self.assertEqual(total_line, f"{total} pages mapped", self.out)
        self.assertGreater(total, 8, self.out)

    def test_kit_vm_page_by_page(self):
        self.assertRegex(
            self.out, r"(?m)^0x50001000\s+0x[0-9a-f]{8}\s+rw-\s+2$", self.out
        )
        self.assertRegex(
            self.out, r"(?m)^0x50003000\s+0x[0-9a-f]{8}\s+rw-\s+1$", self.out
        )

    def test_kit_vm_unknown_pid(self):
        self.assertIn("kit-vm: no process 99", self.out)


if __name__ == "__main__":
    unittest.main()
