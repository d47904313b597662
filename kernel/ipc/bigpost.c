/*
 * bigpost.c: big messages posted (lab 3's post, with a region). post
 * returns before the receiver takes the message, so the kernel must hold
 * the region meanwhile: post captures it into a list of pages kept in a
 * frame of its own, takes the sender's side at once (a moved page is gone
 * from the sender when post returns; copy-on-write pages are marked), and
 * receive maps the list into the receiver's window. A region that does
 * not fit the window when it is received stays queued, and receive says
 * so (EMSGSIZE): the receiver can open a window that fits and receive it
 * then. When the receiver exits first, its box goes and every list in it
 * drops its pages.
 *
 * The pinned-memory cap. Pages held this way are memory that no one can
 * free until the receiver acts (pinned): the spam problem of lab 3, for
 * memory. Each held post costs the pages of its region and one for its
 * list. A sender may have at most PIN_QUOTA such pages in undelivered
 * posts, all senders together PIN_MAX; beyond that post fails at once,
 * with EDQUOT (the sender is over its quota) or ENOBUFS (the kernel's
 * bound is reached). Neither waits: the pages come back only when
 * receivers, any of them, take the messages. The charge lives in the
 * sender's process, so it is counted per pid. Lab 5.
 */
#include "bigmsg.h"
#include "frame.h"
#include "post.h"
#include "sched.h"
#include "usercopy.h"

static uint32_t pinned;          /* pages held, all senders together */

uint32_t pin_total(void)
{
    return pinned;
}

/*
 * pin_charge: 'me' wants to pin 'pages' more pages in an undelivered post.
 * Refuse with -EDQUOT if me->ipc.big.pinned would pass PIN_QUOTA, else
 * with -ENOBUFS if all senders' pages (pinned) would pass PIN_MAX;
 * otherwise charge both counts and return 0. Never blocks.
 */
int pin_charge(struct proc *me, uint32_t pages)
{
#ifdef SOL_LAB5
    if (me->ipc.big.pinned + pages > PIN_QUOTA)
        return -EDQUOT;
    if (pinned + pages > PIN_MAX)
        return -ENOBUFS;
    me->ipc.big.pinned += pages;
    pinned += pages;
    return 0;
#else
    /* LAB 5: your code here. */
    (void)me; (void)pages;
    return -ENOSYS;
#endif
}

/* The pages come back. The sender is charged only while it lives: a
 * process with its pid is that sender (pids are never reused). */
void pin_uncharge(int32_t sender, uint32_t pages)
{
    struct proc *p = proc_find(sender);
    if (p)
        p->ipc.big.pinned -= pages;
    pinned -= pages;
}

/* Free a held list: its charge, its frame, and with 'release' its
 * pages' references (else they were installed in a receiver). */
static void drop(struct pagelist *l, int release)
{
    pin_uncharge(l->sender, l->npages + 1);
    if (release)
        pages_release(l);
    frame_unref((uint32_t)l);
}

int bigpost_hold(struct proc *me, const struct msg *m)
{
    struct region r;
    me->ipc.big.posting = NULL;
    if (!msg_is_big(m))
        return 0;
    int e = region_of(m, &r);
    if (e == 0)
        e = region_check(me, &r);
    uint32_t cost = region_pages(&r) + 1;
    if (e == 0)
        e = pin_charge(me, cost);
    if (e < 0)
        return e;
    struct pagelist *l = (struct pagelist *)frame_alloc_dirty();
    if (!l) {
        pin_uncharge(me->pid, cost);
        return -ENOMEM;
    }
    if ((e = pages_capture(me, &r, l)) < 0) {
        pin_uncharge(me->pid, cost);
        frame_unref((uint32_t)l);
        return e;
    }
    pages_commit(me, l);
    me->ipc.big.posting = l;
    return 0;
}

void bigpost_done(struct proc *me, int result)
{
    struct pagelist *l = me->ipc.big.posting;
    me->ipc.big.posting = NULL;
    if (!l)
        return;
    if (result < 0) {
        pages_return(me, l);
        drop(l, 1);
    }
}

/* Trace the delivery of big message m to 'to' (through port, or 0). */
static void trace_deliver(const struct msg *m, struct proc *to, int32_t port)
{
    if (port)
        ipc_trace_obj("deliver", m->sender, to->pid, "port", port, m, 0, 0);
    else
        ipc_trace_msg("deliver", m->sender, to->pid, m, 0);
}

/* Put held list l in me's window and the message in me's buffer b: 0, or
 * window_place's error or -EFAULT, with nothing done. */
static int put(struct proc *me, struct pagelist *l, const struct msg *m,
               const struct buf *b, int32_t port)
{
    uint32_t at;
    int e = window_place(me, l->npages, &at);
    if (e < 0)
        return e;
    struct msg out;
    msg_copy(&out, m);
    out.w[BIG_ADDR] = at + l->offset;
    if (buf_put(me, b, &out) < 0)
        return -EFAULT;
    pages_install(me, l, at);
    window_close(me);
    drop(l, 0);
    trace_deliver(m, me, port);
    return 0;
}

int bigpost_hand(struct proc *dst, const struct msg *m, int32_t port)
{
    struct proc *me = proc_current();
    struct buf b = parked(dst);
    int e = put(dst, me->ipc.big.posting, m, &b, port);
    if (e == 0) {
        me->ipc.big.posting = NULL;
        proc_wake(dst, port ? port : m->sender);
    }
    return e;
}

void bigpost_queued(struct pmsg *pm, struct proc *dst, int err)
{
    struct proc *me = proc_current();
    pm->pages = me->ipc.big.posting;
    me->ipc.big.posting = NULL;
    if (err < 0)
        proc_wake(dst, err);
}

int bigpost_deliver(struct proc *me, struct pmsg *pm, const struct buf *b,
                    int32_t port)
{
    int e = put(me, pm->pages, &pm->m, b, port);
    if (e == 0)
        pm->pages = NULL;
    return e;
}

void bigpost_release(struct pagelist *l)
{
    drop(l, 1);
}
