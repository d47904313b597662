/*
 * copyshare.c (lab 5 test): copying and sharing. A region drawn from the
 * seed goes to a peer three ways. Copied, each side's later writes stay
 * its own. Shared read-only, the receiver sees the sender's writes, and
 * its own write kills it (only it), with a report. Shared writable, each
 * sees the other's writes. Checksums, offsets and bytes are checked by
 * the oracle; reference counts and permissions by pageinfo.
 */
#include "lab5test.h"

#define BUF_PAGES 8

static struct rng r;

/* pageinfo in words; two calls in one printf need two buffers. */
static const char *info_text(int info, char *text)
{
    if (info <= 0)
        return info < 0 ? errno_name(info) : "none";
    fmt_snprintf(text, 48, "%s%s, %u reference%s",
                 info & PAGE_WRITABLE ? "writable" : "read-only",
                 info & PAGE_COW ? " copy-on-write" : "", PAGE_REFS(info),
                 PAGE_REFS(info) == 1 ? "" : "s");
    return text;
}

/* The receiver's window, the region's delivery, its checksum. */
static int deliver(int peer, uint32_t len, uint32_t mode, const char *name)
{
    struct msg m;
    peer_do(peer, PEER_WINDOW, 16, 0, 0);
    int copied = sys_kinfo(KINFO_BIG_COPIED);
    int e = peer_take(peer, BUF, len, mode, &m);
    printf("%s: %s, fnv %08x, at the window's start: %s\n", name,
           result_name(e), m.w[0], m.w[1] == 0 ? "yes" : "no");
    printf("%s: pages the kernel copied: %d\n", name,
           sys_kinfo(KINFO_BIG_COPIED) - copied);
    char a[48], b[48];
    int theirs = peer_do(peer, PEER_INFO, 0, 0, 0);
    printf("%s: the receiver's page: %s; the sender's: %s\n", name,
           info_text(theirs, a), info_text(sys_pageinfo(BUF), b));
    return e;
}

static void copy(int peer, uint32_t len)
{
    deliver(peer, len, BIG_COPY, "copy");
    uint32_t x = rng_below(&r, len), y = rng_below(&r, len);
    BUF[x] ^= 0xFF;
    printf("copy: the sender changed byte %u, the receiver reads %02x\n", x,
           peer_do(peer, PEER_PEEK, x, 0, 0));
    peer_do(peer, PEER_POKE, y, 0, 0);
    printf("copy: the receiver zeroed byte %u, the sender reads %02x\n", y,
           BUF[y]);
    printf("copy: the receiver unmapped %d pages\n",
           peer_do(peer, PEER_UNMAP, 0, 0, 0));
}

static void share_ro(int peer, uint32_t len)
{
    deliver(peer, len, BIG_SHARE_RO, "share-ro");
    uint32_t x = rng_below(&r, len), v = 1 + rng_below(&r, 255);
    BUF[x] = (uint8_t)v;
    printf("share-ro: the sender wrote %02x at %u, the receiver reads %02x\n",
           v, x, peer_do(peer, PEER_PEEK, x, 0, 0));
    int e = peer_do(peer, PEER_POKE, rng_below(&r, len), 1, 0);
    int status = 0;
    sys_wait(peer, &status);
    printf("share-ro: the receiver writes: %s, and ends with status %d\n",
           result_name(e), status);
    char a[48];
    printf("share-ro: then the sender's page: %s\n",
           info_text(sys_pageinfo(BUF), a));
}

static void share_rw(int peer, uint32_t len)
{
    deliver(peer, len, BIG_SHARE_RW, "share-rw");
    uint32_t x = rng_below(&r, len), v = 1 + rng_below(&r, 255);
    uint32_t y = rng_below(&r, len), u = 1 + rng_below(&r, 255);
    BUF[x] = (uint8_t)v;
    printf("share-rw: the sender wrote %02x at %u, the receiver reads %02x\n",
           v, x, peer_do(peer, PEER_PEEK, x, 0, 0));
    peer_do(peer, PEER_POKE, y, u, 0);
    printf("share-rw: the receiver wrote %02x at %u, the sender reads %02x\n",
           u, y, BUF[y]);
    printf("share-rw: checksums agree: %s\n",
           (uint32_t)peer_do(peer, PEER_SUM, 0, 0, 0) == sum_bytes(BUF, len)
               ? "yes" : "no");
    char a[48];
    int n = peer_do(peer, PEER_UNMAP, 0, 0, 0);
    printf("share-rw: the receiver unmapped %d pages; the sender's page: "
           "%s\n", n, info_text(sys_pageinfo(BUF), a));
}

int main(int argc, char **argv)
{
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    uint32_t len = (1 + rng_below(&r, BUF_PAGES)) * PAGE;
    if (sys_map(BUF, BUF_PAGES * PAGE, MAP_WRITE) < 0)
        return 1;
    fill(BUF, BUF_PAGES * PAGE, &r);
    printf("region: %u pages\n", len / PAGE);
    int peer = spawn_or_die("bigpeer", 0);
    copy(peer, len);
    share_ro(peer, len);
    peer = spawn_or_die("bigpeer", 0);
    share_rw(peer, len);
    peer_do(peer, PEER_STOP, 0, 0, 0);
    sys_wait(peer, 0);
    char a[48];
    printf("the region's first page after it all: %s\n",
           info_text(sys_pageinfo(BUF), a));
    return 0;
}
