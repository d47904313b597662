#!/usr/bin/env python3
"""trace.py: draw the messages of one test run as a sequence chart.

With trace=1 on its command line (stage 2 and later) the kernel prints one
line per IPC event (docs/protocol.md):

    trace| t=TICK ev=EVENT a=PID b=PID code=N res=R [w0=W] [big=B mode=M]
    (EVENT: send request recv wait-send wait-recv wait-reply deliver
     error; from stage 3 also post datagram notify wait-room, and what
     the best-effort channel did: drop dup reorder corrupt; w0 is the
     message's first word, given from stage 3 on for messages in a box
     or on the channel; from stage 5 a big message's post and delivery
     also give its region's size in bytes and its mode: copy, share-ro,
     share-rw, move, cow)
    trace| t=TICK ev=spawn a=PID name=NAME
    trace| t=TICK ev=exit a=PID status=S

This tool boots one test with tracing on, exactly as the grader does (it
uses the grader's own code for the build and the QEMU command line), or
reads a saved serial log, and turns those lines into an mscgen chart: one
lifeline per process, an arrow per delivered message (-> send, => request,
dashed >> reply, double :> a posted message or notification, taken from
the box when it is received), a note where a process posts or the channel
mangles a datagram, a crossed arrow for a datagram lost, a box where a
process blocks, red text where a call fails, and the clock tick as a
separator whenever it moves. mscgen then
renders the chart as SVG and PNG.

    tools/trace.py --test NAME [--stage N] [--seed S]     (make trace TEST=NAME)
    tools/trace.py --log serial.log [--test NAME]
    tools/trace.py --figure NAME|all      (the handout's figures: FIGURES)

Other options: --out DIR (default build/trace), --max-events N (default
60), --all (keep processes that never take part in IPC), --title TEXT,
--msc-only (write the .msc, do not render), --kernel ELF (boot this image,
do not build). --figure regenerates the handout's committed figure sources
in labs/*/figures/ from traced runs of the lab's demo programs.

The reference kernel traces a call that fails before it blocks (EDEADLK,
EAGAIN) as an error event. A kernel that does not (a student's, say)
leaves the call's event followed by nothing of that process: the tool
notices that, and when the processes it already knew to be blocked form a
chain from the partner back to the caller, it reports the refusal as
EDEADLK, as the kernel's own check would have.

Python 3 standard library only. Exit status: 0 when the chart was drawn,
1 when no chart could be made (no trace lines, mscgen failed), 2 for a
usage error.
"""

import argparse
import dataclasses
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parent.parent
MSC_SVG_FIX = KIT_ROOT / "tools" / "handout" / "msc_svg.py"
INSTALL_MSCGEN = "sudo apt-get install mscgen"
ERROR_COLOUR = "#c00000"
BLOCKED_FILL = "#eeeeee"


# The handout's figures: each one a traced run of a small demo program.
@dataclass(frozen=True)
class Figure:
    test: str
    stage: int
    seed: int
    dir: str  # where the committed .msc goes, from the kit's root
    title: str
    args: str = ""  # extra kernel command-line words (fault rates)


FIGURES = {
    "send-first": Figure(
        "demo_sendfirst",
        2,
        1,
        "labs/lab2-sync/figures",
        "The sender comes first: it blocks until the receiver takes the "
        "message",
    ),
    "receive-first": Figure(
        "demo_recvfirst",
        2,
        1,
        "labs/lab2-sync/figures",
        "The receiver comes first: the message is copied straight in",
    ),
    "request-respond": Figure(
        "demo_rpc",
        2,
        1,
        "labs/lab2-sync/figures",
        "Request, receive, respond: the client waits for the reply",
    ),
    "deadlock-refused": Figure(
        "demo_deadlock",
        2,
        1,
        "labs/lab2-sync/figures",
        "A send that would close a cycle is refused with EDEADLK",
    ),
    "post-box": Figure(
        "demo_post",
        3,
        1,
        "labs/lab3-async/figures",
        "Posts and notifications wait in the box until the receiver asks",
    ),
    "lossy-channel": Figure(
        "demo_lossy",
        3,
        2,
        "labs/lab3-async/figures",
        "Datagrams through the fault injector",
        "drop=20 dup=20 reorder=20 corrupt=20",
    ),
    "disk-server": Figure(
        "demo_disk",
        5,
        1,
        "labs/lab5-bigmsg/figures",
        "The RAM disk server: writes move 1 MiB in, reads map it back "
        "copy-on-write",
    ),
    "reliable-transfer": Figure(
        "demo_reliable",
        3,
        6,
        "labs/lab3-async/figures",
        "Five data messages moved reliably over the lossy channel",
        "drop=20 dup=20 reorder=20 corrupt=20",
    ),
}


