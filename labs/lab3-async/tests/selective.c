/*
 * selective.c (lab 3 test): selective receive over a post box. Three
 * posters post to us in an order drawn from the seed; a rendezvous
 * sender (lab 2's send) queues in the middle of it; more posts follow.
 * We take from one sender at a time: each receive(from=X) must take X's
 * oldest and leave everything else queued, in order; then receive(ANY)
 * takes the rest in arrival order, the blocked sender in its place.
 * oracle.py checks every line.
 */
#include "lab3test.h"

#define POSTERS 3

static int pids[POSTERS];
static struct rng rng;
static int index;

static void posts(int n)
{
    posts_drawn(pids, POSTERS, &rng, &index, n);
}

static void show(const char *how, int from, const struct msg *m)
{
    if (from < 0) {
        printf("%s: %s\n", how, errno_name(from));
        return;
    }
    int k = m->code - 100;
    if (k >= 0 && k < POSTERS && from == pids[k])
        printf("%s: post %u by %d, word %u\n", how, m->w[1], k, m->w[0]);
    else
        printf("%s: a send with code %d, word %u\n", how, m->code, m->w[0]);
}

static void take_from(int k)
{
    struct msg m;
    char how[32];
    fmt_snprintf(how, sizeof(how), "receive from %d", k);
    show(how, sys_receive(pids[k], &m, TIMEOUT_POLL), &m);
}

int main(int argc, char **argv)
{
    rng_init(&rng, arg_uint(argc, argv, "seed", 1));
    for (int k = 0; k < POSTERS; k++)
        pids[k] = spawn_or_die("poster", "mode=cmd");
    posts(10);
    int s = spawnf("sender", "to=%d code=77", sys_getpid());
    sys_sleep(2);                       /* s is blocked sending to us */
    posts(8);
    int order[4] = { 2, 0, 1, 2 };
    for (int i = 0; i < 4; i++)
        take_from(order[(i + rng_below(&rng, 3)) % 4]);
    struct msg m;
    for (;;) {
        int from = sys_receive(ANY, &m, TIMEOUT_POLL);
        show("receive from ANY", from, &m);
        if (from < 0)
            break;
        if (from == s)
            sys_wait(s, 0);
    }
    for (int k = 0; k < POSTERS; k++) {
        poster_do(pids[k], CMD_STOP, 0, 0, 0, 0, 0);
        sys_wait(pids[k], 0);
    }
    return 0;
}
