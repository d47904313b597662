"""Oracle of the example hidden test of lab 2 (instructors only)."""
from __future__ import annotations

from grader.expect import lines_in_order
from grader.prng import Rng


def hidden_relay(seed: int, lines: list[str], ctx: dict) -> list[str]:
    rng = Rng(seed)
    rounds = 3 + rng.next() % 6
    wanted = []
    for i in range(rounds):
        k = rng.next() % 2
        x = rng.next() % 1000
        wanted.append(
            f"hidden_relay.1| round {i}: server {'ab'[k]}: send ok, "
            f"answer {3 * x + 1} from it"
        )
    wanted.append(f"hidden_relay.1| rounds: {rounds}")
    return lines_in_order(lines, wanted)
