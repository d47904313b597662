/*
 * region.c: the region a big message describes, read from the message's
 * last three words and checked against the sender's address space before
 * any call that sends it does anything else. So a bad region is the
 * sender's error alone: its receiver never hears of it. Lab 5, provided.
 */
#include "bigmsg.h"
#include "usercopy.h"
#include "vm.h"

int region_of(const struct msg *m, struct region *r)
{
    r->va = m->w[BIG_ADDR];
    r->len = m->w[BIG_LEN];
    r->mode = m->w[BIG_MODE];
    if (r->mode < BIG_COPY || r->mode > BIG_COW || r->len == 0)
        return -EINVAL;
    if (r->len > BIG_MAX)
        return -EMSGSIZE;
    if (!vm_user_range(r->va, r->len))
        return -EFAULT;
    return 0;
}

int region_check(struct proc *p, const struct region *r)
{
    uint32_t first = PAGE_ROUND_DOWN(r->va), n = region_pages(r);
    for (uint32_t i = 0; i < n; i++) {
        const pte_t *pte = vm_lookup(p->pgdir, first + i * PAGE_SIZE);
        if (!pte || (*pte & (PTE_P | PTE_U)) != (PTE_P | PTE_U))
            return -EFAULT;
        if (r->mode == BIG_SHARE_RW && !(*pte & (PTE_W | PTE_COW)))
            return -EACCES;
    }
    return 0;
}

int bigmsg_check(struct proc *p, uaddr_t va, const struct msg *k)
{
    struct msg m;
    if (!k) {
        if (copy_in(p, &m, va, sizeof(m)) < 0)
            return -EFAULT;
        k = &m;
    }
    if (!msg_is_big(k))
        return 0;
    struct region r;
    int e = region_of(k, &r);
    return e < 0 ? e : region_check(p, &r);
}
