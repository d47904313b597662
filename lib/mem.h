/*
 * mem.h: the constants of the memory calls, map, unmap, window and
 * pageinfo. Shared by the kernel and user space. Lab 5.
 */
#ifndef LIB_MEM_H
#define LIB_MEM_H

#define PAGE_BYTES     4096u

/* map(va, len, flags): flags. Without MAP_WRITE the pages are read-only. */
#define MAP_WRITE      0x2

/* pageinfo(va): 0 if no page is mapped at va; else these bits, and the
 * number of references to the page's frame (address spaces that map it,
 * and undelivered big messages that hold it) from bit PAGE_REFS_SHIFT. */
#define PAGE_PRESENT   0x1
#define PAGE_WRITABLE  0x2
#define PAGE_COW       0x4      /* copy-on-write: writable after a copy */
#define PAGE_REFS_SHIFT 8
#define PAGE_REFS(info) ((unsigned)(info) >> PAGE_REFS_SHIFT)

#endif /* LIB_MEM_H */
