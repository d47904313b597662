/*
 * fuzzer.c (lab 1 helper): make 'n=' system calls chosen at random from
 * the generated table (and now and then a number that is no call at all),
 * each argument drawn from values that are wrong in interesting ways for
 * its kind, and messages that now and then describe a region (lab 5).
 * Its exit status is the number of calls it made. Started, once a round,
 * by fuzz.c.
 *
 * Every call must return, so that a round always makes its n calls:
 *   - no call ends the fuzzer: exit is never made, and kill never aims at
 *     the fuzzer itself, at the test ('test=') or at the round's watchdog
 *     ('dog='), which would end the round or the test;
 *   - no call waits for ever: a timeout is 0, 1 or 2 ticks, or a negative
 *     one the kernel must refuse, never TIMEOUT_NEVER (a receive from a
 *     process that never sends would never return; the labs' own tests
 *     try TIMEOUT_NEVER);
 *   - no call writes into the fuzzer's own memory except its buffer: a
 *     random address that falls in the program or its stack is moved
 *     into 'buf' (the kernel would rightly write there, and a fuzzer that
 *     overwrote its own state could kill the test);
 *   - no call takes the fuzzer's own pages away (lab 5): an address for
 *     map, unmap, window or pageinfo, or a moved region, that falls in
 *     the program or its stack is moved into a playground of its own
 *     instead, and an unmap whose range reaches them is skipped;
 *   - no big message is posted to the test: its pages would stay pinned
 *     in the test's post box until the test ends, after it has counted
 *     the frames in use.
 */
#include "kit.h"
#include "fuzz.h"

#define PAGE 4096u
#define USER_BASE 0x40000000u
#define USER_TOP  0x80000000u
#define IMAGE_MAX 0x100000u             /* a program is smaller than this */
#define STACK_MAX 0x10000u              /* and its stack too */

static char buf[2 * PAGE] __attribute__((aligned(4096)));
static struct rng rng;
static uint32_t test_pid, dog_pid;      /* fuzz.c, and the watchdog */
/* Object numbers (ports, mailboxes: lab 4) that calls returned, so that
 * calls on objects also hit live ones, not only dead or made-up ones. */
static uint32_t objs[8];
static uint32_t nobjs;

static uint32_t pick(const uint32_t *set, uint32_t n)
{
    return set[rng_below(&rng, n)];
}

/* A random address, unless it lies in our own program or stack. */
static uint32_t random_address(void)
{
    uint32_t v = rng_next(&rng);
    if ((v >= USER_BASE && v < USER_BASE + IMAGE_MAX) ||
        (v >= USER_TOP - STACK_MAX && v < USER_TOP))
        v = (uint32_t)buf + v % (2 * PAGE);
    return v;
}

/* Lab 5: where the memory calls' random addresses go instead of our own
 * program or stack. */
#define PLAYGROUND 0x60000000u

/* Does [va, va+len) reach our program or our stack? */
static int ours(uint32_t va, uint32_t len)
{
    uint32_t end = va + len < va ? 0xFFFFFFFFu : va + len;
    return (va < USER_BASE + IMAGE_MAX && end > USER_BASE) ||
           (va < USER_TOP && end > USER_TOP - STACK_MAX);
}

/* A random address for the memory calls, never in our program or stack:
 * those move into the playground. */
static uint32_t random_mem_address(void)
{
    const uint32_t set[] = {
        0, 1, 0x1000, 0x3FFFF000, 0x40000000, PLAYGROUND,
        PLAYGROUND + PAGE, PLAYGROUND + 5, 0x7FFFF000, 0x80000000,
        0xC0000000, 0xFFFFF000, rng_next(&rng),
    };
    uint32_t v = pick(set, sizeof(set) / sizeof(set[0]));
    if (ours(v, 1))
        v = PLAYGROUND + (v & 0x3FFFFF);
    return v;
}

static uint32_t random_pointer(void)
{
    const uint32_t set[] = {
        0, 1, 0x1000, 0x100000, 0xB8000, 0x0FFFFFFF, 0x3FFFFFFF,
        0x40000000, 0x7FFFFFFF, 0x80000000, 0xC0000000, 0xFFFFFFFF,
        (uint32_t)buf, (uint32_t)buf + PAGE - 3, (uint32_t)buf + 2 * PAGE - 1,
        (uint32_t)"exiter", (uint32_t)"spin", random_address(),
    };
    return pick(set, sizeof(set) / sizeof(set[0]));
}

