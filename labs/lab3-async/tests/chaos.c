/*
 * chaos.c (lab 3 test): twelve processes post, send datagrams, notify and
 * receive at random among themselves, with every kind of timeout, while
 * we kill some of them at seed-drawn moments and start new ones. The
 * kernel must not panic, and when everyone is gone it must hold no
 * message and no frame it did not hold before, and posting must still
 * work.
 */
#include "lab3test.h"

#define WORKERS 12

int main(int argc, char **argv)
{
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    int frames = sys_kinfo(KINFO_FRAMES_USED);
    int pids[WORKERS], lo = sys_getpid() + 1, started = 0, killed = 0;
    for (int i = 0; i < WORKERS; i++, started++)
        pids[i] = spawnf("chaoswork", "seed=%u n=400 lo=%d hi=%d",
                         rng_next(&r), lo, lo + WORKERS + WORKERS / 2);
    for (int round = 0; round < 30; round++) {
        sys_sleep(1 + (int)rng_below(&r, 3));
        int i = (int)rng_below(&r, WORKERS);
        if (sys_kill(pids[i]) == 0)
            killed++;
        sys_wait(pids[i], 0);
        pids[i] = spawnf("chaoswork", "seed=%u n=400 lo=%d hi=%d",
                         rng_next(&r), lo, lo + WORKERS + WORKERS / 2);
        started++;
    }
    for (int i = 0; i < WORKERS; i++) {
        sys_kill(pids[i]);
        sys_wait(pids[i], 0);
    }
    printf("workers started: %d, some killed on the way: %s\n", started,
           killed > 0 ? "yes" : "no");
    /* The post boxes still work after all that: 8 posted to us, 8
     * received, in order. */
    int poster = spawnf("poster", "mode=fill dst=%d n=8 code=9",
                        sys_getpid());
    int posted = -1, in_order = 0;
    sys_wait(poster, &posted);
    struct msg m;
    for (int i = 0; i < 8; i++)
        in_order += sys_receive(poster, &m, TIMEOUT_POLL) == poster &&
                    m.code == 9 && m.w[0] == (uint32_t)i;
    printf("after the chaos: %d posted, %d received in order\n", posted,
           in_order);
    printf("messages held at the end: %d\n", sys_kinfo(KINFO_MSGS));
    printf("frames: %s\n",
           sys_kinfo(KINFO_FRAMES_USED) == frames ? "as before" : "leaked");
    return 0;
}