class UsageError(Exception):
    """The command line asks for something that cannot be done."""


# --- parsing -----------------------------------------------------------------

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
)
ASYNC_EVENTS = ("post", "datagram", "notify")
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
}
CALL_EVENTS = ("send", "request", "recv")
REQUIRED = {ev: ("t", "a", "b", "code", "res") for ev in IPC_EVENTS}
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
    big: int | None = None  # lab 5: the bytes of its region, when big
    mode: str = ""  # and how they travel


def size_text(n: int) -> str:
    """A byte count as a chart shows it: '1 MiB', '8 KiB', '100 B'."""
    for unit, scale in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale and n % scale == 0:
            return f"{n // scale} {unit}"
    return f"{n} B"


def msg_text(
    code: int, w0: int | None, big: int | None = None, mode: str = ""
) -> str:
    """A message as a chart names it: 'code 7', 'DATA seq 12', or for a
    big message (lab 5) 'code 1 + 1 MiB move'."""
    if big is not None:
        return f"{msg_text(code & ~MSG_BIG, w0)} + {size_text(big)} {mode}"
    name = CODE_NAMES.get(code)
    if name is None:
        return f"code {code}"
    word, label = name
    return word if not label or w0 is None else f"{word} {label} {w0}"


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
    for key in ("t", "a", "b", "code", "status", "w0", "big"):
        if key in fields:
            if not INT_RE.match(fields[key]):
                return None, f"{key}= is not a number: {fields[key]!r}"
            numbers[key] = int(fields[key])
    if numbers["t"] < 0:
        return None, "negative tick"
    if numbers["a"] <= 0 or numbers.get("b", 0) < 0:
        return None, "a process id must be positive (b=0 means ANY)"
    if (
        ev
        in (
            "deliver",
            "wait-send",
            "wait-reply",
            "wait-room",
            *ASYNC_EVENTS,
            "drop",
            *FAULT_TEXT,
        )
        and numbers["b"] == 0
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
            big=numbers.get("big"),
            mode=fields.get("mode", ""),
        ),
        "",
    )


# --- what happened: from events to the rows of the chart ---------------------


@dataclass
class Step:
    """One row of the chart.

    kind: "message" (arrow a -> b; flavour send, request or reply),
          "blocked" (a waits; why = send, recv or reply, on b; 0: ANY),
          "take" (a's receive found a sender queued and took its message),
          "error" (a's call on b failed with res; cycle: the chain of waits
                   that made the kernel refuse it, when inferred),
          "exit" (a ended with status),
          "note" (a posted, notified, or the channel did something to its
                  datagram: the text in why),
          "lost" (a's datagram to b was dropped),
          "call" (a call whose outcome is not known yet), "none" (dropped).
    """

    kind: str
    index: int  # the event that made it: cuts keep steps below N
    tick: int
    a: int
    b: int = 0
    code: int = 0
    flavour: str = ""
    why: str = ""
    res: str = ""
    status: int = 0
    call: str = ""
    cycle: tuple = ()
    inferred: bool = False
    source: str = ""  # the trace line(s), for the comment in the .msc
    w0: int | None = None  # the message's first word, when traced
    big: int | None = None  # lab 5: its region's bytes, when big
    mode: str = ""

    @property
    def what(self) -> str:
        return msg_text(self.code, self.w0, self.big, self.mode)


