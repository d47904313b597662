/*
 * vm.h: address spaces. Each process has its own page directory; the first
 * KERNEL_TOP bytes of every one map physical memory 1:1 for the kernel
 * only, and [USER_BASE, USER_TOP) holds the process's own pages. Provided.
 */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include <stdint.h>
#include "kernel.h"
#include "mmu.h"

/* Bumped whenever any mapping is removed or changed (never when one is
 * added): a kernel address cached for a user address is valid while this
 * stays the same. */
extern uint32_t vm_generation;

/* Build the kernel's own page directory and turn paging on. */
void vm_init(void);
/* The kernel's page directory (used while no process runs). */
pde_t *vm_kernel_pgdir(void);

/* A new address space holding only the kernel mappings; NULL when out of
 * memory. */
pde_t *vm_create(void);
/* Free every user page and page table, then the directory itself. */
void vm_destroy(pde_t *pgdir);
/* Load an address space into the MMU. */
static inline void vm_switch(pde_t *pgdir)
{
    __asm__ volatile("movl %0, %%cr3" : : "r"(pgdir) : "memory");
}

/* The page-table entry for user address va, or NULL if no page table
 * covers it. With 'create', make the page table (NULL when out of memory). */
pte_t *vm_pte(pde_t *pgdir, uint32_t va, int create);

/* vm_pte without 'create', inline: it is on every message's path. */
static inline pte_t *vm_lookup(const pde_t *pgdir, uint32_t va)
{
    if (va < USER_BASE || va >= USER_TOP || !(pgdir[PDX(va)] & PTE_P))
        return 0;
    return &((pte_t *)PTE_ADDR(pgdir[PDX(va)]))[PTX(va)];
}
/* Map frame pa at va (page aligned) with flags; takes over one reference
 * to pa. Returns 0, -ENOMEM, or -EINVAL if va is not a free user page. */
int vm_map(pde_t *pgdir, uint32_t va, uint32_t pa, uint32_t flags);
/* Allocate zeroed frames for every page of [va, va+len) not yet mapped. */
int vm_alloc_range(pde_t *pgdir, uint32_t va, uint32_t len, uint32_t flags);
/* Frames held by an address space: pages and page tables. */
uint32_t vm_frames(pde_t *pgdir);

/* Lab 5, provided: helpers for the memory calls and big messages. */

/* Is [va, va+len) a non-empty range of user space that does not wrap? */
static inline int vm_user_range(uint32_t va, uint32_t len)
{
    return len > 0 && va >= USER_BASE && va < USER_TOP &&
           len <= USER_TOP - va;
}
/* For loops over the pages of a range, a page table at a time: the
 * entry for va (page-aligned, in user space), or NULL if no page table
 * covers va; and in *n how many of the 'left' pages from va on that page
 * table holds (their entries follow the first in memory). */
static inline pte_t *vm_run(const pde_t *pgdir, uint32_t va, uint32_t left,
                            uint32_t *n)
{
    *n = MIN(left, 1024 - PTX(va));
    return vm_lookup(pgdir, va);
}

/* The next four take a range that vm_user_range accepts. */
/* Make sure page tables cover [va, va+len): 0 or -ENOMEM (tables made
 * before the failure stay; they hold no page). */
int vm_tables(pde_t *pgdir, uint32_t va, uint32_t len);
/* Is no page of [va, va+len) mapped? */
int vm_range_free(const pde_t *pgdir, uint32_t va, uint32_t len);
/* A mapping at va was removed or changed (never needed when one is
 * added): bump vm_generation, and flush the TLB entry if pgdir is the
 * address space in the MMU. */
void vm_changed(pde_t *pgdir, uint32_t va);
/* Remove every page of [va, va+len) (places with none are skipped):
 * clear its entry, drop its frame's reference, flush. Returns how many
 * pages were there. */
int vm_unmap_range(pde_t *pgdir, uint32_t va, uint32_t len);

#endif /* KERNEL_VM_H */
