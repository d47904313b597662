# prng.py: the kit's pseudo-random number generator, xorshift32.
#
# User test programs (in C) and the grader's oracles (in Python) draw the same
# numbers from the same seed with it, so an oracle can compute what a test
# must print without trusting anything the kernel says.  Oracles use it as:
#
#     from grader.prng import Rng
#     rng = Rng(seed)
#     first = rng.next()

MASK32 = 0xFFFFFFFF
ZERO_SEED_STATE = 0x9E3779B9  # xorshift never leaves 0, so seed 0 maps here


class Rng:
    """xorshift32 (Marsaglia, shifts 13, 17, 5) on a 32-bit state."""

    def __init__(self, seed: int) -> None:
        seed &= MASK32
        self.state = seed if seed != 0 else ZERO_SEED_STATE

    def next(self) -> int:
        """Advance the state and return it: an integer in [1, 2**32)."""
        x = self.state
        x ^= (x << 13) & MASK32
        x ^= x >> 17
        x ^= (x << 5) & MASK32
        self.state = x
        return x

    def words(self, count: int) -> list[int]:
        """The next count numbers, as count calls of next() give them (one
        loop, without a call per number: oracles draw megabytes)."""
        x = self.state
        out = [0] * count
        for i in range(count):
            x ^= (x << 13) & MASK32
            x ^= x >> 17
            x ^= (x << 5) & MASK32
            out[i] = x
        self.state = x
        return out
