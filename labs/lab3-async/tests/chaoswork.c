/*
 * chaoswork.c (lab 3 helper): random asynchronous traffic for chaos.c.
 * n= operations, each drawn from seed=: post (every kind of timeout),
 * datagram, notify, or receive (from anyone or from one process, every
 * kind of timeout), to or from a process in [lo, hi).
 */
#include "lab3test.h"

int main(int argc, char **argv)
{
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    uint32_t n = arg_uint(argc, argv, "n", 200);
    uint32_t lo = arg_uint(argc, argv, "lo", 1);
    uint32_t hi = arg_uint(argc, argv, "hi", 2);
    static const int timeouts[] = { TIMEOUT_POLL, 1, 3, TIMEOUT_NEVER };
    for (uint32_t i = 0; i < n; i++) {
        int peer = (int)(lo + rng_below(&r, hi - lo));
        int timeout = timeouts[rng_below(&r, 4)];
        struct msg m = { .code = (int32_t)rng_below(&r, 5) };
        uint32_t op = rng_below(&r, 10);
        if (op < 4)                     /* posting more than receiving */
            sys_post(peer, &m, timeout);   /* fills boxes */
        else if (op < 6)
            sys_datagram(peer, &m);
        else if (op < 7)
            sys_notify(peer);
        else if (op < 9)
            sys_receive(ANY, &m, timeout == TIMEOUT_NEVER ? 5 : timeout);
        else
            sys_receive(peer, &m, timeout == TIMEOUT_NEVER ? 5 : timeout);
    }
    return 0;
}
