/*
 * mailbox.c: mailboxes (mbox.h): the table, holders that open and close
 * them, FIFO and priority queues shared by many senders and many
 * receivers, and what happens to everyone waiting at a mailbox when it
 * dies. The system calls mbox_create, mbox_open, mbox_close,
 * mbox_destroy, mbox_send and mbox_receive. Lab 4.
 */
#include "mbox.h"
#include "sched.h"
#include "syscall.h"

struct mbox mbox_table[MBOX_MAX];
static int alive;

int mbox_count(void)
{
    return alive;
}

/* The lowest free slot whose generation is not used up, or NULL. */
static struct mbox *slot_alloc(void)
{
    for (int i = 0; i < MBOX_MAX; i++) {
        struct mbox *mb = &mbox_table[i];
        if (!mb->id && mb->gen <= HANDLE_GEN_LAST) {
            uint32_t gen = mb->gen ? mb->gen : 1;
            memset(mb, 0, sizeof(*mb));
            mb->gen = gen;
            mb->id = handle_make(gen, HANDLE_MBOX_BASE + i);
            alive++;
            return mb;
        }
    }
    return NULL;
}

/* The slot is free again, and its number dead: the next mailbox in the
 * slot gets the next generation. */
static void slot_free(struct mbox *mb)
{
    uint32_t gen = mb->gen + 1;
    memset(mb, 0, sizeof(*mb));
    mb->gen = gen;
    alive--;
}

int mbox_count_from(const struct pmsg *head, int32_t pid)
{
    int n = 0;
    for (; head; head = head->next)
        n += head->m.sender == pid;
    return n;
}

/* --- waiting at a mailbox --------------------------------------------- */

static void wait_add(struct mbox_waiters *w, struct proc *p, struct mbox *mb)
{
    p->ipc.port.mbox_on = mb;
    p->ipc.port.mbox_next = NULL;
    if (w->tail)
        w->tail->ipc.port.mbox_next = p;
    else
        w->head = p;
    w->tail = p;
}

/* Unlink p from list w: 1 if it was there. */
static int wait_unlink(struct mbox_waiters *w, struct proc *p)
{
    struct proc *prev = NULL;
    for (struct proc *q = w->head; q; prev = q, q = q->ipc.port.mbox_next) {
        if (q != p)
            continue;
        if (prev)
            prev->ipc.port.mbox_next = p->ipc.port.mbox_next;
        else
            w->head = p->ipc.port.mbox_next;
        if (w->tail == p)
            w->tail = prev;
        return 1;
    }
    return 0;
}

void mbox_wait_remove(struct proc *p)
{
    struct mbox *mb = p->ipc.port.mbox_on;
    if (!mb)
        return;
    if (!wait_unlink(&mb->receivers, p))
        wait_unlink(&mb->room, p);
    p->ipc.port.mbox_on = NULL;
    p->ipc.port.mbox_next = NULL;
}

int mbox_receiving(const struct proc *p, const struct mbox *mb)
{
    return p->state == P_BLOCKED && p->blocked_on == B_MBOX_RECV &&
           p->ipc.port.mbox_on == mb;
}

/* The receiver that has waited longest at mb, taken off the list; or NULL.
 * Receivers whose wait is over (timeout, kill) are dropped on the way. */
static struct proc *first_receiver(struct mbox *mb)
{
    struct proc *r;
    while ((r = mb->receivers.head)) {
        int live = mbox_receiving(r, mb);
        mbox_wait_remove(r);
        if (live)
            return r;
    }
    return NULL;
}

/* A message left mb: every sender waiting for room tries again. */
static void wake_room(struct mbox *mb)
{
    struct proc *q;
    while ((q = mb->room.head)) {
        mbox_wait_remove(q);
        proc_wake(q, 0);
    }
}

void mbox_hand(struct proc *r, const struct msg *m, struct mbox *mb)
{
    post_copy_parked(r, m);
    ipc_trace_obj("deliver", m->sender, r->pid, "mbox", mb->id, m, 0, 0);
    proc_wake(r, m->sender);
}

/* --- holders ---------------------------------------------------------- */

