"""Lab 4 oracles: what the port and mailbox tests must print, computed
from the seed with the kit's generator (see lab 1's oracle.py for the
contract). The rules they simulate are those of kernel/ipc/port.h and
kernel/ipc/mbox.h: a port holds PORT_SLOTS posted messages, POST_QUOTA
of them per sender, and takes everything in arrival order; a mailbox
holds MBOX_SLOTS, POST_QUOTA per sender, in FIFO or priority order; a
broadcast subscriber's queue holds MBOX_SUB_SLOTS copies, MBOX_SUB_QUOTA
per sender."""
from __future__ import annotations

import re

from grader.expect import lines_in_order
from grader.prng import Rng

PORT_SLOTS = 32
POST_QUOTA = 8
MBOX_SLOTS = 32
MBOX_SUB_SLOTS = 8
MBOX_SUB_QUOTA = 4
KINDS = ("post", "send", "request")


def below(rng: Rng, n: int) -> int:
    return rng.next() % n


def ports(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """Six messages drawn from the seed, then three waiting at once."""
    rng, me, wanted = Rng(seed), "ports.1| ", []
    for i in range(6):
        kind, k = below(rng, 3), below(rng, 2)
        code, word = 3 * below(rng, 30) + kind, below(rng, 100000)
        what = f"{me}msg {i}, a {KINDS[kind]} by {'AB'[k]}"
        wanted.append(f"{what}: ok")
        wanted.append(
            f"{what}: code {code}, word {word}, through the port, "
            f"from {'AB'[k]}"
        )
        if kind == 2:
            wanted.append(f"{what}: respond: ok")
        if kind > 0:
            reply = word * 3 + 1 if kind == 2 else word
            wanted.append(
                f"{what}: the {KINDS[kind]} returned ok, word {reply}"
            )
    w = below(rng, 1000)
    for i, (code, k) in enumerate(((3, "A"), (4, "B"), (6, "A"))):
        wanted.append(
            f"{me}waiting {i}: code {code}, word {w + i}, through the port, "
            f"from {k}"
        )
    return lines_in_order(
        lines,
        wanted,
        first_only=True,
        rule=(
            "a message through a port reaches its owner with the port's "
            "number as port_receive's result and the real sender in "
            "msg.sender (the kernel's, not what the sender wrote); posts "
            "and blocked senders come out in arrival order"
        ),
    )


REFUSED = """\
closed, post: EACCES
closed, send: EACCES
closed, request: EACCES
closed, anything queued: EAGAIN
closed, held: 0
grant {x}: ok
{x} posts: ok
{y} posts: EACCES
granted, first: word {w} from {x}
granted, second: EAGAIN
grant self: ELOOP
grant 99999: ESRCH
grant 0: ESRCH
grant by another: EPERM
grant on a set: EINVAL
grant {x} again: ok
granted 8, the next: ENOSPC
revoke one never granted: ENOENT
revoke ANY, not open: ENOENT
open: ok
open, {y} posts: ok, ok
open, {x} posts: ok
held: 3
close: ok
held after closing: 1
closed again, first: word {w4} from {x}
closed again, second: EAGAIN
closed again, {y} posts: EACCES
revoke {x} while it sends: ok
its send: EACCES
after the revoke: EAGAIN
{y} posted 8, held 8, then waits for room
revoke {y}: ok
its post: EACCES, held: 0
room made, then revoke {y} at once: ok
its post: EACCES, held: 0
others posted 32; {y} waits for room with none of its own there; {z} sends
revoke {y}: ok
its post: EACCES, held: 32
taken: 32 posts, then word {w6} from {z}
{z}'s send: ok
grant {x} again: ok
{x} posts: ok
granted again: word {w5} from {x}
messages held: 0"""


def refused(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """One of nine agents, drawn from the seed, is granted the port."""
    rng = Rng(seed)
    w = below(rng, 10000)
    x = below(rng, 9)
    names = {
        "x": chr(ord("A") + x),
        "y": chr(ord("A") + (x + 1) % 9),
        "w": w,
        "w4": w + 4,
        "w5": w + 5,
        "w6": w + 6,
        "z": chr(ord("A") + (x + 6) % 9),
    }
    wanted = [
        "refused.1| " + line.format(**names) for line in REFUSED.splitlines()
    ]
    return lines_in_order(lines, wanted, first_only=True)


OSDEV = """\
the private port, granted to C only: ok
first receive: through the private port, from C, code 67, word {w67}
waited for C, 5 ticks or more: yes
checkpoint: B has not been received yet
then on the main port: through the main port, from B, code 66, word {w66}
and again: through the main port, from B2, code 68, word {w68}
B's send: ok, B2's post: ok, C's send: ok
receive on the private port while C waits for us: EDEADLK
the main port: through the main port, from C, code 70, word {w70}
C's send: ok
waiting for C, C sends to the main port: ETIMEDOUT
C's send: EDEADLK
anything at the main port: EAGAIN
waiting for C, C exits: EPIPE
B's port, 8 posts of ours there, B waits for us: a post waiting for room: \
EDEADLK
B's receive: ok
ports: 0, messages held: 0"""


def osdev(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng = Rng(seed)
    words = {f"w{k}": below(rng, 1000) for k in (66, 67, 68, 70)}
    wanted = [
        "osdev.1| " + line.format(**words) for line in OSDEV.splitlines()
    ]
    return lines_in_order(
        lines,
        wanted,
        first_only=True,
        rule=(
            "a receive on the private port must take C's message only: B's "
            "send and B2's post to the main port stay queued there, in "
            "arrival order; a private port's owner waits for its one "
            "sender (EDEADLK both ways, EPIPE when it exits)"
        ),
    )


def grants_schedule(seed: int) -> list[tuple[int, int]]:
    """grants.c's steps: (op, k) as drawn; op 0 grant, 1 revoke, 2-3
    receive, 4 pause, 5 open or close."""
    rng = Rng(seed)
    return [(below(rng, 6), below(rng, 3)) for _ in range(50)]


def grants(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """Replay the owner's timeline: who may send at each moment, and what
    came; then hold it against each grantee's account of its tries."""
    me = "grants.1| "
    mine = [ln[len(me) :] for ln in lines if ln.startswith(me)]
    # The steps that print (grant, revoke, open, close) in the order drawn.
    expected, is_open = [], False
    for op, k in grants_schedule(seed):
        if op == 0:
            expected.append(("grant", k))
        elif op == 1:
            expected.append(("revoke", k))
        elif op == 5:
            is_open = not is_open
            expected.append(("open" if is_open else "close", None))
    if not is_open:
        expected.append(("open", None))
    granted: set[int] = set()
    is_open, step = False, 0
    got: dict[int, list[tuple[int, int]]] = {0: [], 1: [], 2: []}
    disallowed: dict[int, list[int]] = {0: [], 1: [], 2: []}
    problems = []
    for at, text in enumerate(mine):
        m = re.fullmatch(r"(grant|revoke) (\d): (\w+)", text) or re.fullmatch(
            r"(open|close): (\w+)", text
        )
        if m:
            what = m.group(1)
            k = int(m.group(2)) if what in ("grant", "revoke") else None
            result = m.group(3) if k is not None else m.group(2)
            if step >= len(expected) or expected[step] != (what, k):
                return [
                    f"step {step}: expected {expected[step:step + 1]}, "
                    f"the test printed '{text}' (the schedule is drawn "
                    "from the seed)"
                ]
            step += 1
            before = {j for j in range(3) if is_open or j in granted}
            if what == "grant":
                want = "ok"
                granted.add(k)
            elif what == "revoke":
                want = "ok" if k in granted else "ENOENT"
                granted.discard(k)
            elif what == "open":
                want, is_open = "ok", True
            else:
                want, is_open = ("ok" if is_open else "ENOENT"), False
            if result != want:
                problems.append(f"'{text}': expected {want}")
            for j in before - {j for j in range(3) if is_open or j in granted}:
                disallowed[j].append(at)
            continue
        m = re.fullmatch(r"got (\d) seq (\d+)", text)
        if m:
            k, s = int(m.group(1)), int(m.group(2))
            if not (is_open or k in granted):
                problems.append(
                    f"'{text}': grantee {k} may not send at that moment, "
                    "and whatever it queued before was to be dropped"
                )
            got[k].append((s, at))
        elif "(who?)" in text:
            problems.append(f"'{text}': the sender is not who it says")
    if step != len(expected):
        problems.append("the schedule did not run to its end")
    for k in range(3):
        seqs = [s for s, _ in got[k]]
        if seqs != sorted(set(seqs)):
            problems.append(
                f"grantee {k}'s messages came out of order or twice: {seqs}"
            )
        pat = re.compile(rf"^grantee\.\d+\| grantee {k}: ([oATEIN?]+)$")
        tries = [m.group(1) for ln in lines if (m := pat.match(ln))]
        if not tries or len(tries[0]) != 25:
            problems.append(f"expected grantee {k}'s line of 25 results")
            continue
        if tries[0][24] != "o" or 24 not in dict(got[k]):
            problems.append(
                f"grantee {k}'s last send, made to wait for as long as it "
                "takes while the port is opened at the end, was not "
                "delivered"
            )
        received = dict(got[k])
        for i, res in enumerate(tries[0]):
            kind = "send" if i % 2 == 0 else "post"
            if res != "o" and i in received:
                problems.append(
                    f"grantee {k}'s {kind} {i} failed ({res}) but was "
                    "received"
                )
            if res == "o" and kind == "send" and i not in received:
                problems.append(
                    f"grantee {k}'s send {i} returned 0 but was never "
                    "received"
                )
            if res == "o" and kind == "post" and i not in received:
                # It must have been dropped by a revoke after the last of
                # the grantee's messages received before it.
                earlier = [a for s, a in got[k] if s < i]
                later = [a for s, a in got[k] if s > i]
                lo = max(earlier, default=-1)
                hi = min(later, default=len(mine))
                if not any(lo < a < hi for a in disallowed[k]):
                    problems.append(
                        f"grantee {k}'s post {i} was accepted, never "
                        "received, and no revoke dropped it"
                    )
            if res not in "oATE":
                problems.append(
                    f"grantee {k}'s try {i} ended with '{res}' (o, A, T or "
                    "E expected)"
                )
    if "messages held: 0" not in mine:
        problems.append("expected the line 'messages held: 0'")
    return problems


class Port:
    """A port as the kernel must keep it: posts and blocked senders in one
    arrival order, PORT_SLOTS posts, POST_QUOTA from one sender."""

    def __init__(self) -> None:
        self.items: list[tuple] = []  # (stamp, sender, what...)

    def post(self, stamp, sender, *what) -> str:
        posts = [it for it in self.items if it[2] == "post"]
        mine = sum(1 for it in posts if it[1] == sender)
        if len(posts) >= PORT_SLOTS or mine >= POST_QUOTA:
            return "EAGAIN"
        self.items.append((stamp, sender, "post", *what))
        return "ok"

    def send(self, stamp, sender, *what, kind="send") -> None:
        self.items.append((stamp, sender, kind, *what))


def select(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng, me, wanted = Rng(seed), "select.1| ", []
    ports = [Port() for _ in range(64)]
    members = set(range(63))
    sends = 0
    for e in range(40):
        if e == 30:
            wanted.append(f"{me}port 63 joins: ok")
            members.add(63)
        kind, k = below(rng, 10), below(rng, 4)
        i = 63 if kind == 9 else below(rng, 64)
        if kind == 8:
            ports[i].send(e, "sender", 2000 + i, e)
            wanted.append(f"{me}event {e}: a send to port {i}")
            sends += 1
        else:
            res = ports[i].post(e, k, 1000 + i, e)
            wanted.append(f"{me}event {e}: a post to port {i} by {k}: {res}")
    wanted.append(f"{me}port 5 leaves: ok")
    members.discard(5)
    waiting = sorted(
        (it[0], p, it[3], it[4]) for p in members for it in ports[p].items
    )
    for _, p, code, word in waiting:
        wanted.append(f"{me}set: port {p}, code {code}, word {word}")
    wanted.append(f"{me}set: EAGAIN")
    for it in ports[5].items:
        wanted.append(f"{me}alone: port 5, code {it[3]}, word {it[4]}")
    wanted.append(f"{me}alone: EAGAIN")
    wanted.append(f"{me}sends delivered: {sends} of {sends}")
    problems = lines_in_order(
        lines,
        wanted,
        first_only=True,
        rule=(
            "a receive on a set takes the oldest message among all its "
            "ports (a port that joins brings its messages along, in their "
            "places; one that leaves takes its own with it)"
        ),
    )
    if problems:
        return problems
    # One port flooded, the other not: the takes, in arrival order.
    a, b, stamp, refused, wanted = Port(), Port(), 0, 0, []
    for i in range(200):
        op = below(rng, 10)
        if op < 6:
            refused += a.post(i, i % 4, "A", i) != "ok"
        elif op < 8:
            wanted.append(f"{me}fair {i}: a post to B: {b.post(i, 0, 'B', i)}")
        else:
            heads = [q for q in (a, b) if q.items]
            if not heads:
                wanted.append(f"{me}fair {i}: took nothing: EAGAIN")
                continue
            q = min(heads, key=lambda q: q.items[0][0])
            it = q.items.pop(0)
            wanted.append(f"{me}fair {i}: took {it[3]} word {it[4]}")
    wanted.append(f"{me}fair: posts to A refused: {refused}")
    return lines_in_order(
        lines,
        wanted,
        first_only=True,
        rule=(
            "B's messages must not wait behind A's that came after them: "
            "take the oldest message of the whole set (a ready list in "
            "arrival order), not the first port that has one"
        ),
    )


def mixed(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng, me, wanted = Rng(seed), "mixed.1| ", []
    port, busy = Port(), [False] * 6
    last = [("ok", 0)] * 6
    kinds = ("post", "send", "request")

    def take():
        if not port.items:
            wanted.append(f"{me}take: EAGAIN")
            return False
        _, k, kind, code, word = port.items.pop(0)
        wanted.append(f"{me}take: a {kind} by {k}, code {code}, word {word}")
        if kind != "post":
            busy[k] = False
            last[k] = ("ok", word + 1000 if kind == "request" else word)
        return True

    for e in range(24):
        kind, k, word = below(rng, 4), below(rng, 6), below(rng, 1000)
        for _ in range(6):
            if not busy[k]:
                break
            k = (k + 1) % 6
        if kind == 3 or busy[k]:
            take()
            continue
        code = 10 * kind + k
        if kind == 0:
            res = port.post(e, k, code, word)
            wanted.append(f"{me}post by {k}: {res}")
            last[k] = (res, word)
        else:
            port.send(e, k, code, word, kind=kinds[kind])
            busy[k] = True
            wanted.append(f"{me}{kinds[kind]} by {k}: blocked")
    while take():
        pass
    for k in range(6):
        wanted.append(
            f"{me}agent {k}: last call {last[k][0]}, word {last[k][1]}"
        )
    return lines_in_order(
        lines,
        wanted,
        first_only=True,
        rule=(
            "posts and blocked senders share one arrival order at a port: "
            "stamp both from the same counter and take the oldest; a "
            "request that is taken waits for the owner's respond"
        ),
    )


class Mailbox:
    """A FIFO or priority mailbox as the kernel must keep it."""

    def __init__(self, prio: bool) -> None:
        self.prio = prio
        self.queue: list[tuple] = []  # (priority, sender, word)

    def send(self, sender, prio, word) -> str:
        mine = sum(1 for q in self.queue if q[1] == sender)
        if len(self.queue) >= MBOX_SLOTS or mine >= POST_QUOTA:
            return "EAGAIN"
        at = len(self.queue)
        if self.prio:  # after every message of the same or higher priority
            at = next((i for i, q in enumerate(self.queue) if q[0] < prio), at)
        self.queue.insert(at, (prio, sender, word))
        return "ok"


def mailbox(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng, me, wanted = Rng(seed), "mailbox.1| ", []
    for how, n, prio in (("fifo", 30, False), ("prio", 16, True)):
        box = Mailbox(prio)
        for i in range(n):
            k, p, word = below(rng, 3), below(rng, 4), below(rng, 10000)
            res = box.send(k, p, word)
            wanted.append(f"{me}{how} {i}: producer {k}, priority {p}: {res}")
        while True:
            j = below(rng, 4)
            if not box.queue:
                wanted.append(f"{me}consumer {j}: EAGAIN")
                break
            _, k, word = box.queue.pop(0)
            wanted.append(
                f"{me}consumer {j} took word {word}, code {100 + k}, from "
                f"producer {k}"
            )
    order = [0, 1, 2, 3]
    for i in range(3, 0, -1):
        j = below(rng, i + 1)
        order[i], order[j] = order[j], order[i]
    wanted += [f"{me}consumer {j} waits" for j in order]
    wanted += [
        f"{me}consumer {j} got: ok, word {500 + order.index(j)}"
        for j in range(4)
    ]
    return lines_in_order(
        lines,
        wanted,
        first_only=True,
        rule=(
            "a FIFO mailbox gives its oldest message to whichever receiver "
            "asks, a priority mailbox its highest priority one (FIFO among "
            "equal priorities); 32 messages at most, 8 from one sender; "
            "receivers that wait are served in the order they came"
        ),
    )


class Subscriber:
    """A broadcast subscriber's queue, with the slow-subscriber policy."""

    def __init__(self) -> None:
        self.queue: list[tuple] = []  # (sender, word)
        self.lost = 0

    def put(self, sender, word) -> None:
        mine = [i for i, q in enumerate(self.queue) if q[0] == sender]
        if len(mine) >= MBOX_SUB_QUOTA:
            del self.queue[mine[0]]  # its sender's oldest copy
            self.lost += 1
        elif len(self.queue) >= MBOX_SUB_SLOTS:
            del self.queue[0]  # the oldest copy
            self.lost += 1
        self.queue.append((sender, word))

    def drain(self, name: str, me: str) -> list[str]:
        out = []
        if self.lost:
            out.append(f"{me}{name}: lost {self.lost}, said the kernel")
            self.lost = 0
        out += [f"{me}{name}: word {w} from {s}" for s, w in self.queue]
        self.queue = []
        return out + [f"{me}{name}: EAGAIN"]


def broadcast(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng, me = Rng(seed), "broadcast.1| "
    wanted = [f"{me}subscribed: ok ok ok, P opens to send: ok"]
    f1, f2, slow = Subscriber(), Subscriber(), Subscriber()
    for i in range(24):
        sender = "P" if below(rng, 2) else "T"
        word = below(rng, 10000)
        wanted.append(f"{me}send {i} by {sender}: ok")
        for sub in (f1, f2, slow):
            sub.put(sender, word)
        s, w = f1.queue.pop(0)
        wanted.append(f"{me}F1: word {w} from {s}")
        if i % 2:
            wanted += f2.drain("F2", me)
    held = len(f1.queue) + len(f2.queue) + len(slow.queue)
    wanted.append(f"{me}held: {held}")
    wanted += slow.drain("S", me)
    return lines_in_order(
        lines,
        wanted,
        first_only=True,
        rule=(
            "each subscriber has its own queue of 8 copies, 4 at most from "
            "one sender: a copy that does not fit pushes out the sender's "
            "oldest there (or the oldest of all), the subscriber's lost "
            "count goes up, and its next receive is a MSG_LOST report"
        ),
    )


LIFETIMES = {
    0: """\
port: 2 blocked senders, 8 posts and a poster waiting for room; held 8
port: destroy: ok
port: send EIDRM, request EIDRM, post EIDRM; held 0""",
    1: """\
taken: yes
taken: destroy: ok
taken: respond: ok
taken: the request: ok, word 99""",
    2: """\
owner exits: taken request EPIPE, send EIDRM, request EIDRM
owner exits: the port now: EBADF""",
    3: """\
mailbox: opened yes
mailbox: destroyed by a holder: ok
mailbox: the receives: EIDRM, EIDRM; mailboxes 0
mailbox: we hold it no more: EBADF
full mailbox: 16 sent, held 16
full mailbox: destroy: ok
full mailbox: the send waiting for room: EIDRM, held 0""",
    4: """\
subscriber: destroy: ok
subscriber: its receive: EIDRM""",
    5: """\
last holder: we close: ok, alive 1, held 5
last holder: it closes: ok, alive 0, held 0
last holder: open it again: EBADF
last holder exits: alive 0, held 0""",
    6: """\
set: destroy: ok
set: then the port: yes, word 33""",
    7: """\
reused: the send: EIDRM
reused: the new port: EAGAIN""",
    8: """\
room made, the port destroyed at once: ok
room made: the post: EIDRM, held 0
room made, the mailbox destroyed at once: ok
room made: the send: EIDRM, held 0, mailboxes 0""",
}


def lifetimes(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """The scenarios in the order drawn from the seed, each one's lines."""
    rng, me = Rng(seed), "lifetimes.1| "
    order = list(range(len(LIFETIMES)))
    for i in range(len(order) - 1, 0, -1):
        j = below(rng, i + 1)
        order[i], order[j] = order[j], order[i]
    wanted = []
    for s in order:
        wanted.append(f"{me}scenario {s}")
        wanted += [me + line for line in LIFETIMES[s].splitlines()]
    wanted.append(f"{me}ports 0, mailboxes 0, held 0")
    return lines_in_order(lines, wanted, first_only=True)


def stale(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rounds, me = 2 + below(Rng(seed), 7), "stale.1| "
    dead = "EBADF"
    wanted = [
        f"{me}{rounds} ports made and destroyed; the new one got: EAGAIN, "
        "held 0"
    ]
    for i in range(rounds):
        wanted += [
            f"{me}old port {i}: send {dead}, post {dead}, request {dead}",
            f"{me}old port {i}: receive {dead}, grant {dead}, revoke {dead}, "
            f"join {dead}, destroy {dead}",
            f"{me}old port {i}: same slot as the live one: yes, same number: "
            "no",
        ]
    wanted.append(
        f"{me}{rounds} mailboxes made and destroyed; the new one got: "
        "EAGAIN, held 0"
    )
    wanted += [
        f"{me}old mailbox {i}: open {dead}, send {dead}, receive {dead}, "
        f"close {dead}, destroy {dead}"
        for i in range(rounds)
    ]
    return lines_in_order(
        lines,
        wanted,
        first_only=True,
        rule=(
            "a number names one object: when it dies, raise its slot's "
            "generation, so that the next object in the slot has another "
            "number and every call on the old one fails with EBADF"
        ),
    )


POST_SENDER_MAX = 64
SHARE_TRIES = 150


def share_tries(seed: int) -> tuple[list[int], int, int, int]:
    """portspam's seeded polls by one sender: to two post boxes (0, 1),
    three ports (2..4), a FIFO mailbox (5), a broadcast mailbox with two
    subscribers (6). Returns the calls accepted of each kind (boxes,
    ports, mailbox, broadcasts), the EAGAINs, the ENOBUFSes and the
    messages held: the sender's share in use."""
    rng = Rng(seed * 31 + 7)
    held: dict[int, int] = {}  # target -> our messages there
    copies = [0, 0]  # our copies in each subscriber's queue
    ok, again, nobufs, used = [0, 0, 0, 0], 0, 0, 0
    for _ in range(SHARE_TRIES):
        t = below(rng, 7)
        if t == 6:  # a copy per subscriber, replacing our own at 4
            need = sum(1 for c in copies if c < MBOX_SUB_QUOTA)
            if need > POST_SENDER_MAX - used:
                nobufs += 1
                continue
            copies = [min(c + 1, MBOX_SUB_QUOTA) for c in copies]
            used += need
            ok[3] += 1
        elif held.get(t, 0) >= POST_QUOTA:
            again += 1  # the quota is checked before the share
        elif used >= POST_SENDER_MAX:
            nobufs += 1
        else:
            held[t] = held.get(t, 0) + 1
            used += 1
            ok[0 if t < 2 else 1 if t < 5 else 2] += 1
    return ok, again, nobufs, used


def portspam(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """The bounds on kernel memory while spammers post: at a port, the
    spammer's quota, one request per client and one reply at each
    client's port; at a mailbox, three senders' quotas. Then one sender's
    share of the pool, over post boxes, ports and mailboxes together: its
    seeded polls replayed, and the top-up that reaches POST_SENDER_MAX."""
    bounds = {
        "peak kernel messages during the port spam": POST_QUOTA + 3 + 3,
        "most kernel messages seen during the mailbox spam": 3 * POST_QUOTA,
    }
    problems = []
    for what, bound in bounds.items():
        pat = re.compile(rf"portspam\.1\| {what}: (\d+)")
        found = [int(m.group(1)) for ln in lines if (m := pat.fullmatch(ln))]
        if not found:
            problems.append(f"expected the line '{what}: N'")
        elif not 0 < found[0] <= bound:
            problems.append(
                f"{what}: {found[0]}; the quotas allow at most {bound} (each "
                f"sender holds at most POST_QUOTA = {POST_QUOTA} messages in "
                "one port or mailbox)"
            )
    ok, again, nobufs, used = share_tries(seed)
    me = "portspam.1| share: "
    wanted = [
        f"{me}{SHARE_TRIES} tries, accepted: boxes {ok[0]}, ports {ok[1]}, "
        f"mailbox {ok[2]}, broadcasts {ok[3]}; EAGAIN {again}, ENOBUFS "
        f"{nobufs}, other 0; held {used}",
        f"{me}{POST_SENDER_MAX - used} more through new ports, then ENOBUFS;"
        f" held {POST_SENDER_MAX} of our {POST_SENDER_MAX}",
    ]
    missing = lines_in_order(lines, wanted)
    if missing:
        problems += missing
        problems.append(
            "one process has at most POST_SENDER_MAX (64) messages waiting "
            "in post boxes, ports and mailboxes together, one count for all "
            "(a broadcast costs one for each copy queued); a full quota is "
            "EAGAIN before the share is looked at, the share is ENOBUFS"
        )
    return problems


def portstress(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """Every call of every client served once: the sum of their x."""
    total = 0
    for k in range(8):
        rng = Rng(seed * 13 + k)
        total += sum(below(rng, 100000) for _ in range(120))
    want = f"portstress.1| sum of the x served: {total & 0xFFFFFFFF}"
    if want in lines:
        return []
    return [f"expected the line '{want}': a call was lost or served twice"]
