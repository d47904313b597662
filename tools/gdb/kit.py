"""kit.py: gdb commands that show the kernel's processes and their IPC state.

`make gdb` loads this file; by hand: `source tools/gdb/kit.py`. Commands:

    kit-ps            every live process: pid, name, state, what it is
                      blocked on and for whom, its deadline, and (stage 2
                      on) the senders queued on it
    kit-proc PID      one process in full, with its saved user registers
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


def current_proc() -> gdb.Value | None:
    """The process on the CPU (the scheduler's 'current'), or None in the
    scheduler's own loop."""
    try:
        p = gdb.parse_and_eval("'sched.c'::current")
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
