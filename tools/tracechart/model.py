"""model.py: what happened in a traced run. The events are replayed, keeping
what the kernel kept (who is blocked on whom, which call of each process
has not shown its outcome yet, which posted messages are still in flight),
and turned into the steps of a chart, one row each."""

from dataclasses import dataclass

from .events import (
    ASYNC_EVENTS,
    CALL_EVENTS,
    CODE_NAMES,
    FAULT_TEXT,
    IPC_EVENTS,
    MSG_BIG,
    PORT_EVENTS,
)

# lab 4's flags (lib/ports.h), to describe what port-new and mbox-new made
PORT_SET = 2
MBOX_SEND, MBOX_RECV, MBOX_PRIO, MBOX_BROADCAST = 1, 2, 4, 8


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


def label_of(names, pid):
    """A lifeline's name: "client.3" for a process; a mailbox has a
    lifeline of its own, under the negative of its number."""
    if pid < 0:
        return names.get(pid) or f"mbox {-pid}"
    name = names.get(pid) or "pid"
    return f"{name}.{pid}"


def mbox_key(number):
    """The lifeline key of mailbox 'number'."""
    return -number


@dataclass
class Step:
    """One row of the chart.

    kind: "message" (arrow a -> b; flavour send, request, reply, post;
                     lab 4: to-mbox, from-mbox, with b or a a mailbox's
                     lifeline),
          "blocked" (a waits; why = send, recv, reply, room, on b; 0:
                     ANY),
          "take" (a's receive found a sender queued and took its message),
          "error" (a's call on b failed with res; cycle: the chain of waits
                   that made the kernel refuse it, when inferred),
          "exit" (a ended with status),
          "note" (a posted, notified, or the channel did something to its
                  datagram: the text in why),
          "lost" (a's datagram to b was dropped; lab 4: a message of a
                  revoked sender dropped at a port, or a broadcast copy
                  pushed out of a slow subscriber's queue),
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
    port: int | None = None  # lab 4: the port or set it went through
    is_set: bool = False  # lab 4: that port is a port set
    mbox: int | None = None  # lab 4: the mailbox it concerns
    big: int | None = None  # lab 5: its region's bytes, when big
    mode: str = ""

    @property
    def what(self) -> str:
        return msg_text(self.code, self.w0, self.big, self.mode)

    @property
    def via(self) -> str:
        """' via port 1025' when the step went through a port."""
        return f" via port {self.port}" if self.port else ""


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
        self.sets = set()  # lab 4: the numbers of port sets

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
            elif e.ev in PORT_EVENTS:
                self.add("note", index, e, why=self.port_note(e))
            elif e.ev.startswith("mbox-") or e.ev.startswith("lost"):
                self.mailbox(index, e)
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
                    "post": (
                        f"post via port {e.port}"  # its code shows later
                        if e.port
                        else f"post to {to}, {text}"
                    ),
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
            elif e.ev == "deliver" and e.mbox:
                self.taken_from_mailbox(index, e)
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
        what.setdefault("port", e.port)
        what.setdefault("is_set", e.port in self.sets)
        what.setdefault("mbox", e.mbox)
        step = Step(kind, index, e.tick, e.a, source=e.text, **what)
        self.steps.append(step)
        return step

    # --- lab 4 ------------------------------------------------------------

    def port_note(self, e):
        """The note for a port's life: made, gone, a grant, a join."""
        kind = "port set" if e.port in self.sets else "port"
        who = label_of(self.names, e.b) if e.b else ""
        if e.ev == "port-new":
            if e.code & PORT_SET:
                self.sets.add(e.port)
                return f"new port set {e.port}"
            return f"new port {e.port}, " + (
                "open" if e.code & 1 else "closed"
            )
        if e.ev == "port-gone":
            return f"{kind} {e.port} gone"
        if e.ev == "grant":
            return f"{e.port}: " + (f"grant {who}" if who else "open to all")
        if e.ev == "revoke":
            return f"{e.port}: " + (f"revoke {who}" if who else "closed")
        if e.code:
            return f"{e.port} joins set {e.code}"
        return f"{e.port} leaves its set"

    def mailbox(self, index, e):
        """A mailbox event: its life, a send into it, a receive from it, a
        subscriber's copy lost."""
        box = mbox_key(e.mbox)
        if e.ev == "mbox-new":
            order = (
                "broadcast"
                if e.code & MBOX_BROADCAST
                else "priority"
                if e.code & MBOX_PRIO
                else "FIFO"
            )
            self.names[box] = f"mbox {e.mbox} ({order})"
        self.names.setdefault(box, "")
        if e.ev in ("mbox-new", "mbox-open"):
            mode = {MBOX_SEND: "send", MBOX_RECV: "recv"}.get(
                e.code & 3, "both"
            )
            verb = "creates" if e.ev == "mbox-new" else "opens"
            self.add("note", index, e, why=f"{verb} {e.mbox}: {mode}")
        elif e.ev == "mbox-close":
            self.add("note", index, e, why=f"closes mbox {e.mbox}")
        elif e.ev == "mbox-gone":
            self.add("note", index, e, why=f"mbox {e.mbox} gone")
        elif e.ev == "mbox-send":
            self.settle(e.a, refused=True)
            self.last_call[e.a] = e.ev
            self.add(
                "message",
                index,
                e,
                b=box,
                code=e.code,
                flavour="to-mbox",
                w0=e.w0,
            )
        elif e.ev == "mbox-recv":
            self.settle(e.a, refused=True)
            self.last_call[e.a] = e.ev
            self.pending[e.a] = self.add("call", index, e, call=e.ev)
        elif e.ev == "lost":
            self.add("lost", index, e, b=e.b, code=e.code, w0=e.w0)
            self.steps[-1].a, self.steps[-1].why = box, label_of(
                self.names, e.a
            )
        else:  # lost-report
            self.add("note", index, e, why=f"told: {e.w0} lost")

    def taken_from_mailbox(self, index, e):
        """A message from e.a, taken from mailbox e.mbox by e.b."""
        if self.pending.get(e.b) is not None:
            self.settle(e.b)  # its receive found the message there
        self.waiting.pop(e.b, None)
        step = self.add(
            "message",
            index,
            e,
            b=e.b,
            code=e.code,
            flavour="from-mbox",
            w0=e.w0,
            why=label_of(self.names, e.a),
        )
        step.a = mbox_key(e.mbox)

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
        (or a big one, lab 5: it always has w0) to a process waiting for
        the sender's reply is that reply."""
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
