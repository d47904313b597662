/*
 * bigports.c (lab 5 test): big messages through lab 4's ports. A region
 * travels with port_request (and in its reply), port_send and port_post,
 * and through a receive on a port set, into the receiver's window, as it
 * does to a pid: the window's rules are the same (EMSGSIZE on both sides,
 * a post that does not fit stays queued), and so is the pinned-memory
 * cap. A port that dies, or a sender whose right to send is revoked,
 * gives back the pages its queued big posts pinned; a mailbox refuses a
 * region. The peer (bigpeer port=1) serves through a port of its own and
 * sends us its number; we give it ours in its commands. Sizes, offsets
 * and data come from the seed; the oracle computes every checksum.
 */
#include "lab5test.h"

#define BUF_PAGES 32
#define BIG ((uint8_t *)0x58000000)     /* 1 MiB for the cap */
#define BIG_PAGES 256

static struct rng r;
static int peer, peer_port;
static int moved;                       /* our pages gone by a move */

/* peer_do and peer_take through the peer's port. */
static int pdo(int32_t cmd, uint32_t a, uint32_t b, uint32_t c)
{
    struct msg m = { .code = cmd, .w = { a, b, c } };
    int e = sys_port_request(peer_port, &m, TIMEOUT_NEVER);
    return e < 0 ? e : (int)m.w[0];
}

static int ptake(const void *va, uint32_t len, uint32_t mode,
                 struct msg *reply)
{
    struct msg m = { .code = PEER_TAKE };
    big_attach(&m, va, len, mode);
    int e = sys_port_request(peer_port, &m, TIMEOUT_NEVER);
    *reply = m;
    return e;
}

/* Pages mapped in [va, va + n pages). */
static int mapped(const uint8_t *va, uint32_t n)
{
    int k = 0;
    for (uint32_t i = 0; i < n; i++)
        k += sys_pageinfo(va + i * PAGE) != 0;
    return k;
}

/* port_request with a region, in every mode, into the owner's window. */
static void requests(void)
{
    static const uint32_t modes[] = { BIG_COPY, BIG_SHARE_RO, BIG_SHARE_RW,
                                      BIG_COW, BIG_MOVE };
    for (int i = 0; i < 5; i++) {
        uint32_t mode = modes[i], pages = 1 + rng_below(&r, 8);
        uint32_t off = mode == BIG_MOVE ? 0 : rng_below(&r, PAGE);
        uint8_t *at = mode == BIG_MOVE ? BUF + 24 * PAGE : BUF + off;
        struct msg m;
        pdo(PEER_WINDOW, pages + 1, 0, 0);
        int e = ptake(at, pages * PAGE, mode, &m);
        printf("port_request, %s, %u pages at offset %u: %s, fnv %08x, at "
               "the window: %s\n", big_mode_name(mode), pages, off,
               result_name(e), e == 0 ? m.w[0] : 0,
               e == 0 && m.w[1] == off ? "yes" : "no");
        if (mode == BIG_MOVE) {
            moved = (int)pages - mapped(at, pages);
            printf("our pages after the move: %d of %u\n",
                   mapped(at, pages), pages);
        }
        pdo(PEER_UNMAP, 0, 0, 0);
    }
}

