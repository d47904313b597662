/*
 * pipeline.c (lab 5 test): three processes pass buffers along by move,
 * never copying them. The producer fills buffers of sizes drawn from the
 * seed and sends each to the filter, moving its pages; the filter adds
 * its key to every word, in place, and posts the buffer on to the
 * consumer, moving it again (when its undelivered posts reach the pinned
 * cap, it waits a tick and tries again); the consumer reports each
 * buffer's checksum. The oracle computes them all. The pages never
 * leave the first process's frames: no page is copied on the way.
 */
#include "lab5test.h"

#define BUFFERS 4
#define MAX_PAGES 256

static int producer(int filter, uint32_t seed)
{
    struct rng r;
    rng_init(&r, seed);
    for (int i = 0; i < BUFFERS; i++) {
        uint32_t pages = 1 + rng_below(&r, MAX_PAGES);
        sys_map(BUF, pages * PAGE, MAP_WRITE);
        fill(BUF, pages * PAGE, &r);
        struct msg m = { .code = 1, .w = { (uint32_t)i } };
        big_attach(&m, BUF, pages * PAGE, BIG_MOVE);
        int e = sys_send(filter, &m, TIMEOUT_NEVER);
        printf("buffer %d: %u pages sent: %s, still mine: %d pages\n", i,
               pages, result_name(e), sys_unmap(BUF, pages * PAGE));
    }
    struct msg end = { .code = 0 };
    sys_send(filter, &end, TIMEOUT_NEVER);
    return 0;
}

static int filter(int consumer, uint32_t key)
{
    struct msg m;
    for (;;) {
        sys_window(WIN, MAX_PAGES * PAGE);
        if (sys_receive(ANY, &m, TIMEOUT_NEVER) < 0 || !msg_is_big(&m))
            break;
        uint32_t *w = (uint32_t *)big_data(&m);
        for (uint32_t i = 0; i < big_len(&m) / 4; i++)
            w[i] += key;
        big_attach(&m, big_data(&m), big_len(&m), BIG_MOVE);
        int e;
        while ((e = sys_post(consumer, &m, TIMEOUT_NEVER)) == -EDQUOT)
            sys_sleep(1);
        if (e < 0)
            printf("filter: post %s\n", errno_name(e));
    }
    m.code = 0;
    sys_post(consumer, &m, TIMEOUT_NEVER);
    return 0;
}

static int consumer(void)
{
    struct msg m;
    for (;;) {
        sys_window(WIN, MAX_PAGES * PAGE);
        if (sys_receive(ANY, &m, TIMEOUT_NEVER) < 0 || !msg_is_big(&m))
            break;
        printf("buffer %u: %u bytes arrived, fnv %08x\n", m.w[0],
               big_len(&m), sum_words(big_data(&m), big_len(&m)));
        sys_unmap(WIN, MAX_PAGES * PAGE);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (arg_get(argc, argv, "producer"))
        return producer((int)arg_uint(argc, argv, "producer", 0),
                        arg_uint(argc, argv, "seed", 1));
    if (arg_get(argc, argv, "filter"))
        return filter((int)arg_uint(argc, argv, "filter", 0),
                      arg_uint(argc, argv, "key", 0));
    if (arg_get(argc, argv, "consumer"))
        return consumer();
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    uint32_t key = rng_next(&r);
    int copied = sys_kinfo(KINFO_BIG_COPIED);
    int c = spawn_or_die("pipeline", "consumer=1");
    int f = spawnf("pipeline", "filter=%d key=%u", c, key);
    int p = spawnf("pipeline", "producer=%d seed=%u", f, rng_next(&r));
    sys_wait(p, 0);
    sys_wait(f, 0);
    sys_wait(c, 0);
    printf("pages the kernel copied on the way: %d; pinned at the end: %d\n",
           sys_kinfo(KINFO_BIG_COPIED) - copied, sys_kinfo(KINFO_PINNED));
    return 0;
}