class Analysis:
    """Replays the events, keeping what the kernel kept: who is blocked on
    whom, and which call of each process has not shown its outcome yet."""

    def __init__(self):
        self.names = {}  # pid -> program name, in spawn order
        self.steps = []
        self.waiting = {}  # pid -> (why, partner pid; 0 is ANY)
        self.pending = {}  # pid -> the "call" step of its current call
        self.last_call = {}  # pid -> "send", "request" or "recv"
        self.last_error = {}  # pid -> (b, res) of an error just reported
        self.in_flight = (
            {}
        )  # (sender, receiver) -> kinds posted, not delivered
        self.sent = set()  # protocol messages sent: (a, b, code, w0)

    def run(self, events):
        for index, e in enumerate(events):
            if e.ev != "error" and e.a in self.last_error:
                del self.last_error[e.a]
            # A process seen before (or without) its spawn line: no name yet.
            if e.ev != "spawn":
                self.names.setdefault(e.a, "")
            if e.ev in IPC_EVENTS and e.b:
                self.names.setdefault(e.b, "")
            if e.ev == "spawn":
                self.names.setdefault(e.a, e.name)
                if not self.names[e.a]:
                    self.names[e.a] = e.name
            elif e.ev in CALL_EVENTS:
                self.settle(e.a, refused=True)
                step = self.add("call", index, e, b=e.b, call=e.ev)
                step.cycle = self.chain_back(e.a, e.b) if e.b else ()
                self.pending[e.a] = step
                self.last_call[e.a] = e.ev
            elif e.ev in ASYNC_EVENTS:
                self.settle(e.a, refused=True)
                self.last_call[e.a] = e.ev
                self.fly(e, e.ev)
                to = label_of(self.names, e.b)
                text = msg_text(e.code, e.w0, e.big, e.mode)
                if e.ev == "datagram" and e.code in CODE_NAMES:
                    key = (e.a, e.b, e.code, e.w0)
                    if key in self.sent:
                        text += " again"  # a retransmission
                    self.sent.add(key)
                what = {
                    "post": f"post to {to}, {text}",
                    "datagram": f"datagram to {to}, {text}",
                    "notify": f"notify {to}",
                }[e.ev]
                self.add("note", index, e, b=e.b, why=what)
            elif e.ev in FAULT_TEXT:
                if e.ev == "dup":
                    self.fly(e, "datagram")
                self.add(
                    "note", index, e, b=e.b, why=f"channel: {FAULT_TEXT[e.ev]}"
                )
            elif e.ev == "drop":
                self.fly(e, None)
                self.add(
                    "lost", index, e, b=e.b, code=e.code, res=e.res, w0=e.w0
                )
            elif e.ev.startswith("wait-"):
                self.settle(e.a)
                why = {
                    "wait-send": "send",
                    "wait-recv": "recv",
                    "wait-room": "room",
                }.get(e.ev, "reply")
                self.waiting[e.a] = (why, e.b)
                self.add("blocked", index, e, b=e.b, why=why)
            elif e.ev == "deliver":
                self.deliver(index, e)
            elif e.ev == "error":
                if self.last_error.get(e.a) == (e.b, e.res):
                    continue  # the same failure, reported twice
                if self.last_call.get(e.a) in ASYNC_EVENTS:
                    self.unfly(e)  # that post queued nothing
                self.last_error[e.a] = (e.b, e.res)
                call = self.pending.get(e.a)
                cycle = call.cycle if call and e.res == "EDEADLK" else ()
                self.settle(e.a)
                self.waiting.pop(e.a, None)
                self.add(
                    "error",
                    index,
                    e,
                    b=e.b,
                    res=e.res,
                    cycle=cycle,
                    call=self.last_call.get(e.a, ""),
                )
            elif e.ev == "exit":
                self.settle(e.a, refused=True)
                self.waiting.pop(e.a, None)
                self.add("exit", index, e, status=e.status)
        for step in self.pending.values():  # the log ends mid-call
            step.kind = "none"
        self.pending.clear()
        return [s for s in self.steps if s.kind != "none"]

    def add(self, kind, index, e, **what):
        step = Step(kind, index, e.tick, e.a, source=e.text, **what)
        self.steps.append(step)
        return step

    def fly(self, e, kind):
        """A message from e.a to e.b is now in flight (kind: post, datagram
        or notify), or, with None, the datagram just sent was dropped."""
        flying = self.in_flight.setdefault((e.a, e.b), [])
        if kind:
            flying.append((kind, e.code, e.w0))
        else:
            for i in range(len(flying) - 1, -1, -1):
                if flying[i][:2] == ("datagram", e.code):
                    del flying[i]
                    break

    def unfly(self, e):
        """e.a's last post to e.b failed: it is not in flight."""
        flying = self.in_flight.get((e.a, e.b), [])
        for i in range(len(flying) - 1, -1, -1):
            if flying[i][1] == e.code:
                del flying[i]
                return

    def in_flight_index(self, e):
        """Which of the messages in flight from e.a to e.b the delivery e
        is, or None if it is a rendezvous. The oldest with e's code (and
        first word, when given): messages can overtake each other (a
        selective receive, a datagram held back). A delivery without w0
        to a process waiting for the sender's reply is that reply."""
        flying = self.in_flight.get((e.a, e.b))
        if not flying:
            return None
        if (e.w0 is None or e.big is not None) and self.waiting.get(e.b) == (
            "reply",
            e.a,
        ):
            return None
        exact = [i for i, f in enumerate(flying) if f[1:] == (e.code, e.w0)]
        same_code = [i for i, f in enumerate(flying) if f[1] == e.code]
        return (exact or same_code or [None])[0]

    def deliver(self, index, e):
        sender, receiver = e.a, e.b
        async_kind = ""
        i = self.in_flight_index(e)
        if i is not None:
            async_kind = self.in_flight[(sender, receiver)].pop(i)[0]
            flavour = "post"
        elif self.waiting.get(receiver) == ("reply", sender):
            flavour = "reply"
        elif self.last_call.get(sender) == "request":
            flavour = "request"
        else:
            flavour = "send"
        pending = self.pending.get(receiver)
        if pending is not None and pending.call == "recv":
            pending.kind = "take"  # its receive found us queued
            pending.why = "box" if flavour == "post" else ""
            del self.pending[receiver]
        # A reply comes from respond, which has no event of its own: the
        # server's previous call, if it showed no outcome, had failed.
        self.settle(sender, refused=(flavour == "reply"))
        self.waiting.pop(receiver, None)
        if self.waiting.get(sender, ("",))[0] == "send":
            self.waiting.pop(sender)
        self.add(
            "message",
            index,
            e,
            b=receiver,
            code=e.code,
            flavour=flavour,
            why=async_kind,
            w0=e.w0,
            big=e.big,
            mode=e.mode,
        )

    def settle(self, pid, refused=False):
        """pid's current call has shown its outcome. With refused, the
        outcome is that nothing happened: the call failed at once."""
        step = self.pending.pop(pid, None)
        if step is None:
            return
        if not refused:
            step.kind = "none"
            return
        step.kind = "error"
        step.inferred = True
        step.res = "EDEADLK" if step.cycle else "?"

    def chain_back(self, me, target):
        """The chain of waits from target back to me ((me, target, ..., me)),
        or () when it does not come back: the kernel's deadlock check."""
        chain = [me]
        pid = target
        while pid and len(chain) <= len(self.names) + 1:
            chain.append(pid)
            if pid == me:
                return tuple(chain)
            pid = self.waiting.get(pid, ("", 0))[1]
        return ()


