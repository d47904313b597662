/*
 * frame.h: the physical frame allocator. Every 4 KiB frame of usable RAM
 * has a reference count; a frame is free when its count is zero. Lab 1
 * (reading the memory map); the rest is provided.
 */
#ifndef KERNEL_FRAME_H
#define KERNEL_FRAME_H

#include <stdint.h>
#include "mmu.h"
#include "multiboot.h"

/* LAB 1: read the multiboot memory map and make every available frame
 * above the kernel (and below KERNEL_TOP) allocatable. */
void frame_init(const struct multiboot_info *mbi);

/* A zeroed frame with one reference; its physical address, or 0 when
 * memory is exhausted. Never blocks. */
uint32_t frame_alloc(void);
/* The same, its contents left as they were: for a caller that overwrites
 * the whole frame at once (a copy of another page). */
uint32_t frame_alloc_dirty(void);
/* The most references a frame can hold. */
#define FRAME_REFS_MAX 0xFFFE
#define FRAME_COUNT    (KERNEL_TOP / PAGE_SIZE)

/* Every frame's reference count, by frame number: frame.c's table, read
 * and written only by frame.c and the inline functions here (they are on
 * the path of every page a big message maps, lab 5). 0 is free; frame.c
 * marks frames it does not manage with a count no frame in use has. */
extern uint16_t frame_counts[FRAME_COUNT];
/* A reference count that cannot be: panic (a kernel bug). */
void frame_bad(uint32_t pa) __attribute__((noreturn));
/* A count reached zero: the frame is free again. */
void frame_released(void);

/* Add a reference to an allocated frame (to share it); the caller makes
 * sure it holds fewer than FRAME_REFS_MAX. */
static inline void frame_ref(uint32_t pa)
{
    uint32_t i = pa / PAGE_SIZE;
    if (i >= FRAME_COUNT ||
        (uint16_t)(frame_counts[i] - 1) >= FRAME_REFS_MAX - 1)
        frame_bad(pa);
    frame_counts[i]++;
}

/* Drop one reference; the frame is free again at zero. */
static inline void frame_unref(uint32_t pa)
{
    uint32_t i = pa / PAGE_SIZE;
    if (i >= FRAME_COUNT ||
        (uint16_t)(frame_counts[i] - 1) >= FRAME_REFS_MAX)
        frame_bad(pa);
    if (--frame_counts[i] == 0)
        frame_released();
}
/* References held on a frame (0 when free, or not managed). */
static inline uint32_t frame_refs(uint32_t pa)
{
    uint32_t i = pa / PAGE_SIZE, n = i < FRAME_COUNT ? frame_counts[i] : 0;
    return n <= FRAME_REFS_MAX ? n : 0;
}

uint32_t frame_used(void);
uint32_t frame_free_count(void);
/* Usable RAM found in the memory map, in KiB (all of it, even the parts
 * the allocator does not manage). */
uint32_t frame_mem_kib(void);

#endif /* KERNEL_FRAME_H */