static struct mbox_hold *hold_of(struct mbox *mb, int32_t pid)
{
    for (int i = 0; i < MBOX_HOLDERS; i++)
        if (mb->hold[i].pid == pid)
            return &mb->hold[i];
    return NULL;
}

/* Make p a holder of mb with 'mode': 0, or -ENOSPC (MBOX_HOLDERS hold it
 * already). */
static int hold_add(struct mbox *mb, struct proc *p, int mode)
{
    struct mbox_hold *h = hold_of(mb, 0);
    if (!h)
        return -ENOSPC;
    memset(h, 0, sizeof(*h));
    h->pid = p->pid;
    h->mode = mode;
    mb->holders++;
    p->ipc.port.held++;
    return 0;
}

/* p lets go of mb (its copies, if a subscriber, are freed). */
static void hold_drop(struct mbox *mb, struct mbox_hold *h, struct proc *p)
{
    broadcast_drop(h);
    memset(h, 0, sizeof(*h));
    mb->holders--;
    p->ipc.port.held--;
}

/* --- life and death --------------------------------------------------- */

/*
 * mbox_evict: mailbox mb is dying: nobody may stay blocked at it, and what
 * it holds goes back. Its queued messages are freed; every receiver
 * waiting at it and every sender waiting for room wakes with -EIDRM.
 * (Subscribers' copies go with their holds: broadcast_drop.)
 */
static void mbox_evict(struct mbox *mb)
{
#ifdef SOL_LAB4
    while (mb->head) {
        struct pmsg *pm = mb->head;
        mb->head = pm->next;
        share_give(pm);
    }
    mb->tail = NULL;
    mb->count = 0;
    struct proc *q;
    while ((q = mb->receivers.head) || (q = mb->room.head)) {
        mbox_wait_remove(q);
        proc_wake(q, -EIDRM);
    }
#else
    /* LAB 4: your code here. */
    (void)mb;
#endif
}

/* mb dies: its waiters wake with -EIDRM, every holder lets go, its number
 * dies. 'by' is the process that destroyed it or closed it last. */
static void mbox_kill(struct mbox *mb, struct proc *by)
{
    mbox_evict(mb);
    for (int i = 0; i < MBOX_HOLDERS; i++) {
        struct mbox_hold *h = &mb->hold[i];
        struct proc *p = h->pid == by->pid ? by : proc_find(h->pid);
        if (h->pid && p)
            hold_drop(mb, h, p);
    }
    ipc_trace_obj("mbox-gone", by->pid, 0, "mbox", mb->id, NULL, 0, 0);
    slot_free(mb);
}

/* A mode for create and open: MBOX_SEND, MBOX_RECV or both. */
static int mode_ok(int32_t mode)
{
    return mode > 0 && !(mode & ~(MBOX_SEND | MBOX_RECV));
}

/*
 * mbox_create(flags): a new mailbox, held by the caller. flags holds the
 * caller's mode (MBOX_SEND, MBOX_RECV or both: at least one) and the
 * order of the messages: FIFO (neither of the next two), MBOX_PRIO or
 * MBOX_BROADCAST. Returns its number, or -EINVAL (unknown flags, no mode,
 * or both orders), -EMFILE (the caller holds MBOX_PER_PROC mailboxes
 * already), -ENOSPC (the table is full). Never blocks.
 */
int32_t sys_mbox_create(int32_t flags)
{
    struct proc *me = proc_current();
    int32_t order = flags & (MBOX_PRIO | MBOX_BROADCAST);
    if (!mode_ok(flags & ~(MBOX_PRIO | MBOX_BROADCAST)) ||
        order == (MBOX_PRIO | MBOX_BROADCAST))
        return -EINVAL;
    if (me->ipc.port.held >= MBOX_PER_PROC)
        return -EMFILE;
    struct mbox *mb = slot_alloc();
    if (!mb)
        return -ENOSPC;
    mb->flags = order;
    hold_add(mb, me, flags & (MBOX_SEND | MBOX_RECV));
    ipc_trace_obj("mbox-new", me->pid, 0, "mbox", mb->id, NULL, flags, 0);
    return mb->id;
}

