"""kit.py: gdb commands that show the kernel's processes and their IPC state.

`make gdb` loads this file; by hand: `source tools/gdb/kit.py`. Commands:

    kit-ps            every live process: pid, name, state, what it is
                      blocked on and for whom, its deadline, (stage 2
                      on) the senders queued on it, and (stage 5) the big
                      messages in flight: the region of a message it is
                      blocked sending, big posts held in its box, its
                      receive window
    kit-proc PID      one process in full, with its saved user registers
    kit-vm PID [ADDR [N]]
                      (stage 5) a process's user mappings: each run of
                      pages with its frames, permissions (r, w, c:
                      copy-on-write) and the frames' reference counts; with
                      ADDR, N pages (default 16) from ADDR one by one
    kit-ports         (stage 4 on) every port and port set: its owner, who
                      may send, its set, the messages posted to it, the
                      senders blocked in it, the posters waiting for room,
                      and whether its owner waits on it
    kit-mailboxes     (stage 4 on) every mailbox: its order, its holders
                      and how, its messages (or each subscriber's copies
                      and losses), the receivers waiting, oldest first,
                      and the senders waiting for room
    kit-break PROGRAM LOCATION
                      stop at LOCATION (a function, FILE:LINE or *ADDRESS
                      of PROGRAM's own code) only while PROGRAM runs;
                      PROGRAM.PID narrows it to one process
    kit-intro         what make gdb loaded, and how to break in user code

Every user program is linked at the same addresses (user/user.ld), so
`hbreak main` stops in the main of every program that runs, and the
symbols gdb shows for user code are those of one program only (make gdb
loads the test's). kit-break looks LOCATION up in PROGRAM's own ELF file,
sets a hardware breakpoint there (a user page may not be mapped yet, so
nothing can be written into it) and lets it stop only when the process on
the CPU is PROGRAM. When it stops, PROGRAM's symbols replace the other
program's, so that bt, list and print show PROGRAM's code.

The commands read the kernel's own tables (proc_slots, the scheduler's
current process) through gdb's Python API, so they work at any stop, in
any stage: fields a stage does not have are left out.
"""
from __future__ import annotations

import os
import struct

import gdb  # type: ignore[import-not-found]

BLOCKED_HOW = {
    "B_SLEEP": "sleep",
    "B_WAIT": "wait for a child",
    "B_SEND": "send to",
    "B_RECEIVE": "receive from",
    "B_REPLY": "reply from",
    "B_ROOM": "room at",
    "B_PORT_SEND": "send through a port of",
    "B_PORT_RECV": "receive on a port from",
    "B_PORT_ROOM": "room at a port of",
    "B_MBOX_RECV": "receive from a mailbox",
    "B_MBOX_ROOM": "room in a mailbox",
}


def has_field(value: gdb.Value, name: str) -> bool:
    return any(f.name == name for f in value.type.strip_typedefs().fields())


def enum_name(value: gdb.Value) -> str:
    return str(value)


def c_string(array: gdb.Value) -> str:
    return array.string(length=int(array.type.sizeof)).split("\0")[0]


def pid_of(pointer: gdb.Value) -> int:
    return int(pointer.dereference()["pid"]) if int(pointer) else 0


def slots() -> list[gdb.Value]:
    table = gdb.parse_and_eval("proc_slots")
    low, high = table.type.range()
    return [table[i] for i in range(low, high + 1)]


def live(p: gdb.Value) -> bool:
    return enum_name(p["state"]) not in ("P_UNUSED",)


def current_proc() -> gdb.Value | None:
    """The process on the CPU (the scheduler's 'current'), or None in the
    scheduler's own loop."""
    try:
        p = gdb.parse_and_eval("sched_current")
    except gdb.error:
        return None
    return p.dereference() if int(p) else None


def current_pid() -> int:
    p = current_proc()
    return int(p["pid"]) if p is not None else 0


