/*
 * postbox.c: store-and-forward messages, the system call post and the
 * post box's side of receive. Lab 3.
 *
 * post copies the sender's message into the receiver's post box, in
 * kernel memory, and returns at once: the sender does not wait for the
 * receiver. A box is bounded (the spam rule in post.h): when it is full,
 * or the sender is over its quota in it, the sender's timeout decides
 * whether it fails at once, waits for room, or waits for a while. Once
 * the box has room, a message still needs memory: the sender's share
 * and the pool; without it, post fails at once.
 *
 * One order for everything waiting for a receiver: every posted message
 * and every rendezvous sender that queues (sendq.c) is stamped from one
 * arrival counter, and receive takes the oldest that matches. So
 * messages from one sender arrive in the order sent, whatever call sent
 * them, and a receive from ANY takes them in arrival order. Pending
 * notifications (notify.c) come before both.
 *
 * Exit: the messages a process posted stay in their boxes and can still
 * be received after it is gone (receive from its pid works while any are
 * left); the box of a process that exits is freed with everything in it;
 * a sender waiting for room in that box wakes with -EPIPE.
 */
#include "ipc.h"
#include "post.h"
#include "sched.h"
#if LAB >= 5
#include "bigmsg.h"
#endif
#include "syscall.h"
#include "timer.h"
#include "usercopy.h"

/* How many of the messages in box count against pid's quota: the count
 * in its slot's place, if that count is pid's (not a dead process's). */
static int quota_used(const struct post_proc *box, int32_t pid)
{
    int s = slot_of(pid);
    return box->from_pid[s] == pid ? box->from[s] : 0;
}

/* One more message from pid in box. A count left in the place by a dead
 * process of the same slot is dropped first: its messages stay in the
 * box, counted by box->count only. */
static void quota_add(struct post_proc *box, int32_t pid)
{
    int s = slot_of(pid);
    if (box->from_pid[s] != pid) {
        box->from_pid[s] = pid;
        box->from[s] = 0;
    }
    box->from[s]++;
}

int postbox_from(const struct proc *p, int32_t pid)
{
    int n = 0;
    for (const struct pmsg *pm = p->ipc.post.head; pm; pm = pm->next)
        n += pm->m.sender == pid;
    return n;
}

/* Senders waiting for room in a box are listed on it (room_head,
 * linked through room_next), so that a receive wakes them without a
 * search. */
static void room_add(struct proc *box_owner, struct proc *waiter)
{
    waiter->ipc.post.room_on = box_owner;
    waiter->ipc.post.room_next = box_owner->ipc.post.room_head;
    box_owner->ipc.post.room_head = waiter;
}

/* Take the waiter off the list it is on, if any. */
static void room_remove(struct proc *waiter)
{
    struct proc *owner = waiter->ipc.post.room_on;
    if (!owner)
        return;
    struct proc **link = &owner->ipc.post.room_head;
    while (*link && *link != waiter)
        link = &(*link)->ipc.post.room_next;
    if (*link)
        *link = waiter->ipc.post.room_next;
    waiter->ipc.post.room_on = NULL;
    waiter->ipc.post.room_next = NULL;
}

/* A message left p's box: whoever waits for room in it tries again. */
static void wake_room(struct proc *p)
{
    struct proc *q = p->ipc.post.room_head;
    p->ipc.post.room_head = NULL;
    while (q) {
        struct proc *next = q->ipc.post.room_next;
        q->ipc.post.room_on = NULL;
        q->ipc.post.room_next = NULL;
        proc_wake(q, 0);
        q = next;
    }
}

/*
 * postbox_put: append m (its sender already set) to dst's box, stamped
 * with the next arrival number, and count it against its sender's share.
 * Checks, in this order: -EAGAIN when the box is full or m's sender
 * already has POST_QUOTA messages in it (quota_used); -ENOBUFS when the
 * sender already has POST_SENDER_MAX messages waiting in all boxes
 * (ipc.post.queued; a sender that has exited has no share and is not
 * limited), or when the message pool is used up. Returns 0 or the error;
 * on error nothing changed. Never blocks.
 */
