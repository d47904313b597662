/*
 * hidden_relay.c (an example hidden test of lab 2, instructors only):
 * two echo servers (ponger), a seeded number of rounds, each sending a
 * seeded value to a seeded one of the two and taking the answer from that
 * one only. Never in a student kit (tools/mkkit.sh leaves hidden/ out).
 */
#include "kit.h"

int main(int argc, char **argv)
{
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    int server[2] = { spawn_or_die("ponger", 0), spawn_or_die("ponger", 0) };
    int rounds = 3 + (int)rng_below(&r, 6);
    for (int i = 0; i < rounds; i++) {
        int k = (int)rng_below(&r, 2);
        struct msg m = { .code = 1, .w = { rng_below(&r, 1000) } };
        int s = sys_send(server[k], &m, TIMEOUT_NEVER);
        int from = sys_receive(server[k], &m, TIMEOUT_NEVER);
        printf("round %d: server %c: send %s, answer %u from %s\n", i,
               "ab"[k], s == 0 ? "ok" : errno_name(s), m.w[0],
               from == server[k] ? "it" : errno_name(from));
    }
    for (int k = 0; k < 2; k++) {
        struct msg stop = { .code = 0 };
        sys_send(server[k], &stop, TIMEOUT_NEVER);
        sys_wait(server[k], 0);
    }
    printf("rounds: %d\n", rounds);
    return 0;
}
