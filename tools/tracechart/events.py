"""events.py: the kernel's IPC trace lines (docs/protocol.md), read and
checked. Other lines are ignored; a line that looks like trace output but
cannot be read is kept aside as malformed, never guessed at."""

import re
from dataclasses import dataclass, field

IPC_EVENTS = (
    "send",
    "request",
    "recv",
    "wait-send",
    "wait-recv",
    "wait-reply",
    "deliver",
    "error",
    # lab 3: asynchronous calls, and what the best-effort channel
    # did to a datagram
    "post",
    "datagram",
    "notify",
    "wait-room",
    "drop",
    "dup",
    "reorder",
    "corrupt",
    # lab 4: ports and port sets (their number in port=), mailboxes
    # (their number in mbox=)
    "port-new",
    "port-gone",
    "grant",
    "revoke",
    "join",
    "mbox-new",
    "mbox-open",
    "mbox-close",
    "mbox-gone",
    "mbox-send",
    "mbox-recv",
    "lost",
    "lost-report",
)
ASYNC_EVENTS = ("post", "datagram", "notify")
PORT_EVENTS = ("port-new", "port-gone", "grant", "revoke", "join")
MBOX_EVENTS = (
    "mbox-new",
    "mbox-open",
    "mbox-close",
    "mbox-gone",
    "mbox-send",
    "mbox-recv",
    "lost",
    "lost-report",
)
FAULT_TEXT = {
    "dup": "duplicated",
    "reorder": "held back",
    "corrupt": "corrupted",
}
MSG_NOTIFY = -1
MSG_BIG = 0x20000000  # lab 5: the code of a message carrying a region
BIG_MODES = ("copy", "share-ro", "share-rw", "move", "cow")
# Message codes with a name of their own in charts: lab 3's reliable
# protocol (labs/lab3-async/lib/async.h) and lab 5's disk server, with
# the word their w0= holds.
CODE_NAMES = {
    0x52454C44: ("DATA", "seq"),
    0x52454C41: ("ACK", "next"),
    0x52454C46: ("DONE", ""),
    # lab 5's disk server (labs/lab5-bigmsg/lib/disk.h)
    0x44534B57: ("WRITE", "block"),
    0x44534B52: ("READ", "block"),
    0x44534B53: ("STOP", ""),
    0x44534B50: ("PORT", "number"),
}
CALL_EVENTS = ("send", "request", "recv")
REQUIRED = {ev: ("t", "a", "b", "code", "res") for ev in IPC_EVENTS}
REQUIRED.update({ev: REQUIRED[ev] + ("port",) for ev in PORT_EVENTS})
REQUIRED.update({ev: REQUIRED[ev] + ("mbox",) for ev in MBOX_EVENTS})
REQUIRED["spawn"] = ("t", "a", "name")
REQUIRED["exit"] = ("t", "a", "status")

NAME_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$")
RES_RE = re.compile(r"^(ok|E[A-Z0-9]+|\?)$")
INT_RE = re.compile(r"^-?[0-9]{1,10}$")
BEGIN_RE = re.compile(r"^KIT BEGIN\b(.*)$")


@dataclass
class Event:
    """One trace line, checked."""

    line: int  # line number in the serial output (from 1)
    tick: int
    ev: str
    a: int
    b: int = 0
    code: int = 0
    res: str = "ok"
    name: str = ""
    status: int = 0
    text: str = ""  # the line as printed
    w0: int | None = None  # the message's first word, when given
    port: int | None = None  # the port or port set (lab 4), when given
    mbox: int | None = None  # the mailbox (lab 4), when given
    big: int | None = None  # lab 5: the bytes of its region, when big
    mode: str = ""  # and how they travel


@dataclass
class Malformed:
    line: int
    text: str
    why: str


