/*
 * fpu.c (lab 1 test): every process has x87 and SSE registers of its own.
 * Three workers (fpuwork.c) with values drawn from the seed hold them
 * while the timer switches among them; each must read back its own, and
 * each must start with the clean state of a new process, whatever ran
 * before it. The test holds values of its own across its waits for them
 * (a switch away from a blocked process). The grader's oracle computes
 * every value from the seed.
 */
#include "kit.h"
#include "fpuregs.h"

#define WORKERS 3
#define ROUNDS  3

int main(int argc, char **argv)
{
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    struct fpu_values mine, got;
    /* Each set of values from a seed of its own, scrambled (times an odd
     * constant) so that no two sets share a run of the generator. */
    fpu_values_draw(&mine, rng_next(&r) * 2654435761u);
    fpu_values_load(&mine);
    int pids[WORKERS];
    for (int k = 0; k < WORKERS; k++) {
        char args[60];
        fmt_snprintf(args, sizeof(args), "seed=%u id=%d rounds=%d",
                     rng_next(&r) * 2654435761u, k + 1, ROUNDS);
        pids[k] = spawn_or_die("fpuwork", args);
    }
    int ok = 0;
    for (int k = 0; k < WORKERS; k++) {
        int status = -1;
        ok += sys_wait(pids[k], &status) == pids[k] && status == 0;
    }
    fpu_values_store(&got);
    printf("workers ended: %d of %d\n", ok, WORKERS);
    printf("own values kept across the waits: %s\n",
           memcmp(&mine, &got, sizeof(got)) == 0 ? "yes" : "no");
    return 0;
}
