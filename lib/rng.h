/*
 * rng.h: the kit's pseudo-random generator (xorshift32). Test programs draw
 * their inputs from it and the grader's oracles compute the same numbers
 * from the same seed (grader/prng.py), so printed results can be checked.
 * Provided.
 */
#ifndef LIB_RNG_H
#define LIB_RNG_H

#include <stdint.h>

struct rng {
    uint32_t state;
};

/* Start a generator; seed 0 is replaced by a fixed non-zero constant. */
void rng_init(struct rng *r, uint32_t seed);
/* The next 32-bit value. */
uint32_t rng_next(struct rng *r);
/* A value in [0, n), n > 0. */
uint32_t rng_below(struct rng *r, uint32_t n);

#endif /* LIB_RNG_H */