/* The owner's reply carries a region back; windows on both sides. */
static void replies(void)
{
    uint32_t pages = 1 + rng_below(&r, 8);
    struct msg m = { .code = PEER_ECHO, .w = { BIG_COW } };
    pdo(PEER_WINDOW, pages, 0, 0);
    ptake(BUF, pages * PAGE, BIG_SHARE_RO, &m);
    m = (struct msg){ .code = PEER_ECHO, .w = { BIG_COW } };
    int e = sys_port_request(peer_port, &m, TIMEOUT_NEVER);
    printf("a reply with a region, we have no window: %s (the owner: %s)\n",
           result_name(e), result_name(pdo(PEER_LAST, 0, 0, 0)));
    sys_window(WIN, pages * PAGE);
    m = (struct msg){ .code = PEER_ECHO, .w = { BIG_COW } };
    e = sys_port_request(peer_port, &m, TIMEOUT_NEVER);
    printf("a reply with %u pages into our window: %s, at our window: %s, "
           "fnv %08x\n", pages, result_name(e),
           big_data(&m) == WIN ? "yes" : "no",
           e == 0 ? sum_bytes(WIN, big_len(&m)) : 0);
    sys_unmap(WIN, pages * PAGE);
    pdo(PEER_UNMAP, 0, 0, 0);
    pdo(PEER_WINDOW, 0, 0, 0);
    e = ptake(BUF, PAGE, BIG_COPY, &m);
    int theirs = pdo(PEER_LAST, 0, 0, 0);
    printf("port_request into no window: %s (the owner: %s), pages mapped "
           "there %d\n", result_name(e), result_name(theirs),
           pdo(PEER_MAPPED, 0, 0, 0));
    /* A bad region is the sender's error alone, through a port too. */
    m = (struct msg){ .code = PEER_TAKE };
    big_attach(&m, (void *)0x70000000, PAGE, BIG_COPY);
    int s = sys_port_send(peer_port, &m, TIMEOUT_POLL);
    int q = sys_port_request(peer_port, &m, TIMEOUT_POLL);
    int p = sys_port_post(peer_port, &m, TIMEOUT_POLL);
    printf("nothing mapped, through the port: port_send %s, port_request "
           "%s, port_post %s; the owner's last error: %s\n", result_name(s),
           result_name(q), result_name(p),
           result_name(pdo(PEER_LAST, 0, 0, 0)));
}

/* Have the peer take a region of ours, by copy: what it forwards next. */
static uint32_t give(uint32_t *off)
{
    uint32_t pages = 1 + rng_below(&r, 8);
    struct msg m;
    *off = rng_below(&r, PAGE);
    pdo(PEER_UNMAP, 0, 0, 0);
    pdo(PEER_WINDOW, pages + 1, 0, 0);
    ptake(BUF + *off, pages * PAGE, BIG_COPY, &m);
    return pages;
}

/* Receive on our set into a window of n pages (0: none): the result. */
static int take(int set, uint32_t n, int32_t timeout, struct msg *m)
{
    sys_unmap(WIN, 16 * PAGE);
    sys_window(n ? WIN : 0, n * PAGE);
    return sys_port_receive(set, m, timeout);
}

/* The peer sends or posts regions to our ports A and B, in a set. */
static void to_our_set(void)
{
    int a = sys_port_create(PORT_OPEN), b = sys_port_create(0);
    int set = sys_port_create(PORT_SET);
    sys_port_grant(b, peer);
    sys_port_join(a, set);
    sys_port_join(b, set);
    struct msg m;
    uint32_t off, pages = give(&off);
    int e = pdo(PEER_FORWARD, (uint32_t)a, BIG_SHARE_RO, FWD_POST | FWD_PORT);
    printf("a post of %u bytes at offset %u to port A, share-ro: %s; "
           "pinned %d\n", pages * PAGE, off, result_name(e),
           sys_kinfo(KINFO_PINNED));
    int from = take(set, pages + 1, TIMEOUT_POLL, &m);
    printf("received on the set: through A: %s, from the peer: %s, fnv %08x "
           "(the sender's %08x), offset %u; pinned %d\n",
           from == a ? "yes" : "no", m.sender == peer ? "yes" : "no",
           from > 0 ? sum_bytes(big_data(&m), big_len(&m)) : 0, m.w[0],
           from > 0 ? (uint32_t)(big_data(&m) - WIN) : 0,
           sys_kinfo(KINFO_PINNED));
    pages = give(&off);
    pdo(PEER_FORWARD, (uint32_t)b, BIG_COW, FWD_PORT);
    from = take(set, pages + 1, TIMEOUT_NEVER, &m);
    printf("a send of %u bytes at offset %u to port B, cow: through B: %s, "
           "fnv %08x\n", pages * PAGE, off, from == b ? "yes" : "no",
           from > 0 ? sum_bytes(big_data(&m), big_len(&m)) : 0);
    pages = give(&off);
    pdo(PEER_FORWARD, (uint32_t)a, BIG_COPY, FWD_POST | FWD_PORT);
    e = take(set, 0, TIMEOUT_POLL, &m);
    int held = sys_kinfo(KINFO_PINNED);
    from = take(set, pages + 1, TIMEOUT_POLL, &m);
    printf("a post that does not fit our window: %s, still held: %s; in a "
           "window that fits: through A: %s, fnv %08x\n", result_name(e),
           held > 0 ? "yes" : "no", from == a ? "yes" : "no",
           from > 0 ? sum_bytes(big_data(&m), big_len(&m)) : 0);
    give(&off);
    pdo(PEER_FORWARD, (uint32_t)b, BIG_COPY, FWD_PORT);
    e = take(set, 0, TIMEOUT_NEVER, &m);
    printf("a send that does not fit our window: %s (the sender: %s), "
           "pages mapped here %d\n", result_name(e),
           result_name(pdo(PEER_LAST, 0, 0, 0)), mapped(WIN, 16));
    sys_port_destroy(set);
    sys_port_destroy(a);
    sys_port_destroy(b);
}

