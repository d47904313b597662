/*
 * anon.c: anonymous memory, the calls map, unmap and pageinfo. A program
 * asks for zeroed pages at an address of its choosing (to build a 1 MiB
 * buffer, say), gives pages back, and can ask what is mapped at an
 * address. Frames are reference-counted (frame.c): unmapping a page drops
 * its address space's reference, and the frame is free again only when
 * its last holder lets go: another address space it was shared with, or
 * an undelivered big message. Lab 5, provided.
 */
#include "kernel.h"
#include "frame.h"
#include "mem.h"
#include "proc.h"
#include "syscall.h"
#include "vm.h"
#include "ipc_hooks.h"

/* A range for map or unmap: page-aligned, not empty, in user space. */
static int range_ok(uaddr_t va, uint32_t len)
{
    return !(va & ~PAGE_MASK) && !(len & ~PAGE_MASK) &&
           vm_user_range(va, len);
}

/*
 * map(va, len, flags): map zeroed pages at [va, va+len) in the caller's
 * address space, writable with MAP_WRITE (else read-only). All or
 * nothing. Returns 0, or: -EINVAL (va or len not a multiple of the page
 * size, len 0, the range not inside user space or wrapping around, an
 * unknown flag), -EEXIST (a page of the range is already mapped, or the
 * range overlaps the caller's open receive window), -ENOMEM (no frame
 * left; nothing was mapped). Never blocks.
 */
int32_t sys_map(uaddr_t va, uint32_t len, int32_t flags)
{
    struct proc *p = proc_current();
    if ((flags & ~MAP_WRITE) || !range_ok(va, len))
        return -EINVAL;
    if (!vm_range_free(p->pgdir, va, len) || ipc_reserved(p, va, len))
        return -EEXIST;
    if (vm_tables(p->pgdir, va, len) < 0)
        return -ENOMEM;
    uint32_t pte_flags = PTE_P | PTE_U | (flags & MAP_WRITE ? PTE_W : 0);
    for (uint32_t a = va; a < va + len; a += PAGE_SIZE) {
        uint32_t pa = frame_alloc();
        if (!pa) {
            vm_unmap_range(p->pgdir, va, a - va);
            return -ENOMEM;
        }
        *vm_lookup(p->pgdir, a) = pa | pte_flags;
    }
    return 0;
}

/*
 * unmap(va, len): remove the caller's pages in [va, va+len); places with
 * no page are skipped. Each page's frame loses one reference and is freed
 * if that was the last. Returns how many pages were removed, or -EINVAL
 * (as for map). Never blocks. Unmapping the program's own code or stack
 * is allowed: the process then faults, and only it dies.
 */
int32_t sys_unmap(uaddr_t va, uint32_t len)
{
    struct proc *p = proc_current();
    if (!range_ok(va, len))
        return -EINVAL;
    return vm_unmap_range(p->pgdir, va, len);
}

/*
 * pageinfo(va): what the caller has mapped at va: 0 for nothing; else
 * PAGE_PRESENT, PAGE_WRITABLE if a write goes straight through,
 * PAGE_COW if it is copy-on-write, and from bit PAGE_REFS_SHIFT the
 * number of references to its frame. -EINVAL if va is not a user
 * address. Never blocks.
 */
int32_t sys_pageinfo(uaddr_t va)
{
    struct proc *p = proc_current();
    if (!vm_user_range(va, 1))
        return -EINVAL;
    const pte_t *pte = vm_lookup(p->pgdir, va);
    if (!pte || !(*pte & PTE_P))
        return 0;
    uint32_t info = PAGE_PRESENT;
    if (*pte & PTE_W)
        info |= PAGE_WRITABLE;
    if (*pte & PTE_COW)
        info |= PAGE_COW;
    return (int32_t)(info | frame_refs(PTE_ADDR(*pte)) << PAGE_REFS_SHIFT);
}
