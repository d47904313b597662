"""kit.py: gdb commands that show the kernel's processes and their IPC state.

`make gdb` loads this file; by hand: `source tools/gdb/kit.py`. Commands:

    kit-ps            every live process: pid, name, state, what it is
                      blocked on and for whom, its deadline, and (stage 2
                      on) the senders queued on it
    kit-proc PID      one process in full, with its saved user registers

They read the kernel's own tables (proc_slots, the scheduler's current
process) through gdb's Python API, so they work at any stop, in any stage:
fields a stage does not have are left out.
"""
from __future__ import annotations

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
            ]
        ]
        rows += [describe(p, running) for p in slots() if live(p)]
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


KitPs()
KitProc()
