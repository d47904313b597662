/*
 * grants.c (lab 4 test): grant and revoke racing with senders. Three
 * grantees (grantee.c) keep sending and posting to our closed port while
 * we follow a schedule drawn from the seed: grant one, revoke one, open,
 * close, receive, pause. The seed also moves the timer's preemptions, so
 * each seed races differently. We print every step and every message we
 * get; the grantees print how each of their tries ended. oracle.py checks
 * the rules: nothing is received from a sender while it may not send;
 * a send that returned 0 was received exactly once, a refused one never;
 * a post accepted was received, or thrown away by a revoke; each
 * sender's messages come in the order sent. Once the port is open for
 * good, each grantee, told so, makes a last send that must go through.
 */
#include "lab4test.h"

#define GRANTEES 3
#define STEPS    50

static int port, pids[GRANTEES];

/* Receive once with this timeout and say what came. */
static int take(int timeout)
{
    struct msg m;
    int r = sys_port_receive(port, &m, timeout);
    if (r < 0) {
        printf("nothing: %s\n", errno_name(r));
        return 0;
    }
    int k = m.code - 100;
    printf("got %d seq %u%s\n", k, m.w[0],
           k >= 0 && k < GRANTEES && m.sender == pids[k] ? "" : " (who?)");
    return 1;
}

int main(int argc, char **argv)
{
    struct rng rng;
    uint32_t seed = arg_uint(argc, argv, "seed", 1);
    rng_init(&rng, seed);
    port = sys_port_create(0);
    for (int k = 0; k < GRANTEES; k++)
        pids[k] = spawnf("grantee", "port=%d k=%d seed=%u n=24 parent=%d",
                         port, k, seed * 10 + (uint32_t)k, sys_getpid());
    int open = 0;
    for (int i = 0; i < STEPS; i++) {
        uint32_t op = rng_below(&rng, 6), k = rng_below(&rng, GRANTEES);
        if (op == 0) {
            printf("grant %u: %s\n", k,
                   result_name(sys_port_grant(port, pids[k])));
        } else if (op == 1) {
            printf("revoke %u: %s\n", k,
                   result_name(sys_port_revoke(port, pids[k])));
        } else if (op == 2 || op == 3) {
            take(op == 2 ? TIMEOUT_POLL : 2);
        } else if (op == 4) {
            sys_sleep(1);
        } else {
            open = !open;
            printf("%s: %s\n", open ? "open" : "close",
                   result_name(open ? sys_port_grant(port, ANY)
                                    : sys_port_revoke(port, ANY)));
        }
    }
    if (!open)
        printf("open: %s\n", result_name(sys_port_grant(port, ANY)));
    for (int k = 0; k < GRANTEES; k++)
        sys_notify(pids[k]);            /* open for good: your last send */
    int done = 0;
    while (done < GRANTEES || take(TIMEOUT_POLL)) {
        struct msg note;
        take(2);
        while (sys_receive(ANY, &note, TIMEOUT_POLL) > 0)
            done += note.code == MSG_NOTIFY;
    }
    printf("drained\n");
    for (int k = 0; k < GRANTEES; k++) {
        sys_notify(pids[k]);
        sys_wait(pids[k], 0);
    }
    printf("messages held: %d\n", held());
    return 0;
}
