/*
 * bigkill.c (lab 5 test): killing either side of a big message at any
 * point leaves no page half moved and no frame behind. Blocked in a send
 * with a region; holding shared pages; a posted region held by the
 * kernel whose receiver, or whose sender, is killed; killed while
 * waiting for room with a moved region held. Then rounds of a sender and
 * a receiver streaming big messages in modes drawn from the seed, killed
 * after a number of ticks drawn from the seed. After each part the
 * frames in use and the pages pinned are what they were.
 */
#include "lab5test.h"

#define STREAM_PAGES 8

static int frames_then;

static void balance(const char *part)
{
    printf("%s: frames as before: %s, pinned: %d\n", part,
           sys_kinfo(KINFO_FRAMES_USED) == frames_then ? "yes" : "no",
           sys_kinfo(KINFO_PINNED));
}

static int killed(int pid)
{
    int status = 0;
    sys_kill(pid);
    sys_wait(pid, &status);
    return status;
}

static int refs(const void *va)
{
    return (int)PAGE_REFS(sys_pageinfo(va));
}

/* A sink: never receives (it sleeps until killed). */
static int sink(void)
{
    return spawn_or_die("lazyrecv", "delay=1000000");
}

static void blocked_sender(uint32_t pages)
{
    int peer = spawn_or_die("bigpeer", 0), s = sink();
    struct msg m;
    peer_do(peer, PEER_WINDOW, 16, 0, 0);
    peer_take(peer, BUF, pages * PAGE, BIG_SHARE_RW, &m);
    printf("shared with the peer: %d references\n", refs(BUF));
    peer_do(peer, PEER_FORWARD, (uint32_t)s, BIG_SHARE_RO, 0);
    sys_sleep(1);                               /* it blocks in send */
    int status = killed(peer);
    printf("the peer blocked sending it on, then killed: status %d; "
           "references now %d\n", status, refs(BUF));
    killed(s);
    balance("blocked sender");
}

static void held_post(uint32_t pages)
{
    int peer = spawn_or_die("bigpeer", 0), s = sink();
    struct msg m;
    peer_do(peer, PEER_WINDOW, 16, 0, 0);
    peer_take(peer, BUF, pages * PAGE, BIG_COPY, &m);
    peer_do(peer, PEER_FORWARD, (uint32_t)s, BIG_MOVE, 1);
    printf("moved by post to a sleeping sink: pinned %d, left in the "
           "sender %d pages\n", sys_kinfo(KINFO_PINNED),
           peer_do(peer, PEER_MAPPED, 0, 0, 0));
    int status = killed(s);
    printf("the sink killed: status %d, pinned %d\n", status,
           sys_kinfo(KINFO_PINNED));
    peer_do(peer, PEER_STOP, 0, 0, 0);
    sys_wait(peer, 0);
    balance("receiver killed");

    /* The sender killed instead: its post is still delivered. */
    int q = spawn_or_die("bigpeer", 0), late = spawn_or_die("bigpeer", 0);
    peer_do(q, PEER_WINDOW, 16, 0, 0);
    peer_take(q, BUF, pages * PAGE, BIG_COPY, &m);
    uint32_t sum = sum_bytes(BUF, pages * PAGE);
    peer_do(late, PEER_WINDOW, 0, 0, 0);
    peer_do(q, PEER_FORWARD, (uint32_t)late, BIG_COW, 1);
    status = killed(q);
    printf("posted copy-on-write, then the sender killed: status %d, "
           "pinned %d\n", status, sys_kinfo(KINFO_PINNED));
    peer_do(late, PEER_WINDOW, pages, 0, 0);
    printf("the receiver opens a window: same data: %s, pinned %d\n",
           (uint32_t)peer_do(late, PEER_SUM, 0, 0, 0) == sum ? "yes" : "no",
           sys_kinfo(KINFO_PINNED));
    peer_do(late, PEER_STOP, 0, 0, 0);
    sys_wait(late, 0);
    balance("sender killed");
}

/* mode=stuck: fill dst's box with our quota of posts, then post a moved
 * region with no timeout: we wait for room, holding it. */
static int stuck(int dst, uint32_t pages)
{
    struct msg m = { .code = 9 };
    for (int i = 0; i < 8; i++)
        sys_post(dst, &m, TIMEOUT_POLL);
    sys_map(BUF, pages * PAGE, MAP_WRITE);
    big_attach(&m, BUF, pages * PAGE, BIG_MOVE);
    printf("stuck: waiting for room: %s\n",
           result_name(sys_post(dst, &m, TIMEOUT_NEVER)));
    return 0;
}

