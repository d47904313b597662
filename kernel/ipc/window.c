/*
 * window.c: receive windows. No process gets pages mapped into its
 * address space unless it asked for them: a receiver names, before it
 * receives, a free range of its own address space where the region of
 * the next big message may land, and how big it may be. The region's
 * first page goes to the window's first page (so its first byte lands at
 * the window's start plus the byte's offset in its page), and the window
 * is used up: the receiver opens a new one for the next big message.
 * A region that does not fit is refused whole, with EMSGSIZE on both
 * sides; a process with no window has a window of no bytes. Lab 5.
 */
#include "bigmsg.h"
#include "syscall.h"
#include "vm.h"

/*
 * window(va, len): open the caller's receive window on [va, va+len),
 * replacing the one open before; len 0 closes it. The range must be
 * page-aligned, in user space, and hold no mapped page; while the window
 * is open, map refuses to put pages in it. Returns 0, or -EINVAL (not
 * page-aligned, outside user space, wraps around), -EEXIST (a page of the
 * range is mapped). Never blocks.
 */
int32_t sys_window(uaddr_t va, uint32_t len)
{
    struct proc *me = proc_current();
    if (len == 0) {
        window_close(me);
        return 0;
    }
    if (((va | len) & ~PAGE_MASK) || !vm_user_range(va, len))
        return -EINVAL;
    if (!vm_range_free(me->pgdir, va, len))
        return -EEXIST;
    me->ipc.big.win_va = va;
    me->ipc.big.win_len = len;
    return 0;
}

/*
 * window_place: npages pages are on their way to 'to'. They land at the
 * start of to's window, if they fit in it: npages pages of PAGE_SIZE
 * within win_len bytes (no window: win_len is 0). Make the page tables
 * they need (vm_tables). No page can be mapped there: sys_window checked
 * the range, map refuses it while the window is open, and a window is
 * closed as soon as a region lands in it. Returns 0 and sets *at, or
 * -EMSGSIZE (no window, or too small), -ENOMEM (no frame for a page
 * table). Changes nothing else: the window stays open until
 * window_close.
 */
int window_place(struct proc *to, uint32_t npages, uint32_t *at)
{
#ifdef SOL_LAB5
    const struct big_proc *b = &to->ipc.big;
    if (npages > b->win_len / PAGE_SIZE)
        return -EMSGSIZE;
    if (vm_tables(to->pgdir, b->win_va, npages * PAGE_SIZE) < 0)
        return -ENOMEM;
    *at = b->win_va;
    return 0;
#else
    /* LAB 5: your code here. */
    (void)to; (void)npages; (void)at;
    return -ENOSYS;
#endif
}

void window_close(struct proc *p)
{
    p->ipc.big.win_va = 0;
    p->ipc.big.win_len = 0;
}

int window_overlaps(const struct proc *p, uint32_t va, uint32_t len)
{
    const struct big_proc *b = &p->ipc.big;
    return b->win_len && va < b->win_va + b->win_len &&
           b->win_va < va + len;
}
