/*
 * relwire.h: the wire format of lab 3's reliable protocol (async.h),
 * written out again for the tests that speak it themselves: noise.c's
 * impostor, and the scripted partners of relrecv.c and relpeer.c, which
 * check rel_recv and rel_send rule by rule. It never calls the library's
 * own code. Lab 3 tests.
 */
#ifndef RELWIRE_H
#define RELWIRE_H

#include "lab3test.h"
#include "async.h"

static inline uint32_t wire_rotl(uint32_t x, int n)
{
    return n ? x << n | x >> (32 - n) : x;
}

/* w[12]: the XOR of w[0..11] each rotated left by its index, rotated
 * right 12 bits, so that the XOR of w[0..12] rotated likewise is 0. */
static inline uint32_t wire_parity(const struct msg *m)
{
    uint32_t x = 0;
    for (int j = 0; j < REL_PARITY_WORD; j++)
        x ^= wire_rotl(m->w[j], j);
    return wire_rotl(x, 32 - REL_PARITY_WORD);
}

/* w[13]: fnv1a_words of the code and w[0..12]. */
static inline uint32_t wire_sum(const struct msg *m)
{
    return fnv1a_words(FNV_INIT, (const uint32_t *)&m->code,
                       REL_SUM_WORD + 1);
}

static inline void wire_seal(struct msg *m)
{
    m->w[REL_PARITY_WORD] = wire_parity(m);
    m->w[REL_SUM_WORD] = wire_sum(m);
}

/* Whether m arrived as it was sealed (the tests run without faults). */
static inline int wire_intact(const struct msg *m)
{
    return m->w[REL_PARITY_WORD] == wire_parity(m) &&
           m->w[REL_SUM_WORD] == wire_sum(m);
}

/* Data message seq of a len-byte file, sealed. */
static inline void wire_data(struct msg *m, const uint8_t *file,
                             uint32_t len, uint32_t seq)
{
    uint32_t at = seq * REL_PAYLOAD, n = len - at;
    if (n > REL_PAYLOAD)
        n = REL_PAYLOAD;
    memset(m, 0, sizeof(*m));
    m->code = REL_DATA;
    m->w[0] = seq;
    memcpy(&m->w[1], file + at, n);
    wire_seal(m);
}

/* Bit seq % REL_WINDOW of a ring (an acknowledgement's w[1..]). */
static inline int wire_ring_has(const uint32_t *ring, uint32_t seq)
{
    uint32_t i = seq % REL_WINDOW;
    return (ring[i / 32] >> (i % 32)) & 1;
}

#endif /* RELWIRE_H */