/*
 * mbox_open(mbox, mode): hold the mailbox, to send (MBOX_SEND), receive
 * (MBOX_RECV; a broadcast mailbox: subscribe from now on) or both.
 * Returns 0, or: -EINVAL (bad mode), -EBADF (no such mailbox, or a dead
 * one), -EEXIST (the caller holds it already), -EMFILE (the caller holds
 * MBOX_PER_PROC), -ENOSPC (MBOX_HOLDERS hold it). Never blocks.
 */
int32_t sys_mbox_open(int32_t id, int32_t mode)
{
    struct proc *me = proc_current();
    if (!mode_ok(mode))
        return -EINVAL;
    struct mbox *mb = mbox_find(id);
    if (!mb)
        return -EBADF;
    if (hold_of(mb, me->pid))
        return -EEXIST;
    if (me->ipc.port.held >= MBOX_PER_PROC)
        return -EMFILE;
    int r = hold_add(mb, me, mode);
    if (r == 0)
        ipc_trace_obj("mbox-open", me->pid, 0, "mbox", id, NULL, mode, 0);
    return r;
}

/* The mailbox 'id' and the caller's hold on it: -EBADF (no such
 * mailbox), -EPERM (the caller does not hold it, or not with 'mode'). */
static int held(struct proc *me, int32_t id, int mode, struct mbox **mb,
                struct mbox_hold **h)
{
    *mb = mbox_find(id);
    if (!*mb)
        return -EBADF;
    *h = hold_of(*mb, me->pid);
    return *h && ((*h)->mode & mode) == mode ? 0 : -EPERM;
}

/*
 * mbox_close(mbox): let go of the mailbox (a subscriber's copies are
 * freed). When the last holder lets go, the mailbox dies (see
 * mbox_destroy). Returns 0, -EBADF or -EPERM (the caller does not hold
 * it). Never blocks.
 */
int32_t sys_mbox_close(int32_t id)
{
    struct proc *me = proc_current();
    struct mbox *mb;
    struct mbox_hold *h;
    int r = held(me, id, 0, &mb, &h);
    if (r < 0)
        return r;
    hold_drop(mb, h, me);
    ipc_trace_obj("mbox-close", me->pid, 0, "mbox", id, NULL, 0, 0);
    if (mb->holders == 0)
        mbox_kill(mb, me);
    return 0;
}

/*
 * mbox_destroy(mbox): destroy a mailbox the caller holds. Every process
 * blocked at it (receivers, senders waiting for room) wakes with -EIDRM;
 * its messages are freed; every holder loses it, and its number is dead
 * from now on. Returns 0, -EBADF or -EPERM. Never blocks.
 */
int32_t sys_mbox_destroy(int32_t id)
{
    struct proc *me = proc_current();
    struct mbox *mb;
    struct mbox_hold *h;
    int r = held(me, id, 0, &mb, &h);
    if (r < 0)
        return r;
    mbox_kill(mb, me);
    return 0;
}

void mbox_exit(struct proc *p)
{
    mbox_wait_remove(p);
    for (int i = 0; i < MBOX_MAX && p->ipc.port.held; i++) {
        struct mbox *mb = &mbox_table[i];
        struct mbox_hold *h = mb->id ? hold_of(mb, p->pid) : NULL;
        if (h) {
            hold_drop(mb, h, p);
            if (mb->holders == 0)
                mbox_kill(mb, p);
        }
    }
}

/* --- sending and receiving -------------------------------------------- */

/*
 * mbox_put: queue m (its sender set) in FIFO or priority mailbox mb with
 * priority prio: in a FIFO mailbox at the tail; in a priority mailbox
 * after every message of the same or a higher priority. Returns 0,
 * -EAGAIN when mb holds MBOX_SLOTS messages or POST_QUOTA from m's sender
 * already, -ENOBUFS when m's sender has its share waiting already or the
 * pool is used up (share_take). Checked in that order. Never blocks.
 */
