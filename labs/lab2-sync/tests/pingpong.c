/*
 * pingpong.c (lab 2 test): two processes pass values back and forth with
 * plain send and receive. The values come from the seed; the ponger
 * answers each x with 3x + 1, and the grader checks every line.
 */
#include "kit.h"

int main(int argc, char **argv)
{
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    int ponger = spawn_or_die("ponger", 0);
    for (int i = 0; i < 8; i++) {
        struct msg m = { .code = 1, .w = { rng_below(&r, 100000) } };
        int s = sys_send(ponger, &m, TIMEOUT_NEVER);
        int from = sys_receive(ponger, &m, TIMEOUT_NEVER);
        printf("ping %d: send %s, reply from %s: %u\n", i,
               s == 0 ? "ok" : errno_name(s),
               from == ponger ? "ponger" : errno_name(from), m.w[0]);
    }
    struct msg stop = { .code = 0 };
    sys_send(ponger, &stop, TIMEOUT_NEVER);
    sys_wait(ponger, 0);
    return 0;
}