def queued_senders(p: gdb.Value) -> list[int]:
    """Pids queued on p, oldest first (bounded, in case the list is broken)."""
    if not has_field(p, "ipc"):
        return []
    out, s = [], p["ipc"]["senders_head"]
    while int(s) and len(out) < 256:
        out.append(pid_of(s))
        s = s.dereference()["ipc"]["next_sender"]
    return out


def waiting_for(p: gdb.Value) -> str:
    """What a blocked process waits for, in words."""
    why = enum_name(p["blocked_on"])
    how = BLOCKED_HOW.get(why, why)
    if why in (
        "B_SEND",
        "B_RECEIVE",
        "B_REPLY",
        "B_ROOM",
        "B_PORT_SEND",
        "B_PORT_RECV",
        "B_PORT_ROOM",
    ) and has_field(p, "ipc"):
        partner = pid_of(p["ipc"]["partner"])
        return f"{how} {partner if partner else 'ANY'}"
    return how


# The page tables (kernel/arch/mmu.h): the kernel maps physical memory
# 1:1, so a page table's physical address is where gdb reads it.
PAGE = 4096
PTE_P, PTE_W, PTE_U, PTE_COW = 0x1, 0x2, 0x4, 0x200
USER_BASE, USER_TOP = 0x40000000, 0x80000000
MSG_BIG, BIG_ADDR, BIG_LEN, BIG_MODE = 0x20000000, 11, 12, 13
BIG_MODES = ["?", "copy", "share-ro", "share-rw", "move", "cow"]


def read_words(address: int, count: int) -> tuple[int, ...]:
    memory = gdb.selected_inferior().read_memory(address, 4 * count)
    return struct.unpack(f"<{count}I", bytes(memory))


def user_pages(p: gdb.Value) -> list[tuple[int, int]]:
    """(virtual address, page-table entry) of every page p maps in user
    space, in address order."""
    pgdir = int(p["pgdir"])
    if not pgdir:
        return []
    pdes = read_words(
        pgdir + 4 * (USER_BASE >> 22), (USER_TOP - USER_BASE) >> 22
    )
    out = []
    for i, pde in enumerate(pdes):
        if not pde & PTE_P:
            continue
        base = USER_BASE + (i << 22)
        for j, pte in enumerate(read_words(pde & ~0xFFF, 1024)):
            if pte & PTE_P:
                out.append((base + j * PAGE, pte))
    return out


def frame_refs(frame: int) -> int:
    try:
        return int(gdb.parse_and_eval(f"frame_counts[{frame // PAGE}]"))
    except gdb.error:
        return 0


def permissions(pte: int) -> str:
    return (
        "r" + ("w" if pte & PTE_W else "-") + ("c" if pte & PTE_COW else "-")
    )


def user_read(p: gdb.Value, va: int, count: int) -> tuple[int, ...] | None:
    """count words of p's memory at user address va (within one page),
    or None if that page is not mapped."""
    for page, pte in user_pages(p):
        if page == va & ~0xFFF:
            return read_words((pte & ~0xFFF) | (va & 0xFFF), count)
    return None


def region_text(length: int, mode: int) -> str:
    size = f"{length // 1024} KiB" if length % 1024 == 0 else f"{length} B"
    name = BIG_MODES[mode] if 0 < mode < len(BIG_MODES) else "?"
    return f"{size} {name}"