static int mbox_put(struct mbox *mb, const struct msg *m, int32_t prio)
{
#ifdef SOL_LAB4
    if (mb->count >= MBOX_SLOTS ||
        mbox_count_from(mb->head, m->sender) >= POST_QUOTA)
        return -EAGAIN;
    struct pmsg *pm = share_take(m->sender);
    if (!pm)
        return -ENOBUFS;
    msg_copy(&pm->m, m);
    pm->prio = prio;
    pm->stamp = ipc_clock_next();
    struct pmsg **at = &mb->head;
    if (mb->flags & MBOX_PRIO)
        while (*at && (*at)->prio >= prio)
            at = &(*at)->next;
    else if (mb->tail)
        at = &mb->tail->next;
    pm->next = *at;
    *at = pm;
    if (!pm->next)
        mb->tail = pm;
    mb->count++;
    return 0;
#else
    /* LAB 4: your code here. */
    (void)mb; (void)m; (void)prio;
    return -ENOSYS;
#endif
}

/*
 * mbox_send_common: m goes to the receiver that has waited longest at mb,
 * if one waits; else into mb's queue (mbox_put); if there is no room, fail
 * or wait for room as the timeout says, and try again when a message
 * leaves. The mailbox may die while we wait (-EIDRM).
 */
static int mbox_send_common(struct proc *me, struct mbox *mb,
                            const struct msg *m, int32_t prio,
                            int32_t timeout)
{
#ifdef SOL_LAB4
    uint32_t deadline = deadline_of(timeout);
    int32_t id = mb->id;
    for (;;) {
        struct proc *r = first_receiver(mb);
        if (r) {
            mbox_hand(r, m, mb);
            return 0;
        }
        int e = mbox_put(mb, m, prio);
        if (e != -EAGAIN || timeout == TIMEOUT_POLL)
            return e;
        wait_add(&mb->room, me, mb);
        ipc_trace_obj("wait-room", me->pid, 0, "mbox", id, m, 0, 0);
        e = proc_block(B_MBOX_ROOM, deadline);
        mbox_wait_remove(me);
        if (e >= 0 && mbox_find(id) != mb)
            e = -EIDRM;
        if (e < 0)
            return e;
    }
#else
    /* LAB 4: your code here. */
    (void)me; (void)mb; (void)m; (void)prio; (void)timeout;
    (void)first_receiver; (void)mbox_put;
    return -ENOSYS;
#endif
}

/* The head of FIFO or priority mailbox mb into b: its sender's pid,
 * -EAGAIN if mb is empty, or -EFAULT (the message stays). */
static int mbox_take(struct proc *me, struct mbox *mb, const struct buf *b)
{
    struct pmsg *pm = mb->head;
    if (!pm)
        return -EAGAIN;
    if (buf_put(me, b, &pm->m) < 0)
        return -EFAULT;
    int32_t sender = pm->m.sender;
    ipc_trace_obj("deliver", sender, me->pid, "mbox", mb->id, &pm->m, 0, 0);
    mb->head = pm->next;
    if (!mb->head)
        mb->tail = NULL;
    mb->count--;
    share_give(pm);
    wake_room(mb);
    return sender;
}

/*
 * mbox_receive_common: take the next message for the caller at mb into b
 * (broadcast: its own next copy, broadcast_take; else the head of the
 * queue, mbox_take) and return its sender's pid. If there is none: fail
 * with -EAGAIN for a poll, else wait behind the receivers already waiting
 * until a sender hands us a message (its pid is the result), the timeout,
 * or the mailbox's death (-EIDRM).
 */
static int mbox_receive_common(struct proc *me, struct mbox *mb,
                               struct mbox_hold *h, const struct buf *b,
                               int32_t timeout)
{
#ifdef SOL_LAB4
    int r = mb->flags & MBOX_BROADCAST ? broadcast_take(me, mb, h, b)
                                       : mbox_take(me, mb, b);
    if (r != -EAGAIN || timeout == TIMEOUT_POLL)
        return r;
    wait_add(&mb->receivers, me, mb);
    me->ipc.buf = b->va;
    me->ipc.kbuf = b->k;
    ipc_trace_obj("wait-recv", me->pid, 0, "mbox", mb->id, NULL, 0, 0);
    r = proc_block(B_MBOX_RECV, deadline_of(timeout));
    mbox_wait_remove(me);           /* still listed after an error */
    return r;
#else
    /* LAB 4: your code here. */
    (void)me; (void)mb; (void)h; (void)b; (void)timeout; (void)mbox_take;
    (void)wait_add;
    return -ENOSYS;
#endif
}

