/*
 * fuzz.c (lab 1 test): random system calls with random arguments, from
 * the seed, for every call in the list: 'rounds=' rounds of 'n=' calls,
 * each made by a fresh fuzzer (fuzzer.c), whose exit status says how many
 * it made. The kernel must neither panic nor leak (after the rounds the
 * frames in use are back where they started), and every round must make
 * all its calls: the fuzzer never waits for ever, so a round that does
 * not end is the kernel's fault (a timeout not kept, say). A watchdog, a
 * process that only sleeps and that the fuzzer never kills, ends such a
 * round, which then counts none of its calls.
 */
#include "kit.h"

/* Rounds take a few ticks to a few dozen (every call that waits gives up
 * after 2 ticks at most); one still going after this many is stuck. */
#define ROUND_TICKS 1000

int main(int argc, char **argv)
{
    uint32_t seed = arg_uint(argc, argv, "seed", 1);
    int rounds = (int)arg_uint(argc, argv, "rounds", 12);
    int n = (int)arg_uint(argc, argv, "n", 500);
    struct rng r;
    rng_init(&r, seed);
    int before = sys_kinfo(KINFO_FRAMES_USED);
    uint32_t calls = 0;
    for (int i = 0; i < rounds; i++) {
        char args[60];
        fmt_snprintf(args, sizeof(args), "ticks=%d", ROUND_TICKS);
        int dog = spawn_or_die("watchdog", args);
        fmt_snprintf(args, sizeof(args), "seed=%u n=%d test=%d dog=%d",
                     rng_next(&r), n, sys_getpid(), dog);
        int pid = spawn_or_die("fuzzer", args);
        int status = -1;
        if (sys_wait(-1, &status) == pid) {
            calls += status > 0 ? (uint32_t)status : 0;
            sys_kill(dog);              /* not needed any more */
            sys_wait(dog, 0);
        } else {
            printf("round %d: the fuzzer did not end in %d ticks\n", i,
                   ROUND_TICKS);
            sys_kill(pid);
            if (sys_wait(pid, &status) != pid)
                printf("round %d: lost the fuzzer\n", i);
        }
    }
    /* Programs the fuzzers started by chance end by themselves. */
    for (int i = 0; i < 200 && sys_kinfo(KINFO_NPROCS) > 1; i++)
        sys_sleep(5);
    int after = sys_kinfo(KINFO_FRAMES_USED);
    printf("fuzz: %d rounds of %d calls: %u calls made\n", rounds, n, calls);
    printf("frames in use before and after: %s\n",
           before == after ? "same" : "different");
    return 0;
}
