/*
 * windows.c (lab 5 test): receive windows. A region reaches a receiver
 * only through a window that it fits: with no window, or one too small
 * (an unaligned region needs a page more), both sides get EMSGSIZE and
 * not one page is mapped; a window is used up by one region; a reply can
 * carry a region into the client's window; a post that does not fit
 * waits in the box until a window fits, and wakes a receiver waiting for
 * it with EMSGSIZE. And the errors of window itself.
 * Sizes and offsets come from the seed; the oracle checks them.
 */
#include "lab5test.h"

#define BUF_PAGES 16

static struct rng r;

/* Request peer p to take [va, va+len) by copy; print how it went. */
static void attempt(int p, const char *what, const uint8_t *va, uint32_t len)
{
    struct msg m;
    int e = peer_take(p, va, len, BIG_COPY, &m);
    int theirs = peer_do(p, PEER_LAST, 0, 0, 0);
    printf("%s: %s (the receiver: %s), at offset %u, pages mapped there "
           "now %d\n", what, result_name(e), result_name(theirs),
           e == 0 ? m.w[1] : 0, peer_do(p, PEER_MAPPED, 0, 0, 0));
}

static void fits(int p, uint32_t k)
{
    peer_do(p, PEER_WINDOW, 0, 0, 0);
    attempt(p, "no window", BUF, k * PAGE);
    peer_do(p, PEER_WINDOW, k - 1, 0, 0);
    attempt(p, "a window one page short", BUF, k * PAGE);
    peer_do(p, PEER_WINDOW, k, 0, 0);
    attempt(p, "a window that fits", BUF, k * PAGE);
    attempt(p, "the same window again", BUF, k * PAGE);
    printf("unmapped: %d\n", peer_do(p, PEER_UNMAP, 0, 0, 0));
    uint32_t off = 1 + rng_below(&r, PAGE - 1);
    peer_do(p, PEER_WINDOW, k, 0, 0);
    attempt(p, "unaligned, k pages long, window of k", BUF + off, k * PAGE);
    peer_do(p, PEER_WINDOW, k + 1, 0, 0);
    attempt(p, "unaligned, k pages long, window of k + 1", BUF + off,
            k * PAGE);
    printf("unmapped: %d\n", peer_do(p, PEER_UNMAP, 0, 0, 0));
    peer_do(p, PEER_WINDOW, WIN_PAGES, 0, 0);
    attempt(p, "a window larger than the region", BUF, k * PAGE);
}

/* A reply that carries the peer's region back to us. */
static void echo(int p, uint32_t k)
{
    struct msg m = { .code = PEER_ECHO, .w = { BIG_COPY } };
    int e = sys_request(p, &m, TIMEOUT_NEVER);
    printf("a reply with a region, we have no window: %s (the replier: "
           "%s)\n", result_name(e), result_name(peer_do(p, PEER_LAST, 0, 0,
                                                         0)));
    sys_window(WIN, (k + 1) * PAGE);
    m.code = PEER_ECHO;
    m.w[0] = BIG_COPY;
    e = sys_request(p, &m, TIMEOUT_NEVER);
    printf("a reply with a region into our window: %s, at our window: %s, "
           "same data: %s\n", result_name(e),
           big_data(&m) == WIN ? "yes" : "no",
           e == 0 && sum_bytes(big_data(&m), big_len(&m)) == m.w[0] &&
                   m.w[0] == sum_bytes(BUF, k * PAGE) ? "yes" : "no");
    printf("our window used up (a page more than the region): %s\n",
           sys_map(WIN + k * PAGE, PAGE, 0) == 0 ? "yes" : "no");
    sys_unmap(WIN, (k + 1) * PAGE);
}

/* A post that does not fit waits in the receiver's box. */
static void post(int p, uint32_t k)
{
    int q = spawn_or_die("bigpeer", 0);
    peer_do(q, PEER_WINDOW, 1, 0, 0);
    peer_do(p, PEER_FORWARD, (uint32_t)q, BIG_COPY, 1);
    printf("a post that does not fit: the receiver's receive: %s, pages "
           "mapped %d\n", result_name(peer_do(q, PEER_LAST, 0, 0, 0)),
           peer_do(q, PEER_MAPPED, 0, 0, 0));
    printf("held for it meanwhile: %d pages\n", sys_kinfo(KINFO_PINNED));
    peer_do(q, PEER_WINDOW, k, 0, 0);
    printf("a window that fits: received, same data: %s; held: %d\n",
           (uint32_t)peer_do(q, PEER_SUM, 0, 0, 0) == sum_bytes(BUF, k * PAGE)
               ? "yes" : "no", sys_kinfo(KINFO_PINNED));
    peer_do(q, PEER_STOP, 0, 0, 0);
    sys_wait(q, 0);
}

/* A post that does not fit, arriving while we wait for it: our receive
 * ends at once with EMSGSIZE (not at its timeout), and the post waits in
 * our box for a window that fits. */
static void post_while_waiting(int p, uint32_t k)
{
    struct msg m;
    sys_window(WIN, PAGE);
    peer_do(p, PEER_FORWARD, (uint32_t)sys_getpid(), BIG_COPY,
            FWD_POST | FWD_LATE);
    int e = sys_receive(p, &m, 50);
    printf("a post that does not fit, arriving while we wait: %s\n",
           result_name(e));
    sys_window(WIN, k * PAGE);
    e = sys_receive(p, &m, TIMEOUT_POLL);
    printf("then a window that fits: %s, same data: %s\n",
           result_name(e < 0 ? e : 0),
           e >= 0 && sum_bytes(big_data(&m), big_len(&m)) ==
                         sum_bytes(BUF, k * PAGE) ? "yes" : "no");
    sys_unmap(WIN, k * PAGE);
}

static void window_errors(void)
{
    printf("window not page-aligned: %s\n",
           result_name(sys_window(WIN + 12, PAGE)));
    printf("window of part of a page: %s\n",
           result_name(sys_window(WIN, PAGE + 12)));
    printf("window in the kernel: %s\n",
           result_name(sys_window((void *)0x100000, PAGE)));
    printf("window past the top of user space: %s\n",
           result_name(sys_window((void *)0x7FFFF000, 2 * PAGE)));
    printf("window wrapping around: %s\n",
           result_name(sys_window((void *)0xFFFFF000, 2 * PAGE)));
    printf("window over mapped pages: %s\n",
           result_name(sys_window(BUF, PAGE)));
    int e = sys_window(WIN, 4 * PAGE);
    printf("window: %s; map inside it: %s\n", result_name(e),
           result_name(sys_map(WIN + PAGE, PAGE, MAP_WRITE)));
    e = sys_window(0, 0);
    printf("close it: %s; map there now: %s\n", result_name(e),
           result_name(sys_map(WIN + PAGE, PAGE, MAP_WRITE)));
    sys_unmap(WIN, 4 * PAGE);
}

int main(int argc, char **argv)
{
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    uint32_t k = 2 + rng_below(&r, 7);
    sys_map(BUF, BUF_PAGES * PAGE, MAP_WRITE);
    fill(BUF, BUF_PAGES * PAGE, &r);
    printf("region: k = %u pages\n", k);
    int p = spawn_or_die("bigpeer", 0);
    fits(p, k);
    echo(p, k);
    post(p, k);
    post_while_waiting(p, k);
    window_errors();
    peer_do(p, PEER_STOP, 0, 0, 0);
    sys_wait(p, 0);
    return 0;
}
