/*
 * fifo.c (lab 2 test): senders that block on one receiver are served in
 * the order they arrived, not by pid, not by chance. The arrival order is
 * a permutation drawn from the seed.
 */
#include "kit.h"

int main(int argc, char **argv)
{
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    int order[3] = { 1, 2, 3 };
    for (int i = 2; i > 0; i--) {          /* shuffle the codes */
        int j = (int)rng_below(&r, (uint32_t)i + 1);
        int t = order[i]; order[i] = order[j]; order[j] = t;
    }
    int me = sys_getpid();
    for (int i = 0; i < 3; i++) {
        char args[40];
        fmt_snprintf(args, sizeof(args), "to=%d code=%d", me, order[i]);
        spawn_or_die("sender", args);
        sys_sleep(2);                      /* let it block before the next */
    }
    for (int i = 0; i < 3; i++) {
        struct msg m;
        int from = sys_receive(ANY, &m, TIMEOUT_NEVER);
        printf("received %d: code %d, word %u, from a sender: %s\n", i,
               m.code, m.w[0], from == m.sender && from > me ? "yes" : "no");
    }
    while (sys_wait(-1, 0) > 0)
        ;
    return 0;
}
