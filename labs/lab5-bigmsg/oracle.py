"""Lab 5 oracles: what the big-message tests must print, computed from
the seed with the kit's generator (see lab 1's oracle.py for the
contract). They replay each test program's draws (the tests'
labs/lab5-bigmsg/tests/*.c) and the kernel's rules: the data the tests
send (lab5test.h's fill), its checksums, which bytes each side must see,
and the pinned-memory cap of kernel/ipc/bigmsg.h."""
from __future__ import annotations

import functools
import re
import struct

from grader.expect import lines_in_order
from grader.prng import Rng

PAGE = 4096
PIN_QUOTA = 1024  # pages a sender may pin in undelivered posts
PIN_MAX = 4096  # pages all senders together
MODES = ["?", "copy", "share-ro", "share-rw", "move", "cow"]
COPY, SHARE_RO, SHARE_RW, MOVE, COW = 1, 2, 3, 4, 5
FNV_INIT, FNV_PRIME, MASK = 2166136261, 16777619, 0xFFFFFFFF


def below(rng: Rng, n: int) -> int:
    return rng.next() % n


def fill_words(rng: Rng, count: int) -> list[int]:
    """count words as lab5test.h's fill draws them: no zero byte."""
    return [w | 0x01010101 for w in rng.words(count)]


def to_bytes(words: list[int]) -> bytes:
    """Words laid out in memory as the i386 does: little-endian."""
    return struct.pack(f"<{len(words)}I", *words)


