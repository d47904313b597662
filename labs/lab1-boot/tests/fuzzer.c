/*
 * fuzzer.c (lab 1 helper): make 'n=' system calls chosen at random from
 * the generated table (and now and then a number that is no call at all),
 * each argument drawn from values that are wrong in interesting ways for
 * its kind, and messages that now and then describe a region (lab 5).
 * Started, and restarted, by fuzz.c.
 */
#include "kit.h"
#include "fuzz.h"

#define PAGE 4096u

static char buf[2 * PAGE] __attribute__((aligned(4096)));
static struct rng rng;
static uint32_t test_pid;      /* fuzz.c, which must outlive us */

static uint32_t pick(const uint32_t *set, uint32_t n)
{
    return set[rng_below(&rng, n)];
}

static uint32_t random_pointer(void)
{
    const uint32_t set[] = {
        0, 1, 0x1000, 0x100000, 0xB8000, 0x0FFFFFFF, 0x3FFFFFFF,
        0x40000000, 0x7FFFFFFF, 0x80000000, 0xC0000000, 0xFFFFFFFF,
        (uint32_t)buf, (uint32_t)buf + PAGE - 3, (uint32_t)buf + 2 * PAGE - 1,
        (uint32_t)"exiter", (uint32_t)"spin", rng_next(&rng),
    };
    return pick(set, sizeof(set) / sizeof(set[0]));
}

static uint32_t random_arg(enum fuzz_kind kind, int self)
{
    const uint32_t ints[] = { 0, 1, 2, 3, 7, 8, 64, 0xFFFFFFFF, 0x80000000,
                              0x7FFFFFFF, 1000, rng_next(&rng) };
    const uint32_t lens[] = { 0, 1, 5, 64, 4096, 4097, 65536, 0x7FFFFFFF,
                              0xFFFFFFFF, rng_next(&rng) };
    const uint32_t pids[] = { 0, (uint32_t)-1, (uint32_t)self,
                              (uint32_t)self + 1, 1 + rng_below(&rng, 200),
                              0x7FFFFFFF, 0x80000000, rng_next(&rng) };
    const uint32_t ticks[] = { 0, 1, 2, (uint32_t)-1, 0x80000000 };
    switch (kind) {
    case ARG_IN: case ARG_OUT: case ARG_STR: case ARG_ADDR:
        return random_pointer();
    case ARG_LEN:   return pick(lens, sizeof(lens) / sizeof(lens[0]));
    case ARG_PID:   return pick(pids, sizeof(pids) / sizeof(pids[0]));
    case ARG_TICKS: return pick(ticks, sizeof(ticks) / sizeof(ticks[0]));
    default:        return pick(ints, sizeof(ints) / sizeof(ints[0]));
    }
}

/* Output calls with a real buffer print; keep what they print short. */
static void tame(uint32_t *a, const struct fuzz_call *c)
{
    for (int i = 0; i < c->nargs; i++)
        if (c->kinds[i] == ARG_LEN && a[i] > 64)
            for (int j = 0; j < c->nargs; j++)
                if (a[j] >= (uint32_t)buf && a[j] < (uint32_t)buf + 2 * PAGE)
                    a[i] %= 64;
}

/* Now and then, a message in buf that describes a region (lab 5's big
 * messages; before stage 5 the bit means nothing): its words drawn like
 * any pointer and length, the mode anything from 0 to 6. */
static void maybe_big_message(void)
{
    const uint32_t lens[] = { 0, 1, 4096, 8192, 65536, 1u << 20,
                              (1u << 20) + 1, 0xFFFFFFFF, rng_next(&rng) };
    struct msg *m = (struct msg *)buf;
    if (rng_below(&rng, 4) != 0)
        return;
    m->code = rng_below(&rng, 4) ? MSG_BIG | (int32_t)rng_below(&rng, 16)
                                 : (int32_t)rng_next(&rng);
    m->w[BIG_ADDR] = random_pointer();
    m->w[BIG_LEN] = pick(lens, sizeof(lens) / sizeof(lens[0]));
    m->w[BIG_MODE] = rng_below(&rng, 7);
}

/* One random call. Exit, and kill of ourselves, are skipped: the round
 * would end at once; so is a kill of the test, which would end the test. */
static void one_call(int self)
{
    uint32_t a[5] = { 0 };
    maybe_big_message();
    if (rng_below(&rng, 10) == 0) {
        uint32_t num = rng_below(&rng, 2) ? rng_next(&rng) : SYS_MAX + 1 +
                       rng_below(&rng, 8);
        for (int i = 0; i < 5; i++)
            a[i] = random_pointer();
        syscall_raw(num, a[0], a[1], a[2], a[3], a[4]);
        return;
    }
    const struct fuzz_call *c = &fuzz_calls[rng_below(&rng, fuzz_ncalls)];
    if (c->num == SYS_exit)
        return;
    for (int i = 0; i < c->nargs; i++)
        a[i] = random_arg(c->kinds[i], self);
    tame(a, c);
    if (c->num == SYS_kill && (a[0] == (uint32_t)self || a[0] == test_pid))
        return;
    syscall_raw(c->num, a[0], a[1], a[2], a[3], a[4]);
}

int main(int argc, char **argv)
{
    rng_init(&rng, arg_uint(argc, argv, "seed", 1));
    int n = (int)arg_uint(argc, argv, "n", 200);
    test_pid = arg_uint(argc, argv, "test", 0);
    int self = sys_getpid();
    for (int i = 0; i < n; i++)
        one_call(self);
    while (sys_wait(-1, 0) > 0)    /* children it spawned by chance */
        ;
    return 0;
}
