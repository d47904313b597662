/*
 * pages.c: how the pages of a region travel, mode by mode. A region is
 * first captured into a list: for each page, the page-table entry the
 * receiver will get, holding one reference to its frame (frame.c counts
 * them). Capturing changes nothing the sender can see. Once the message
 * is accepted, the sender's side is committed (a move takes its pages
 * away, copy-on-write makes them read-only), and the list is installed
 * in the receiver's window, its references passing to the receiver's
 * page tables; a list that is never installed drops them. A frame is
 * freed when its last reference goes, whoever held it.
 *
 *   mode          the receiver gets                the sender keeps
 *   BIG_COPY      a copy, writable                 its page
 *   BIG_SHARE_RO  the frame, read-only             its page (writable)
 *   BIG_SHARE_RW  the frame, writable              its page (writable)
 *   BIG_MOVE      the frame, the sender's flags    nothing
 *   BIG_COW       the frame, copy-on-write         the frame, copy-on-write
 *
 * A page that the region covers only in part (the first or last page of
 * an unaligned region) always travels as a copy of the covered bytes, at
 * the same offsets, the rest of the page zero: no byte of the sender
 * outside the region ever reaches the receiver. Lab 5.
 */
#include "bigfast.h"
#include "bigmsg.h"
#include "fault.h"
#include "frame.h"
#include "vm.h"

#define PTE_KEEP (PAGE_MASK | PTE_P | PTE_U | PTE_W | PTE_COW)

uint32_t big_copied, big_mapped;

/* A new frame with a copy of the page at pa; 0 if no frame is left. */
static uint32_t copy_of(uint32_t pa)
{
    uint32_t c = frame_alloc_dirty();
    if (c) {
        memcpy((void *)c, (const void *)pa, PAGE_SIZE);
        big_copied++;
    }
    return c;
}

/* One more reference to pa, for the list: 0, or -ENOMEM when the frame
 * already has as many as it can hold. */
static inline int share(uint32_t pa)
{
    if (frame_refs(pa) >= FRAME_REFS_MAX)
        return -ENOMEM;
    frame_ref(pa);
    return 0;
}

/*
 * capture_page: one whole page of a region, mapped in the sender at va
 * by *pte (present and user accessible; pgdir is the sender's). Set
 * *entry to the receiver's page-table entry (PTE_P | PTE_U and the
 * mode's flags) and take the one reference it holds:
 *   BIG_COPY      a copy of the page in a new frame, PTE_W.
 *   BIG_SHARE_RO  the sender's frame, read-only. A copy-on-write page of
 *                 the sender first gets its own frame (vm_cow_break), so
 *                 that the sender's later writes reach the receiver.
 *   BIG_SHARE_RW  the same, PTE_W; after that break, the sender's page
 *                 must be writable, else -EACCES.
 *   BIG_MOVE      the sender's frame with the sender's PTE_W and PTE_COW,
 *                 and PL_TAKE (the page leaves the sender at commit).
 *   BIG_COW       the sender's frame, read-only with PTE_COW. If the
 *                 sender's page is already copy-on-write, that is all; if
 *                 it is writable and no one else holds its frame, also
 *                 PL_MARK (it becomes copy-on-write at commit). Otherwise
 *                 (a frame shared writable with someone, or a page the
 *                 sender cannot write) a copy, as BIG_COPY: sharing it
 *                 copy-on-write would let the other writer's changes
 *                 through, or give the sender a way to write it.
 * Returns 0, -EACCES, or -ENOMEM (no frame for a copy, or the frame
 * already has FRAME_REFS_MAX references), with nothing taken.
 */
static int capture_page(pde_t *pgdir, uint32_t mode, pte_t *pte,
                        uint32_t va, uint32_t *entry)
{
#ifdef SOL_LAB5
    uint32_t pa = PTE_ADDR(*pte);
    switch (mode) {
    case BIG_SHARE_RO:
    case BIG_SHARE_RW:
        if ((*pte & PTE_COW) && vm_cow_break(pgdir, va) < 0)
            return -ENOMEM;
        if (mode == BIG_SHARE_RW && !(*pte & PTE_W))
            return -EACCES;
        pa = PTE_ADDR(*pte);
        *entry = pa | PTE_P | PTE_U | (mode == BIG_SHARE_RW ? PTE_W : 0);
        return share(pa);
    case BIG_MOVE:
        *entry = (*pte & PTE_KEEP) | PL_TAKE;
        return share(pa);
    case BIG_COW:
        if (*pte & PTE_COW) {
            *entry = pa | PTE_P | PTE_U | PTE_COW;
            return share(pa);
        }
        if ((*pte & PTE_W) && frame_refs(pa) == 1) {
            *entry = pa | PTE_P | PTE_U | PTE_COW | PL_MARK;
            return share(pa);
        }
        break;                          /* a copy, below */
    default:
        break;                          /* BIG_COPY */
    }
    uint32_t c = copy_of(pa);
    if (!c)
        return -ENOMEM;
    *entry = c | PTE_P | PTE_U | PTE_W;
    return 0;
#else
    /* LAB 5: your code here. */
    (void)pgdir; (void)mode; (void)pte; (void)va; (void)entry;
    (void)copy_of; (void)share;
    return -ENOSYS;
#endif
}

/*
 * capture_edge: a page the region covers only from byte lo to byte hi
 * (0 <= lo < hi <= PAGE_SIZE, not both ends), whose frame in the sender
 * is pa. Whatever the mode, the receiver gets a new frame holding bytes
 * [lo, hi) of the page at the same offsets and zero everywhere else, so
 * that nothing of the sender's page outside the region reaches it: PTE_W,
 * except for BIG_SHARE_RO (read-only like the rest of that region).
 * Returns 0 or -ENOMEM.
 */
