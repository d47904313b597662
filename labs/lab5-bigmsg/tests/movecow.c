/*
 * movecow.c (lab 5 test): moving and copy-on-write. Moved, the pages
 * leave the sender: a helper that touches its moved buffer dies with a
 * report, and the receiver has the data. Copy-on-write, both see the
 * data and neither sees the other's later writes: the first write on
 * either side copies that page (and only that page); once the receiver
 * lets go, the sender's next write needs no copy. A write right after the
 * send, and a third process sharing the pages writable, must not reach
 * the receiver either; nor the reply to a request whose message lies in
 * the region it sends. A message the kernel writes into a copy-on-write
 * page is read at once from the page's new frame. Moved copy-on-write
 * pages stay copy-on-write. Checksums and bytes are checked by the oracle.
 */
#include "lab5test.h"

#define BUF_PAGES 8

static struct rng r;

static int copies(void)
{
    return sys_kinfo(KINFO_COW_COPIES);
}

/* A helper moves its own buffer to the peer, then reads it again. */
static void mover(int peer, uint32_t len, uint32_t seed)
{
    struct rng own;
    rng_init(&own, seed ^ 0x5bd1e995u);
    sys_map(BUF, len, MAP_WRITE);
    fill(BUF, len, &own);
    uint32_t mine = sum_bytes(BUF, len);
    struct msg m;
    int e = peer_take(peer, BUF, len, BIG_MOVE, &m);
    printf("moved: %s, fnv %08x here, %08x there, my first page now: %s\n",
           result_name(e), mine, m.w[0], sys_pageinfo(BUF) ? "there" : "gone");
    printf("reading my moved buffer\n");
    printf("read %02x\n", BUF[len / 2]);        /* faults: we die */
}

static void move(uint32_t len)
{
    int peer = spawn_or_die("bigpeer", 0);
    peer_do(peer, PEER_WINDOW, 16, 0, 0);
    int pid = spawnf("movecow", "mover=%d len=%u seed=%u", peer, len,
                     rng_next(&r));
    int status = 0;
    sys_wait(pid, &status);
    printf("move: the sender ended with status %d\n", status);
    int info = peer_do(peer, PEER_INFO, 0, 0, 0);
    printf("move: the receiver's page: %s; its checksum now %08x\n",
           info == (PAGE_PRESENT | PAGE_WRITABLE | 1 << PAGE_REFS_SHIFT)
               ? "writable, only its own" : "wrong",
           (uint32_t)peer_do(peer, PEER_SUM, 0, 0, 0));
    peer_do(peer, PEER_STOP, 0, 0, 0);
    sys_wait(peer, 0);
}

static void cow(uint32_t len)
{
    int peer = spawn_or_die("bigpeer", 0);
    struct msg m;
    peer_do(peer, PEER_WINDOW, 16, 0, 0);
    int before = copies();
    int e = peer_take(peer, BUF, len, BIG_COW, &m);
    printf("cow: %s, fnv %08x\n", result_name(e), m.w[0]);
    int mine = sys_pageinfo(BUF), theirs = peer_do(peer, PEER_INFO, 0, 0, 0);
    printf("cow: both pages copy-on-write with 2 references: %s\n",
           mine == theirs && mine == (PAGE_PRESENT | PAGE_COW |
                                      2 << PAGE_REFS_SHIFT) ? "yes" : "no");
    uint32_t x = rng_below(&r, len), v = 1 + rng_below(&r, 255);
    peer_do(peer, PEER_POKE, x, v, 0);
    printf("cow: the receiver wrote %02x at %u, the sender still reads "
           "%02x\n", v, x, BUF[x]);
    printf("cow: its page is now its own: %s; pages copied: %d\n",
           PAGE_REFS(peer_do(peer, PEER_INFO, x, 0, 0)) == 1 ? "yes" : "no",
           copies() - before);
    uint32_t y = rng_below(&r, len), u = 1 + rng_below(&r, 255);
    int reads = peer_do(peer, PEER_PEEK, y, 0, 0);
    BUF[y] = (uint8_t)u;
    printf("cow: the sender wrote %02x at %u, the receiver reads %02x "
           "(it read %02x before)\n", u, y,
           peer_do(peer, PEER_PEEK, y, 0, 0), reads);
    printf("cow: pages copied: %d\n", copies() - before);
    printf("cow: the receiver unmapped %d pages\n",
           peer_do(peer, PEER_UNMAP, 0, 0, 0));
    uint32_t z = (y / PAGE == len / PAGE - 1) ? 0 : len - 1;
    int was = sys_pageinfo(BUF + z);
    BUF[z] ^= 1;
    printf("cow: the last holder writes a page: it was %s, now %s; pages "
           "copied: %d\n", was & PAGE_COW ? "copy-on-write" : "?",
           sys_pageinfo(BUF + z) & PAGE_WRITABLE ? "writable" : "?",
           copies() - before);
    peer_do(peer, PEER_STOP, 0, 0, 0);
    sys_wait(peer, 0);
}

