/*
 * usercopy.c: checked copies between the kernel and user address spaces.
 * Pages are reached through their physical addresses (the kernel maps all
 * of physical memory), so a copy can go to any process, not only the one
 * running: lab 2 copies messages straight from sender to receiver.
 * Provided.
 */
#include "kernel.h"
#include "fault.h"
#include "mmu.h"
#include "proc.h"
#include "usercopy.h"
#include "vm.h"

/* The kernel address of user byte va in p, or NULL if not accessible.
 * A write to a copy-on-write page (lab 5) first gives the page its own
 * frame, as the process's own write would (fault.c). */
static uint8_t *user_byte(struct proc *p, uaddr_t va, int write)
{
    pte_t *pte = vm_lookup(p->pgdir, va);
    uint32_t need = PTE_P | PTE_U | (write ? PTE_W : 0);
    if (!pte)
        return NULL;
    if ((*pte & need) != need &&
        (!write || (*pte & (PTE_P | PTE_U | PTE_COW)) !=
                       (PTE_P | PTE_U | PTE_COW) ||
         vm_cow_break(p->pgdir, PAGE_ROUND_DOWN(va)) < 0))
        return NULL;
    return (uint8_t *)(PTE_ADDR(*pte) | (va & ~PAGE_MASK));
}

int user_range_ok(struct proc *p, uaddr_t va, uint32_t n, int write)
{
    if (n == 0)
        return 1;
    if (va < USER_BASE || va >= USER_TOP || n > USER_TOP - va)
        return 0;
    for (uint32_t a = PAGE_ROUND_DOWN(va); a < va + n; a += PAGE_SIZE)
        if (!user_byte(p, a, write))
            return 0;
    return 1;
}

void *user_ptr(struct proc *p, uaddr_t va, uint32_t n, int write)
{
    if (n == 0 || n > PAGE_SIZE - (va & ~PAGE_MASK))
        return NULL;
    return user_byte(p, va, write);
}

int copy_in(struct proc *p, void *dst, uaddr_t va, uint32_t n)
{
    if (!user_range_ok(p, va, n, 0))
        return -EFAULT;
    uint8_t *d = dst;
    while (n > 0) {
        uint32_t chunk = MIN(n, PAGE_SIZE - (va & ~PAGE_MASK));
        memcpy(d, user_byte(p, va, 0), chunk);
        d += chunk;
        va += chunk;
        n -= chunk;
    }
    return 0;
}

int copy_out(struct proc *p, uaddr_t va, const void *src, uint32_t n)
{
    if (!user_range_ok(p, va, n, 1))
        return -EFAULT;
    const uint8_t *s = src;
    while (n > 0) {
        uint32_t chunk = MIN(n, PAGE_SIZE - (va & ~PAGE_MASK));
        memcpy(user_byte(p, va, 1), s, chunk);
        s += chunk;
        va += chunk;
        n -= chunk;
    }
    return 0;
}

int copy_in_str(struct proc *p, char *dst, uaddr_t va, uint32_t max)
{
    for (uint32_t i = 0; i < max; i++) {
        if (va + i < va)
            return -EFAULT;
        const uint8_t *b = user_byte(p, va + i, 0);
        if (!b)
            return -EFAULT;
        dst[i] = (char)*b;
        if (*b == 0)
            return (int)i;
    }
    dst[max - 1] = '\0';
    return -ENAMETOOLONG;
}
