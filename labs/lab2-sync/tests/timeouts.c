/*
 * timeouts.c (lab 2 test): a poll returns at once, and fails only when
 * the call would have to wait; a finite timeout ends the wait after that
 * many ticks; a send that timed out delivers nothing; a request's timeout
 * covers both its halves, waiting to be taken and waiting for the reply,
 * and a request that timed out cannot be answered. The timeout lengths
 * come from the seed.
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

/* A poll fails only if the call would wait: a receiver already waiting
 * takes a polled send, and a server already waiting takes a polled
 * request, whose reply is then awaited with no deadline. */
static void polls(struct rng *r)
{
    struct msg m = { .code = 1 };
    int sink = spawn_or_die("sink", "delay=0 forever=1");
    sys_sleep(2);                        /* it waits in receive(ANY) */
    int e = sys_send(sink, &m, TIMEOUT_POLL);
    printf("send poll to a waiting receiver: %s\n",
           e < 0 ? errno_name(e) : "ok");
    if (e < 0)
        sys_kill(sink);
    sys_wait(sink, 0);

    int slow = spawnf("slowserver", "delay=%d", 3 + (int)rng_below(r, 5));
    sys_sleep(2);                        /* it waits in receive(ANY) */
    uint32_t x = rng_below(r, 100000);
    struct msg q = { .code = 1, .w = { x } };
    e = sys_request(slow, &q, TIMEOUT_POLL);
    sys_wait(slow, 0);                   /* it says how its respond ended */
    printf("request poll to a waiting server: %s, %s\n",
           e < 0 ? errno_name(e) : "ok",
           q.sender == slow && q.w[0] == x ? "the reply came" : "no reply");
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
    t0 = sys_uptime();                   /* the sink still sleeps */
    timed("send again with timeout 2", sys_send(sink, &m, 2), t0, 2);
    sys_wait(sink, 0);                   /* it says whether it got anything */

    int slow = spawn_or_die("slowserver", "delay=30");
    t = 5 + (int)rng_below(&r, 15);
    t0 = sys_uptime();
    timed("request with timeout", sys_request(slow, &m, t), t0, t);
    sys_wait(slow, 0);                   /* it says how its respond ended */

    /* The server takes the request 3 ticks before the deadline: one
     * deadline for the whole call leaves 3 ticks for the reply. */
    t = 5 + (int)rng_below(&r, 15);
    slow = spawnf("slowserver", "wait=%d delay=%d", t - 3, 2 * t);
    t0 = sys_uptime();
    timed("request taken late", sys_request(slow, &m, t), t0, t);
    sys_wait(slow, 0);

    polls(&r);
    return 0;
}