/* Two more rules. The sender's own write right after a copy-on-write
 * send, with no switch in between (its TLB may still hold the page as
 * writable), must not reach the receiver. And a page the sender shares
 * writable with a third process cannot be shared copy-on-write: the
 * receiver gets a copy, and the third's later writes stay away from it. */
static void cow_rules(uint32_t len)
{
    int peer = spawn_or_die("bigpeer", 0), third = spawn_or_die("bigpeer", 0);
    struct msg m = { .code = PEER_TAKE };
    uint32_t x = rng_below(&r, len), v = 1 + rng_below(&r, 255);
    peer_do(peer, PEER_WINDOW, 16, 0, 0);
    *(volatile uint8_t *)(BUF + x) = BUF[x];    /* writable in the TLB */
    big_attach(&m, BUF, len, BIG_COW);
    int e = sys_send(peer, &m, TIMEOUT_NEVER);  /* it waits: no switch */
    BUF[x] = (uint8_t)v;
    printf("cow by send, the sender writes %02x at %u at once: %s, the "
           "receiver reads %02x\n", v, x, result_name(e),
           peer_do(peer, PEER_PEEK, x, 0, 0));
    peer_do(peer, PEER_UNMAP, 0, 0, 0);
    peer_do(third, PEER_WINDOW, 16, 0, 0);
    peer_take(third, BUF, len, BIG_SHARE_RW, &m);
    peer_do(peer, PEER_WINDOW, 16, 0, 0);
    peer_take(peer, BUF, len, BIG_COW, &m);
    uint32_t y = rng_below(&r, len), u = 1 + rng_below(&r, 255);
    peer_do(third, PEER_POKE, y, u, 0);
    int theirs = peer_do(peer, PEER_PEEK, y, 0, 0);
    printf("cow of pages shared writable with a third: it writes %02x at "
           "%u, the receiver reads %02x, the sender %02x\n", u, y, theirs,
           BUF[y]);
    peer_do(third, PEER_STOP, 0, 0, 0);
    peer_do(peer, PEER_STOP, 0, 0, 0);
    sys_wait(third, 0);
    sys_wait(peer, 0);
}

/* A request whose own message lies in the region it sends copy-on-write:
 * the reply must land in our copy of that page (the kernel's write breaks
 * copy-on-write, as ours would), and the receiver's copy keep the request
 * as it was sent. */
static void reply_into_region(uint32_t len)
{
    int peer = spawn_or_die("bigpeer", 0);
    struct msg *m = (struct msg *)(BUF + len - sizeof(struct msg));
    peer_do(peer, PEER_WINDOW, 16, 0, 0);
    *m = (struct msg){ .code = PEER_TAKE };
    big_attach(m, BUF, len, BIG_COW);
    int e = sys_request(peer, m, TIMEOUT_NEVER);
    uint32_t sent = m->w[0];
    printf("a request inside its own copy-on-write region: %s; the reply "
           "in our copy: %s; the receiver's copy still the request: %s\n",
           result_name(e), e == 0 && m->code == 0 ? "yes" : "no",
           (uint32_t)peer_do(peer, PEER_SUM, 0, 0, 0) == sent ? "yes"
                                                             : "no");
    peer_do(peer, PEER_STOP, 0, 0, 0);
    sys_wait(peer, 0);
}

