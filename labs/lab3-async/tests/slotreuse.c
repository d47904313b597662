/*
 * slotreuse.c (lab 3 test): senders are counted by pid, never by slot.
 * A first poster uses its whole share (8 messages to us, the quota of a
 * box, and 8 to each of seven sinks that never receive: 64) and exits;
 * its messages stay, deliverable. Then a second poster is spawned into
 * the same process slot (pid modulo NPROC): it owes nothing for the dead
 * one's messages, so it posts its own 8 to us and its own 64 in all;
 * receiving one of the dead one's messages frees nothing of the second
 * poster's, and receiving one of its own frees one place. The words the
 * posters send are drawn from the seed.
 */
#include "lab3test.h"

#define SINKS 8
#define QUOTA 8                 /* POST_QUOTA */
#define NPROCS 128              /* NPROC: a pid's slot is pid % NPROCS */

static int me, sinks[SINKS];

/* Have poster p post its share: QUOTA to us, QUOTA to each of the first
 * seven sinks, with code 'code' and words drawn from r. Returns how many
 * were accepted. */
static int post_share(int p, uint32_t code, struct rng *r)
{
    int ok = 0;
    for (int d = 0; d < SINKS; d++)
        for (int i = 0; i < QUOTA; i++)
            ok += poster_do(p, CMD_POST, (uint32_t)(d ? sinks[d - 1] : me),
                            code, rng_below(r, 1000), 0, TIMEOUT_POLL) == 0;
    return ok;
}

/* One more post by p: to us (to = 0) or to the last sink. */
static const char *one_more(int p, int to)
{
    return result_name(poster_do(p, CMD_POST, (uint32_t)(to ? to : me), 3,
                                 0, 0, TIMEOUT_POLL));
}

/* One more post by p to us, then one to the last sink, in that order. */
static void two_more(int p)
{
    const char *to_us = one_more(p, 0);
    printf("then the second poster, to us: %s; to a sink: %s\n", to_us,
           one_more(p, sinks[7]));
}

int main(int argc, char **argv)
{
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    me = sys_getpid();
    for (int i = 0; i < SINKS; i++)
        sinks[i] = spawn_or_die("lazyrecv", "tag=S delay=100000");
    int first = spawn_or_die("poster", 0);
    printf("first poster: %d of 64 accepted\n", post_share(first, 1, &r));
    printf("its next post to a sink: %s\n", one_more(first, sinks[7]));
    poster_do(first, CMD_STOP, 0, 0, 0, 0, 0);
    sys_wait(first, 0);
    /* Pids are handed out in order: spawn posters, and stop each at
     * once, until one falls into the first's slot. */
    int second = 0;
    for (int tries = 0; tries < 2 * NPROCS && !second; tries++) {
        int pid = spawn_or_die("poster", 0);
        if (pid % NPROCS == first % NPROCS) {
            second = pid;
        } else {
            poster_do(pid, CMD_STOP, 0, 0, 0, 0, 0);
            sys_wait(pid, 0);
        }
    }
    printf("second poster in the first one's slot: %s\n",
           second && second != first ? "yes" : "no");
    if (!second)
        return 1;
    printf("second poster: %d of 64 accepted\n", post_share(second, 2, &r));
    printf("its next post to a sink: %s\n", one_more(second, sinks[7]));
    struct msg m;
    int from = sys_receive(first, &m, TIMEOUT_POLL);
    printf("received from the dead first poster: %s, code %d, word %u\n",
           from == first ? "its message" : result_name(from), m.code,
           m.w[0]);
    two_more(second);
    from = sys_receive(second, &m, TIMEOUT_POLL);
    printf("received from the second poster: %s, code %d, word %u\n",
           from == second ? "its message" : result_name(from), m.code,
           m.w[0]);
    two_more(second);
    poster_do(second, CMD_STOP, 0, 0, 0, 0, 0);
    sys_wait(second, 0);
    for (int i = 0; i < SINKS; i++)
        sys_kill(sinks[i]);
    for (int i = 0; i < SINKS; i++)
        sys_wait(sinks[i], 0);
    int left = 0;
    while (sys_receive(ANY, &m, TIMEOUT_POLL) > 0)
        left++;
    printf("left in our box: %d; held after: %d\n", left,
           sys_kinfo(KINFO_MSGS));
    return 0;
}
