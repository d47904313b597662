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

/* "ok" or the error's name. */
static inline const char *result_name(int r)
{
    return r >= 0 ? "ok" : errno_name(r);
}

/* spawn with printf-style arguments. */
static inline int spawnf(const char *name, const char *fmt, ...)
{
    char args[120];
    va_list ap;
    va_start(ap, fmt);
    fmt_vsnprintf(args, sizeof(args), fmt, ap);
    va_end(ap);
    return spawn_or_die(name, args);
}

#endif /* LAB3TEST_H */
