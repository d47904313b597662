/*
 * mmu.h: the i386 memory-management unit as the kernel uses it: segment
 * selectors, page-table entry bits and the virtual address layout.
 * Hardware glue; owned by the provided core.
 */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include <stdint.h>

/* Segment selectors (index << 3 | requested privilege level). */
#define SEG_KCODE     0x08
#define SEG_KDATA     0x10
#define SEG_UCODE     0x1B   /* GDT entry 3, ring 3 */
#define SEG_UDATA     0x23   /* GDT entry 4, ring 3 */
#define SEG_TSS       0x28

#define PAGE_SIZE     4096u
#define PAGE_MASK     (~(PAGE_SIZE - 1))
#define PAGE_ROUND_DOWN(a) ((uint32_t)(a) & PAGE_MASK)
#define PAGE_ROUND_UP(a)   (((uint32_t)(a) + PAGE_SIZE - 1) & PAGE_MASK)

/* Page-directory and page-table entry bits. */
#define PTE_P         0x001  /* present */
#define PTE_W         0x002  /* writable */
#define PTE_U         0x004  /* user may access */
#define PTE_PS        0x080  /* 4 MiB page (directory entries only) */
#define PTE_COW       0x200  /* software bit: copy-on-write (lab 5); such a
                                page is mapped read-only */
#define PTE_ADDR(e)   ((e) & PAGE_MASK)

#define PDX(va)       (((uint32_t)(va) >> 22) & 0x3FF)
#define PTX(va)       (((uint32_t)(va) >> 12) & 0x3FF)

/*
 * Virtual layout, the same in every address space:
 *   [0, KERNEL_TOP)          physical memory, mapped 1:1, kernel only
 *   [USER_BASE, USER_TOP)    the process's own pages
 * The user stack ends at USER_TOP and grows down.
 */
#define KERNEL_TOP    0x10000000u   /* 256 MiB of physical memory at most */
#define USER_BASE     0x40000000u
#define USER_TOP      0x80000000u
#define USER_STACK_PAGES 4

typedef uint32_t pde_t;
typedef uint32_t pte_t;

#endif /* ARCH_MMU_H */
