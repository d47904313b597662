/*
 * ticks.c (lab 1 test): the timer interrupts at the rate the kernel says.
 * Sleeps whole numbers of ticks and measures each with the time-stamp
 * counter, which under QEMU's -icount counts guest nanoseconds.
 */
#include "kit.h"

int main(int argc, char **argv)
{
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 0));
    printf("hz: %d\n", sys_kinfo(KINFO_HZ));
    sys_sleep(1);                         /* start on a tick boundary */
    for (int i = 0; i < 3; i++) {
        int n = 10 + (int)rng_below(&r, 40);
        int t0 = sys_uptime();
        uint64_t c0 = rdtsc();
        sys_sleep(n);
        uint64_t c1 = rdtsc();
        int t1 = sys_uptime();
        printf("slept %d: ticks %d, ns %llu\n", n, t1 - t0,
               (unsigned long long)(c1 - c0));
    }
    return 0;
}
