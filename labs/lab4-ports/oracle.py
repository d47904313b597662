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
    problems = lines_in_order(lines, wanted, first_only=True)
    if problems:
        problems.append(
            "a message through a port reaches its owner with the port's "
            "number as port_receive's result and the real sender in "
            "msg.sender (the kernel's, not what the sender wrote); posts "
            "and blocked senders come out in arrival order"
        )
    return problems