/* Posts of 1 MiB to a port no one receives on, up to the cap; the port
 * dies. Then a revoked sender's queued region. */
static void pinned(void)
{
    int c = sys_port_create(PORT_OPEN);
    struct msg m;
    pdo(PEER_UNMAP, 0, 0, 0);
    pdo(PEER_WINDOW, BIG_PAGES, 0, 0);
    ptake(BIG, BIG_PAGES * PAGE, BIG_SHARE_RO, &m);
    printf("posts of 1 MiB to a port no one receives on:");
    for (int i = 0; i < 4; i++)
        printf(" %s", result_name(pdo(PEER_FORWARD, (uint32_t)c,
                                      BIG_SHARE_RO, FWD_POST | FWD_PORT)));
    printf("; pinned %d\n", sys_kinfo(KINFO_PINNED));
    int e = sys_port_destroy(c);
    printf("the port destroyed: %s, pinned %d\n", result_name(e),
           sys_kinfo(KINFO_PINNED));
    int d = sys_port_create(0);
    sys_port_grant(d, peer);
    pdo(PEER_FORWARD, (uint32_t)d, BIG_SHARE_RO, FWD_POST | FWD_PORT);
    int before = sys_kinfo(KINFO_PINNED);
    e = sys_port_revoke(d, peer);
    printf("a revoked sender's queued region: pinned %d, after the revoke "
           "%s: %d\n", before, result_name(e), sys_kinfo(KINFO_PINNED));
    sys_port_destroy(d);
    pdo(PEER_UNMAP, 0, 0, 0);
}

static void mailbox(void)
{
    int mb = sys_mbox_create(MBOX_SEND | MBOX_RECV);
    struct msg m = { .code = 1 };
    big_attach(&m, BUF, PAGE, BIG_COPY);
    printf("a region to a mailbox: %s\n",
           result_name(sys_mbox_send(mb, &m, 0, TIMEOUT_POLL)));
    sys_mbox_destroy(mb);
}

int main(int argc, char **argv)
{
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    sys_map(BUF, BUF_PAGES * PAGE, MAP_WRITE);
    fill(BUF, BUF_PAGES * PAGE, &r);
    sys_map(BIG, BIG_PAGES * PAGE, MAP_WRITE);
    memset(BIG, 0x5a, BIG_PAGES * PAGE);
    sys_map(WIN, PAGE, 0);              /* its page table, made now */
    sys_unmap(WIN, PAGE);
    int frames = sys_kinfo(KINFO_FRAMES_USED);
    peer = spawnf("bigpeer", "port=1 tell=%d", sys_getpid());
    struct msg hello;
    sys_receive(peer, &hello, TIMEOUT_NEVER);
    peer_port = (int)hello.w[0];
    printf("the peer's port came in a message: %s\n",
           peer_port > 0 ? "yes" : "no");
    requests();
    replies();
    to_our_set();
    pinned();
    mailbox();
    pdo(PEER_STOP, 0, 0, 0);
    sys_wait(peer, 0);
    printf("pinned at the end: %d, frames as before (less the %d moved "
           "away): %s\n", sys_kinfo(KINFO_PINNED), moved,
           sys_kinfo(KINFO_FRAMES_USED) + moved == frames ? "yes" : "no");
    return 0;
}
