/*
 * bigmsg.c: a big message between two processes that meet (lab 2's
 * send/receive and request/respond, lab 4's port_send and port_request
 * with the port's receive, whichever side comes first). The
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

int bigmsg_in(struct proc *from, const struct buf *fb)
{
    struct msg head;
    if (fb->k)
        return msg_is_big(fb->k);
    /* A buffer across two pages: read its code (a bad buffer is found
     * by the copy that follows). */
    if (copy_in(from, &head, fb->va, 2 * sizeof(int32_t)) < 0)
        return 0;
    return msg_is_big(&head);
}

/* Trace event ev of big message m from 'from' to 'to' (through port, or
 * 0 for a pid). */
static void trace(const char *ev, const struct proc *from,
                  const struct proc *to, const struct msg *m, int32_t port,
                  int e)
{
    if (port)
        ipc_trace_obj(ev, from->pid, to->pid, "port", port, m, 0, e);
    else
        ipc_trace_msg(ev, from->pid, to->pid, m, e);
}

/* Deliver big message m (a kernel copy, sender set) from 'from' to 'to',
 * whose checked buffer is tb: the region into to's window, then the
 * message, with w[BIG_ADDR] where the region landed. Returns 0, or
 * region_of's, pages_capture's and window_place's errors, or -EFAULT
 * (to's buffer); on error nothing changed in either process. */
static int deliver(struct proc *from, struct msg *m, struct proc *to,
                   const struct buf *tb)
{
    struct region r;
    uint32_t at = 0;
    int e = region_of(m, &r);
    if (e == 0)
        e = window_place(to, region_pages(&r), &at);
    if (e == 0)
        e = pages_capture(from, &r, &scratch);
    if (e < 0)
        return e;
    m->w[BIG_ADDR] = at + scratch.offset;
    if (buf_put(to, tb, m) < 0) {
        pages_release(&scratch);
        return -EFAULT;
    }
    if (r.mode == BIG_MOVE || r.mode == BIG_COW)    /* the only ones */
        pages_commit(from, &scratch);
    pages_install(to, &scratch, at);
    window_close(to);
    /* A move or copy-on-write may have changed the page under the
     * sender's parked message buffer: a reply must look it up again. */
    from->ipc.kbuf = NULL;
    return 0;
}

int bigmsg_transfer(struct proc *from, const struct buf *fb,
                    struct proc *to, const struct buf *tb, int32_t port)
{
    struct msg m;
    if (copy_in(from, &m, fb->va, sizeof(m)) < 0)
        return -EFAULT;
    m.sender = from->pid;
    int e = deliver(from, &m, to, tb);
    trace(e < 0 ? "error" : "deliver", from, to, &m, port, e);
    return e;
}
