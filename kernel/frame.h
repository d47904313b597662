/*
 * frame.h: the physical frame allocator. Every 4 KiB frame of usable RAM
 * has a reference count; a frame is free when its count is zero. Lab 1
 * (reading the memory map); the rest is provided.
 */
#ifndef KERNEL_FRAME_H
#define KERNEL_FRAME_H

#include <stdint.h>
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
/* Add a reference to an allocated frame (to share it); the caller makes
 * sure it holds fewer than FRAME_REFS_MAX. */
void frame_ref(uint32_t pa);
/* Drop one reference; the frame is free again at zero. */
void frame_unref(uint32_t pa);
/* References held on a frame (0 when free). */
uint32_t frame_refs(uint32_t pa);

uint32_t frame_used(void);
uint32_t frame_free_count(void);
/* Usable RAM found in the memory map, in KiB (all of it, even the parts
 * the allocator does not manage). */
uint32_t frame_mem_kib(void);

#endif /* KERNEL_FRAME_H */