static int capture_edge(uint32_t mode, uint32_t pa, uint32_t lo,
                        uint32_t hi, uint32_t *entry)
{
#ifdef SOL_LAB5
    uint32_t c = frame_alloc();
    if (!c)
        return -ENOMEM;
    memcpy((uint8_t *)c + lo, (const uint8_t *)pa + lo, hi - lo);
    big_copied++;
    *entry = c | PTE_P | PTE_U | (mode == BIG_SHARE_RO ? 0 : PTE_W);
    return 0;
#else
    /* LAB 5: your code here. */
    (void)mode; (void)pa; (void)lo; (void)hi; (void)entry;
    return -ENOSYS;
#endif
}

/* One page of a region, by the general path: page i of n, mapped in the
 * sender at va by pte (NULL: no page table there); lo and hi are the
 * covered bytes of the first and of the last page. */
static int capture_one(struct proc *from, const struct region *r,
                       pte_t *pte, uint32_t va, uint32_t i, uint32_t n,
                       uint32_t lo, uint32_t hi, uint32_t *entry)
{
    uint32_t from_b = i == 0 ? lo : 0, to_b = i == n - 1 ? hi : PAGE_SIZE;
    if (!pte || (*pte & (PTE_P | PTE_U)) != (PTE_P | PTE_U))
        return -EFAULT;
    if (from_b != 0 || to_b != PAGE_SIZE)
        return capture_edge(r->mode, PTE_ADDR(*pte), from_b, to_b, entry);
    return capture_page(from->pgdir, r->mode, pte, va, entry);
}

int pages_capture(struct proc *from, const struct region *r,
                  struct pagelist *l)
{
    uint32_t npages = region_pages(r), first = PAGE_ROUND_DOWN(r->va);
    uint32_t lo = r->va & ~PAGE_MASK;                   /* in page 0 */
    uint32_t hi = (lo + r->len - 1) % PAGE_SIZE + 1;    /* in the last */
    /* Pages [whole_from, whole_to) are covered whole: the fast path's. */
    uint32_t whole_from = lo != 0, whole_to = npages - (hi != PAGE_SIZE);
    uint32_t i = 0, n;
    int e = 0;
    l->sender = from->pid;
    l->va = r->va;
    l->mode = r->mode;
    l->offset = lo;
    l->len = r->len;
    while (i < npages && e == 0) {
        pte_t *pte = vm_run(from->pgdir, first + i * PAGE_SIZE, npages - i,
                            &n);
        uint32_t end = i + n;
        while (i < end && e == 0) {
            if (pte && i >= whole_from && i < whole_to) {
                uint32_t k = capture_fast(pte, MIN(end, whole_to) - i,
                                          r->mode, &l->pte[i]);
                i += k;
                pte += k;
                if (i == end)
                    break;
            }
            e = capture_one(from, r, pte, first + i * PAGE_SIZE, i, npages,
                            lo, hi, &l->pte[i]);
            i++;
            if (pte)
                pte++;
        }
    }
    l->npages = e == 0 ? i : i - 1;     /* entries that hold a reference */
    if (e < 0)
        pages_release(l);
    return e;
}

/*
 * pages_commit: the message carrying l is accepted; do the sender's side,
 * page by page (the region's first page is at l->va's page): an entry
 * with PL_TAKE leaves the sender (its page is unmapped, which drops the
 * sender's reference: the list's is now the frame's only hold from this
 * transfer), one with PL_MARK becomes read-only and PTE_COW in the
 * sender. Every changed entry is flushed (vm_changed), so that no stale
 * TLB entry or cached kernel address lets the sender write it. Never
 * fails.
 */
void pages_commit(struct proc *from, const struct pagelist *l)
{
#ifdef SOL_LAB5
    uint32_t first = PAGE_ROUND_DOWN(l->va);
    for (uint32_t i = 0; i < l->npages; i++) {
        uint32_t va = first + i * PAGE_SIZE;
        if (l->pte[i] & PL_TAKE) {
            vm_unmap_range(from->pgdir, va, PAGE_SIZE);
        } else if (l->pte[i] & PL_MARK) {
            pte_t *pte = vm_lookup(from->pgdir, va);
            *pte = (*pte & ~PTE_W) | PTE_COW;
            vm_changed(from->pgdir, va);
        }
    }
#else
    /* LAB 5: your code here. */
    (void)from; (void)l;
#endif
}

void pages_return(struct proc *from, const struct pagelist *l)
{
    uint32_t first = PAGE_ROUND_DOWN(l->va);
    for (uint32_t i = 0; i < l->npages; i++) {
        pte_t *pte = vm_lookup(from->pgdir, first + i * PAGE_SIZE);
        if ((l->pte[i] & PL_TAKE) && pte && !(*pte & PTE_P)) {
            *pte = l->pte[i] & ~(PL_TAKE | PL_MARK);
            frame_ref(PTE_ADDR(*pte));
        }
    }
}

void pages_install(struct proc *to, const struct pagelist *l, uint32_t at)
{
    uint32_t i = 0, n;
    while (i < l->npages) {
        pte_t *pte = vm_run(to->pgdir, at + i * PAGE_SIZE, l->npages - i, &n);
        assert(pte);                            /* see window_place */
        for (uint32_t end = i + n; i < end; i++, pte++)
            *pte = l->pte[i] & ~(PL_TAKE | PL_MARK);
    }
    big_mapped += l->npages;
}

void pages_release(struct pagelist *l)
{
    for (uint32_t i = 0; i < l->npages; i++)
        frame_unref(PTE_ADDR(l->pte[i]));
    l->npages = 0;
}
