# seeds.py: seeds drawn at grading time.
#
# `--extra-seeds K` adds K seeds to every seed-driven test (spec.Test:
# `takes_extra_seeds`, a test that lists two seeds or more unless its spec
# says otherwise). They come from a salt, `--seed-salt S` (drawn from the
# operating system's random source when not given) and the test's name,
# so a kernel that prints what the known seeds' oracles want earns nothing
# from them, while the report records the salt and every seed, and the
# same salt gives the same seeds again:
#
#     python3 -m grader ... --extra-seeds 2 --seed-salt 2718281828
#
# replays a whole grading; `--seed N` replays one run.

import dataclasses
import hashlib
import os

from .spec import SEED_MAX, Test


def new_salt() -> int:
    return int.from_bytes(os.urandom(4), "little")


def drawn(
    salt: int, name: str, count: int, taken: tuple[int, ...]
) -> list[int]:
    """`count` seeds for test `name`, none of them in `taken`."""
    found: list[int] = []
    i = 0
    while len(found) < count:
        digest = hashlib.sha256(f"{salt}:{name}:{i}".encode()).digest()
        seed = int.from_bytes(digest[:4], "little") & SEED_MAX
        if seed not in taken and seed not in found:
            found.append(seed)
        i += 1
    return found


def add(tests: list[Test], count: int, salt: int) -> list[Test]:
    """The tests with `count` drawn seeds added to each seed-driven one."""
    if count <= 0:
        return tests
    return [
        dataclasses.replace(
            t, seeds=t.seeds + tuple(drawn(salt, t.name, count, t.seeds))
        )
        if t.takes_extra_seeds
        else t
        for t in tests
    ]


def note(tests: list[Test], count: int, salt: int) -> list[str]:
    """The report's record of the drawn seeds (how to draw them again)."""
    if count <= 0:
        return []
    lines = [
        f"seeds drawn at grading time: {count} per seed-driven test, "
        f"--extra-seeds {count} --seed-salt {salt} draws them again"
    ]
    return lines