@dataclass
class Trace:
    events: list = field(default_factory=list)
    malformed: list = field(default_factory=list)
    test: str = ""  # from the KIT BEGIN line, when there is one
    seed: str = ""
    ended: str = ""  # "done", "panic", ... from KIT END


def parse_trace(text):
    """The trace events of a serial log. Other lines are ignored; a line that
    looks like trace output but cannot be read is kept in .malformed."""
    trace = Trace()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        begin = BEGIN_RE.match(line)
        if begin:
            words = dict(
                w.split("=", 1) for w in begin.group(1).split() if "=" in w
            )
            trace.test = words.get("test", "")
            trace.seed = words.get("seed", "")
            continue
        if line.startswith("KIT END"):
            trace.ended = line[len("KIT END") :].strip() or "?"
            continue
        if not line.startswith("trace|"):
            if "trace|" in line:
                trace.malformed.append(
                    Malformed(
                        number, line, "trace output in the middle of a line"
                    )
                )
            continue
        event, why = parse_line(line, number)
        if event is None:
            trace.malformed.append(Malformed(number, line, why))
        else:
            trace.events.append(event)
    return trace


def parse_line(line, number):
    """(Event, "") for a good trace line, (None, why) for a bad one."""
    words = line[len("trace|") :].split()
    fields = {}
    for word in words:
        key, eq, value = word.partition("=")
        if not eq or not key:
            return None, f"not key=value: {word!r}"
        if key in fields:
            return None, f"{key}= given twice"
        fields[key] = value
    ev = fields.get("ev")
    if ev is None:
        return None, "no ev="
    if ev not in REQUIRED:
        return None, f"unknown event {ev!r}"
    missing = [k for k in REQUIRED[ev] if k not in fields]
    if missing:
        return None, f"{ev} without {', '.join(k + '=' for k in missing)}"
    numbers = {}
    for key in (
        "t",
        "a",
        "b",
        "code",
        "status",
        "w0",
        "port",
        "mbox",
        "big",
    ):
        if key in fields:
            if not INT_RE.match(fields[key]):
                return None, f"{key}= is not a number: {fields[key]!r}"
            numbers[key] = int(fields[key])
    if numbers["t"] < 0:
        return None, "negative tick"
    if numbers["a"] <= 0 or numbers.get("b", 0) < 0:
        return None, "a process id must be positive (b=0 means ANY)"
    if numbers.get("port", 1) <= 0 or numbers.get("mbox", 1) <= 0:
        return None, "a port or mailbox number must be positive"
    if "port" in numbers and "mbox" in numbers:
        return None, "port= and mbox= on one line"
    needs_partner = (
        "deliver",
        "wait-send",
        "wait-reply",
        *ASYNC_EVENTS,
        "drop",
        *FAULT_TEXT,
        "lost",
    )
    if numbers.get("b", 0) == 0 and (
        ev in needs_partner or (ev == "wait-room" and "mbox" not in numbers)
    ):
        return None, f"{ev} needs a partner (b=0)"
    if "res" in fields and not RES_RE.match(fields["res"]):
        return None, f"res= is not ok or an errno name: {fields['res']!r}"
    if ev == "spawn" and not NAME_RE.match(fields["name"]):
        return None, f"bad program name {fields['name']!r}"
    if ("big" in fields) != ("mode" in fields) or (
        "mode" in fields and fields["mode"] not in BIG_MODES
    ):
        return None, "big= and mode= go together (a mode of lab 5)"
    return (
        Event(
            line=number,
            tick=numbers["t"],
            ev=ev,
            a=numbers["a"],
            b=numbers.get("b", 0),
            code=numbers.get("code", 0),
            res=fields.get("res", "ok"),
            name=fields.get("name", ""),
            status=numbers.get("status", 0),
            text=line,
            w0=numbers.get("w0"),
            port=numbers.get("port"),
            mbox=numbers.get("mbox"),
            big=numbers.get("big"),
            mode=fields.get("mode", ""),
        ),
        "",
    )