int postbox_put(struct proc *dst, const struct msg *m)
{
#ifdef SOL_LAB3
    struct post_proc *box = &dst->ipc.post;
    if (box->count >= POSTBOX_SLOTS ||
        quota_used(box, m->sender) >= POST_QUOTA)
        return -EAGAIN;
    struct proc *sender = proc_find(m->sender);
    if (sender && sender->ipc.post.queued >= POST_SENDER_MAX)
        return -ENOBUFS;
    struct pmsg *pm = msgpool_alloc();
    if (!pm)
        return -ENOBUFS;
    msg_copy(&pm->m, m);
    pm->stamp = ipc_clock_next();
    pm->next = NULL;
    if (box->tail)
        box->tail->next = pm;
    else
        box->head = pm;
    box->tail = pm;
    box->count++;
    quota_add(box, m->sender);
    if (sender)
        sender->ipc.post.queued++;
    return 0;
#else
    /* LAB 3: your code here. */
    (void)dst; (void)m; (void)quota_used; (void)quota_add;
    return -ENOSYS;
#endif
}

void post_copy_parked(struct proc *dst, const struct msg *m)
{
    if (dst->ipc.kbuf)
        msg_copy(dst->ipc.kbuf, m);
    else
        copy_out(dst, dst->ipc.buf, m, sizeof(*m));
}

int post_hand(struct proc *dst, const struct msg *m)
{
#if LAB >= 5
    if (msg_is_big(m))
        return bigpost_hand(dst, m, 0);
#endif
    post_copy_parked(dst, m);
    ipc_trace_msg("deliver", m->sender, dst->pid, m, 0);
    proc_wake(dst, m->sender);
    return 0;
}

/* Copy m to the receiving caller's buffer: 0 or -EFAULT. */
static int copy_to_caller(struct proc *me, uaddr_t va, struct msg *k,
                          const struct msg *m)
{
    struct buf b = { va, k, vm_generation };
    return buf_put(me, &b, m);
}

/* The arrival stamp of the oldest rendezvous sender blocked on me that
 * matches 'from': 1 and *stamp, or 0 if there is none. */
static int oldest_sender(const struct proc *me, int32_t from,
                         uint32_t *stamp)
{
    for (struct proc *q = me->ipc.senders_head; q; q = q->ipc.next_sender)
        if (q->state == P_BLOCKED && q->blocked_on == B_SEND &&
            (from == ANY || q->pid == from)) {
            *stamp = q->ipc.stamp;
            return 1;
        }
    return 0;
}

int post_receive(struct proc *me, int32_t from, uaddr_t va, struct msg *k)
{
#ifdef SOL_LAB3
    struct msg note;
    int pid = notify_take(me, from, &note);
    if (pid) {
        int r = copy_to_caller(me, va, k, &note);
        ipc_trace_ids("deliver", pid, me->pid, MSG_NOTIFY, r);
        return r < 0 ? r : pid;
    }
    struct pmsg *prev = NULL, *pm = me->ipc.post.head;
    while (pm && from != ANY && pm->m.sender != from) {
        prev = pm;
        pm = pm->next;
    }
    if (!pm)
        return 0;
    uint32_t stamp;
    if (oldest_sender(me, from, &stamp) && (int32_t)(stamp - pm->stamp) < 0)
        return 0;                   /* the blocked sender came first */
#if LAB >= 5
    if (pm->pages) {                /* a big message: its region first */
        struct buf b = { va, k, vm_generation };
        int r = bigpost_deliver(me, pm, &b, 0);
        if (r < 0)
            return r;               /* it stays queued */
    } else
#endif
    if (copy_to_caller(me, va, k, &pm->m) < 0)
        return -EFAULT;
    pid = pm->m.sender;
    if (!IPC_BIG(&pm->m))
        ipc_trace_msg("deliver", pid, me->pid, &pm->m, 0);
    box_unlink(me, prev, pm);
    wake_room(me);
    return pid;
#else
    /* LAB 3: your code here. */
    (void)me; (void)from; (void)va; (void)k; (void)copy_to_caller;
    (void)oldest_sender; (void)box_unlink; (void)wake_room;
    (void)room_add;
    return 0;
#endif
}

#ifdef SOL_LAB3
/* The fast path's receive from the box (fastpath.c): the head message
 * was copied out; unlink it and let waiters for room try again. */
void postbox_take_head(struct proc *p)
{
    box_unlink(p, NULL, p->ipc.post.head);
    wake_room(p);
}
#endif

