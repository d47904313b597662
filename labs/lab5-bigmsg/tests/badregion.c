/*
 * badregion.c (lab 5 test): every error of a bad region, on each call
 * that can carry one (send, request, post, respond), and of the memory
 * calls (map, unmap, pageinfo; a map of more memory than there is gets
 * ENOMEM and leaves nothing mapped). A bad region is the sender's error
 * alone: it is refused before anything happens, and the receiver, waiting
 * with its window open, gets nothing and keeps its window.
 */
#include "lab5test.h"

/* 128 MiB, below BUF: more than the 64 MiB machine the grader boots. */
#define HUGE     ((uint8_t *)0x48000000)
#define HUGE_LEN 0x8000000u

struct bad {
    const char *what;
    uint32_t va, len, mode;
};

/* The three sending calls, to the waiting peer. */
static void try_all(int peer, const struct bad *b)
{
    struct msg m = { .code = PEER_TAKE };
    big_attach(&m, (void *)b->va, b->len, b->mode);
    int s = sys_send(peer, &m, TIMEOUT_POLL);
    int q = sys_request(peer, &m, TIMEOUT_POLL);
    int p = sys_post(peer, &m, TIMEOUT_POLL);
    printf("%s: send %s, request %s, post %s\n", b->what, result_name(s),
           result_name(q), result_name(p));
}

/* respond with a bad region, then a good reply, to a child that asks. */
static void respond_errors(void)
{
    int child = spawn_or_die("badregion", "ask=1");
    struct msg m;
    int from = sys_receive(child, &m, TIMEOUT_NEVER);
    m.code = 1;
    big_attach(&m, (void *)0x100000, PAGE, BIG_COPY);
    printf("respond with a kernel region: %s\n",
           result_name(sys_respond(from, &m)));
    big_attach(&m, BUF, PAGE, 9);
    printf("respond with no such mode: %s\n",
           result_name(sys_respond(from, &m)));
    m.code = 2;
    printf("then a plain reply: %s\n", result_name(sys_respond(from, &m)));
    sys_wait(child, 0);
}

static void memory_errors(void)
{
    uint8_t *top = (uint8_t *)0x7FFFF000, *kernel = (uint8_t *)0x100000;
    printf("map not page-aligned: %s\n",
           result_name(sys_map(WIN + 8, PAGE, MAP_WRITE)));
    printf("map 0 bytes: %s\n", result_name(sys_map(WIN, 0, MAP_WRITE)));
    printf("map part of a page: %s\n",
           result_name(sys_map(WIN, 100, MAP_WRITE)));
    printf("map in the kernel: %s\n",
           result_name(sys_map(kernel, PAGE, MAP_WRITE)));
    printf("map past the top of user space: %s\n",
           result_name(sys_map(top, 2 * PAGE, MAP_WRITE)));
    printf("map wrapping around: %s\n",
           result_name(sys_map((void *)0xFFFFF000, 2 * PAGE, MAP_WRITE)));
    printf("map with an unknown flag: %s\n",
           result_name(sys_map(WIN, PAGE, 0x10)));
    printf("map over mapped pages: %s\n",
           result_name(sys_map(BUF, 3 * PAGE, MAP_WRITE)));
    int e = sys_map(BUF + PAGE, 3 * PAGE, MAP_WRITE);
    printf("map over the hole and past it: %s, the hole still empty: %s\n",
           result_name(e), sys_pageinfo(BUF + PAGE) == 0 ? "yes" : "no");
    printf("unmap not page-aligned: %s\n",
           result_name(sys_unmap(BUF + 1, PAGE)));
    printf("unmap in the kernel: %s\n",
           result_name(sys_unmap(kernel, PAGE)));
    printf("unmap 0 bytes: %s\n", result_name(sys_unmap(BUF, 0)));
    printf("unmap where nothing is: %d pages\n", sys_unmap(WIN, 4 * PAGE));
    printf("pageinfo of a kernel address: %s\n",
           result_name(sys_pageinfo(kernel)));
    printf("pageinfo at the top of user space: %s\n",
           result_name(sys_pageinfo((void *)0x80000000)));
    printf("pageinfo of the hole: %d\n", sys_pageinfo(BUF + PAGE));
    e = sys_map(WIN, PAGE, 0);
    printf("map without MAP_WRITE: %s, read-only: %s\n", result_name(e),
           (sys_pageinfo(WIN) & (PAGE_PRESENT | PAGE_WRITABLE)) ==
                   PAGE_PRESENT ? "yes" : "no");
    sys_unmap(WIN, PAGE);
    /* More than the machine has: every frame is taken, then given back. */
    e = sys_map(HUGE, HUGE_LEN, MAP_WRITE);
    printf("map of more memory than there is: %s, nothing mapped: %s\n",
           result_name(e), sys_pageinfo(HUGE) == 0 &&
                   sys_pageinfo(HUGE + 1000 * PAGE) == 0 ? "yes" : "no");
}

int main(int argc, char **argv)
{
    if (arg_get(argc, argv, "ask")) {
        struct msg m = { .code = 5 };
        int e = sys_request(1, &m, TIMEOUT_NEVER);
        printf("asker: %s, code %d\n", result_name(e), m.code);
        return 0;
    }
    sys_map(BUF, 3 * PAGE, MAP_WRITE);
    sys_unmap(BUF + PAGE, PAGE);                /* a hole in the middle */
    int peer = spawn_or_die("bigpeer", 0);
    peer_do(peer, PEER_WINDOW, 16, 0, 0);
    const struct bad bad[] = {
        { "mode 0", (uint32_t)BUF, PAGE, 0 },
        { "mode 6", (uint32_t)BUF, PAGE, 6 },
        { "length 0", (uint32_t)BUF, 0, BIG_COPY },
        { "1 MiB and a byte", (uint32_t)BUF, BIG_MAX + 1, BIG_COPY },
        { "a kernel address", 0x100000, PAGE, BIG_COPY },
        { "past the top", 0x7FFFF000, 2 * PAGE, BIG_COPY },
        { "wrapping around", 0xFFFFF000, 2 * PAGE, BIG_SHARE_RO },
        { "a hole in the middle", (uint32_t)BUF, 3 * PAGE, BIG_MOVE },
        { "nothing mapped", 0x70000000, PAGE, BIG_COW },
        { "share-rw of code", (uint32_t)main & ~(PAGE - 1), PAGE,
          BIG_SHARE_RW },
    };
    sys_sleep(1);                       /* the peer waits in receive */
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        try_all(peer, &bad[i]);
    struct msg m = { .code = PEER_TAKE };
    big_attach(&m, BUF, PAGE, BIG_COPY);
    printf("datagram with a region: %s\n",
           result_name(sys_datagram(peer, &m)));
    printf("the receiver meanwhile: %d pages mapped, last error %s\n",
           peer_do(peer, PEER_MAPPED, 0, 0, 0),
           result_name(peer_do(peer, PEER_LAST, 0, 0, 0)));
    int e = peer_take(peer, (void *)((uint32_t)main & ~(PAGE - 1)), PAGE,
                      BIG_SHARE_RO, &m);
    printf("share-ro of code: %s, its window was still open\n",
           result_name(e));
    respond_errors();
    memory_errors();
    peer_do(peer, PEER_STOP, 0, 0, 0);
    sys_wait(peer, 0);
    return 0;
}
