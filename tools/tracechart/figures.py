"""figures.py: the handout's sequence charts, each one a traced run of a
small demo program (tools/trace.py --figure NAME regenerates its .msc)."""

from dataclasses import dataclass


# The handout's figures: each one a traced run of a small demo program.
@dataclass(frozen=True)
class Figure:
    test: str
    stage: int
    seed: int
    dir: str  # where the committed .msc goes, from the kit's root
    title: str
    args: str = ""  # extra kernel command-line words (fault rates)
    compact: bool = False  # a tall chart: fewer rows (compacted)


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
        "The RAM disk server behind a port: writes move 1 MiB in, reads "
        "map it back copy-on-write",
    ),
    "reliable-transfer": Figure(
        "demo_reliable",
        3,
        6,
        "labs/lab3-async/figures",
        "Five data messages moved reliably over the lossy channel",
        "drop=20 dup=20 reorder=20 corrupt=20",
        compact=True,
    ),
    "private-port": Figure(
        "demo_osdev",
        4,
        1,
        "labs/lab4-ports/figures",
        "A waits on its private port; B's send to the main port waits",
    ),
    "port-set": Figure(
        "demo_select",
        4,
        1,
        "labs/lab4-ports/figures",
        "A receive on a port set takes the oldest message of all its ports",
    ),
    "mailbox-consumers": Figure(
        "demo_mbox",
        4,
        1,
        "labs/lab4-ports/figures",
        "A FIFO mailbox with two consumers: the one waiting longest is served",
    ),
}
