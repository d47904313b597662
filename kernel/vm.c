/*
 * vm.c: page directories and page tables. The kernel half of every address
 * space is the same 4 MiB pages (no page tables needed); user pages use
 * two-level tables made on demand. Provided.
 */
#include "kernel.h"
#include "frame.h"
#include "vm.h"
#include "x86.h"

#define CR0_PG   0x80000000u
#define CR4_PSE  0x00000010u
#define KERNEL_PDES (KERNEL_TOP >> 22)

static pde_t kernel_pgdir[1024] __attribute__((aligned(4096)));
uint32_t vm_generation;

void vm_init(void)
{
    for (uint32_t i = 0; i < KERNEL_PDES; i++)
        kernel_pgdir[i] = (i << 22) | PTE_P | PTE_W | PTE_PS;
    write_cr4(read_cr4() | CR4_PSE);
    write_cr3((uint32_t)kernel_pgdir);
    write_cr0(read_cr0() | CR0_PG);
}

pde_t *vm_kernel_pgdir(void)
{
    return kernel_pgdir;
}

pde_t *vm_create(void)
{
    pde_t *pgdir = (pde_t *)frame_alloc();
    if (!pgdir)
        return NULL;
    memcpy(pgdir, kernel_pgdir, KERNEL_PDES * sizeof(pde_t));
    return pgdir;
}

void vm_destroy(pde_t *pgdir)
{
    vm_generation++;
    for (uint32_t d = PDX(USER_BASE); d < PDX(USER_TOP); d++) {
        if (!(pgdir[d] & PTE_P))
            continue;
        pte_t *pt = (pte_t *)PTE_ADDR(pgdir[d]);
        for (int t = 0; t < 1024; t++)
            if (pt[t] & PTE_P)
                frame_unref(PTE_ADDR(pt[t]));
        frame_unref((uint32_t)pt);
    }
    frame_unref((uint32_t)pgdir);
}

pte_t *vm_pte(pde_t *pgdir, uint32_t va, int create)
{
    pte_t *pte = vm_lookup(pgdir, va);
    if (pte || !create || va < USER_BASE || va >= USER_TOP)
        return pte;
    uint32_t pt = frame_alloc();          /* a new page table */
    if (!pt)
        return NULL;
    pgdir[PDX(va)] = pt | PTE_P | PTE_W | PTE_U;
    return vm_lookup(pgdir, va);
}

int vm_map(pde_t *pgdir, uint32_t va, uint32_t pa, uint32_t flags)
{
    if (va & ~PAGE_MASK)
        return -EINVAL;
    pte_t *pte = vm_pte(pgdir, va, 1);
    if (!pte)
        return va < USER_BASE || va >= USER_TOP ? -EINVAL : -ENOMEM;
    if (*pte & PTE_P)
        return -EINVAL;
    *pte = pa | flags | PTE_P;
    if (pgdir == (pde_t *)read_cr3())
        invlpg(va);
    return 0;
}

int vm_alloc_range(pde_t *pgdir, uint32_t va, uint32_t len, uint32_t flags)
{
    for (uint32_t a = PAGE_ROUND_DOWN(va); a < va + len; a += PAGE_SIZE) {
        pte_t *pte = vm_pte(pgdir, a, 1);
        if (!pte)
            return -ENOMEM;
        if (*pte & PTE_P)
            continue;
        uint32_t pa = frame_alloc();
        if (!pa)
            return -ENOMEM;
        *pte = pa | flags | PTE_P;
    }
    return 0;
}

uint32_t vm_frames(pde_t *pgdir)
{
    uint32_t n = 1;
    for (uint32_t d = PDX(USER_BASE); d < PDX(USER_TOP); d++) {
        if (!(pgdir[d] & PTE_P))
            continue;
        pte_t *pt = (pte_t *)PTE_ADDR(pgdir[d]);
        n++;
        for (int t = 0; t < 1024; t++)
            n += (pt[t] & PTE_P) != 0;
    }
    return n;
}

int vm_tables(pde_t *pgdir, uint32_t va, uint32_t len)
{
    uint32_t end = va + len;
    for (uint32_t a = va & ~0x3FFFFFu; a < end; a += 0x400000u)
        if (!vm_pte(pgdir, MAX(a, va), 1))
            return -ENOMEM;
    return 0;
}

int vm_range_free(const pde_t *pgdir, uint32_t va, uint32_t len)
{
    uint32_t a = PAGE_ROUND_DOWN(va), left, n;
    for (left = (PAGE_ROUND_UP(va + len) - a) / PAGE_SIZE; left;
         left -= n, a += n * PAGE_SIZE) {
        const pte_t *pte = vm_run(pgdir, a, left, &n);
        for (uint32_t i = 0; pte && i < n; i++)
            if (pte[i] & PTE_P)
                return 0;
    }
    return 1;
}

void vm_changed(pde_t *pgdir, uint32_t va)
{
    vm_generation++;
    if (pgdir == (pde_t *)read_cr3())
        invlpg(va);
}

/* Flushing this many pages one by one costs more than flushing the whole
 * TLB (reloading cr3) and refilling it. */
#define FLUSH_ALL_FROM 32

int vm_unmap_range(pde_t *pgdir, uint32_t va, uint32_t len)
{
    uint32_t a = PAGE_ROUND_DOWN(va), left, n;
    int removed = 0, current = pgdir == (pde_t *)read_cr3();
    int each = current && len < FLUSH_ALL_FROM * PAGE_SIZE;
    for (left = (PAGE_ROUND_UP(va + len) - a) / PAGE_SIZE; left;
         left -= n, a += n * PAGE_SIZE) {
        pte_t *pte = vm_run(pgdir, a, left, &n);
        for (uint32_t i = 0; pte && i < n; i++) {
            uint32_t e = pte[i];
            if (!(e & PTE_P))
                continue;
            pte[i] = 0;
            if (each)
                invlpg(a + i * PAGE_SIZE);
            frame_unref(PTE_ADDR(e));
            removed++;
        }
    }
    if (removed) {
        vm_generation++;
        if (current && !each)
            write_cr3(read_cr3());
    }
    return removed;
}
