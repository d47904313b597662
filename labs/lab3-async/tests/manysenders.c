/*
 * manysenders.c (lab 3 test): one receiver waiting on many senders at
 * once. Six posters start after seed-drawn delays and post ten messages
 * each (waiting for room when need be) while we wait in receive(ANY):
 * every post must wake us or queue, none may be lost, and each sender's
 * messages must come in the order it posted them. Then a receive from C
 * only: B's posts must not wake it, and stay queued.
 */
#include "lab3test.h"

#define SENDERS 6
#define EACH    10

static void many(uint32_t seed)
{
    struct rng rng;
    rng_init(&rng, seed);
    int pids[SENDERS];
    uint32_t next[SENDERS] = { 0 };
    for (int k = 0; k < SENDERS; k++)
        pids[k] = spawnf("poster", "mode=fill dst=%d n=%d code=%d "
                         "delay=%u never=1", sys_getpid(), EACH, 200 + k,
                         1 + rng_below(&rng, 6));
    int total = 0, in_order = 1, from_right = 1;
    while (total < SENDERS * EACH) {
        struct msg m;
        int from = sys_receive(ANY, &m, 200);
        if (from < 0) {
            printf("receive: %s after %d\n", errno_name(from), total);
            break;
        }
        int k = m.code - 200;
        if (k < 0 || k >= SENDERS || pids[k] != from) {
            from_right = 0;
            continue;
        }
        in_order &= m.w[0] == next[k];
        next[k] = m.w[0] + 1;
        total++;
    }
    printf("received %d of %d messages\n", total, SENDERS * EACH);
    printf("each sender's messages in order: %s\n", in_order ? "yes" : "no");
    printf("every sender as stamped: %s\n", from_right ? "yes" : "no");
    for (int k = 0; k < SENDERS; k++)
        sys_wait(pids[k], 0);
}

static void only_c(void)
{
    int me = sys_getpid();
    /* B posts while the receive from C already waits (a spawn takes
     * about a tick); C comes later still. */
    int b = spawnf("poster", "mode=fill dst=%d n=3 code=66 delay=6", me);
    int c = spawnf("poster", "mode=fill dst=%d n=1 code=67 delay=12", me);
    struct msg m;
    int from = sys_receive(c, &m, TIMEOUT_NEVER);
    printf("waiting for C only: first from %s, code %d\n",
           from == c ? "C" : "someone else", m.code);
    int queued = 0;
    while (sys_receive(b, &m, TIMEOUT_POLL) == b && m.code == 66 &&
           m.w[0] == (uint32_t)queued)
        queued++;
    printf("B's posts stayed queued, in order: %d of 3\n", queued);
    sys_wait(b, 0);
    sys_wait(c, 0);
}

int main(int argc, char **argv)
{
    many(arg_uint(argc, argv, "seed", 1));
    only_c();
    return 0;
}
