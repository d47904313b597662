/*
 * pingpong.c (lab 2 test): two processes pass values back and forth with
 * plain send and receive. The values come from the seed; the ponger
 * answers each x with 3x + 1, and the grader checks every line. Every
 * other ping travels in a buffer that straddles a page boundary (the
 * kernel copies it in pieces), and the last message, which stops the
 * ponger, is sent from read-only memory: send only reads its message.
 */
#include "kit.h"

/* Two pages; a message at the end of the first spills into the second. */
static uint8_t pages[2 * 4096] __attribute__((aligned(4096)));
static const struct msg stop = { .code = 0 };

int main(int argc, char **argv)
{
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    int ponger = spawn_or_die("ponger", 0);
    struct msg plain, *split = (struct msg *)(pages + 4096 - 24);
    for (int i = 0; i < 8; i++) {
        struct msg *m = i % 2 ? split : &plain;
        memset(m, 0, sizeof(*m));
        m->code = 1;
        m->w[0] = rng_below(&r, 100000);
        int s = sys_send(ponger, m, TIMEOUT_NEVER);
        int from = sys_receive(ponger, m, TIMEOUT_NEVER);
        printf("ping %d: send %s, reply from %s: %u\n", i,
               s == 0 ? "ok" : errno_name(s),
               from == ponger && m->sender == ponger ? "ponger"
                                                     : errno_name(from),
               m->w[0]);
    }
    int s = sys_send(ponger, &stop, TIMEOUT_NEVER);
    if (s < 0) {
        printf("stop from read-only memory: %s\n", errno_name(s));
        sys_kill(ponger);
    }
    sys_wait(ponger, 0);
    return 0;
}