/*
 * mbox_send(mbox, msg, prio, timeout): send the message at msg to the
 * mailbox, which the caller holds with MBOX_SEND. The kernel sets
 * msg.sender. prio (0..MBOX_PRIO_MAX) orders a priority mailbox and is
 * ignored by the others. A FIFO or priority mailbox gives it to one
 * receiver: the one waiting longest, or the queue; when the queue is full
 * (or holds POST_QUOTA from the caller) the timeout decides, as for post.
 * A broadcast mailbox gives each subscriber a copy and never waits.
 * Returns 0, or: -EINVAL (bad timeout or prio, or a reserved code:
 * MSG_NOTIFY, MSG_LOST; from lab 5 on, also a big message: a region goes
 * to one receiver, and a mailbox may have many), -EFAULT, -EBADF, -EPERM (not held for sending),
 * -EAGAIN, -ENOBUFS (the caller's share or the pool used up; a
 * broadcast: for all the copies), -ETIMEDOUT, -EIDRM (the mailbox died
 * while the caller waited for room), -EINTR. On error nothing was queued.
 */
int32_t sys_mbox_send(int32_t id, uaddr_t msg, int32_t prio, int32_t timeout)
{
    struct proc *me = proc_current();
    struct mbox *mb;
    struct mbox_hold *h;
    struct msg m;
    if (!timeout_ok(timeout) || prio < 0 || prio > MBOX_PRIO_MAX)
        return -EINVAL;
    if (copy_in(me, &m, msg, sizeof(m)) < 0)
        return -EFAULT;
    if (m.code == MSG_NOTIFY || m.code == MSG_LOST || IPC_BIG(&m))
        return -EINVAL;
    int r = held(me, id, MBOX_SEND, &mb, &h);
    if (r < 0)
        return r;
    m.sender = me->pid;
    ipc_trace_obj("mbox-send", me->pid, 0, "mbox", id, &m, 0, 0);
    r = mb->flags & MBOX_BROADCAST ? broadcast_send(mb, &m)
                                   : mbox_send_common(me, mb, &m, prio,
                                                      timeout);
    if (r < 0)
        ipc_trace_obj("error", me->pid, 0, "mbox", id, &m, 0, r);
    return r;
}

/*
 * mbox_receive(mbox, msg, timeout): take the next message at the mailbox,
 * which the caller holds with MBOX_RECV, into msg: the oldest (FIFO), the
 * highest priority (priority), or the caller's own next copy (broadcast,
 * after a MSG_LOST report if copies were lost). Blocks, behind any
 * receiver already waiting, until one comes or the timeout. Returns the
 * sender's pid (0 for a MSG_LOST report), or: -EINVAL, -EFAULT, -EBADF,
 * -EPERM (not held for receiving), -EAGAIN (poll, nothing there),
 * -ETIMEDOUT, -EIDRM (the mailbox died while the caller waited), -EINTR.
 */
int32_t sys_mbox_receive(int32_t id, uaddr_t msg, int32_t timeout)
{
    struct proc *me = proc_current();
    struct mbox *mb;
    struct mbox_hold *h;
    struct buf b;
    if (!timeout_ok(timeout))
        return -EINVAL;
    int r = buf_check(me, msg, 1, &b);
    if (r < 0 || (r = held(me, id, MBOX_RECV, &mb, &h)) < 0)
        return r;
    ipc_trace_obj("mbox-recv", me->pid, 0, "mbox", id, NULL, 0, 0);
    r = mbox_receive_common(me, mb, h, &b, timeout);
    if (r < 0)
        ipc_trace_obj("error", me->pid, 0, "mbox", id, NULL, 0, r);
    return r;
}