/* A number returned before (most often), or one made up. */
static uint32_t random_obj(void)
{
    const uint32_t made_up[] = { 0, (uint32_t)-1, 1, 1023, 1024, 1025, 1536,
                                 2048, 0x7FFFFFFF, rng_next(&rng) };
    if (nobjs && rng_below(&rng, 4) != 0)
        return objs[rng_below(&rng, nobjs < 8 ? nobjs : 8)];
    return pick(made_up, sizeof(made_up) / sizeof(made_up[0]));
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
    const uint32_t ticks[] = { 0, 1, 2, (uint32_t)-2, 0x80000000 };
    switch (kind) {
    case ARG_IN: case ARG_OUT: case ARG_STR: return random_pointer();
    case ARG_ADDR:  return random_mem_address();
    case ARG_LEN:   return pick(lens, sizeof(lens) / sizeof(lens[0]));
    case ARG_PID:   return pick(pids, sizeof(pids) / sizeof(pids[0]));
    case ARG_TICKS: return pick(ticks, sizeof(ticks) / sizeof(ticks[0]));
    case ARG_OBJ:   return random_obj();
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
 * any pointer and length, the mode anything from 0 to 6; a moved region
 * never in our own pages. */
static void maybe_big_message(void)
{
    const uint32_t lens[] = { 0, 1, 4096, 8192, 65536, 1u << 20,
                              (1u << 20) + 1, 0xFFFFFFFF, rng_next(&rng) };
    struct msg *m = (struct msg *)buf;
    if (rng_below(&rng, 4) != 0)
        return;
    m->code = rng_below(&rng, 4) ? MSG_BIG | (int32_t)rng_below(&rng, 16)
                                 : (int32_t)rng_next(&rng);
    m->w[BIG_LEN] = pick(lens, sizeof(lens) / sizeof(lens[0]));
    m->w[BIG_MODE] = rng_below(&rng, 7);
    m->w[BIG_ADDR] = m->w[BIG_MODE] == BIG_MOVE ? random_mem_address()
                                                : random_pointer();
    if (m->w[BIG_MODE] == BIG_MOVE && ours(m->w[BIG_ADDR], m->w[BIG_LEN]))
        m->w[BIG_ADDR] = PLAYGROUND;
}

/* Is the message in buf big (its code says so)? */
static int buf_is_big(void)
{
    return msg_is_big((const struct msg *)buf);
}

/* A call that would break the rules above: an unmap reaching our own
 * pages, a big message posted to the test. */
static int forbidden(const struct fuzz_call *c, const uint32_t *a)
{
#ifdef SYS_unmap
    if (c->num == SYS_unmap)
        return ours(a[0], a[1]);
    if (c->num == SYS_post && a[0] == test_pid &&
        a[1] >= (uint32_t)buf && a[1] < (uint32_t)buf + PAGE && buf_is_big())
        return 1;
#endif
    (void)c; (void)a; (void)buf_is_big;
    return 0;
}

/* One random call: 1 if it was made, 0 if it was drawn and skipped (exit;
 * a kill of ourselves, of the test or of the watchdog; a call the rules
 * above forbid). */
static int one_call(int self)
{
    uint32_t a[5] = { 0 };
    maybe_big_message();
    if (rng_below(&rng, 10) == 0) {
        uint32_t num = rng_below(&rng, 2) ? rng_next(&rng) : SYS_MAX + 1 +
                       rng_below(&rng, 8);
        if (num >= 1 && num <= SYS_MAX)
            return 0;               /* a real call, with no rules on it */
        for (int i = 0; i < 5; i++)
            a[i] = random_pointer();
        syscall_raw(num, a[0], a[1], a[2], a[3], a[4]);
        return 1;
    }
    const struct fuzz_call *c = &fuzz_calls[rng_below(&rng, fuzz_ncalls)];
    if (c->num == SYS_exit)
        return 0;
    for (int i = 0; i < c->nargs; i++)
        a[i] = random_arg(c->kinds[i], self);
    tame(a, c);
    if (c->num == SYS_kill && (a[0] == (uint32_t)self ||
                               a[0] == test_pid || a[0] == dog_pid))
        return 0;
    if (forbidden(c, a))
        return 0;
    int r = syscall_raw(c->num, a[0], a[1], a[2], a[3], a[4]);
    if (r >= 1024)              /* perhaps an object's number: keep it */
        objs[nobjs++ % 8] = (uint32_t)r;
    return 1;
}

int main(int argc, char **argv)
{
    rng_init(&rng, arg_uint(argc, argv, "seed", 1));
    int n = (int)arg_uint(argc, argv, "n", 200);
    test_pid = arg_uint(argc, argv, "test", 0);
    dog_pid = arg_uint(argc, argv, "dog", 0);
    int self = sys_getpid();
    int made = 0;
    while (made < n)
        made += one_call(self);
    while (sys_wait(-1, 0) > 0)    /* children it spawned by chance */
        ;
    return made;
}