def analyse(events):
    """The names of the processes (pid -> name) and the chart's steps."""
    analysis = Analysis()
    steps = analysis.run(events)
    return analysis.names, steps


# --- the chart ---------------------------------------------------------------


def quote(text):
    """A label as an mscgen string: a line break becomes \\n; a backslash,
    which mscgen would take for an escape, becomes a slash."""
    text = str(text).replace("\\", "/").replace('"', '\\"')
    return '"' + text.replace("\n", "\\n") + '"'


def label_of(names, pid):
    name = names.get(pid) or "pid"
    return f"{name}.{pid}"


def chart_processes(names, steps, keep_all):
    """The lifelines: every spawned process with --all, else those that
    send, receive or wait; in spawn order."""
    if keep_all:
        return list(names)
    used = set()
    for s in steps:
        if s.kind in ("message", "blocked", "take", "error", "note", "lost"):
            used.add(s.a)
            if s.b:
                used.add(s.b)
    return [pid for pid in names if pid in used]


def step_text(step, names):
    """The label of one step that is drawn as a box."""
    partner = "ANY" if step.b == 0 else label_of(names, step.b)
    if step.kind == "blocked":
        if step.why == "send":
            return f"blocked: send to {partner}"
        if step.why == "recv":
            return f"blocked: receive from {partner}"
        if step.why == "room":
            return f"blocked: no room in {partner}'s box"
        return f"waits for the reply from {partner}"
    if step.kind == "take":
        if step.why == "box":
            return f"receive from {partner}: taken from the box"
        return f"receive from {partner}: sender queued"
    if step.kind == "note":
        return step.why
    if step.kind == "exit":
        return f"exit {step.status}"
    raise ValueError(step.kind)


