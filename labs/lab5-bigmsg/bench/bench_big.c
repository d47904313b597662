/*
 * bench_big.c (lab 5 benchmark): what a big message costs, mode by mode,
 * against its size: 1, 2, 4, ... 256 pages (1 MiB) sent one way to a
 * receiver that opens a window and receives (big_peer mode=sink), in
 * time-stamp-counter units (guest instructions under make bench). The
 * receiver's later unmap is measured apart. Copying costs in proportion
 * to the bytes; mapping costs per page too, but far less, plus a fixed
 * part. Also the first write to a
 * shared copy-on-write page (a fault and a copy) and to one no one else
 * holds any more (a fault, no copy), and the crossover: the smallest
 * size at which sharing beats copying. Prints "result" and "figure"
 * lines for tools/bench.py. Never part of grading.
 */
#include "bigmsg.h"

#define BUF   ((uint8_t *)0x50000000)   /* the 1 MiB we send */
#define BUF2  ((uint8_t *)0x58000000)   /* where a move comes back */
#define MAXPAGES 256
#define SIZES 9                         /* 1, 2, 4 ... 256 pages */
#define FAULT_PAGES 16

static const struct {
    const char *row;
    uint32_t mode;
    const char *what;
} modes[] = {
    { "copy", BIG_COPY, "copied" },
    { "map", BIG_SHARE_RW, "shared (mapped, writable)" },
    { "cow", BIG_COW, "shared copy-on-write" },
};

/* Messages a size is measured over: more for small ones. */
static int iterations(uint32_t pages)
{
    return pages >= 64 ? 8 : (int)(512 / pages);
}

/* One way, to a sink, per message. */
static uint64_t one_way(uint32_t mode, uint32_t pages)
{
    int n = iterations(pages);
    char args[48];
    fmt_snprintf(args, sizeof(args), "mode=sink pages=%u msgs=%d", pages,
                 n + 1);
    int peer = spawn_or_die("big_peer", args);
    struct msg m = { .code = 1 }, stop = { .code = 0 };
    big_attach(&m, BUF, pages * PAGE_BYTES, mode);
    sys_send(peer, &m, TIMEOUT_NEVER);          /* warm up */
    uint64_t t0 = rdtsc();
    for (int i = 0; i < n; i++)
        sys_send(peer, &m, TIMEOUT_NEVER);
    uint64_t spent = rdtsc() - t0;
    sys_send(peer, &stop, TIMEOUT_NEVER);
    sys_wait(peer, 0);
    return spent / (uint64_t)n;
}

/* A move there and back (a request, and a reply that moves the pages
 * back into our window), per one-way move. The pages alternate between
 * BUF and BUF2: a window must be free when it is opened. Afterwards BUF
 * holds the pages again (zeroed: the data no longer matters). */
static uint64_t move_round(uint32_t pages)
{
    int n = iterations(pages);
    uint32_t bytes = pages * PAGE_BYTES;
    char args[48];
    fmt_snprintf(args, sizeof(args), "mode=bounce pages=%u", pages);
    int peer = spawn_or_die("big_peer", args);
    uint8_t *at = BUF, *other = BUF2;
    uint64_t t0 = 0;
    for (int i = 0; i <= n; i++) {
        if (i == 1)
            t0 = rdtsc();                       /* after one warm-up */
        struct msg m = { .code = 1 };
        big_attach(&m, at, bytes, BIG_MOVE);
        sys_window(other, bytes);
        sys_request(peer, &m, TIMEOUT_NEVER);
        uint8_t *t = at;
        at = other;
        other = t;
    }
    uint64_t spent = rdtsc() - t0;
    struct msg stop = { .code = 0 };
    sys_request(peer, &stop, TIMEOUT_NEVER);
    sys_wait(peer, 0);
    sys_unmap(BUF, bytes);
    sys_unmap(BUF2, bytes);
    sys_map(BUF, bytes, MAP_WRITE);
    return spent / (uint64_t)(2 * n);
}

/* The first write to each of FAULT_PAGES pages shared copy-on-write:
 * in the receiver, whose write copies (we still hold the frames); then
 * in us, once the receiver has let go (no copy). */
static void cow_faults(void)
{
    int peer = spawn_or_die("big_peer", "mode=write pages=16");
    struct msg m = { .code = 1 };
    big_attach(&m, BUF, FAULT_PAGES * PAGE_BYTES, BIG_COW);
    sys_request(peer, &m, TIMEOUT_NEVER);
    uint32_t shared = m.w[0];
    sys_wait(peer, 0);
    uint64_t total = 0;
    for (int i = 0; i < FAULT_PAGES; i++) {
        uint64_t t0 = rdtsc();
        BUF[i * PAGE_BYTES] = 2;
        total += rdtsc() - t0;
    }
    bench_result("cow_fault", shared, 1,
                 "first write to a shared copy-on-write page: fault, copy");
    bench_result("cow_fault_last", total, FAULT_PAGES,
                 "first write to a copy-on-write page no one else holds");
}

/* What the receiver's unmap of a 1 MiB region costs afterwards, as it
 * arrived in 'mode' (not in the rows above). */
static void unmap_cost(uint32_t mode, const char *name, const char *what)
{
    int peer = spawn_or_die("big_peer", "mode=unmap pages=256");
    struct msg m = { .code = 1 };
    big_attach(&m, BUF, MAXPAGES * PAGE_BYTES, mode);
    sys_request(peer, &m, TIMEOUT_NEVER);
    sys_wait(peer, 0);
    bench_result(name, m.w[0], 1, what);
}

static void row(const char *mode, uint32_t pages, uint64_t cost,
                const char *what)
{
    char name[32], text[80];
    fmt_snprintf(name, sizeof(name), "%s_pages_%u", mode, pages);
    fmt_snprintf(text, sizeof(text), "%u KiB %s, one way, per message",
                 pages * 4, what);
    bench_result(name, cost, 1, text);
}

int main(void)
{
    static uint64_t cost[3][SIZES];
    if (sys_map(BUF, MAXPAGES * PAGE_BYTES, MAP_WRITE) < 0) {
        printf("cannot map the buffer\n");
        return 1;
    }
    for (uint32_t i = 0; i < MAXPAGES * PAGE_BYTES; i += 4)
        *(uint32_t *)(BUF + i) = i * 2654435761u;
    for (int k = 0; k < 3; k++)
        for (int s = 0; s < SIZES; s++) {
            cost[k][s] = one_way(modes[k].mode, 1u << s);
            row(modes[k].row, 1u << s, cost[k][s], modes[k].what);
        }
    unmap_cost(BIG_COPY, "unmap_copied_1MiB",
               "then the receiver's unmap of 1 MiB that came copied");
    unmap_cost(BIG_SHARE_RW, "unmap_shared_1MiB",
               "then the receiver's unmap of 1 MiB that came shared");
    cow_faults();
    for (int s = 0; s < SIZES; s++)
        row("move", 1u << s, move_round(1u << s), "moved");
    int cross = 0;
    for (int s = SIZES - 1; s >= 0; s--)
        if (cost[1][s] < cost[0][s])
            cross = 1 << s;
    printf("figure crossover_pages %d smallest size in pages at which "
           "sharing costs less than copying\n", cross);
    uint64_t ratio = cost[0][SIZES - 1] * 100 / cost[1][SIZES - 1];
    printf("figure copy_per_map_1MiB %u.%02u copying 1 MiB over sharing "
           "it, a ratio\n", (unsigned)(ratio / 100),
           (unsigned)(ratio % 100));
    return 0;
}