def big_in_flight(p: gdb.Value) -> str:
    """Stage 5: the big message p is blocked sending (its parked message),
    the big posts held in its box, and its receive window."""
    if not has_field(p, "ipc") or not has_field(p["ipc"], "big"):
        return ""
    parts = []
    why = enum_name(p["blocked_on"])
    if enum_name(p["state"]) == "P_BLOCKED" and why in (
        "B_SEND",
        "B_PORT_SEND",
    ):
        words = user_read(p, int(p["ipc"]["buf"]), 16)
        if words and words[1] & (MSG_BIG | 0x80000000) == MSG_BIG:
            parts.append(
                "sending "
                + region_text(words[2 + BIG_LEN], words[2 + BIG_MODE])
            )
    held, pages, pm = 0, 0, p["ipc"]["post"]["head"]
    while int(pm) and held < 1024:
        lst = pm.dereference()["pages"]
        if int(lst):
            held += 1
            pages += int(lst.dereference()["npages"])
        pm = pm.dereference()["next"]
    if held:
        parts.append(f"{held} big in box ({pages} pages)")
    win = p["ipc"]["big"]
    if int(win["win_len"]):
        parts.append(
            f"window {int(win['win_va']):#x}+{int(win['win_len']) // 1024}K"
        )
    return ", ".join(parts)


def describe(p: gdb.Value, running: int) -> list[str]:
    pid = int(p["pid"])
    state = enum_name(p["state"])[2:].lower()
    if pid == running:
        state = "running*"
    blocked = waiting_for(p) if state == "blocked" else ""
    deadline = int(p["deadline"]) if state == "blocked" else 0
    queue = queued_senders(p)
    return [
        str(pid),
        c_string(p["name"]),
        state,
        blocked,
        str(deadline) if deadline else "",
        " ".join(map(str, queue)),
        big_in_flight(p),
    ]


class KitPs(gdb.Command):
    """Every live process and its IPC state (tools/gdb/kit.py).
    The process on the CPU is marked running*; 'deadline' is the tick at which
    a timed wait ends; 'senders queued' lists, oldest first, the processes
    blocked sending to this one."""

    def __init__(self) -> None:
        super().__init__("kit-ps", gdb.COMMAND_DATA)

    def invoke(self, arg: str, from_tty: bool) -> None:
        running = current_pid()
        rows = [
            [
                "pid",
                "name",
                "state",
                "blocked on",
                "deadline",
                "senders queued",
                "big messages",
            ]
        ]
        rows += [describe(p, running) for p in slots() if live(p)]
        table = slots()
        if not (
            has_field(table[0], "ipc") and has_field(table[0]["ipc"], "big")
        ):
            rows = [r[:-1] for r in rows]  # no big messages before stage 5
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for r in rows:
            gdb.write(
                "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
                + "\n"
            )
        try:
            gdb.write(f"ticks: {int(gdb.parse_and_eval('ticks'))}\n")
        except gdb.error:
            pass


class KitProc(gdb.Command):
    """One process in full: kit-proc PID (tools/gdb/kit.py)."""

    def __init__(self) -> None:
        super().__init__("kit-proc", gdb.COMMAND_DATA)

    def invoke(self, arg: str, from_tty: bool) -> None:
        try:
            pid = int(arg)
        except ValueError:
            raise gdb.GdbError("usage: kit-proc PID")
        found = [p for p in slots() if live(p) and int(p["pid"]) == pid]
        if not found:
            raise gdb.GdbError(f"kit-proc: no process {pid}")
        p = found[0]
        gdb.write(f"{p}\n")
        tf = p["tf"]
        if int(tf):
            gdb.write("user registers (trap frame):\n")
            gdb.write(tf.dereference().format_string(format="x") + "\n")


