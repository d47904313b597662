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
                      a process's user mappings: each run of pages with
                      its frames, permissions (r, w, c: copy-on-write) and
                      the frames' reference counts; with ADDR, N pages
                      (default 16) from ADDR one by one

They read the kernel's own tables (proc_slots, the scheduler's current
process) through gdb's Python API, so they work at any stop, in any stage:
fields a stage does not have are left out.
"""
from __future__ import annotations

import struct

import gdb  # type: ignore[import-not-found]

BLOCKED_HOW = {
    "B_SLEEP": "sleep",
    "B_WAIT": "wait for a child",
    "B_SEND": "send to",
    "B_RECEIVE": "receive from",
    "B_REPLY": "reply from",
    "B_ROOM": "room at",
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


def current_pid() -> int:
    try:
        return pid_of(gdb.parse_and_eval("current"))
    except gdb.error:
        return 0


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
    if why in ("B_SEND", "B_RECEIVE", "B_REPLY", "B_ROOM") and has_field(
        p, "ipc"
    ):
        partner = pid_of(p["ipc"]["partner"])
        return f"{how} {partner if partner else 'ANY'}"
    return how


# The page tables (kernel/arch/mmu.h): the kernel maps physical memory
# 1:1, so a page table's physical address is where gdb reads it.
PAGE = 4096
PTE_P, PTE_W, PTE_U, PTE_COW = 0x1, 0x2, 0x4, 0x200
USER_BASE, USER_TOP = 0x40000000, 0x80000000
MSG_BIG, BIG_ADDR, BIG_LEN, BIG_MODE = 0x20000000, 11, 12, 13
MODES = ["?", "copy", "share-ro", "share-rw", "move", "cow"]


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
    return f"{size} {MODES[mode] if 0 < mode < len(MODES) else '?'}"


def big_in_flight(p: gdb.Value) -> str:
    """Stage 5: the big message p is blocked sending (its parked message),
    the big posts held in its box, and its receive window."""
    if not has_field(p, "ipc") or not has_field(p["ipc"], "big"):
        return ""
    parts = []
    why = enum_name(p["blocked_on"])
    if enum_name(p["state"]) == "P_BLOCKED" and why == "B_SEND":
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


KitPs()
KitProc()
KitVm()
