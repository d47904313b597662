/*
 * frame.c: physical memory, one 4 KiB frame at a time. frame_init reads
 * the boot loader's memory map; after it, each frame below KERNEL_TOP is
 * either unusable, free (no references) or in use. Lab 1: frame_init.
 */
#include "kernel.h"
#include "frame.h"
#include "mmu.h"

#define NFRAMES      (KERNEL_TOP / PAGE_SIZE)
#define UNUSABLE     0xFFFF
#define MAX_REGIONS  32

extern char __kernel_end[];

uint16_t frame_counts[NFRAMES];  /* per frame: UNUSABLE, 0 (free) or count */
static uint32_t nfree, nused, mem_kib;
static uint32_t hint;            /* where the next search starts */

struct region {
    uint64_t start, end;
};

#ifdef SOL_LAB1
/* Copy the available regions out of the map before any frame is touched:
 * the map itself may lie in memory that is about to be handed out. */
static int read_regions(const struct multiboot_info *mbi, struct region *r)
{
    int n = 0;
    uint32_t at = mbi->mmap_addr, end = mbi->mmap_addr + mbi->mmap_length;
    while (at < end && n < MAX_REGIONS) {
        const struct multiboot_mmap_entry *e = (const void *)at;
        if (e->type == MB_MMAP_AVAILABLE && e->len > 0) {
            r[n].start = e->addr;
            r[n].end = e->addr + e->len;
            mem_kib += (uint32_t)(e->len / 1024);
            n++;
        }
        at += e->size + 4;
    }
    return n;
}
#endif

void frame_init(const struct multiboot_info *mbi)
{
    for (uint32_t i = 0; i < NFRAMES; i++)
        frame_counts[i] = UNUSABLE;
#ifdef SOL_LAB1
    struct region r[MAX_REGIONS];
    if (!(mbi->flags & MB_INFO_MMAP))
        panic("the boot loader gave no memory map");
    int n = read_regions(mbi, r);
    uint64_t low = PAGE_ROUND_UP((uint32_t)__kernel_end);
    for (int i = 0; i < n; i++) {
        uint64_t start = (r[i].start + PAGE_SIZE - 1) &
                         ~(uint64_t)(PAGE_SIZE - 1);
        uint64_t end = r[i].end & ~(uint64_t)(PAGE_SIZE - 1);
        start = MAX(start, low);
        end = MIN(end, (uint64_t)KERNEL_TOP);
        for (uint64_t pa = start; pa < end; pa += PAGE_SIZE) {
            frame_counts[pa / PAGE_SIZE] = 0;
            nfree++;
        }
    }
#else
    /* LAB 1: your code here. Walk the map at mbi->mmap_addr; for each
     * available region add its whole frames above __kernel_end and below
     * KERNEL_TOP (frame_counts[i] = 0, nfree++), and add its size to
     * mem_kib. */
    (void)mbi;
#endif
    hint = 0;
}

uint32_t frame_alloc_dirty(void)
{
    for (uint32_t n = 0; n < NFRAMES; n++) {
        uint32_t i = (hint + n) % NFRAMES;
        if (frame_counts[i] == 0) {
            frame_counts[i] = 1;
            hint = i + 1;
            nfree--;
            nused++;
            return i * PAGE_SIZE;
        }
    }
    return 0;
}

uint32_t frame_alloc(void)
{
    uint32_t pa = frame_alloc_dirty();
    if (pa)
        memset((void *)pa, 0, PAGE_SIZE);
    return pa;
}

void frame_bad(uint32_t pa)
{
    panic("bad frame %p", (void *)pa);
}

void frame_released(void)
{
    nused--;
    nfree++;
}

uint32_t frame_used(void) { return nused; }
uint32_t frame_free_count(void) { return nfree; }
uint32_t frame_mem_kib(void) { return mem_kib; }
