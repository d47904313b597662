/*
 * rng.c: xorshift32, the kit's one source of seeded randomness. Provided.
 */
#include "rng.h"

void rng_init(struct rng *r, uint32_t seed)
{
    r->state = seed ? seed : 0x9E3779B9u;
}

uint32_t rng_next(struct rng *r)
{
    uint32_t x = r->state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    r->state = x;
    return x;
}

uint32_t rng_below(struct rng *r, uint32_t n)
{
    return rng_next(r) % n;
}
