/*
 * bigfast.h: the common case of capturing a region, written as one tight
 * loop: whole pages shared (read-only or writable), and whole pages
 * shared copy-on-write that already are copy-on-write (a buffer sent
 * again). Each such page is one check, one reference, one entry: a few
 * instructions where the general path (capture_page in pages.c) spends
 * several times as many. Same result as the general path, which handles
 * every other page and every page this loop declines. An optimization:
 * nothing here is needed for correctness. Lab 5, provided.
 */
#ifndef KERNEL_BIGFAST_H
#define KERNEL_BIGFAST_H

#include "bigmsg.h"
#include "frame.h"

#ifdef SOL_LAB5

/* Capture the first of the n whole pages whose sender entries start at
 * src, into dst, as pages.c's capture_page would, for as long as they are
 * of the common case: how many were captured (0 to n). */
static inline uint32_t capture_fast(const pte_t *src, uint32_t n,
                                    uint32_t mode, uint32_t *dst)
{
    /* The entry must be want under mask; it becomes want, plus the
     * frame. A frame at or above KERNEL_TOP cannot be: leave it to the
     * general path, with the rest. */
    uint32_t mask = PTE_P | PTE_U | PTE_COW | ~(KERNEL_TOP - 1);
    uint32_t want = PTE_P | PTE_U;
    if (mode == BIG_SHARE_RW) {
        mask |= PTE_W;
        want |= PTE_W;
    } else if (mode == BIG_COW) {
        want |= PTE_COW;
    } else if (mode != BIG_SHARE_RO) {
        return 0;
    }
    const pte_t *p = src, *end = src + n;
    for (; p < end; p++, dst++) {
        uint32_t e = *p;
        if ((e & mask) != want)
            break;                      /* the general path decides */
        uint16_t *count = &frame_counts[e / PAGE_SIZE];
        if ((uint16_t)(*count - 1) >= FRAME_REFS_MAX - 1)
            break;
        ++*count;
        *dst = (e & PAGE_MASK) | want;
    }
    return (uint32_t)(p - src);
}

#else
/* LAB 5: no fast path in the kit: every page takes capture_page (write
 * that first; speed comes after). */
static inline uint32_t capture_fast(const pte_t *src, uint32_t n,
                                    uint32_t mode, uint32_t *dst)
{
    (void)src; (void)n; (void)mode; (void)dst;
    return 0;
}
#endif /* SOL_LAB5 */

#endif /* KERNEL_BIGFAST_H */