class KitVm(gdb.Command):
    """A process's user mappings: kit-vm PID [ADDR [N]] (tools/gdb/kit.py).
    Without ADDR, one line per run of pages whose frames follow each other
    with the same permissions and reference count; with ADDR, N pages (16
    by default) from ADDR, one line each. r: readable, w: writable, c:
    copy-on-write (read-only until a write copies it); refs: the frame's
    reference count (address spaces that map it, held big posts)."""

    def __init__(self) -> None:
        super().__init__("kit-vm", gdb.COMMAND_DATA)

    def invoke(self, arg: str, from_tty: bool) -> None:
        words = arg.split()
        try:
            pid = int(words[0])
            start = int(words[1], 0) if len(words) > 1 else None
            count = int(words[2], 0) if len(words) > 2 else 16
        except (IndexError, ValueError):
            raise gdb.GdbError("usage: kit-vm PID [ADDR [N]]")
        found = [p for p in slots() if live(p) and int(p["pid"]) == pid]
        if not found:
            raise gdb.GdbError(f"kit-vm: no process {pid}")
        pages = user_pages(found[0])
        rows = [("pages", "frames", "perm", "refs")]
        if start is not None:
            first = start & ~0xFFF
            mapped = dict(pages)
            for k in range(count):
                va = first + k * PAGE
                pte = mapped.get(va)
                rows.append(
                    (f"{va:#010x}", "not mapped", "", "")
                    if pte is None
                    else (
                        f"{va:#010x}",
                        f"{pte & ~0xFFF:#010x}",
                        permissions(pte),
                        str(frame_refs(pte & ~0xFFF)),
                    )
                )
        else:
            rows += self.runs(pages)
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        for r in rows:
            gdb.write(
                "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
                + "\n"
            )
        gdb.write(f"{len(pages)} pages mapped\n")

    @staticmethod
    def runs(pages: list[tuple[int, int]]) -> list[tuple[str, ...]]:
        """Pages grouped while address and frame both go up by a page
        and the permissions and reference count stay the same."""
        rows, run = [], []
        for va, pte in pages + [(0, 0)]:
            frame, refs = pte & ~0xFFF, frame_refs(pte & ~0xFFF) if pte else 0
            if run:
                last_va, last_frame, perm, last_refs, n = run
                if (
                    pte
                    and va == last_va + PAGE
                    and frame == last_frame + PAGE
                    and permissions(pte) == perm
                    and refs == last_refs
                ):
                    run = [va, frame, perm, refs, n + 1]
                    continue
                first_va = last_va - (n - 1) * PAGE
                first_frame = last_frame - (n - 1) * PAGE
                rows.append(
                    (
                        f"{first_va:#010x}"
                        + (f"-{last_va + PAGE:#010x} ({n})" if n > 1 else ""),
                        f"{first_frame:#010x}"
                        + (f"-{last_frame + PAGE:#010x}" if n > 1 else ""),
                        perm,
                        str(last_refs),
                    )
                )
            run = [va, frame, permissions(pte), refs, 1] if pte else []
        return rows



