"""Lab 3 oracles: what the asynchronous tests must print, computed from
the seed with the kit's generator (see lab 1's oracle.py for the
contract). The post box rules they simulate are those of kernel/ipc/post.h:
POSTBOX_SLOTS messages a box, POST_QUOTA of them per sender, at most
POST_SENDER_MAX waiting from one sender in all boxes, MSG_POOL messages in
all; NPROC processes at most."""
from __future__ import annotations

import re

from grader.expect import lines_in_order
from grader.prng import Rng

POSTBOX_SLOTS = 32
POST_QUOTA = 8
POST_SENDER_MAX = 64
MSG_POOL = 1024
NPROC = 128


class Box:
    """A post box as the kernel must keep it: FIFO, bounded, with quota."""

    def __init__(self) -> None:
        self.queue: list[tuple] = []

    def post(self, sender, item) -> str:
        mine = sum(1 for s, _ in self.queue if s == sender)
        if len(self.queue) >= POSTBOX_SLOTS or mine >= POST_QUOTA:
            return "EAGAIN"
        self.queue.append((sender, item))
        return "ok"

    def take(self, sender=None):
        for i, (s, item) in enumerate(self.queue):
            if sender is None or s == sender:
                return self.queue.pop(i)
        return None


def posts_drawn(rng, box, posters, index, n, wanted, me) -> int:
    """n posts as lab3test.h's posts_drawn makes them: each by a poster
    drawn among the first `posters`, with a word drawn too; the expected
    line of each goes to wanted. Returns the next post's index."""
    for _ in range(n):
        k, word = rng.next() % posters, rng.next() % 1000
        res = box.post(k, (index, word))
        wanted.append(f"{me}post {index} by {k}: {res}")
        index += 1
    return index


