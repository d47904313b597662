"""Lab 2 oracles: the answers of the rendezvous tests, computed from the
seed with the kit's generator (see lab 1's oracle.py for the contract)."""
from __future__ import annotations

import re

from grader.expect import lines_in_order
from grader.prng import Rng


def pingpong(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng = Rng(seed)
    wanted = []
    for i in range(8):
        x = rng.next() % 100000
        wanted.append(
            f"pingpong.1| ping {i}: send ok, reply from ponger: "
            f"{(3 * x + 1) & 0xFFFFFFFF}"
        )
    return lines_in_order(lines, wanted)


def fifo(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng = Rng(seed)
    order = [1, 2, 3]
    for i in (2, 1):
        j = rng.next() % (i + 1)
        order[i], order[j] = order[j], order[i]
    wanted = [
        f"fifo.1| received {i}: code {c}, word {c * 11}, from a " "sender: yes"
        for i, c in enumerate(order)
    ]
    return lines_in_order(
        lines,
        wanted,
        rule=(
            f"the senders blocked in the order {order}, so "
            "they must be received in that order"
        ),
    )


def waitc(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """A's and B's sends may complete only after the checkpoint: while we
    waited for C, both had to stay blocked."""
    check = "waitc.1| checkpoint: A and B have not been received yet"
    if check not in lines:
        return [f"expected the line '{check}'"]
    at = lines.index(check)
    problems = []
    for name, code in (("A", 65), ("B", 66)):
        done = [
            i
            for i, ln in enumerate(lines)
            if re.fullmatch(
                rf"sender\.\d+\| sender {code}: send delivered", ln
            )
        ]
        if done and done[0] < at:
            problems.append(
                f"{name}'s send completed while we were receiving from C "
                f"only: {name} must stay queued until its message is taken"
            )
    return problems


def killwait(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """The queue of senders: which one was killed, and that the others'
    messages, and only theirs, arrive in their order."""
    rng = Rng(seed)
    n = 3 + rng.next() % 3
    victim = 1 + rng.next() % (n - 2)
    wanted = [f"killwait.1| queue: {n} senders, killing sender {victim}"]
    wanted += [
        f"killwait.1| queue: received code {10 + i} from its sender"
        for i in range(n)
        if i != victim
    ]
    problems = lines_in_order(lines, wanted)
    for i in range(n):
        line = f"sender {10 + i}: send delivered"
        seen = any(re.fullmatch(rf"sender\.\d+\| {line}", ln) for ln in lines)
        if i == victim and seen:
            problems.append(
                f"sender {victim} was killed while queued, yet its send "
                "was delivered"
            )
        elif i != victim and not seen:
            problems.append(f"expected some sender to print '{line}'")
    return problems


def rpc(seed: int, lines: list[str], ctx: dict) -> list[str]:
    problems = []
    for k in range(4):
        rng = Rng(seed + k)
        wanted = []
        for _ in range(5):
            x = rng.next() % 1000
            wanted.append(
                f"rpcclient.{k + 3}| client {k}: f({x}) = "
                f"{x * x + k}, from the server"
            )
        problems += lines_in_order(lines, wanted)
    return problems