static void room_wait(uint32_t pages)
{
    int s = sink();
    /* First a post that fails at once: our quota of posts fills s's box,
     * and a moved region posted with TIMEOUT_POLL is refused: its pages
     * come back to us, data and all. */
    struct msg m = { .code = 9 };
    for (int i = 0; i < 8; i++)
        sys_post(s, &m, TIMEOUT_POLL);
    uint32_t sum = sum_bytes(BUF, pages * PAGE);
    big_attach(&m, BUF, pages * PAGE, BIG_MOVE);
    int e = sys_post(s, &m, TIMEOUT_POLL);
    printf("a moved region posted to a full box: %s; our pages back: %s, "
           "same data: %s, pinned %d\n", result_name(e),
           sys_pageinfo(BUF + (pages - 1) * PAGE) ? "yes" : "no",
           sum_bytes(BUF, pages * PAGE) == sum ? "yes" : "no",
           sys_kinfo(KINFO_PINNED));
    killed(s);
    s = sink();
    int p = spawnf("bigkill", "stuck=%d pages=%u", s, pages);
    sys_sleep(3);
    printf("waiting for room with a moved region: pinned %d\n",
           sys_kinfo(KINFO_PINNED));
    int status = killed(p);
    printf("killed: status %d, pinned %d\n", status,
           sys_kinfo(KINFO_PINNED));
    killed(s);
    balance("waiting for room");
}

/* mode=stream: send (or post, with post=1) big messages to dst for ever,
 * in modes drawn from seed=. */
static __attribute__((noreturn)) void stream(int dst, uint32_t seed,
                                             int post)
{
    struct rng r;
    rng_init(&r, seed);
    for (;;) {
        uint32_t pages = 1 + rng_below(&r, STREAM_PAGES);
        uint32_t mode = BIG_COPY + rng_below(&r, 5);
        if (sys_pageinfo(BUF) == 0)
            sys_map(BUF, STREAM_PAGES * PAGE, MAP_WRITE);
        struct msg m = { .code = 7 };
        big_attach(&m, BUF + rng_below(&r, 64), pages * PAGE - 64, mode);
        int e = post ? sys_post(dst, &m, 2) : sys_send(dst, &m, 2);
        if (mode == BIG_MOVE && e == 0)
            sys_unmap(BUF, STREAM_PAGES * PAGE);
    }
}

/* mode=drain: receive big messages for ever, unmapping each. */
static __attribute__((noreturn)) void drain(void)
{
    struct msg m;
    for (;;) {
        sys_window(WIN, WIN_PAGES * PAGE);
        if (sys_receive(ANY, &m, 5) > 0 && msg_is_big(&m) &&
            m.w[BIG_MODE] != BIG_SHARE_RO)
            big_data(&m)[0] ^= 1;               /* a write, too */
        sys_unmap(WIN, WIN_PAGES * PAGE);
    }
}

static void rounds(struct rng *r)
{
    static const char *const who[] = { "the sender", "the receiver", "both" };
    int mapped = sys_kinfo(KINFO_BIG_MAPPED);
    for (int i = 0; i < 8; i++) {
        int d = spawn_or_die("bigkill", "drain=1");
        int s = spawnf("bigkill", "stream=%d seed=%u post=%u", d,
                       rng_next(r), rng_below(r, 2));
        uint32_t ticks = 1 + rng_below(r, 6), victim = rng_below(r, 3);
        sys_sleep((int)ticks);
        if (victim != 1)
            killed(s);
        if (victim != 0)
            killed(d);
        if (victim == 0)
            killed(d);
        if (victim == 1)
            killed(s);
        printf("round %d: %s killed first, after %u ticks\n", i,
               who[victim], ticks);
    }
    printf("rounds: regions delivered meanwhile: %s\n",
           sys_kinfo(KINFO_BIG_MAPPED) > mapped ? "yes" : "no");
    balance("rounds");
}

int main(int argc, char **argv)
{
    if (arg_get(argc, argv, "stuck"))
        return stuck((int)arg_uint(argc, argv, "stuck", 0),
                     arg_uint(argc, argv, "pages", 1));
    if (arg_get(argc, argv, "stream"))
        stream((int)arg_uint(argc, argv, "stream", 0),
               arg_uint(argc, argv, "seed", 1),
               (int)arg_uint(argc, argv, "post", 0));
    if (arg_get(argc, argv, "drain"))
        drain();
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    uint32_t pages = 1 + rng_below(&r, 8);
    sys_map(BUF, 8 * PAGE, MAP_WRITE);
    fill(BUF, 8 * PAGE, &r);
    frames_then = sys_kinfo(KINFO_FRAMES_USED);
    printf("region: %u pages\n", pages);
    blocked_sender(pages);
    held_post(pages);
    room_wait(pages);
    rounds(&r);
    return 0;
}
