/*
 * postbox.c (lab 3 test): the order and the bounds of a post box. Five
 * posters post to us in an order drawn from the seed, each post made
 * only when the one before it is done (we command them one at a time),
 * while we receive nothing; then we take some, they post more, and we
 * take the rest. Every post is a poll, so a full box (POSTBOX_SLOTS) or
 * a poster over its quota (POST_QUOTA) shows as EAGAIN. oracle.py
 * simulates the box and checks every line.
 */
#include "lab3test.h"

#define POSTERS 5

static int pids[POSTERS];
static struct rng rng;
static int index;

static void posts(int n)
{
    posts_drawn(pids, POSTERS, &rng, &index, n);
}

/* Take up to n messages (n < 0: until the box is empty). */
static void takes(int n)
{
    for (int i = 0; n < 0 || i < n; i++) {
        struct msg m;
        int from = sys_receive(ANY, &m, TIMEOUT_POLL);
        if (from < 0) {
            printf("receive: %s\n", errno_name(from));
            return;
        }
        int k = m.code - 100;
        int right = k >= 0 && k < POSTERS && from == pids[k] &&
                    m.sender == from;
        printf("got post %u by %d, word %u, sender %s\n", m.w[1], k, m.w[0],
               right ? "right" : "wrong");
    }
}

int main(int argc, char **argv)
{
    rng_init(&rng, arg_uint(argc, argv, "seed", 1));
    for (int k = 0; k < POSTERS; k++)
        pids[k] = spawn_or_die("poster", "mode=cmd");
    posts(45);
    takes(12);
    posts(25);
    takes(-1);
    for (int k = 0; k < POSTERS; k++) {
        poster_do(pids[k], CMD_STOP, 0, 0, 0, 0, 0);
        sys_wait(pids[k], 0);
    }
    printf("messages held at the end: %d\n", sys_kinfo(KINFO_MSGS));
    return 0;
}
