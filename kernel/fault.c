/*
 * fault.c: page faults in user mode. A process may write to a page it
 * shares copy-on-write (lab 5): the page is read-only in its page table
 * and marked PTE_COW, so the write faults, and the kernel gives the page
 * a private copy and lets the write run again. Every other fault (no
 * page there, a write to a page that is read-only for good, a kernel
 * address) ends the process, never the kernel. The kernel's own writes
 * to user memory go through usercopy.c, which breaks copy-on-write the
 * same way before it writes. Provided, apart from vm_cow_break (lab 5).
 */
#include "kernel.h"
#include "fault.h"
#include "frame.h"
#include "proc.h"
#include "vm.h"

#define ERR_PRESENT 0x1         /* the page was there (a protection fault) */
#define ERR_WRITE   0x2         /* the access was a write */

static uint32_t cow_faults, cow_copies;

int vm_cow_break(pde_t *pgdir, uint32_t va)
{
#ifdef SOL_LAB5
    pte_t *pte = vm_lookup(pgdir, va);
    uint32_t pa = PTE_ADDR(*pte);
    uint32_t flags = (*pte & ~PAGE_MASK & ~PTE_COW) | PTE_W;
    if (frame_refs(pa) > 1) {
        uint32_t copy = frame_alloc_dirty();
        if (!copy)
            return -ENOMEM;
        memcpy((void *)copy, (const void *)pa, PAGE_SIZE);
        frame_unref(pa);
        pa = copy;
        cow_copies++;
    }
    *pte = pa | flags;
    vm_changed(pgdir, va);
    cow_faults++;
    return 0;
#else
    /* LAB 5: your code here. */
    (void)pgdir; (void)va;
    return -ENOSYS;
#endif
}

int vm_user_fault(struct proc *p, uint32_t va, uint32_t err)
{
    if ((err & (ERR_PRESENT | ERR_WRITE)) != (ERR_PRESENT | ERR_WRITE))
        return 0;
    pte_t *pte = vm_lookup(p->pgdir, va);
    if (!pte || (*pte & (PTE_P | PTE_U | PTE_COW)) !=
                    (PTE_P | PTE_U | PTE_COW))
        return 0;
    return vm_cow_break(p->pgdir, PAGE_ROUND_DOWN(va)) == 0;
}

void vm_fault_explain(struct proc *p, uint32_t va)
{
    uint32_t page = PAGE_ROUND_DOWN(va);
    const pte_t *pte = vm_lookup(p->pgdir, va);
    if (va < USER_BASE || va >= USER_TOP) {
        kprintf("  %p is not a user address\n", (void *)va);
    } else if (!pte || !(*pte & PTE_P)) {
        kprintf("  page %p: not mapped\n", (void *)page);
    } else {
        uint32_t pa = PTE_ADDR(*pte);
        kprintf("  page %p: %s, frame %p, %u reference%s%s\n", (void *)page,
                *pte & PTE_COW ? "copy-on-write"
                : *pte & PTE_W ? "writable" : "read-only",
                (void *)pa, frame_refs(pa), frame_refs(pa) == 1 ? "" : "s",
                *pte & PTE_COW ? ": no copy could be made" : "");
    }
}

uint32_t vm_cow_faults(void) { return cow_faults; }
uint32_t vm_cow_copies(void) { return cow_copies; }
