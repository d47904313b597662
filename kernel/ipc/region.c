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
    /* The bits every page has, PTE_COW counted as PTE_W (it is COW's
     * bit moved down onto W's). */
    _Static_assert(PTE_COW >> 8 == PTE_W, "COW's bit, eight places up");
    uint32_t all = ~0u, a = PAGE_ROUND_DOWN(r->va), left, n;
    for (left = region_pages(r); left; left -= n, a += n * PAGE_SIZE) {
        const pte_t *pte = vm_run(p->pgdir, a, left, &n);
        if (!pte)
            return -EFAULT;
        for (const pte_t *end = pte + n; pte < end; pte++)
            all &= *pte | ((*pte >> 8) & PTE_W);
    }
    if ((all & (PTE_P | PTE_U)) != (PTE_P | PTE_U))
        return -EFAULT;
    if (r->mode == BIG_SHARE_RW && !(all & PTE_W))
        return -EACCES;
    return 0;
}

int bigmsg_check(struct proc *p, const struct buf *b)
{
    struct msg m;
    const struct msg *k = b->k;
    if (!k) {
        if (copy_in(p, &m, b->va, sizeof(m)) < 0)
            return -EFAULT;
        k = &m;
    }
    if (!msg_is_big(k))
        return 0;
    struct region r;
    int e = region_of(k, &r);
    return e < 0 ? e : region_check(p, &r);
}
