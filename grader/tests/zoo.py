# zoo.py: hostile and broken lab 2 submissions, made from a kit cut from
# this tree (tools/mkkit.sh), for test_zoo.py and tests/test_gradescope.py;
# and lab 4's and lab 5's planted bugs, each in a solved kit of its lab
# (PLANTED_LAB4, PLANTED_LAB5).
#
# `solved` is what a good student hands in: the kit with every file of
# STUDENT_FILES holding the reference's solution of labs 1 and 2 (unifdef,
# as a student would have written it: no SOL_LAB markers left). Each case
# then breaks one file the way a determined student would. Every case
# knows the lab 2 score it must get (0 unless it says otherwise) and the
# line its report must hold.

import os
import re
import shutil
import stat
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

from .helpers import REPO

LAB = 2
TARGET = "kernel/ipc/rendezvous.c"
UNIFDEF = ["-DSOL_LAB1", "-DSOL_LAB2"] + [f"-USOL_LAB{n}" for n in (3, 4, 5)]
# kprintf (lab 1, 15 points), waitc (lab 2, 10 points)
TESTS = "kprintf,waitc"
LAB1_POINTS, LAB2_POINTS = 15, 10


def cut_kit(lab: int, dest: Path) -> Path:
    subprocess.run(
        ["sh", "tools/mkkit.sh", str(lab), str(dest)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    return dest


def student_files(kit: Path) -> list[str]:
    return [
        line
        for line in (kit / "STUDENT_FILES").read_text().splitlines()
        if line and not line.startswith("#")
    ]


# The reference's IPC fast path: a student file (the challenge of writing
# one), but no part of a solution. A solved kit keeps the kit's stub, as a
# student's does, so that a bug planted in the general path is not hidden
# by the fast path taking its usual cases.
FASTPATH = "kernel/ipc/fastpath.c"


def solve(kit: Path, lab: int = LAB) -> Path:
    """Fill every student file of a kit with the reference's solution
    (the fast path's file excepted: see FASTPATH)."""
    defs = [f"-DSOL_LAB{n}" for n in range(1, lab + 1)] + [
        f"-USOL_LAB{n}" for n in range(lab + 1, 10)
    ]
    for rel in student_files(kit):
        if rel == FASTPATH:
            continue
        done = subprocess.run(
            ["unifdef", *defs, "-o", str(kit / rel), str(REPO / rel)]
        )
        assert done.returncode in (0, 1), rel
    return kit


def solution_lines(first_lab: int) -> set[str]:
    """Distinctive lines of the reference's solution code of labs
    first_lab and later: inside `#ifdef SOL_LABn` (n >= first_lab), at
    least 24 characters once stripped, and nowhere else in the tree (not
    in a stub, a provided file, an earlier lab's solution, a test)."""
    inside: set[str] = set()
    elsewhere: set[str] = set()
    marker = re.compile(r"^\s*#\s*ifdef\s+SOL_LAB(\d+)")
    for path in sorted(REPO.rglob("*")):
        if path.suffix not in (".c", ".h") or "build" in path.parts:
            continue
        if not path.is_file():
            continue
        depth, keep = 0, False
        for line in path.read_text(errors="replace").splitlines():
            text = line.strip()
            m = marker.match(line)
            if m and depth == 0:
                depth, keep = 1, int(m.group(1)) >= first_lab
                continue
            if depth:
                if re.match(r"^\s*#\s*if", line):
                    depth += 1
                elif re.match(r"^\s*#\s*endif", line):
                    depth -= 1
                    continue
                elif re.match(r"^\s*#\s*else", line) and depth == 1:
                    keep = False
                    continue
            if keep and depth:
                inside.add(text)
            else:
                elsewhere.add(text)
    found = {
        t
        for t in inside - elsewhere
        if len(t) >= 24 and not t.startswith(("/*", "*", "//"))
    }
    other = "\n".join(elsewhere)
    return {t for t in found if t not in other}


def in_kit(lines: set[str], kit: Path) -> set[str]:
    """The lines that some file of the kit holds too (not distinctive)."""
    text = "\n".join(
        p.read_text(errors="replace")
        for p in kit.rglob("*")
        if p.is_file() and p.suffix in (".c", ".h")
    )
    return {line for line in lines if line in text}


@dataclass
class Case:
    name: str
    note: str  # a line the report must hold
    lab2: float = 0  # lab 2 points of TESTS it must earn
    lab1: float = LAB1_POINTS


class Zoo:
    """The cases, made under root from a solved lab 2 kit."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.kit = cut_kit(LAB, root / "kit")
        self.solved = solve(cut_kit(LAB, root / "solved-src"))
        self.secret = f"ZOO-HOST-SECRET-{uuid.uuid4().hex}"
        self.host_file = root / "host-secret.txt"
        self.host_file.write_text(self.secret + "\n")
        self.students = root / "class"
        self.students.mkdir()
        self.solo = root / "solo"  # submissions graded one by one
        self.solo.mkdir()

    def student(self, name: str, in_class: bool = False) -> Path:
        dest = (self.students if in_class else self.solo) / name
        shutil.copytree(self.solved, dest, symlinks=True)
        return dest

    def target(self, tree: Path) -> Path:
        return tree / TARGET

    def make_all(self) -> list[Case]:
        cases = [Case("alice", "sandbox:", lab2=LAB2_POINTS)]
        alice = self.target(self.student("alice", True))
        alice.write_text(NO_SOL_LAB + alice.read_text())

        def replace(name: str, text: str, note: str) -> None:
            t = self.target(self.student(name, True))
            t.write_text(text)
            cases.append(Case(name, note))

        alice = self.students / "alice" / TARGET
        replace(
            "bob",
            '#include "../../../alice/kernel/ipc/rendezvous.c"\n',
            "climbs out with '..'",
        )
        replace(
            "bob2",
            f'#include "{alice}"\n',
            "an absolute path",
        )
        replace(
            "include-ref",
            '#include "../../../../../../../../../../'
            f'{str(REPO / TARGET).lstrip("/")}"\n',
            "climbs out with '..'",
        )
        replace(
            "include-ref-abs",
            f'#include "{REPO / TARGET}"\n',
            "an absolute path",
        )
        solved = (self.solved / TARGET).read_text()
        replace(
            "incbin",
            solved + f'\n__asm__(".incbin \\"{self.host_file}\\"");\n',
            "'.incbin' pulls a file",
        )
        replace("devzero", '#include "/dev/zero"\n', "an absolute path")
        replace("devstdout", '#include "/dev/stdout"\n', "an absolute path")
        replace(
            "macro-include",
            f'#define PATH "{self.host_file}"\n#include PATH\n',
            "through a macro",
        )
        for name, target, note in (
            ("symlink-ref", REPO / TARGET, "a symbolic link"),
            ("proc-symlink", Path("/proc/self/mem"), "a symbolic link"),
        ):
            t = self.target(self.student(name, True))
            t.unlink()
            t.symlink_to(target)
            cases.append(Case(name, note))
        t = self.target(self.student("missing", True))
        t.unlink()
        cases.append(Case("missing", f"missing: {TARGET}"))
        replace("empty", "", f"refused: {TARGET}: empty")
        t = self.target(self.student("directory", True))
        t.unlink()
        t.mkdir()
        cases.append(Case("directory", "a folder, not a file"))
        t = self.target(self.student("fifo", True))
        t.unlink()
        os.mkfifo(t)
        cases.append(Case("fifo", "a named pipe, not a file"))
        if os.geteuid() == 0:  # making a device file needs root
            t = self.target(self.student("device", True))
            t.unlink()
            os.mknod(t, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero
            cases.append(Case("device", "a device file, not a file"))
        ipc = self.student("dir-symlink", True) / "kernel" / "ipc"
        shutil.rmtree(ipc)
        ipc.symlink_to(REPO / "kernel" / "ipc")
        cases.append(Case("dir-symlink", "kernel/ipc is a symbolic link"))
        forger = self.target(self.student("forger", True))
        forger.write_text(forger.read_text() + FORGER)
        cases.append(Case("forger", "calls cmdline_get", lab2=LAB2_POINTS))
        return cases

    def serial_hang(self) -> Path:
        tree = self.student("serial-hang")
        serial = tree / "kernel" / "arch" / "serial.c"
        text = serial.read_text()
        hung = text.replace(
            "void serial_init(void)\n{\n",
            "void serial_init(void)\n{\n    for (;;)\n        ;\n",
            1,
        )
        assert hung != text
        serial.write_text(hung)
        return tree

    def rtc(self) -> Path:
        """A kernel whose send fails when the real-time clock's second is
        odd: graded twice, it scores the same only if the clock does."""
        tree = self.student("rtc")
        t = self.target(tree)
        text = t.read_text()
        head = '#include "x86.h"\n' + RTC
        body = text.replace(
            '    ipc_trace("send", me, to, 0, 0);\n',
            "    if (rtc_second() & 1)\n        return -EAGAIN;\n"
            '    ipc_trace("send", me, to, 0, 0);\n',
            1,
        )
        assert body != text
        t.write_text(head + body)
        return tree

    def planted(self, name: str, old: str, new: str) -> Path:
        tree = self.student(name)
        t = self.target(tree)
        text = t.read_text()
        assert old in text, old
        t.write_text(text.replace(old, new, 1))
        return tree


FORGER = """
/* A forger's kit: what it would need to print the test programs' lines. */
#include "cmdline.h"
#include "console.h"
void forge_lines(void);
void forge_lines(void)
{
    const char *seed = cmdline_get("seed");
    console_line("pingpong.1", seed ? seed : "", 0);
}
"""

# A graded build defines no SOL_LAB at all: alice's file would not build.
NO_SOL_LAB = """#if defined(SOL_LAB1) || defined(SOL_LAB2) || defined(SOL_LAB3)
#error "the graded build defines a SOL_LAB"
#endif
"""

RTC = """static int rtc_second(void)
{
    outb(0x70, 0x00);
    return inb(0x71);
}
"""

# Planted bugs and the keyed hint each must bring up (tests.toml).
PLANTED = {
    "no-request-flag": (
        "    me->ipc.is_request = is_request;\n",
        "",
        "stress",
        "The server's respond said ENOTCONN",
    ),
    "refused-first": (
        "    if (ipc_receiving_from(dst, me)) {\n",
        "    if (ipc_would_deadlock(me, dst))\n"
        "        return refuse(me, dst, -EDEADLK);\n"
        "    if (ipc_receiving_from(dst, me)) {\n",
        "pingpong",
        "A call was refused",
    ),
    "wake-zero": (
        "proc_wake(dst, r < 0 ? r : me->pid);",
        "proc_wake(dst, r);",
        "waitc",
        "receive returned 0 where the sender's pid belongs",
    ),
}

# Lab 4's planted bugs, each in one student file of a solved lab 4 kit:
# the file, the text replaced, its replacement, the test, and the start of
# the keyed hint it must bring up (labs/lab4-ports/tests.toml).
PLANTED_LAB4 = {
    "request-flag-not-set": (
        "kernel/ipc/portmsg.c",
        "    me->ipc.is_request = is_request;\n",
        "",
        "ports",
        "respond said ENOTCONN: the agent's request was taken",
    ),
    "wake-with-pid": (
        "kernel/ipc/portmsg.c",
        "proc_wake(owner, r < 0 ? r : p->id);",
        "proc_wake(owner, r < 0 ? r : me->pid);",
        "osdev",
        "port_receive returned a number that is no port's",
    ),
    "receive-not-marked": (
        "kernel/ipc/portset.c",
        "    me->ipc.port.receiving = where;\n",
        "",
        "osdev",
        "When time ran out a sender was still blocked at a port",
    ),
    "closed-takes-all": (
        "kernel/ipc/port.c",
        "            return 1;\n    return 0;\n",
        "            return 1;\n    return 1;\n",
        "refused",
        "A closed port took a message from a process it never granted",
    ),
    "revoked-sender-left": (
        "kernel/ipc/port.c",
        "            proc_wake(s, -EACCES);      /* the sender traces its "
        "error */\n",
        "",
        "refused",
        "After the revoke the agent was still blocked at our port",
    ),
    "evict-no-wake": (
        "kernel/ipc/port.c",
        "        portq_remove_sender(s);\n        proc_wake(s, -EIDRM);\n",
        "        portq_remove_sender(s);\n",
        "lifetimes",
        "When time ran out a process was still blocked at a port or mailbox",
    ),
    "port-outside-share": (
        "kernel/ipc/portmsg.c",
        "    struct pmsg *pm = share_take(m->sender);\n",
        "    struct pmsg *pm = msgpool_alloc();\n",
        "portspam",
        "A process that had used up its share of the pool",
    ),
    "loss-untold": (
        "kernel/ipc/broadcast.c",
        "        h->lost++;\n        share_give(pm);\n",
        "        share_give(pm);\n",
        "broadcast",
        "A copy was pushed out of a full subscriber queue",
    ),
}

# Lab 5's: one bug in a student file of a solved lab 5 kit for each keyed
# hint of labs/lab5-bigmsg/tests.toml (file, text, its replacement, the
# test, the hint's first words).
PLANTED_LAB5 = {
    "move-not-taken": (
        "kernel/ipc/pages.c",
        "        *entry = (*pte & PTE_KEEP) | PL_TAKE;\n",
        "        *entry = *pte & PTE_KEEP;\n",
        "movecow",
        "The mover still had its pages after moving them",
    ),
    "mark-not-flushed": (
        "kernel/ipc/pages.c",
        "            *pte = (*pte & ~PTE_W) | PTE_COW;\n"
        "            vm_changed(from->pgdir, va);\n",
        "            *pte = (*pte & ~PTE_W) | PTE_COW;\n",
        "movecow",
        "The sender's write right after a copy-on-write send",
    ),
    "cow-break-not-flushed": (
        "kernel/fault.c",
        "    *pte = pa | flags;\n    vm_changed(pgdir, va);\n",
        "    *pte = pa | flags;\n",
        "movecow",
        "The kernel wrote a message into a copy-on-write page",
    ),
    "window-a-page-more": (
        "kernel/ipc/window.c",
        "    if (npages > b->win_len / PAGE_SIZE)\n",
        "    if (npages > b->win_len / PAGE_SIZE + 1)\n",
        "windows",
        "A region was put in a window a page too small",
    ),
    "edge-whole-page": (
        "kernel/ipc/pages.c",
        "    memcpy((uint8_t *)c + lo, (const uint8_t *)pa + lo, "
        "hi - lo);\n",
        "    memcpy((uint8_t *)c, (const uint8_t *)pa, PAGE_SIZE);\n"
        "    (void)lo; (void)hi;\n",
        "unaligned",
        "Bytes of the sender outside the region reached",
    ),
    "edge-read-only-writable": (
        "kernel/ipc/pages.c",
        "    *entry = c | PTE_P | PTE_U | "
        "(mode == BIG_SHARE_RO ? 0 : PTE_W);\n",
        "    *entry = c | PTE_P | PTE_U | PTE_W;\n    (void)mode;\n",
        "unaligned",
        "A read-only share gave the receiver pages it may write",
    ),
    "cow-always-copies": (
        "kernel/fault.c",
        "    if (frame_refs(pa) > 1) {\n",
        "    if (frame_refs(pa) > 0) {\n",
        "bigexit",
        "The last holder of a copy-on-write page copied it",
    ),
    "refusal-charges": (
        "kernel/ipc/bigpost.c",
        "    if (me->ipc.big.pinned + pages > PIN_QUOTA)\n"
        "        return -EDQUOT;\n"
        "    if (pinned + pages > PIN_MAX)\n"
        "        return -ENOBUFS;\n"
        "    me->ipc.big.pinned += pages;\n"
        "    pinned += pages;\n",
        "    me->ipc.big.pinned += pages;\n"
        "    pinned += pages;\n"
        "    if (me->ipc.big.pinned > PIN_QUOTA)\n"
        "        return -EDQUOT;\n"
        "    if (pinned > PIN_MAX)\n"
        "        return -ENOBUFS;\n",
        "pincap",
        "Pinned pages stayed counted after every post was gone",
    ),
    "quota-one-short": (
        "kernel/ipc/bigpost.c",
        "    if (me->ipc.big.pinned + pages > PIN_QUOTA)\n",
        "    if (me->ipc.big.pinned + pages >= PIN_QUOTA)\n",
        "pincap",
        "A sender was refused before its quota was full",
    ),
}
