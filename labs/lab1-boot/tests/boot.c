/*
 * boot.c (lab 1 test): the first process runs in ring 3, reads its
 * arguments, and prints a few numbers drawn from the seed, which the
 * grader computes too. Booted through the real GRUB ISO.
 */
#include "kit.h"

int main(int argc, char **argv)
{
    uint32_t seed = arg_uint(argc, argv, "seed", 0);
    struct rng r;
    rng_init(&r, seed);
    uint32_t cs;
    __asm__ volatile("movl %%cs, %0" : "=r"(cs));
    printf("ring %u, pid %d, seed %u\n", cs & 3, sys_getpid(), seed);
    for (int i = 0; i < 3; i++)
        printf("draw %d: %u\n", i, rng_next(&r));
    return 0;
}