def fill(rng: Rng, n: int) -> bytearray:
    """The bytes of n // 4 words as lab5test.h's fill draws them."""
    return bytearray(to_bytes(fill_words(rng, n // 4)))


def fnv_bytes(data: bytes) -> int:
    h = FNV_INIT
    for b in data:
        h = ((h ^ b) * FNV_PRIME) & MASK
    return h


def fnv_of_words(words) -> int:
    """FNV-1a over 32-bit words (lab5test.h's fnv_words)."""
    h = FNV_INIT
    for w in words:
        h = ((h ^ w) * FNV_PRIME) & MASK
    return h


@functools.lru_cache(maxsize=None)
def fnv_of_zeros(nbytes: int) -> int:
    return fnv_of_words([0] * (nbytes // 4))


def info(writable: bool, refs: int, cow: bool = False) -> str:
    """pageinfo in the words of copyshare.c's info_text."""
    kind = "writable" if writable else "read-only"
    return (
        f"{kind}{' copy-on-write' if cow else ''}, {refs} "
        f"reference{'' if refs == 1 else 's'}"
    )


def copyshare(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng, me = Rng(seed), "copyshare.1| "
    pages = 1 + below(rng, 8)
    length = pages * PAGE
    buf = fill(rng, 8 * PAGE)
    want = [f"{me}region: {pages} pages"]

    def deliver(name: str, copied: int, theirs: str, mine: str) -> None:
        want.append(
            f"{me}{name}: ok, fnv {fnv_bytes(buf[:length]):08x}, "
            "at the window's start: yes"
        )
        want.append(f"{me}{name}: pages the kernel copied: {copied}")
        want.append(
            f"{me}{name}: the receiver's page: {theirs}; the sender's: {mine}"
        )

    deliver("copy", pages, info(True, 1), info(True, 1))
    x, y = below(rng, length), below(rng, length)
    old = buf[x]
    buf[x] ^= 0xFF
    want.append(
        f"{me}copy: the sender changed byte {x}, the receiver reads {old:02x}"
    )
    want.append(
        f"{me}copy: the receiver zeroed byte {y}, the sender reads "
        f"{buf[y]:02x}"
    )
    want.append(f"{me}copy: the receiver unmapped {pages} pages")

    deliver("share-ro", 0, info(False, 2), info(True, 2))
    x, v = below(rng, length), 1 + below(rng, 255)
    buf[x] = v
    want.append(
        f"{me}share-ro: the sender wrote {v:02x} at {x}, the receiver reads "
        f"{v:02x}"
    )
    below(rng, length)  # where the receiver writes, and dies
    want.append(
        f"{me}share-ro: the receiver writes: EPIPE, and ends with status -114"
    )
    want.append(f"{me}share-ro: then the sender's page: {info(True, 1)}")

    deliver("share-rw", 0, info(True, 2), info(True, 2))
    x, v = below(rng, length), 1 + below(rng, 255)
    y, u = below(rng, length), 1 + below(rng, 255)
    want.append(
        f"{me}share-rw: the sender wrote {v:02x} at {x}, the receiver reads "
        f"{v:02x}"
    )
    want.append(
        f"{me}share-rw: the receiver wrote {u:02x} at {y}, the sender reads "
        f"{u:02x}"
    )
    want.append(f"{me}share-rw: checksums agree: yes")
    want.append(
        f"{me}share-rw: the receiver unmapped {pages} pages; the sender's "
        f"page: {info(True, 1)}"
    )
    want.append(f"{me}the region's first page after it all: {info(True, 1)}")
    return lines_in_order(lines, want, first_only=True)


def movecow(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng, me = Rng(seed), "movecow.1| "
    pages = 2 + below(rng, 7)
    length = pages * PAGE
    mover_seed = rng.next() ^ 0x5BD1E995
    moved = fnv_bytes(fill(Rng(mover_seed), length))
    want = [
        f"{me}region: {pages} pages",
        f"movecow.3| moved: ok, fnv {moved:08x} here, {moved:08x} there, "
        "my first page now: gone",
        "movecow.3| reading my moved buffer",
        f"{me}move: the sender ended with status -114",
        f"{me}move: the receiver's page: writable, only its own; its "
        f"checksum now {moved:08x}",
    ]
    buf = fill(rng, length)
    want.append(f"{me}cow: ok, fnv {fnv_bytes(buf):08x}")
    want.append(f"{me}cow: both pages copy-on-write with 2 references: yes")
    x, v = below(rng, length), 1 + below(rng, 255)
    want.append(
        f"{me}cow: the receiver wrote {v:02x} at {x}, the sender still "
        f"reads {buf[x]:02x}"
    )
    want.append(f"{me}cow: its page is now its own: yes; pages copied: 1")
    y, u = below(rng, length), 1 + below(rng, 255)
    theirs = v if y == x else buf[y]
    want.append(
        f"{me}cow: the sender wrote {u:02x} at {y}, the receiver reads "
        f"{theirs:02x} (it read {theirs:02x} before)"
    )
    # The sender's write copies its page unless the receiver's write
    # already gave that page a frame of its own: then the sender's is
    # the last holder.
    copies = 1 if y // PAGE == x // PAGE else 2
    want.append(f"{me}cow: pages copied: {copies}")
    want.append(f"{me}cow: the receiver unmapped {pages} pages")
    want.append(
        f"{me}cow: the last holder writes a page: it was copy-on-write, now "
        f"writable; pages copied: {copies}"
    )
    # The sender's writes so far: u at y, then the last holder's flip.
    buf[y] = u
    z = 0 if y // PAGE == length // PAGE - 1 else length - 1
    buf[z] ^= 1
    x, v = below(rng, length), 1 + below(rng, 255)
    want.append(
        f"{me}cow by send, the sender writes {v:02x} at {x} at once: ok, "
        f"the receiver reads {buf[x]:02x}"
    )
    buf[x] = v
    y, u = below(rng, length), 1 + below(rng, 255)
    want.append(
        f"{me}cow of pages shared writable with a third: it writes {u:02x} "
        f"at {y}, the receiver reads {buf[y]:02x}, the sender {u:02x}"
    )
    y = below(rng, length)
    want.append(
        f"{me}a move of copy-on-write pages: ok; the second receiver's "
        f"page copy-on-write: yes; it writes byte {y}, the first still "
        "reads what it did: yes"
    )
    return lines_in_order(lines, want, first_only=True)


def windows(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng, me = Rng(seed), "windows.1| "
    k = 2 + below(rng, 7)
    fill(rng, 16 * PAGE)
    off = 1 + below(rng, PAGE - 1)

    def attempt(what: str, result: str, at: int, mapped: int) -> str:
        return (
            f"{me}{what}: {result} (the receiver: {result}), at offset "
            f"{at}, pages mapped there now {mapped}"
        )

    want = [
        f"{me}region: k = {k} pages",
        attempt("no window", "EMSGSIZE", 0, 0),
        attempt("a window one page short", "EMSGSIZE", 0, 0),
        attempt("a window that fits", "ok", 0, k),
        attempt("the same window again", "EMSGSIZE", 0, k),
        f"{me}unmapped: {k}",
        attempt("unaligned, k pages long, window of k", "EMSGSIZE", 0, 0),
        attempt("unaligned, k pages long, window of k + 1", "ok", off, k + 1),
        f"{me}unmapped: {k + 1}",
        attempt("a window larger than the region", "ok", 0, k),
        f"{me}held for it meanwhile: {k + 1} pages",
    ]
    return lines_in_order(
        lines,
        want,
        first_only=True,
        rule=(
            "a region lands at the start of the window (its first byte at "
            "the same offset in the page as in the sender) and fits if "
            "all the pages it touches fit; the window is used up after "
            "one region"
        ),
    )


def unaligned(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng, me = Rng(seed), "unaligned.1| "
    starts = [0, 1, PAGE - 1, 1 + below(rng, PAGE - 2)]
    ends = [0, 1, PAGE - 1, 1 + below(rng, PAGE - 2)]
    want = []
    for s in starts:
        for e in ends:
            for mode in range(COPY, COW + 1):
                length = (1 + below(rng, 2)) * PAGE + e - s
                buf = fill(rng, 4 * PAGE)
                pages = (s + length + PAGE - 1) // PAGE
                region = bytes(buf[s : s + length])
                # A move takes the pages the region covers whole; the
                # sender keeps the ones it covers only in part.
                end = s + length
                partial = sum(
                    1
                    for p in range(pages)
                    if not (s <= p * PAGE and (p + 1) * PAGE <= end)
                )
                kept = partial if mode == MOVE else pages
                # Partial pages are the receiver's own copies, writable
                # unless the share is read-only; whole pages as the mode
                # says (copy-on-write ones fault first).
                writable = {SHARE_RO: 0, COW: partial}.get(mode, pages)
                want.append(
                    f"{me}start {s} len {length} {MODES[mode]}: ok, fnv "
                    f"{fnv_bytes(region):08x} at offset {s}, 0 bytes "
                    f"outside not zero, the sender keeps {kept} of {pages} "
                    f"pages, the receiver may write {writable}"
                )
    want.append(f"{me}80 regions, 0 with bytes of the sender outside them")
    return lines_in_order(
        lines,
        want,
        first_only=True,
        rule=(
            "the region's first byte lands at the same offset in the "
            "window's first page as in the sender's; a partial first or "
            "last page is a copy of the covered bytes, zero elsewhere"
        ),
    )


def bigexit(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng, me = Rng(seed), "bigexit.1| "
    pages = 1 + below(rng, 16)
    length = pages * PAGE
    first = fill(Rng(rng.next()), length)
    second = fill(Rng(rng.next()), length)
    f1, f2 = fnv_bytes(first), fnv_bytes(second)
    x, v = below(rng, length), 1 + below(rng, 255)
    want = [
        f"{me}region: {pages} pages",
        f"bigexit.4| owner: fnv {f1:08x}, references 3; exiting",
        f"{me}after the owner exits: the peers read fnv {f1:08x} and "
        f"{f1:08x}, references 2",
        f"{me}after one peer exits: references 1",
        f"{me}the last one unmaps {pages} pages: frames freed {pages}",
        f"{me}all gone: frames as before: yes",
        f"bigexit.7| owner: fnv {f2:08x}, references 2; exiting",
        f"{me}A sent to B copy-on-write, A exited, B sent on to C: "
        "references 2",
        f"{me}B writes {v:02x} at {x}: copies 1; B reads {v:02x}, C reads "
        f"{second[x]:02x}",
        f"{me}C's checksum unchanged: yes ({f2:08x})",
        f"{me}B exited; C, the last holder, writes: copies 0, frames taken 0",
        f"{me}all gone: frames as before: yes",
    ]
    return lines_in_order(lines, want, first_only=True)


def pincap(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """Replays pincap.c's spammers against the cap: each posts regions of
    its size round robin to eight sinks until post refuses."""
    rng, me = Rng(seed), "pincap.1| "
    fill(rng, 16 * PAGE)
    want = [f"{me}cap: {PIN_QUOTA} pages a sender, {PIN_MAX} in all"]
    total, pid = 0, 10  # the test, eight sinks: the first spammer is 10
    sizes, modes = [32, 64, 128, 256], [COPY, SHARE_RO, COW]

    def client(when: str) -> None:
        nonlocal total
        cost = 16 + 1
        ok = total + cost <= PIN_MAX
        # A server waiting in receive takes it at once: nothing stays.
        want.append(
            f"{me}{when}: a client's big post {'ok' if ok else 'ENOBUFS'} "
            f"(the server mapped {16 if ok else 0} pages), a plain post ok"
        )

    for k in range(6):
        pages, mode = sizes[below(rng, 4)], modes[below(rng, 3)]
        cost, mine, n = pages + 1, 0, 0
        while True:
            if mine + cost > PIN_QUOTA:
                err = "EDQUOT"
                break
            if total + cost > PIN_MAX:
                err = "ENOBUFS"
                break
            mine, total, n = mine + cost, total + cost, n + 1
        want.append(
            f"pincap.{pid}| {pages} pages {MODES[mode]}: {n} posts held, "
            f"then {err}; mine pinned {mine}"
        )
        want.append(f"{me}after spammer {k + 1}: pinned {total}")
        pid += 1
        if k == 0:
            client("one spammer at its quota")
            pid += 1  # the client's server
    client("after the spammers")
    want.append(f"{me}after the sinks exit: pinned 0")
    pid += 2  # the last sink, then the spammer that fills its quota
    last = PIN_QUOTA - 3 * 257 - 1
    want.append(
        f"pincap.{pid}| to the quota's last page: 256 pages ok, 256 pages "
        f"ok, 256 pages ok, {last} pages ok, 1 page EDQUOT; mine pinned "
        f"{PIN_QUOTA}"
    )
    want.append(f"{me}and after its sink exits: pinned 0")
    return lines_in_order(lines, want, first_only=True)


def bigports(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """Every region that went through a port arrived with the bytes the
    test drew, at the offset it had, and held the pages the cap counts."""
    rng, me = Rng(seed), "bigports.1| "
    buf = fill(rng, 32 * PAGE)

    def fnv(off: int, pages: int) -> str:
        return f"{fnv_bytes(buf[off : off + pages * PAGE]):08x}"

    want = []
    for mode in (COPY, SHARE_RO, SHARE_RW, COW, MOVE):
        pages = 1 + below(rng, 8)
        off = 0 if mode == MOVE else below(rng, PAGE)
        at = 24 * PAGE if mode == MOVE else off
        want.append(
            f"{me}port_request, {MODES[mode]}, {pages} pages at offset "
            f"{off}: ok, fnv {fnv(at, pages)}, at the window: yes"
        )
    want.append(f"{me}our pages after the move: 0 of {pages}")
    pages = 1 + below(rng, 8)
    want.append(
        f"{me}a reply with {pages} pages into our window: ok, at our "
        f"window: yes, fnv {fnv(0, pages)}"
    )
    gives = []
    for _ in range(4):
        pages = 1 + below(rng, 8)
        gives.append((pages, below(rng, PAGE)))
    (p1, o1), (p2, o2), (p3, o3), _ = gives
    held = p1 + (o1 != 0) + 1  # its pages and its list
    want += [
        f"{me}a post of {p1 * PAGE} bytes at offset {o1} to port A, "
        f"share-ro: ok; pinned {held}",
        f"{me}received on the set: through A: yes, from the peer: yes, fnv "
        f"{fnv(o1, p1)} (the sender's {fnv(o1, p1)}), offset {o1}; pinned 0",
        f"{me}a send of {p2 * PAGE} bytes at offset {o2} to port B, cow: "
        f"through B: yes, fnv {fnv(o2, p2)}",
        f"{me}a post that does not fit our window: EMSGSIZE, still held: "
        f"yes; in a window that fits: through A: yes, fnv {fnv(o3, p3)}",
    ]
    # The cap: 1 MiB (256 pages, and one for the list) a post.
    cost = 256 + 1
    fits = PIN_QUOTA // cost
    results = " ".join(["ok"] * min(fits, 4) + ["EDQUOT"] * (4 - fits))
    want.append(
        f"{me}posts of 1 MiB to a port no one receives on: {results}; "
        f"pinned {min(fits, 4) * cost}"
    )
    return lines_in_order(lines, want, first_only=True)


def disk(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """Each client (pids 3, 4, 5: the server is 2) writes its block from
    its own seed twice, reading it back each time; blocks it never wrote
    read as zeros."""
    rng = Rng(seed)
    block = 1 << 20
    last = {}
    problems = []
    for k in range(3):
        own = Rng(rng.next())
        want = []
        for i in range(2):
            last[k] = fnv_of_words(fill_words(own, block // 4))
            want.append(
                f"disk.{3 + k}| block {k} round {i}: write ok (my pages "
                f"moved: yes), read ok, fnv {last[k]:08x}"
            )
        problems += lines_in_order(lines, want, first_only=True)
    zeros = fnv_of_zeros(block)
    want = [
        f"disk.1| block {b} at the end: ok, fnv {last.get(b, zeros):08x}"
        for b in range(4)
    ]
    problems += lines_in_order(lines, want, first_only=True)
    return problems


def pipeline(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng = Rng(seed)
    key = rng.next()
    own = Rng(rng.next())
    want = []
    for i in range(4):
        pages = 1 + below(own, 256)
        words = [
            (w + key) & MASK for w in fill_words(own, pages * PAGE // 4)
        ]
        want.append(
            f"pipeline.4| buffer {i}: {pages} pages sent: ok, still mine: "
            "0 pages"
        )
        want.append(
            f"pipeline.2| buffer {i}: {pages * PAGE} bytes arrived, fnv "
            f"{fnv_of_words(words):08x}"
        )
    problems = []
    for who in ("pipeline.4|", "pipeline.2|"):
        problems += lines_in_order(
            lines, [w for w in want if w.startswith(who)], first_only=True
        )
    return problems


def bigstress(seed: int, lines: list[str], ctx: dict) -> list[str]:
    """Every sender's 30 transfers were accepted or refused for their
    size, none failed otherwise, and no region arrived damaged."""
    counted = 0
    for line in lines:
        m = re.fullmatch(
            r"bigstress\.\d+\| sender: (\d+) accepted, (\d+) refused for "
            r"their size, (\d+) other errors; \d+ echoes, (\d+) bad",
            line,
        )
        if not m:
            continue
        accepted, refused, other, bad = map(int, m.groups())
        if accepted + refused != 30 or other or bad:
            return [
                f"a sender made 30 transfers; it reports '{line}': each "
                "must be accepted, or refused with EMSGSIZE when its "
                "region did not fit the window, and every echo intact"
            ]
        counted += 1
    if counted != 4:
        return [f"expected four senders' reports, found {counted}"]
    return []
