/*
 * fuzz.c (lab 1 test): random system calls with random arguments, from
 * the seed, for every call in the list. The kernel must neither panic nor
 * leak: after every round the frames in use are back where they started.
 * A fuzzer that blocks itself for ever is killed when a watchdog, a
 * process that only sleeps, ends first.
 */
#include "kit.h"

/* A round that takes longer has blocked itself for ever and is ended.
 * Rounds normally take a few ticks. */
#define ROUND_TICKS 300

int main(int argc, char **argv)
{
    uint32_t seed = arg_uint(argc, argv, "seed", 1);
    int rounds = (int)arg_uint(argc, argv, "rounds", 12);
    struct rng r;
    rng_init(&r, seed);
    int before = sys_kinfo(KINFO_FRAMES_USED);
    int survived = 0;
    for (int i = 0; i < rounds; i++) {
        char args[40];
        fmt_snprintf(args, sizeof(args), "seed=%u n=500 test=%d",
                     rng_next(&r), sys_getpid());
        int pid = spawn_or_die("fuzzer", args);
        fmt_snprintf(args, sizeof(args), "ticks=%d", ROUND_TICKS);
        int dog = spawn_or_die("watchdog", args);
        int status = -1;
        int first = sys_wait(-1, &status);
        if (first == pid) {
            survived += status == 0;
            sys_kill(dog);              /* not needed any more */
            sys_wait(dog, 0);
        } else {                        /* the fuzzer is stuck (or the */
            sys_kill(pid);              /* fuzzer killed the watchdog) */
            if (sys_wait(pid, &status) != pid)
                printf("round %d: lost the fuzzer\n", i);
        }
    }
    /* Programs the fuzzers started by chance end by themselves. */
    for (int i = 0; i < 200 && sys_kinfo(KINFO_NPROCS) > 1; i++)
        sys_sleep(5);
    int after = sys_kinfo(KINFO_FRAMES_USED);
    printf("fuzz: %d rounds, %d ran to the end\n", rounds, survived);
    printf("frames in use before and after: %s\n",
           before == after ? "same" : "different");
    return 0;
}
