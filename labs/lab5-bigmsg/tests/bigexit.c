/*
 * bigexit.c (lab 5 test): a frame shared by several address spaces is
 * freed when its last holder lets go, whoever that is. A region is
 * shared with two peers and then its sender exits: the peers still read
 * it, and each exit drops one reference, until the last unmap frees the
 * frames. Then a chain of copy-on-write: A to B, B on to C; A exits, B
 * writes (its copy), C still reads what A sent. The checksums are drawn
 * from the seed and checked by the oracle; the frames in use are
 * counted at every step.
 */
#include "lab5test.h"

static int frames(void)
{
    return sys_kinfo(KINFO_FRAMES_USED);
}

/* mode=owner: map pages=, fill them from seed=, share them with peers
 * p= and q= (mode=), report, and exit. */
static int owner(int argc, char **argv)
{
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    uint32_t len = arg_uint(argc, argv, "pages", 1) * PAGE;
    uint32_t mode = arg_uint(argc, argv, "mode", BIG_SHARE_RW);
    sys_map(BUF, len, MAP_WRITE);
    fill(BUF, len, &r);
    struct msg m;
    peer_take((int)arg_uint(argc, argv, "p", 0), BUF, len, mode, &m);
    if (arg_get(argc, argv, "q"))
        peer_take((int)arg_uint(argc, argv, "q", 0), BUF, len, mode, &m);
    printf("owner: fnv %08x, references %u; exiting\n", sum_bytes(BUF, len),
           PAGE_REFS(sys_pageinfo(BUF)));
    return 0;
}

static void shared_by_three(uint32_t pages, uint32_t seed)
{
    int base = frames();
    int p = spawn_or_die("bigpeer", 0), q = spawn_or_die("bigpeer", 0);
    peer_do(p, PEER_WINDOW, pages, 0, 0);
    peer_do(q, PEER_WINDOW, pages, 0, 0);
    int o = spawnf("bigexit", "owner=1 pages=%u seed=%u p=%d q=%d mode=%d",
                   pages, seed, p, q, BIG_SHARE_RW);
    sys_wait(o, 0);
    uint32_t a = (uint32_t)peer_do(p, PEER_SUM, 0, 0, 0);
    uint32_t b = (uint32_t)peer_do(q, PEER_SUM, 0, 0, 0);
    printf("after the owner exits: the peers read fnv %08x and %08x, "
           "references %u\n", a, b,
           PAGE_REFS(peer_do(p, PEER_INFO, 0, 0, 0)));
    peer_do(p, PEER_STOP, 0, 0, 0);
    sys_wait(p, 0);
    printf("after one peer exits: references %u\n",
           PAGE_REFS(peer_do(q, PEER_INFO, 0, 0, 0)));
    int before = frames();
    int n = peer_do(q, PEER_UNMAP, 0, 0, 0);
    printf("the last one unmaps %d pages: frames freed %d\n", n,
           before - frames());
    peer_do(q, PEER_STOP, 0, 0, 0);
    sys_wait(q, 0);
    printf("all gone: frames as before: %s\n",
           frames() == base ? "yes" : "no");
}

static void cow_chain(uint32_t pages, uint32_t seed, struct rng *r)
{
    int base = frames();
    int b = spawn_or_die("bigpeer", 0), c = spawn_or_die("bigpeer", 0);
    peer_do(b, PEER_WINDOW, pages, 0, 0);
    peer_do(c, PEER_WINDOW, pages, 0, 0);
    int a = spawnf("bigexit", "owner=1 pages=%u seed=%u p=%d mode=%d",
                   pages, seed, b, BIG_COW);
    sys_wait(a, 0);
    peer_do(b, PEER_FORWARD, (uint32_t)c, BIG_COW, 0);
    while (peer_do(c, PEER_MAPPED, 0, 0, 0) < (int)pages)
        sys_sleep(1);                           /* C has taken it */
    uint32_t before = (uint32_t)peer_do(c, PEER_SUM, 0, 0, 0);
    printf("A sent to B copy-on-write, A exited, B sent on to C: "
           "references %u\n", PAGE_REFS(peer_do(c, PEER_INFO, 0, 0, 0)));
    uint32_t x = rng_below(r, pages * PAGE), v = 1 + rng_below(r, 255);
    int copies = sys_kinfo(KINFO_COW_COPIES);
    peer_do(b, PEER_POKE, x, v, 0);
    copies = sys_kinfo(KINFO_COW_COPIES) - copies;
    int bx = peer_do(b, PEER_PEEK, x, 0, 0), cx = peer_do(c, PEER_PEEK, x,
                                                          0, 0);
    printf("B writes %02x at %u: copies %d; B reads %02x, C reads %02x\n",
           v, x, copies, bx, cx);
    printf("C's checksum unchanged: %s (%08x)\n",
           (uint32_t)peer_do(c, PEER_SUM, 0, 0, 0) == before ? "yes" : "no",
           before);
    peer_do(b, PEER_STOP, 0, 0, 0);
    sys_wait(b, 0);
    copies = sys_kinfo(KINFO_COW_COPIES);
    int used = frames();
    peer_do(c, PEER_POKE, x, v, 0);
    printf("B exited; C, the last holder, writes: copies %d, frames "
           "taken %d\n", sys_kinfo(KINFO_COW_COPIES) - copies,
           frames() - used);
    peer_do(c, PEER_STOP, 0, 0, 0);
    sys_wait(c, 0);
    printf("all gone: frames as before: %s\n",
           frames() == base ? "yes" : "no");
}

int main(int argc, char **argv)
{
    if (arg_get(argc, argv, "owner"))
        return owner(argc, argv);
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    uint32_t pages = 1 + rng_below(&r, 16);
    printf("region: %u pages\n", pages);
    shared_by_three(pages, rng_next(&r));
    cow_chain(pages, rng_next(&r), &r);
    return 0;
}