def write_table(rows: list[list[str]]) -> None:
    """Columns as wide as their widest cell, as kit-ps prints them."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        gdb.write(
            "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n"
        )


def walk(first: gdb.Value, link) -> list[gdb.Value]:
    """The entries of a linked list, following link(entry) (bounded, in
    case the list is broken)."""
    out, at = [], first
    while int(at) and len(out) < 2048:
        out.append(at.dereference())
        at = link(at.dereference())
    return out


def table(name: str) -> list[gdb.Value] | None:
    """A kernel table of lab 4 (port_table, mbox_table), or None."""
    try:
        t = gdb.parse_and_eval(name)
    except gdb.error:
        return None
    low, high = t.type.range()
    return [t[i] for i in range(low, high + 1)]


def held_region(pm: gdb.Value) -> str:
    """Stage 5: " [1024 KiB move]" for a posted big message whose pages the
    kernel holds, else ""."""
    if not has_field(pm, "pages") or not int(pm["pages"]):
        return ""
    m = pm["m"]
    return (
        " ["
        + region_text(int(m["w"][BIG_LEN]), int(m["w"][BIG_MODE]))
        + "]"
    )


def messages(pms: list[gdb.Value]) -> str:
    """Queued messages as "sender:code", oldest first (stage 5: a big
    message with its region's size and mode)."""
    return " ".join(
        f"{int(pm['m']['sender'])}:{int(pm['m']['code'])}{held_region(pm)}"
        for pm in pms
    )


def port_row(port: gdb.Value) -> list[str]:
    is_set = enum_name(port["kind"]) == "PORT_SETKIND"
    owner = port["owner"].dereference()
    if is_set:
        senders, where = "-", f"{int(port['members'])} ports"
        posted = walk(port["q"]["msgs"], lambda pm: pm["set_next"])
        blocked = walk(
            port["q"]["senders"], lambda p: p["ipc"]["port"]["set_next"]
        )
    else:
        grants = [int(port["grants"][i]) for i in range(int(port["ngrants"]))]
        senders = "all" if int(port["open"]) else " ".join(map(str, grants))
        where = (
            str(int(port["set"].dereference()["id"]))
            if int(port["set"])
            else "-"
        )
        posted = walk(port["q"]["msgs"], lambda pm: pm["next"])
        blocked = walk(
            port["q"]["senders"], lambda p: p["ipc"]["port"]["next"]
        )
    room = walk(port["room"], lambda p: p["ipc"]["port"]["room_next"])
    waits = enum_name(owner["blocked_on"]) == "B_PORT_RECV" and int(
        owner["ipc"]["port"]["receiving"]
    ) == int(port.address)
    return [
        str(int(port["id"])),
        "set" if is_set else "port",
        str(int(owner["pid"])),
        senders or "none",
        where,
        messages(posted) or "-",
        " ".join(
            f"{int(p['pid'])}{'(req)' if int(p['ipc']['is_request']) else ''}"
            for p in blocked
        )
        or "-",
        " ".join(str(int(p["pid"])) for p in room) or "-",
        "yes" if waits else "",
    ]


class KitPorts(gdb.Command):
    """Every port and port set (tools/gdb/kit.py, stage 4 on): its number,
    owner and who may send ("all", or the pids granted); the set it is in
    (for a set: how many ports); the messages posted to it, oldest first,
    as sender:code; the senders blocked in it, oldest first ((req): a
    request); the posters waiting for room; and whether its owner is
    blocked receiving on it."""

    def __init__(self) -> None:
        super().__init__("kit-ports", gdb.COMMAND_DATA)

    def invoke(self, arg: str, from_tty: bool) -> None:
        ports = table("port_table")
        if ports is None:
            gdb.write("no ports in this stage (lab 4 on)\n")
            return
        rows = [
            [
                "port",
                "kind",
                "owner",
                "may send",
                "set",
                "posted (sender:code)",
                "senders blocked",
                "waiting for room",
                "owner waits here",
            ]
        ]
        rows += [port_row(p) for p in ports if int(p["id"])]
        if len(rows) == 1:
            gdb.write("no ports\n")
            return
        write_table(rows)


MODES = {1: "send", 2: "recv", 3: "send+recv"}


def mbox_rows(mb: gdb.Value) -> list[list[str]]:
    flags = int(mb["flags"])
    order = "broadcast" if flags & 8 else "priority" if flags & 4 else "FIFO"
    holds = [
        mb["hold"][i]
        for i in range(mb["hold"].type.range()[1] + 1)
        if int(mb["hold"][i]["pid"])
    ]
    queued = walk(mb["head"], lambda pm: pm["next"])
    link = lambda p: p["ipc"]["port"]["mbox_next"]  # noqa: E731
    rows = [
        [
            str(int(mb["id"])),
            order,
            " ".join(
                f"{int(h['pid'])}:{MODES.get(int(h['mode']), '?')}"
                for h in holds
            ),
            messages(queued) or "-",
            " ".join(
                str(int(p["pid"])) for p in walk(mb["receivers"]["head"], link)
            )
            or "-",
            " ".join(
                str(int(p["pid"])) for p in walk(mb["room"]["head"], link)
            )
            or "-",
        ]
    ]
    if flags & 8:
        for h in holds:
            if int(h["mode"]) & 2:
                copies = messages(walk(h["head"], lambda pm: pm["next"]))
                rows.append(
                    [
                        "",
                        f"  subscriber {int(h['pid'])}",
                        f"lost {int(h['lost'])}",
                        copies or "-",
                        "",
                        "",
                    ]
                )
    return rows


class KitMailboxes(gdb.Command):
    """Every mailbox (tools/gdb/kit.py, stage 4 on): its number and order,
    its holders (pid:send, pid:recv), its queued messages in the order
    they will be taken, as sender:code (a broadcast mailbox: a line per
    subscriber, with its copies and how many it lost), the receivers
    waiting, oldest first, and the senders waiting for room."""

    def __init__(self) -> None:
        super().__init__("kit-mailboxes", gdb.COMMAND_DATA)

    def invoke(self, arg: str, from_tty: bool) -> None:
        boxes = table("mbox_table")
        if boxes is None:
            gdb.write("no mailboxes in this stage (lab 4 on)\n")
            return
        rows = [
            [
                "mailbox",
                "order",
                "holders",
                "queued (sender:code)",
                "receivers waiting",
                "waiting for room",
            ]
        ]
        for mb in boxes:
            if int(mb["id"]):
                rows += mbox_rows(mb)
        if len(rows) == 1:
            gdb.write("no mailboxes\n")
            return
        write_table(rows)


# --- kit-break: a breakpoint in one program's code -------------------------


def kernel_file() -> str | None:
    """The kernel ELF gdb reads (make gdb's `file build/labN/kernel.elf`)."""
    for o in gdb.objfiles():
        if o.filename.endswith("kernel.elf"):
            return o.filename
    return None


def user_dir() -> str:
    """build/labN/user/, beside the kernel gdb reads: every program's ELF."""
    kernel = kernel_file()
    if kernel is None:
        raise gdb.GdbError(
            "kit: no kernel symbols loaded (make gdb loads them)"
        )
    return os.path.join(os.path.dirname(kernel), "user")


def program_elf(name: str) -> str:
    path = os.path.join(user_dir(), name + ".elf")
    if not os.path.isfile(path):
        known = sorted(
            f[:-4] for f in os.listdir(user_dir()) if f.endswith(".elf")
        )
        raise gdb.GdbError(
            f"kit-break: no program {name!r} in {user_dir()} "
            f"(there are: {' '.join(known)})"
        )
    return path


def user_objfiles() -> list[gdb.Objfile]:
    """The user programs' symbol files gdb holds now."""
    where = os.path.realpath(user_dir())
    return [
        o
        for o in gdb.objfiles()
        if os.path.dirname(os.path.realpath(o.filename)) == where
    ]


def same_file(a: str, b: str) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


def show_symbols_of(*elves: str) -> bool:
    """Make these the user symbol files gdb holds (normally one program's);
    True if that changed anything."""
    changed = False
    for o in user_objfiles():
        if not any(same_file(o.filename, e) for e in elves):
            gdb.execute(f"remove-symbol-file {o.filename}", to_string=True)
            changed = True
    for e in elves:
        if not any(same_file(o.filename, e) for o in user_objfiles()):
            gdb.execute(f"add-symbol-file {e}", to_string=True)
            changed = True
    return changed


class KitBreakpoint(gdb.Breakpoint):
    """A hardware breakpoint that stops only while one program runs."""

    def __init__(self, address: int, program: str, pid: int, elf: str):
        super().__init__(
            f"*{address:#x}", type=gdb.BP_HARDWARE_BREAKPOINT, internal=False
        )
        self.program, self.pid, self.elf = program, pid, elf
        self.silent = True  # on_stop says where, with the right symbols

    def who(self) -> str:
        return f"{self.program}.{self.pid}" if self.pid else self.program

    def stop(self) -> bool:
        p = current_proc()
        if p is None or c_string(p["name"]) != self.program:
            return False
        return self.pid == 0 or int(p["pid"]) == self.pid


def on_stop(event: gdb.StopEvent) -> None:
    """At a kit-break stop, show the symbols of the program that stopped,
    then say where it stopped (the breakpoint itself is silent: gdb would
    name the place with the other program's symbols)."""
    hits = [
        b
        for b in getattr(event, "breakpoints", ())
        if isinstance(b, KitBreakpoint)
    ]
    if not hits:
        return
    b = hits[0]
    if show_symbols_of(b.elf):
        gdb.write(
            f"kit-break: user symbols now from {os.path.relpath(b.elf)}\n"
        )
    gdb.write(f"\nkit-break {b.number}, {b.program}.{current_pid()}:\n")
    gdb.execute("frame")


class KitBreak(gdb.Command):
    """Break in one program's code: kit-break PROGRAM LOCATION.

    LOCATION is a function, FILE:LINE or *ADDRESS in PROGRAM's own code
    (build/labN/user/PROGRAM.elf); PROGRAM.PID instead of PROGRAM stops in
    that one process only. Examples:
        kit-break sender main
        kit-break sender.3 sender.c:40
    Every program is linked at the same addresses, so a plain `hbreak main`
    stops in every program's main. kit-break sets a hardware breakpoint (a user
    page may not be mapped yet) that stops only when the process on the CPU
    is PROGRAM, and then loads PROGRAM's symbols in place of the other
    program's, so that bt and print show PROGRAM's code. `info breakpoints`
    lists it; `delete N` removes it (tools/gdb/kit.py)."""

    def __init__(self) -> None:
        super().__init__("kit-break", gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg: str, from_tty: bool) -> None:
        words = arg.split(None, 1)
        if len(words) != 2:
            raise gdb.GdbError("usage: kit-break PROGRAM[.PID] LOCATION")
        program, _, pid_text = words[0].partition(".")
        if pid_text and not pid_text.isdigit():
            raise gdb.GdbError(f"kit-break: {words[0]}: PID is a number")
        elf = program_elf(program)
        location = words[1].strip()
        # Programs share addresses: look LOCATION up with PROGRAM's symbols
        # alone, then give back the user symbols gdb held before.
        before = [o.filename for o in user_objfiles()]
        show_symbols_of(elf)
        try:
            _, sals = gdb.decode_line(location)
            addresses = sorted({sal.pc for sal in sals or () if sal.pc})
            if not addresses:
                raise gdb.GdbError(f"kit-break: {location}: no code address")
            for a in addresses:
                b = KitBreakpoint(a, program, int(pid_text or 0), elf)
                gdb.write(
                    f"kit-break {b.number}: {location} at {a:#x}, "
                    f"only while {b.who()} runs\n"
                )
        except gdb.error as e:
            raise gdb.GdbError(f"kit-break: {location}: {e}")
        finally:
            show_symbols_of(*before)


class KitIntro(gdb.Command):
    """What make gdb loaded, and how to stop in user code (kit-intro)."""

    def __init__(self) -> None:
        super().__init__("kit-intro", gdb.COMMAND_SUPPORT)

    def invoke(self, arg: str, from_tty: bool) -> None:
        users = [os.path.relpath(o.filename) for o in user_objfiles()]
        kernel = kernel_file()
        lines = [
            "kit: symbols of the kernel"
            + (f" ({os.path.relpath(kernel)})" if kernel else "")
            + (f" and of {', '.join(users)}" if users else ""),
            "kit: every program is linked at the same addresses, so "
            "'hbreak main' stops",
            "kit:   in every program's main; to stop in one program only:",
            "kit:   kit-break PROGRAM FUNCTION   (kit-break sender main; "
            "sender.3 for pid 3)",
            "kit: kit-ps lists the processes, kit-proc PID shows one; "
            "'help kit-break'",
        ]
        gdb.write("\n".join(lines) + "\n")


gdb.events.stop.connect(on_stop)
KitBreak()
KitIntro()
KitPs()
KitProc()
KitPorts()
KitMailboxes()
KitVm()
