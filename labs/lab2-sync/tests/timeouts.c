/*
 * timeouts.c (lab 2 test): a poll returns at once; a finite timeout ends
 * the wait after that many ticks; a send that timed out delivers nothing;
 * a request that timed out waiting for its reply cannot be answered.
 * The timeout lengths come from the seed.
 */
#include "kit.h"

static void timed(const char *what, int r, int t0, int want)
{
    int took = sys_uptime() - t0;
    printf("%s: %s after %s\n", what, r < 0 ? errno_name(r) : "ok",
           took >= want && took <= want + 1 ? "the timeout" : "a wrong time");
    if (took < want || took > want + 1)
        printf("  (took %d ticks, wanted %d)\n", took, want);
}

int main(int argc, char **argv)
{
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    struct msg m = { .code = 1 };

    int t0 = sys_uptime();
    timed("receive poll", sys_receive(ANY, &m, TIMEOUT_POLL), t0, 0);

    int t = 5 + (int)rng_below(&r, 20);
    t0 = sys_uptime();
    timed("receive with timeout", sys_receive(ANY, &m, t), t0, t);

    int sink = spawn_or_die("sink", "delay=40");
    t = 5 + (int)rng_below(&r, 20);
    t0 = sys_uptime();
    timed("send with timeout", sys_send(sink, &m, t), t0, t);
    sys_wait(sink, 0);                   /* it says whether it got anything */

    int slow = spawn_or_die("slowserver", "delay=30");
    t = 5 + (int)rng_below(&r, 15);
    t0 = sys_uptime();
    timed("request with timeout", sys_request(slow, &m, t), t0, t);
    sys_wait(slow, 0);                   /* it says how its respond ended */
    return 0;
}