/* A message received into a copy-on-write page of ours: the kernel's
 * write gives the page a frame of its own (vm_cow_break), and we must
 * read the message there at once, though we read the page just before
 * and our TLB may still hold the shared frame: no switch in between. */
static void receive_into_cow(uint32_t len)
{
    int peer = spawn_or_die("bigpeer", 0);
    struct msg taken;
    peer_do(peer, PEER_WINDOW, 16, 0, 0);
    peer_take(peer, BUF, len, BIG_COW, &taken);
    sys_window(WIN, 16 * PAGE);
    peer_do(peer, PEER_FORWARD, (uint32_t)sys_getpid(), BIG_COPY, FWD_POST);
    struct msg *m = (struct msg *)(BUF + PAGE);
    (void)*(volatile int32_t *)&m->code;        /* the shared frame */
    int e = sys_receive(peer, m, TIMEOUT_POLL);
    int read = big_code(m) == PEER_TAKE && m->w[0] == taken.w[0];
    printf("a message received into a copy-on-write page of ours: %s; we "
           "read it there: %s; the peer's copy unchanged: %s\n",
           result_name(e < 0 ? e : 0), read ? "yes" : "no",
           (uint32_t)peer_do(peer, PEER_SUM, 0, 0, 0) == taken.w[0] ? "yes"
                                                                   : "no");
    sys_unmap(WIN, 16 * PAGE);
    peer_do(peer, PEER_STOP, 0, 0, 0);
    sys_wait(peer, 0);
}

/* A move of pages that are copy-on-write, shared with a first receiver:
 * they reach the second receiver copy-on-write as they were, so that its
 * writes never reach the first. */
static void move_of_cow(uint32_t len)
{
    int first = spawn_or_die("bigpeer", 0);
    int second = spawn_or_die("bigpeer", 0);
    struct msg m;
    peer_do(first, PEER_WINDOW, 16, 0, 0);
    peer_take(first, BUF, len, BIG_COW, &m);
    peer_do(second, PEER_WINDOW, 16, 0, 0);
    int e = peer_take(second, BUF, len, BIG_MOVE, &m);
    uint32_t y = rng_below(&r, len);
    int info = peer_do(second, PEER_INFO, y, 0, 0);
    int was = peer_do(first, PEER_PEEK, y, 0, 0);
    peer_do(second, PEER_POKE, y, (uint8_t)~was, 0);
    printf("a move of copy-on-write pages: %s; the second receiver's page "
           "copy-on-write: %s; it writes byte %u, the first still reads "
           "what it did: %s\n", result_name(e),
           info & PAGE_COW ? "yes" : "no", y,
           peer_do(first, PEER_PEEK, y, 0, 0) == was ? "yes" : "no");
    peer_do(second, PEER_STOP, 0, 0, 0);
    peer_do(first, PEER_STOP, 0, 0, 0);
    sys_wait(second, 0);
    sys_wait(first, 0);
}

int main(int argc, char **argv)
{
    if (arg_get(argc, argv, "mover")) {
        mover((int)arg_uint(argc, argv, "mover", 0),
              arg_uint(argc, argv, "len", PAGE),
              arg_uint(argc, argv, "seed", 1));
        return 0;
    }
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    uint32_t len = (2 + rng_below(&r, BUF_PAGES - 1)) * PAGE;
    printf("region: %u pages\n", len / PAGE);
    move(len);
    sys_map(BUF, len, MAP_WRITE);
    fill(BUF, len, &r);
    cow(len);
    cow_rules(len);
    reply_into_region(len);
    receive_into_cow(len);
    move_of_cow(len);
    return 0;
}