def error_label(step, names):
    """'send to B: EDEADLK', 'receive from ANY: ETIMEDOUT', ..."""
    call = {
        "recv": "receive from",
        "send": "send to",
        "request": "request to",
        "post": "post to",
        "datagram": "datagram to",
        "notify": "notify",
    }.get(step.call, "call on")
    partner = "ANY" if step.b == 0 else label_of(names, step.b)
    result = "failed at once" if step.res == "?" else step.res
    return f"{call} {partner}: {result}"


def cycle_text(step, names):
    """'B waits for C, C waits for A' for a refused call's chain."""
    chain = step.cycle[1:]
    return "refused: " + ", ".join(
        f"{label_of(names, x)} waits for {label_of(names, y)}"
        for x, y in zip(chain, chain[1:])
    )


def render_rows(steps, names, ids):
    """The mscgen rows, each with a comment naming the trace lines behind
    it, and the longest label of a box on one lifeline (in characters).
    Boxes on different lifelines at the same tick share a row."""
    rows, tick, widest = [], None, 0
    order = list(ids.values())
    boxes, box_comments = [], []

    def flush():
        if boxes:
            rows.extend(box_comments)
            rows.append("  " + ",\n  ".join(boxes) + ";")
            boxes.clear()
            box_comments.clear()

    for s in steps:
        if s.a not in ids or (s.kind == "message" and s.b not in ids):
            continue
        if s.tick != tick:
            flush()
            tick = s.tick
            rows.append(f'  --- [label="t={tick}"];')
        comment = (
            f"  # {s.source[len('trace| '):] if s.source else ''}".rstrip()
        )
        if s.inferred:
            comment += "  (no event followed: refused before blocking)"
        me = ids[s.a]
        if s.kind in ("blocked", "take", "exit", "note"):
            shape, fill = {
                "blocked": ("rbox", BLOCKED_FILL),
                "take": ("box", ""),
                "exit": ("abox", ""),
                "note": ("note", ""),
            }[s.kind]
            if any(b.startswith(me + " ") for b in boxes):
                flush()  # one box per lifeline in a row
            text = step_text(s, names)
            widest = max(widest, len(text))
            attrs = f"label={quote(text)}"
            if fill:
                attrs += f', textbgcolour="{fill}"'
            boxes.append(f"{me} {shape} {me} [{attrs}]")
            box_comments.append(comment)
            continue
        flush()
        rows.append(comment)
        if s.kind == "lost":
            if s.b in ids and s.b != s.a:
                why = "no room" if s.res != "ok" else "lost"
                label = quote(f"datagram {why}, {s.what}")
                rows.append(
                    f"  {me} -x {ids[s.b]} [label={label}, "
                    f'textcolour="{ERROR_COLOUR}", '
                    f'linecolour="{ERROR_COLOUR}"];'
                )
            continue
        if s.kind == "message":
            arrow = {
                "send": "->",
                "request": "=>",
                "reply": ">>",
                "post": ":>",
            }[s.flavour]
            if s.flavour == "post":
                text = (
                    "notification"
                    if s.code == MSG_NOTIFY
                    else f"datagram, {s.what}"
                    if s.why == "datagram"
                    else f"posted, {s.what}"
                )
            elif s.flavour == "send":
                text = s.what
            else:
                text = f"{s.flavour}, {s.what}"
            rows.append(f"  {me} {arrow} {ids[s.b]} [label={quote(text)}];")
        elif s.kind == "error":
            red = f'textcolour="{ERROR_COLOUR}"'
            label = quote(error_label(s, names))
            if s.b and s.b in ids and s.b != s.a:
                rows.append(
                    f"  {me} -x {ids[s.b]} [label={label}, "
                    f'{red}, linecolour="{ERROR_COLOUR}"];'
                )
            else:
                widest = max(widest, len(error_label(s, names)))
                rows.append(f"  {me} note {me} [label={label}, {red}];")
            if s.cycle:
                # Under the refused arrow, as wide as it: why it was refused.
                ends = sorted((me, ids.get(s.b, me)), key=order.index)
                rows.append(
                    f"  {ends[0]} note {ends[1]} "
                    f"[label={quote(cycle_text(s, names))}, {red}];"
                )
    flush()
    return rows, widest


