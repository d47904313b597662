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
    problems = lines_in_order(lines, wanted)
    if problems:
        problems.append(
            f"the senders blocked in the order {order}, so "
            "they must be received in that order"
        )
    return problems


def waitc(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """B's send may complete only after the checkpoint: while we waited
    for C, B had to stay blocked."""
    check = "waitc.1| checkpoint: B has not been received yet"
    b_done = [
        i
        for i, ln in enumerate(lines)
        if re.fullmatch(r"sender\.\d+\| sender 66: send delivered", ln)
    ]
    if check not in lines:
        return [f"expected the line '{check}'"]
    if b_done and b_done[0] < lines.index(check):
        return [
            "B's send completed while we were receiving from C only: "
            "B must stay queued until its message is taken"
        ]
    return []


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
