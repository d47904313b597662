/*
 * unaligned.c (lab 5 test): regions that start or end inside a page, in
 * every mode. Starts at offset 0, 1, 4095 and one drawn from the seed,
 * ends at each of the same offsets of a later page, lengths drawn from
 * the seed: 80 regions. The sender fills its pages with bytes none of
 * which is zero; the receiver reports the region's checksum (the oracle
 * computes it), where its first byte landed (at the same offset in the
 * window's first page), and how many bytes of the pages it got are not
 * zero outside the region: any would be the sender's other data
 * leaking. A move leaves the sender the pages it shares only in part.
 * The receiver may write its partial pages (its own copies) except in a
 * read-only share, and its whole pages as the mode says.
 */
#include "lab5test.h"

#define BUF_PAGES 4

int main(int argc, char **argv)
{
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    uint32_t offsets[4] = { 0, 1, PAGE - 1, 1 + rng_below(&r, PAGE - 2) };
    uint32_t ends[4] = { 0, 1, PAGE - 1, 1 + rng_below(&r, PAGE - 2) };
    int peer = spawn_or_die("bigpeer", 0);
    int leaks = 0, cases = 0;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            for (uint32_t mode = BIG_COPY; mode <= BIG_COW; mode++) {
                uint32_t s = offsets[i];
                uint32_t len = (1 + rng_below(&r, 2)) * PAGE + ends[j] - s;
                sys_map(BUF, BUF_PAGES * PAGE, MAP_WRITE);
                fill(BUF, BUF_PAGES * PAGE, &r);
                uint32_t pages = big_pages(BUF + s, len);
                peer_do(peer, PEER_WINDOW, pages, 0, 0);
                struct msg m;
                int e = peer_take(peer, BUF + s, len, mode, &m);
                int outside = peer_do(peer, PEER_OUTSIDE, 0, 0, 0);
                int kept = 0, writable = 0;
                for (uint32_t k = 0; k < pages; k++) {
                    kept += sys_pageinfo(BUF + k * PAGE) != 0;
                    uint32_t at = k == 0 ? 0 : k * PAGE - s;
                    writable += (peer_do(peer, PEER_INFO, at, 0, 0) &
                                 PAGE_WRITABLE) != 0;
                }
                printf("start %u len %u %s: %s, fnv %08x at offset %u, %d "
                       "bytes outside not zero, the sender keeps %d of %u "
                       "pages, the receiver may write %d\n", s, len,
                       big_mode_name(mode), result_name(e), m.w[0], m.w[1],
                       outside, kept, pages, writable);
                leaks += outside != 0;
                cases++;
                peer_do(peer, PEER_UNMAP, 0, 0, 0);
                sys_unmap(BUF, BUF_PAGES * PAGE);
            }
    printf("%d regions, %d with bytes of the sender outside them\n", cases,
           leaks);
    peer_do(peer, PEER_STOP, 0, 0, 0);
    sys_wait(peer, 0);
    return 0;
}
