/*
 * lab5test.h: what lab 5's test programs share: where their buffers and
 * windows are, the seeded data they send and its checksums (the oracles
 * in oracle.py compute the same), the commands of the peer (bigpeer.c),
 * and small helpers. Lab 5 tests.
 */
#ifndef LAB5TEST_H
#define LAB5TEST_H

#include "bigmsg.h"
#include "async.h"              /* fnv1a (lab 3) */
#include "ports.h"              /* PORT_OPEN (lab 4) */

#define PAGE  PAGE_BYTES
#define BUF   ((uint8_t *)0x50000000)   /* a test's own buffers */
#define WIN   ((uint8_t *)0x60000000)   /* where regions land */
#define WIN_PAGES 64                    /* the range bigpeer checks */

/* Fill n bytes (a multiple of 4, p aligned) with words drawn from r,
 * each with every byte made non-zero (| 0x01010101): no byte of such
 * data can pass for the zeros around a partial page. */
static inline void fill(uint8_t *p, uint32_t n, struct rng *r)
{
    uint32_t *w = (uint32_t *)p;
    for (uint32_t i = 0; i < n / 4; i++)
        w[i] = rng_next(r) | 0x01010101u;
}

/* The checksums: FNV-1a over bytes (any region), and over 32-bit words
 * (aligned regions of whole words: four times fewer steps, for the big
 * ones). */
static inline uint32_t sum_bytes(const void *p, uint32_t n)
{
    return fnv1a(FNV_INIT, p, n);
}

static inline uint32_t sum_words(const void *p, uint32_t n)
{
    const uint32_t *w = p;
    uint32_t h = FNV_INIT;
    for (uint32_t i = 0; i < n / 4; i++)
        h = (h ^ w[i]) * 16777619u;
    return h;
}

/* bigpeer's commands: a request with the command as code and its
 * arguments in w[0..]; the reply's w[0] is the result. */
#define PEER_STOP    0          /* exit */
#define PEER_WINDOW  1          /* w0 pages: open a window of that many
                                   pages at WIN (0 closes it) */
#define PEER_TAKE    2          /* (a big message) keep its region; reply
                                   w0 its fnv (bytes), w1 its address -
                                   WIN, w2 its length */
#define PEER_PEEK    3          /* w0 offset: the region's byte there */
#define PEER_POKE    4          /* w0 offset, w1 value: write it there */
#define PEER_INFO    5          /* w0 offset: pageinfo of that byte */
#define PEER_MAPPED  6          /* pages mapped in [WIN, +WIN_PAGES) */
#define PEER_UNMAP   7          /* unmap [WIN, +WIN_PAGES): the count */
#define PEER_ECHO    8          /* w0 mode: the reply carries our region
                                   back in that mode; w0 the fnv */
#define PEER_LAST    9          /* the error of our last receive, or 0 */
#define PEER_FORWARD 10         /* w0 pid (or port), w1 mode, w2 FWD_
                                   flags: send our region there as a
                                   PEER_TAKE (w0 of that message: its
                                   fnv); a post is made before the reply
                                   (w0: its result), a send after it */
#define FWD_POST     1          /* PEER_FORWARD by post, not send */
#define FWD_PORT     2          /* w0 is a port's number (lab 4) */
#define FWD_LATE     4          /* with FWD_POST: post after the reply,
                                   and a tick later, so that the asker is
                                   waiting by then (its result is lost) */
#define PEER_OUTSIDE 11         /* nonzero bytes outside the region in
                                   the pages it lies in */
#define PEER_SUM     12         /* the region's fnv now */

/* Ask peer p to do one command; the reply's w[0] (or the error of the
 * request). */
static inline int peer_do(int p, int32_t cmd, uint32_t a, uint32_t b,
                          uint32_t c)
{
    struct msg m = { .code = cmd, .w = { a, b, c } };
    int r = sys_request(p, &m, TIMEOUT_NEVER);
    return r < 0 ? r : (int)m.w[0];
}

/* Give peer p a region of ours: a PEER_TAKE request carrying it. The
 * result of the request, and the reply in *reply. */
static inline int peer_take(int p, const void *va, uint32_t len,
                            uint32_t mode, struct msg *reply)
{
    struct msg m = { .code = PEER_TAKE };
    big_attach(&m, va, len, mode);
    int r = sys_request(p, &m, TIMEOUT_NEVER);
    *reply = m;
    return r;
}

#endif /* LAB5TEST_H */