def postbox(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng = Rng(seed)
    box, wanted, index = Box(), [], 0
    me = "postbox.1| "

    def posts(n):
        nonlocal index
        index = posts_drawn(rng, box, 5, index, n, wanted, me)

    def takes(n):
        i = 0
        while n < 0 or i < n:
            got = box.take()
            if got is None:
                wanted.append(f"{me}receive: EAGAIN")
                return
            k, (idx, word) = got
            wanted.append(
                f"{me}got post {idx} by {k}, word {word}, sender right"
            )
            i += 1

    posts(45)
    takes(12)
    posts(25)
    takes(-1)
    wanted.append(f"{me}messages held at the end: 0")
    return lines_in_order(lines, wanted, first_only=True)


def selective(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng = Rng(seed)
    box, wanted, index = Box(), [], 0
    me = "selective.1| "

    def posts(n):
        nonlocal index
        index = posts_drawn(rng, box, 3, index, n, wanted, me)

    def shown(how, got):
        if got is None:
            return f"{me}{how}: EAGAIN"
        k, item = got
        if k == "send":
            return f"{me}{how}: a send with code 77, word 847"
        return f"{me}{how}: post {item[0]} by {k}, word {item[1]}"

    posts(10)
    box.queue.append(("send", None))  # the blocked sender, in its place
    posts(8)
    order = [2, 0, 1, 2]
    for i in range(4):
        k = order[(i + rng.next() % 3) % 4]
        wanted.append(shown(f"receive from {k}", box.take(k)))
    while True:
        got = box.take()
        wanted.append(shown("receive from ANY", got))
        if got is None:
            break
    return lines_in_order(
        lines,
        wanted,
        first_only=True,
        rule=(
            "receive(from=X) takes X's oldest message and leaves "
            "the others in order; a sender blocked in send "
            "keeps its place among the posted messages"
        ),
    )


def spam(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """The peak of kernel message memory while one spammer and three
    clients use one server: at most the spammer's quota and the clients'
    requests in the server's box, and one reply in each client's box."""
    bound = POST_QUOTA + 3 + 3
    for line in lines:
        m = re.fullmatch(
            r"spam\.1\| peak kernel messages during the spam: " r"(\d+)", line
        )
        if m:
            peak = int(m.group(1))
            if peak > bound:
                return [
                    f"the kernel held {peak} messages at its peak; "
                    f"the spam rule allows at most {bound} here (the "
                    f"spammer's quota {POST_QUOTA}, 3 requests, 3 "
                    "replies)"
                ]
            return []
    return ["expected the line 'peak kernel messages during the spam: N'"]


def arpc(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """The answers of the calls that must succeed, from the seed's draws
    (arpc.c makes the same ones, in the same order)."""
    rng = Rng(seed)
    rng.next()  # the other process's word
    wanted = []
    for what, used in (
        ("call", True),
        ("call while a client is stuck", True),
        ("slow call", False),
        ("next call", True),
    ):
        x = rng.next() % 100000
        if used:
            wanted.append(
                f"arpc.1| {what}: f({x}) = {(3 * x + 1) & 0xFFFFFFFF}"
            )
    return lines_in_order(lines, wanted)


def _fnv1a(data: bytes) -> int:
    h = 2166136261
    for b in data:
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


def _seed_file(seed: int, nbytes: int) -> bytes:
    """The test file of a transfer: the seed's first words, little-endian
    (as xfer.h, relrecv.c and relsend.c draw it)."""
    rng = Rng(seed)
    words = (nbytes + 3) // 4
    data = b"".join(w.to_bytes(4, "little") for w in rng.words(words))
    return data[:nbytes]


def _file_arrived(who: str, data: bytes, lines: list[str]) -> list[str]:
    """The line saying the whole file arrived, with its checksum."""
    want = f"{who} receiver got {len(data)} bytes, fnv1a {_fnv1a(data):08x}"
    if want in lines:
        return []
    got = [ln for ln in lines if "receiver got" in ln]
    problems = [f"expected the line '{want}'"]
    if got:
        problems.append(
            f"but the test printed '{got[0]}': bytes were lost, "
            "duplicated, reordered or corrupted on the way"
        )
    return problems


def xfer(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """The 64 KiB file is the seed's first 16384 words."""
    name = ctx.get("test", "xfer")
    return _file_arrived(f"{name}.1|", _seed_file(seed, 65536), lines)


def relrecv(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """100 data messages of 44 bytes, posted by the test itself: the file
    is the seed's first 1100 words (the bits flipped are drawn after)."""
    return _file_arrived("relrecv.1|", _seed_file(seed, 4400), lines)


def relsend(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """300 data messages of 44 bytes: the seed's first 3300 words, which
    relpeer (pid 2) reports."""
    return _file_arrived("relpeer.2|", _seed_file(seed, 13200), lines)


def drain(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """A hoarder fills the process table with children (all but the test,
    a client and itself) and posts 1 to 8 (from the seed) to each: only
    POST_SENDER_MAX are accepted, whatever it tries."""
    rng = Rng(seed)
    children = NPROC - 3
    posts = sum(1 + rng.next() % 8 for _ in range(children))
    accepted = min(posts, POST_SENDER_MAX)
    me = "drain.1| "
    wanted = [
        f"{me}hoarder: {children} children that never receive, then the "
        "table was full",
        f"{me}hoarder: {posts} posts: {accepted} accepted, "
        f"{posts - accepted} ENOBUFS, 0 other errors",
        f"{me}held: {accepted} of {MSG_POOL}",
    ]
    return lines_in_order(
        lines,
        wanted,
        rule=(
            f"one process may have at most {POST_SENDER_MAX} messages "
            "waiting in all boxes together; beyond that post fails at "
            "once with ENOBUFS"
        ),
    )


def slotreuse(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """Each poster's first post goes to the test, with the first word it
    draws; the second poster draws after the first's 64."""
    rng = Rng(seed)
    words = [rng.next() % 1000 for _ in range(2 * POST_SENDER_MAX)]
    me = "slotreuse.1| "
    then = f"{me}then the second poster, to us: "
    wanted = [
        f"{me}first poster: 64 of 64 accepted",
        f"{me}its next post to a sink: ENOBUFS",
        f"{me}second poster in the first one's slot: yes",
        f"{me}second poster: 64 of 64 accepted",
        f"{me}its next post to a sink: ENOBUFS",
        f"{me}received from the dead first poster: its message, code 1, "
        f"word {words[0]}",
        f"{then}EAGAIN; to a sink: ENOBUFS",
        f"{me}received from the second poster: its message, code 2, "
        f"word {words[POST_SENDER_MAX]}",
        f"{then}ok; to a sink: ENOBUFS",
        f"{me}left in our box: 15; held after: 0",
    ]
    return lines_in_order(
        lines,
        wanted,
        first_only=True,
        rule=(
            "a sender's quota in a box and its share of the pool belong to "
            "its pid: a new process in a dead sender's slot starts with "
            "none used, and receiving the dead one's messages frees none "
            "of the new one's"
        ),
    )
