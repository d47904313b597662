/*
 * bigmsg.c: a big message between two processes that meet (lab 2's
 * send/receive and request/respond, whichever side comes first). The
 * sender is blocked or running, so its pages are where its message says:
 * the region goes straight from its address space into the receiver's
 * window, in one pass, while the message is delivered. Lab 5, provided.
 *
 * The order is what makes it all or nothing. First everything that can
 * fail: the region, the window and its page tables, the pages (a copy
 * needs a frame), the receiver's message buffer. Only then what cannot
 * fail: the sender's side (a move, copy-on-write marks) and the
 * receiver's page tables.
 */
#include "bigmsg.h"
#include "usercopy.h"

/* The list of the transfer in progress. One is enough: the kernel never
 * switches processes in the middle of a system call. */
static struct pagelist scratch;

int bigmsg_deliver(struct proc *from, struct msg *m, struct proc *to,
                   uaddr_t to_va, struct msg *to_k)
{
    struct region r;
    uint32_t at = 0;
    int e = region_of(m, &r);
    if (e == 0)
        e = window_place(to, region_pages(&r), &at);
    if (e == 0)
        e = pages_capture(from, &r, &scratch);
    if (e == 0) {
        m->w[BIG_ADDR] = at + scratch.offset;
        if (to_k) {
            msg_copy(to_k, m);
        } else if (copy_out(to, to_va, m, sizeof(*m)) < 0) {
            pages_release(&scratch);
            e = -EFAULT;
        }
    }
    if (e < 0) {
        ipc_trace_msg("error", from->pid, to->pid, m, e);
        return e;
    }
    if (r.mode == BIG_MOVE || r.mode == BIG_COW)    /* the only ones */
        pages_commit(from, &scratch);
    pages_install(to, &scratch, at);
    window_close(to);
    /* A move or copy-on-write may have changed the page under the
     * sender's parked message buffer: a reply must look it up again. */
    from->ipc.kbuf = NULL;
    ipc_trace_msg("deliver", from->pid, to->pid, m, 0);
    return 0;
}