def make_msc(
    trace, names, steps, *, title="", keep_all=False, max_events=60, header=()
):
    """The mscgen source of a chart of the first max_events events."""
    cut = max(0, len(trace.events) - max_events)
    shown = [s for s in steps if s.index < max_events]
    pids = chart_processes(names, shown, keep_all)
    ids = {pid: f"p{pid}" for pid in pids}
    lines = [f"# {h}" if h else "#" for h in header]
    lines.append("msc {")
    rows, widest = render_rows(shown, names, ids)
    # mscgen gives every lifeline 600 * hscale / n pixels and wraps a label
    # that does not fit; wrapped labels look poor in SVG, so make room.
    column = max(260, 7 * widest + 40)
    hscale = max(1.0, math.ceil(len(pids) * column / 600 * 20) / 20)
    lines.append(f'  hscale = "{hscale:g}", arcgradient = "0";')
    lines.append("")
    if not pids:
        lines.append('  a [label="(no IPC)"];')
        ids_row = "a"
    else:
        lines.append(
            "  "
            + ", ".join(
                f"{ids[p]} [label={quote(label_of(names, p))}]" for p in pids
            )
            + ";"
        )
        ids_row = f"{ids[pids[0]]} note {ids[pids[-1]]}"
    if title:
        lines.append(
            f'  {ids_row} [label={quote(title)}, textbgcolour="#f4f4f4"];'
            if pids
            else f"  --- [label={quote(title)}];"
        )
    lines.extend(rows)
    if cut:
        lines.append(
            f'  --- [label="cut here: {cut} more events not shown '
            f'(--max-events {max_events})", textcolour="{ERROR_COLOUR}"];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- running a test, rendering -----------------------------------------------


def boot_traced(tree, stage, test, seed, kernel=None, extra=""):
    """Boot one test with trace=1 exactly as the grader does (same QEMU and
    kernel command lines, the test's own limits); its serial output."""
    sys.path.insert(0, str(tree))
    try:
        from grader import build, qemu, spec  # the grader's own code
    except ImportError as e:
        raise UsageError(f"cannot load the grader from {tree}: {e}") from None
    if not qemu.have_qemu():
        raise UsageError(
            f"{qemu.qemu_binary()} is not installed; install it with: "
            f"{qemu.INSTALL_QEMU}"
        )
    try:
        labs = spec.load_stage_labs(tree, stage)
    except spec.SpecError as e:
        raise UsageError(str(e)) from None
    found = [t for lab in labs for t in lab.tests if t.name == test]
    # A program no tests.toml names (the demos) boots with the defaults.
    spec_test = (
        found[0] if found else spec.Test(lab=stage, name=test, points=0)
    )
    if extra:
        spec_test = dataclasses.replace(spec_test, args=extra)
    if kernel is not None:
        kernel = Path(kernel).resolve()  # QEMU runs in a scratch directory
        if not kernel.is_file():
            raise UsageError(f"no such kernel: {kernel}")
    else:
        try:
            kernel = build.build_kernel(tree, stage)
        except build.BuildError as e:
            raise UsageError(f"{e}\n" + "\n".join(e.log)) from None
    words = qemu.kernel_words(
        test, seed, spec_test.limit, spec_test.args, trace=True
    )
    cmd = qemu.command(Path(kernel), "kernel", spec_test.mem, words)
    with tempfile.TemporaryDirectory(prefix="trace-") as tmp:
        boot = qemu.run_boot(cmd, spec_test.wall, cwd=tmp)
    ending = {
        qemu.EXIT_DONE: "",
        qemu.EXIT_PANIC: "the kernel panicked",
        qemu.EXIT_TIMEOUT: "the guest-time limit was reached",
        qemu.EXIT_RESET: "the machine reset (triple fault?)",
    }
    problem = (
        "the wall-clock backstop killed QEMU"
        if boot.wall_fired
        else "QEMU was killed: too much output"
        if boot.flooded
        else ending.get(
            boot.exit_code, f"QEMU exited with status {boot.exit_code}"
        )
    )
    if problem:
        print(
            f"trace: note: {problem}; charting what was printed",
            file=sys.stderr,
        )
        for line in boot.stderr.strip().splitlines()[-5:]:
            print(f"  qemu: {line}", file=sys.stderr)
    return boot.output


def render(msc_path, out_dir, stem):
    """mscgen -T svg (then the handout's label fix) and -T png. The paths
    written."""
    if shutil.which("mscgen") is None:
        raise UsageError(
            f"mscgen is not installed; install it with: {INSTALL_MSCGEN} "
            f"(the chart source is {shown_path(msc_path)})"
        )
    svg, png = out_dir / f"{stem}.svg", out_dir / f"{stem}.png"
    raw = out_dir / f"{stem}.raw.svg"
    for kind, dest in (("svg", raw), ("png", png)):
        done = subprocess.run(
            ["mscgen", "-T", kind, "-o", str(dest), str(msc_path)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0 or not dest.exists():
            raise RenderError(
                f"mscgen -T {kind} failed on {shown_path(msc_path)}:\n"
                f"{done.stderr.strip()}"
            )
    if MSC_SVG_FIX.exists():
        fixed = subprocess.run(
            [sys.executable, str(MSC_SVG_FIX), str(raw), str(svg)],
            capture_output=True,
            text=True,
        )
        if fixed.returncode == 0:
            raw.unlink()
        else:
            raw.replace(svg)
    else:
        raw.replace(svg)
    return [svg, png]


class RenderError(Exception):
    """mscgen could not draw the chart."""


def shown_path(path):
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


# --- the command line --------------------------------------------------------


def parser():
    p = argparse.ArgumentParser(
        prog="tools/trace.py",
        description="Boot one test with trace=1 (or read a saved serial log) "
        "and draw its messages as a sequence chart (mscgen: .msc, .svg, "
        ".png).",
        epilog="Figures of the handout: tools/trace.py --figure NAME|all, "
        "with NAME one of " + ", ".join(FIGURES) + ".",
    )
    p.add_argument("--test", metavar="NAME", help="the test (program) to boot")
    p.add_argument(
        "--stage",
        type=int,
        metavar="N",
        help="the stage to build and boot (default: the highest present)",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=None,
        metavar="S",
        help="the seed (default 1)",
    )
    p.add_argument(
        "--log", metavar="FILE", help="read this serial log instead of booting"
    )
    p.add_argument(
        "--kernel", metavar="ELF", help="boot this kernel, do not build one"
    )
    p.add_argument(
        "--out", metavar="DIR", help="where to write (default build/trace)"
    )
    p.add_argument(
        "--max-events",
        type=int,
        default=60,
        metavar="N",
        help="chart at most the first N events (default 60)",
    )
    p.add_argument(
        "--all",
        action="store_true",
        help="keep processes that never take part in IPC",
    )
    p.add_argument(
        "--title", metavar="TEXT", help="a title across the top of the chart"
    )
    p.add_argument(
        "--msc-only", action="store_true", help="write the .msc, do not render"
    )
    p.add_argument(
        "--figure",
        metavar="NAME",
        help="regenerate a handout figure (or 'all') from its demo program",
    )
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        if args.max_events < 1:
            raise UsageError("--max-events must be at least 1")
        if args.seed is not None and not 0 <= args.seed < 2**32:
            raise UsageError("a seed is in 0..4294967295")
        if args.figure and (args.test or args.stage or args.seed is not None):
            raise UsageError(
                "--figure fixes the test, stage and seed: "
                "do not give them too"
            )
        if args.figure:
            return figure_main(args)
        return chart_main(args)
    except UsageError as e:
        print(f"trace: {e}", file=sys.stderr)
        return 2
    except RenderError as e:
        print(f"trace: {e}", file=sys.stderr)
        return 1


def read_serial(args, test, stage, seed, extra=""):
    """The serial output: from --log, or from a traced boot (with extra
    kernel command-line words)."""
    if args.log:
        try:
            return Path(args.log).read_text(encoding="utf-8", errors="replace")
        except OSError as e:
            raise UsageError(f"cannot read {args.log}: {e.strerror}") from None
    return boot_traced(KIT_ROOT, stage, test, seed, args.kernel, extra)


def default_stage():
    stages = [
        int(m.group(1))
        for d in (KIT_ROOT / "labs").glob("lab*-*")
        if (m := re.match(r"lab(\d+)-", d.name))
    ]
    return max(stages, default=2)


def chart_main(args):
    if not args.test and not args.log:
        raise UsageError("give --test NAME (boot it) or --log FILE (read it)")
    stage = args.stage or default_stage()
    seed = 1 if args.seed is None else args.seed
    if not args.log and stage < 2:
        raise UsageError(
            "IPC tracing begins with stage 2 (--stage 2 or later)"
        )
    text = read_serial(args, args.test, stage, seed)
    trace = parse_trace(text)
    test = args.test or trace.test or Path(args.log).stem
    seed_text = (
        str(args.seed) if args.seed is not None else (trace.seed or str(seed))
    )
    out = Path(args.out) if args.out else KIT_ROOT / "build" / "trace"
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{safe_name(test)}-seed{safe_name(seed_text)}"
    log_path = None
    if not args.log:
        log_path = out / f"{stem}.log"
        log_path.write_text(text, encoding="utf-8")
    how = (
        f"tools/trace.py --log {args.log}"
        if args.log
        else f"tools/trace.py --stage {stage} --test {test} --seed {seed}"
    )
    header = [
        f"{stem}.msc: the messages of test {test}, seed {seed_text}, "
        "drawn from the kernel's trace=1 lines.",
        f"Made by: {how}",
    ]
    return write_chart(
        trace, out, stem, args, args.title or "", header, log_path=log_path
    )


def safe_name(text):
    return re.sub(r"[^A-Za-z0-9_.-]", "_", text) or "trace"


def write_chart(
    trace, out, stem, args, title, header, msc_path=None, log_path=None
):
    """Report the trace's problems, write the .msc, render it; the status."""
    for bad in trace.malformed:
        print(
            f"trace: line {bad.line}: ignored a malformed trace line "
            f"({bad.why}): {bad.text[:100]}",
            file=sys.stderr,
        )
    if not trace.events:
        print(
            "trace: the output holds no trace lines: does this stage trace IPC "
            "(stage 2 or later), and did the test start?",
            file=sys.stderr,
        )
        return 1
    if trace.malformed:
        header = [
            *header,
            f"{len(trace.malformed)} malformed trace lines were ignored.",
        ]
    names, steps = analyse(trace.events)
    msc = make_msc(
        trace,
        names,
        steps,
        title=title,
        keep_all=args.all,
        max_events=args.max_events,
        header=header,
    )
    msc_path = msc_path or out / f"{stem}.msc"
    msc_path.parent.mkdir(parents=True, exist_ok=True)
    msc_path.write_text(msc, encoding="utf-8")
    print(
        f"trace: {len(trace.events)} events"
        + (
            f" (charted the first {args.max_events})"
            if len(trace.events) > args.max_events
            else ""
        )
        + (
            f", {len(trace.malformed)} malformed lines ignored"
            if trace.malformed
            else ""
        )
    )
    if log_path:
        print(f"  serial log:   {shown_path(log_path)}")
    print(f"  chart source: {shown_path(msc_path)}")
    if args.msc_only:
        return 0
    for path in render(msc_path, out, stem):
        print(f"  rendered:     {shown_path(path)}")
    return 0


def figure_main(args):
    names = list(FIGURES) if args.figure == "all" else [args.figure]
    unknown = [n for n in names if n not in FIGURES]
    if unknown:
        raise UsageError(
            f"no figure {unknown[0]!r}; the figures are: "
            + ", ".join(FIGURES)
            + " (or all)"
        )
    if args.log and len(names) > 1:
        raise UsageError("--log holds one run: give one --figure with it")
    status = 0
    for name in names:
        fig = FIGURES[name]
        text = read_serial(args, fig.test, fig.stage, fig.seed, fig.args)
        trace = parse_trace(text)
        out = Path(args.out) if args.out else KIT_ROOT / "build" / "trace"
        out.mkdir(parents=True, exist_ok=True)
        header = [
            f"{name}.msc: {fig.title}.",
            "Drawn by tools/trace.py from the kernel's IPC trace (trace=1) of",
            f"the demo program {fig.test}, stage {fig.stage}, seed {fig.seed}"
            + (f", with {fig.args}" if fig.args else "")
            + ". "
            "Do not edit; regenerate with:",
            f"    python3 tools/trace.py --figure {name}",
        ]
        # With --out, everything goes there (tests compare it with the
        # committed source); else the .msc replaces the committed one.
        msc_path = (
            out / f"{name}.msc"
            if args.out
            else KIT_ROOT / fig.dir / f"{name}.msc"
        )
        print(f"figure {name}:")
        status = max(
            status,
            write_chart(
                trace, out, name, args, args.title or "", header, msc_path
            ),
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