int post_waiting(const struct proc *p)
{
    return p->ipc.post.count || p->ipc.post.pending;
}

/*
 * do_post: hand m to dst if dst is already waiting for it; else queue it
 * in dst's box; if there is no room, fail or wait for room as the
 * timeout says, and try again when a message leaves the box.
 */
static int do_post(struct proc *me, struct proc *dst, const struct msg *m,
                   int32_t timeout)
{
#ifdef SOL_LAB3
    uint32_t deadline = timeout > 0 ? timer_ticks() + (uint32_t)timeout : 0;
    int32_t dst_pid = dst->pid;
    for (;;) {
        /* From lab 5 on, post_hand refuses a big message whose region
         * does not fit dst's window: it is queued, and dst told. */
        int unfit = 0;
        if (ipc_receiving_from(dst, me) && (unfit = post_hand(dst, m)) == 0)
            return 0;
        int r = postbox_put(dst, m);
#if LAB >= 5
        if (r == 0 && IPC_BIG(m))
            bigpost_queued(dst->ipc.post.tail, dst, unfit);
#endif
        if (r != -EAGAIN || timeout == TIMEOUT_POLL)
            return r;
        if (ipc_would_deadlock(me, dst)) {
            ipc_trace("error", me, dst, 0, -EDEADLK);
            return -EDEADLK;
        }
        room_add(dst, me);
        me->ipc.partner = dst;
        ipc_trace("wait-room", me, dst, m->code, 0);
        r = proc_block(B_ROOM, deadline);
        me->ipc.partner = NULL;
        room_remove(me);            /* still listed after an error */
        if (r >= 0 && proc_find(dst_pid) != dst)
            r = -EPIPE;
        if (r < 0) {
            ipc_trace("error", me, dst, 0, r);
            return r;
        }
    }
#else
    /* LAB 3: your code here. */
    (void)me; (void)dst; (void)m; (void)timeout;
    return -ENOSYS;
#endif
}

/*
 * post(dst, msg, timeout): copy the 64-byte message at msg into dst's
 * post box and return without waiting for dst to receive it (dst gets it
 * at once if it is waiting in a receive that it satisfies). The kernel
 * sets msg.sender. If dst's box is full, or the caller already has
 * POST_QUOTA messages in it, the timeout decides: TIMEOUT_POLL (0) fails
 * with -EAGAIN, TIMEOUT_NEVER (-1) blocks until there is room, n > 0
 * blocks up to n ticks. Returns 0 (queued or delivered), or: -EINVAL
 * (bad timeout, or msg.code is MSG_NOTIFY), -EFAULT (msg not readable),
 * -ELOOP (dst is the caller), -ESRCH (no such process), -EAGAIN (no room,
 * poll), -ENOBUFS (dst's box has room, but the caller already has
 * POST_SENDER_MAX messages waiting in boxes, or the kernel's message pool
 * is used up; never waits for memory), -EDEADLK (waiting for room would
 * close a cycle of waits), -ETIMEDOUT,
 * -EPIPE (dst exited while we waited for room), -EINTR (killed). On any
 * error nothing was queued. May block (only with a timeout other than 0).
 */
int32_t sys_post(int32_t dst, uaddr_t msg, int32_t timeout)
{
    struct proc *me = proc_current(), *to;
    struct msg m;
    if (timeout < TIMEOUT_NEVER)
        return -EINVAL;
    int r = post_message_in(me, dst, msg, &m, &to);
#if LAB >= 5
    /* A big message's region is held by the kernel from now on. */
    if (r == 0)
        r = bigpost_hold(me, &m);
#endif
    if (r < 0)
        return r;
    ipc_trace_msg("post", me->pid, to->pid, &m, 0);
    r = do_post(me, to, &m, timeout);
    if (r < 0)
        ipc_trace_ids("error", me->pid, dst, m.code, r);
#if LAB >= 5
    bigpost_done(me, r);
#endif
    return r;
}

void post_exit(struct proc *p)
{
    struct post_proc *box = &p->ipc.post;
    while (box->head)
        box_unlink(p, NULL, box->head);
    if (box->held) {
        msgpool_free(box->held);
        box->held = NULL;
    }
    /* Its waiters wake with -EPIPE (ipc_exit); the list goes now. */
    while (box->room_head)
        room_remove(box->room_head);
    room_remove(p);
    notify_exit(p);
}
