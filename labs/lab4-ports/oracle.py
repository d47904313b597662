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
    }
    wanted = [
        "refused.1| " + line.format(**names)
        for line in REFUSED.splitlines()
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
ports: 0, messages held: 0"""


def osdev(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng = Rng(seed)
    words = {f"w{k}": below(rng, 1000) for k in (66, 67, 68, 70)}
    wanted = [
        "osdev.1| " + line.format(**words) for line in OSDEV.splitlines()
    ]
    problems = lines_in_order(lines, wanted, first_only=True)
    if problems:
        problems.append(
            "a receive on the private port must take C's message only: B's "
            "send and B2's post to the main port stay queued there, in "
            "arrival order; a private port's owner waits for its one "
            "sender (EDEADLK both ways, EPIPE when it exits)"
        )
    return problems
