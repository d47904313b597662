"""Lab 3 oracles: what the asynchronous tests must print, computed from
the seed with the kit's generator (see lab 1's oracle.py for the
contract). The post box rules they simulate are those of kernel/ipc/post.h:
POSTBOX_SLOTS messages a box, POST_QUOTA of them per sender, MSG_POOL
messages in all."""
from __future__ import annotations

import re

from grader.expect import lines_in_order
from grader.prng import Rng

POSTBOX_SLOTS = 32
POST_QUOTA = 8
MSG_POOL = 1024


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
    problems = lines_in_order(lines, wanted, first_only=True)
    if problems:
        problems.append(
            "receive(from=X) takes X's oldest message and leaves "
            "the others in order; a sender blocked in send "
            "keeps its place among the posted messages"
        )
    return problems


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


def xfer(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """The 64 KiB file is the seed's first 16384 words, little-endian."""
    rng = Rng(seed)
    data = b"".join(rng.next().to_bytes(4, "little") for _ in range(16384))
    name = ctx.get("test", "xfer")
    want = f"{name}.1| receiver got 65536 bytes, fnv1a {_fnv1a(data):08x}"
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
