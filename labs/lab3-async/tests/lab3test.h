/*
 * lab3test.h: what lab 3's test programs share: the commands a poster
 * (poster.c) takes from its parent, and small helpers. Lab 3 tests.
 */
#ifndef LAB3TEST_H
#define LAB3TEST_H

#include "kit.h"

/* A command to a poster in mode=cmd, sent with request; the reply's w[0]
 * is the result of the call it made. */
#define CMD_STOP    0           /* exit */
#define CMD_POST    1           /* post(w[0], {code w[1], w = {w[2], w[3]}},
                                   timeout w[4]) */
#define CMD_NOTIFY  2           /* notify(w[0]) w[1] times; the result is
                                   the first error, or 0 */

/* Ask poster p to do one command; returns the result of its call. */
static inline int poster_do(int p, uint32_t cmd, uint32_t a, uint32_t b,
                            uint32_t c, uint32_t d, uint32_t e)
{
    struct msg m = { .code = (int32_t)cmd, .w = { a, b, c, d, e } };
    int r = sys_request(p, &m, TIMEOUT_NEVER);
    return r < 0 ? r : (int)m.w[0];
}

/* Have n posts made to us, each a poll by a poster drawn from r among
 * the npids in pids, with code 100 + its place in pids and w = { a word
 * drawn from r, *index }; print one line a post. The oracles make the
 * same draws. */
static inline void posts_drawn(const int *pids, int npids, struct rng *r,
                               int *index, int n)
{
    for (int i = 0; i < n; i++, (*index)++) {
        uint32_t k = rng_below(r, (uint32_t)npids);
        uint32_t word = rng_below(r, 1000);
        int res = poster_do(pids[k], CMD_POST, (uint32_t)sys_getpid(),
                            100 + k, word, (uint32_t)*index, TIMEOUT_POLL);
        printf("post %d by %u: %s\n", *index, k, result_name(res));
    }
}

#endif /* LAB3TEST_H */
