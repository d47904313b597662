/*
 * portmsg.c: sending through a port, the system calls port_send,
 * port_request and port_post. Lab 4.
 *
 * A send or request through a port is lab 2's rendezvous with the port's
 * owner: if the owner is waiting on the port (or on the set the port is
 * in), the message goes straight into its buffer; otherwise the sender
 * joins the port's queue and blocks until the owner takes the message. A
 * post is lab 3's store and forward: the message is copied into the
 * port's queue, within the port's bound and the sender's quota, and the
 * caller goes on. Either way the owner's receive returns the port's
 * number, and msg.sender is the sender's pid, both set by the kernel.
 *
 * Before anything else, the port decides: a process the owner has not
 * allowed to send gets -EACCES, and nothing is queued.
 */
#include "port.h"
#include "sched.h"
#include "syscall.h"
#if LAB >= 5
#include "bigmsg.h"
#endif

int port_transfer(struct proc *from, const struct buf *fb, struct proc *to,
                  const struct buf *tb, struct port *p)
{
#if LAB >= 5
    if (bigmsg_in(from, fb))        /* its region too (bigmsg.c) */
        return bigmsg_transfer(from, fb, to, tb, p->id);
#endif
    int32_t code;
    int r = ipc_copy_msg(from, fb, to, tb, &code);
    if (r == 0)
        ipc_trace_obj("deliver", from->pid, to->pid, "port", p->id,
                      fb->k ? fb->k : tb->k, code, 0);
    return r;
}

int port_hand(struct proc *owner, const struct msg *m, struct port *p)
{
#if LAB >= 5
    if (msg_is_big(m))
        return bigpost_hand(owner, m, p->id);
#endif
    post_copy_parked(owner, m);
    ipc_trace_obj("deliver", m->sender, owner->pid, "port", p->id, m, 0, 0);
    proc_wake(owner, p->id);
    return 0;
}

/* Posters waiting for room at a port are listed on it (room, linked
 * through room_next), so that a receive wakes them without a search. */
static void room_add(struct port *p, struct proc *waiter)
{
    waiter->ipc.port.room_on = p;
    waiter->ipc.port.room_next = p->room;
    p->room = waiter;
}

void port_room_remove(struct proc *waiter)
{
    struct port *p = waiter->ipc.port.room_on;
    if (!p)
        return;
    struct proc **link = &p->room;
    while (*link && *link != waiter)
        link = &(*link)->ipc.port.room_next;
    if (*link)
        *link = waiter->ipc.port.room_next;
    waiter->ipc.port.room_on = NULL;
    waiter->ipc.port.room_next = NULL;
}

void port_wake_room(struct port *p)
{
    while (p->room) {
        struct proc *q = p->room;
        port_room_remove(q);
        proc_wake(q, 0);
    }
}

int port_wait(struct proc *me, enum block_reason why, struct port *p,
              struct proc *partner, const struct buf *b, uint32_t deadline)
{
    static const char *const events[] = {
        [B_PORT_SEND] = "wait-send", [B_REPLY] = "wait-reply",
        [B_PORT_RECV] = "wait-recv" };
    int32_t id = p->id;
    me->ipc.partner = partner;
    buf_park(me, b);
    ipc_trace_obj(events[why], me->pid, partner ? partner->pid : 0, "port",
                  id, NULL, 0, 0);
    int r = proc_block(why, deadline);
    portq_remove_sender(me);        /* still queued only after an error */
    me->ipc.port.receiving = NULL;
    me->ipc.partner = NULL;
    me->ipc.is_request = 0;
    if (r < 0)
        ipc_trace_obj("error", me->pid, partner ? partner->pid : 0, "port",
                      id, NULL, 0, r);
    return r;
}

/* A call that fails without blocking: trace it. */
static int port_refuse(struct proc *me, struct port *p, int err)
{
    ipc_trace_obj("error", me->pid, p->owner->pid, "port", p->id, NULL, 0,
                  err);
    return err;
}

/*
 * port_send_common: the common path of port_send and port_request (with
 * is_request). The caller may send to p. Deliver at once to p's owner if
 * it is waiting on p (or on p's set), waking it with p's number; else
 * fail with -EAGAIN for a poll, with -EDEADLK if waiting for the owner
 * would close a cycle, or join p's queue and block until the owner takes
 * the message (-EIDRM if p dies first, -EACCES if the owner revokes our
 * right first). A request then waits for the owner's reply, under the
 * same deadline.
 */
static int port_send_common(struct proc *me, struct port *p,
                            const struct buf *b, int32_t timeout,
                            int is_request)
{
#ifdef SOL_LAB4
    uint32_t deadline = deadline_of(timeout);
    struct proc *owner = port_receiver(p);
    if (owner) {
        struct buf to = parked(owner);
        int r = port_transfer(me, b, owner, &to, p);
        proc_wake(owner, r < 0 ? r : p->id);
        if (r < 0 || !is_request)
            return r;
        return port_wait(me, B_REPLY, p, owner, b, deadline);
    }
    if (timeout == TIMEOUT_POLL)
        return port_refuse(me, p, -EAGAIN);
    if (ipc_would_deadlock(me, p->owner))
        return port_refuse(me, p, -EDEADLK);
    me->ipc.is_request = is_request;
    portq_add_sender(p, me);
    return port_wait(me, B_PORT_SEND, p, p->owner, b, deadline);
#else
    /* LAB 4: your code here. */
    (void)me; (void)p; (void)b; (void)timeout; (void)is_request;
    (void)port_refuse;
    return -ENOSYS;
#endif
}

/*
 * port_put: append m (its sender set) to p's queue. Returns 0, -EAGAIN
 * when p holds PORT_SLOTS messages or POST_QUOTA from m's sender already,
 * -ENOBUFS when m's sender has POST_SENDER_MAX messages waiting in boxes,
 * ports and mailboxes together, or the message pool is used up
 * (share_take). Checked in that order. Never blocks.
 */
static int port_put(struct port *p, const struct msg *m)
{
#ifdef SOL_LAB4
    if (p->count >= PORT_SLOTS ||
        portq_count_from(p, m->sender) >= POST_QUOTA)
        return -EAGAIN;
    struct pmsg *pm = share_take(m->sender);
    if (!pm)
        return -ENOBUFS;
    msg_copy(&pm->m, m);
    portq_add_msg(p, pm);
    return 0;
#else
    /* LAB 4: your code here. */
    (void)p; (void)m;
    return -ENOSYS;
#endif
}

/*
 * port_post_common: hand m to p's owner if it is waiting on p (or on p's
 * set); else queue it at p; if there is no room, fail or wait for room as
 * the timeout says, and try again when a message leaves p. While we wait
 * the port may die (-EIDRM) or the owner may take our right to send away
 * (-EACCES). Waiting for room is waiting for the owner: the deadlock
 * check applies.
 */
static int port_post_common(struct proc *me, struct port *p,
                            const struct msg *m, int32_t timeout)
{
#ifdef SOL_LAB4
    uint32_t deadline = deadline_of(timeout);
    int32_t id = p->id;
    for (;;) {
        /* From lab 5 on, port_hand refuses a big message whose region
         * does not fit the owner's window: it is queued, and the owner
         * told. */
        struct proc *owner = port_receiver(p);
        int unfit = 0;
        if (owner && (unfit = port_hand(owner, m, p)) == 0)
            return 0;
        int r = port_put(p, m);
#if LAB >= 5
        if (r == 0 && IPC_BIG(m))
            bigpost_queued(p->q.msgs_tail, owner, unfit);
#endif
        if (r != -EAGAIN || timeout == TIMEOUT_POLL)
            return r;
        if (ipc_would_deadlock(me, p->owner))
            return -EDEADLK;
        room_add(p, me);
        me->ipc.partner = p->owner;
        ipc_trace_obj("wait-room", me->pid, p->owner->pid, "port", id, m, 0,
                      0);
        r = proc_block(B_PORT_ROOM, deadline);
        me->ipc.partner = NULL;
        port_room_remove(me);       /* still listed after an error */
        if (r >= 0 && port_find(id) != p)
            r = -EIDRM;
        if (r >= 0 && !port_may_send(p, me->pid))
            r = -EACCES;            /* revoked after it woke us */
        if (r < 0)
            return r;
    }
#else
    /* LAB 4: your code here. */
    (void)me; (void)p; (void)m; (void)timeout; (void)room_add;
    (void)port_put;
    return -ENOSYS;
#endif
}

/* The port 'id' for a send by 'me': 0, or -EBADF (no such port), -EINVAL
 * (a port set), -ELOOP (me owns it). Whether me may send is checked
 * apart (port_allows), after the call is traced. */
static int port_target(struct proc *me, int32_t id, struct port **p)
{
    *p = port_find(id);
    if (!*p)
        return -EBADF;
    if ((*p)->kind != PORT_PORT)
        return -EINVAL;
    return (*p)->owner == me ? -ELOOP : 0;
}

/* 0 if me may send to p, else -EACCES (traced): nothing is queued. */
static int port_allows(struct proc *me, struct port *p)
{
    return port_may_send(p, me->pid) ? 0 : port_refuse(me, p, -EACCES);
}

/*
 * port_send(port, msg, timeout): send the 64-byte message at msg through
 * the port to its owner; block until the owner has taken it (or the
 * timeout: -1 forever, 0 poll, else ticks). Returns 0, or: -EINVAL (bad
 * timeout, or port is a set), -EFAULT (msg not readable), -EBADF (no such
 * port, or a dead one), -ELOOP (the caller owns the port), -EACCES (the
 * owner does not let the caller send; also if it revokes that while the
 * caller waits), -EAGAIN (poll, and the owner not waiting), -EDEADLK
 * (waiting for the owner would close a cycle), -ETIMEDOUT, -EIDRM (the
 * port died while the caller waited), -EINTR (killed). On error the
 * message was not delivered.
 */
int32_t sys_port_send(int32_t id, uaddr_t msg, int32_t timeout)
{
    struct proc *me = proc_current();
    struct port *p;
    struct buf b;
    if (!timeout_ok(timeout))
        return -EINVAL;
    int r = buf_check(me, msg, 0, &b);
    if (r < 0 || (r = port_target(me, id, &p)) < 0 ||
        (r = ipc_region_ok(me, &b)) < 0)
        return r;
    ipc_trace_obj("send", me->pid, p->owner->pid, "port", p->id, NULL, 0, 0);
    if ((r = port_allows(me, p)) < 0)
        return r;
    return port_send_common(me, p, &b, timeout, 0);
}

/*
 * port_request(port, msg, timeout): send msg through the port and wait for
 * the owner's reply (lab 2's respond), as one call; the reply overwrites
 * msg. The timeout covers both halves. Returns 0, or port_send's errors,
 * and -EPIPE if the owner exits after taking the request and before
 * replying (the port may die after taking it: the reply still comes).
 */
int32_t sys_port_request(int32_t id, uaddr_t msg, int32_t timeout)
{
    struct proc *me = proc_current();
    struct port *p;
    struct buf b;
    if (!timeout_ok(timeout))
        return -EINVAL;
    int r = buf_check(me, msg, 1, &b);
    if (r < 0 || (r = port_target(me, id, &p)) < 0 ||
        (r = ipc_region_ok(me, &b)) < 0)
        return r;
    ipc_trace_obj("request", me->pid, p->owner->pid, "port", p->id, NULL, 0,
                  0);
    if ((r = port_allows(me, p)) < 0)
        return r;
    return port_send_common(me, p, &b, timeout, 1);
}

/*
 * port_post(port, msg, timeout): copy the message at msg into the port's
 * queue (or straight into its owner's receive, if it waits on the port)
 * and return without waiting for the owner. The kernel sets msg.sender.
 * The port holds PORT_SLOTS messages, at most POST_QUOTA from one sender;
 * with no room the timeout decides: 0 fails with -EAGAIN, -1 waits for
 * room, n > 0 waits up to n ticks. Returns 0, or: -EINVAL (bad timeout,
 * or port is a set), -EFAULT, -EBADF, -ELOOP, -EACCES (not allowed to
 * send, or revoked while waiting for room), -EAGAIN, -ENOBUFS (the
 * caller's share or the message pool is used up; never waits), -EDEADLK,
 * -ETIMEDOUT, -EIDRM
 * (the port died while we waited for room), -EINTR. On error nothing was
 * queued.
 */
int32_t sys_port_post(int32_t id, uaddr_t msg, int32_t timeout)
{
    struct proc *me = proc_current();
    struct port *p;
    struct msg m;
    if (!timeout_ok(timeout))
        return -EINVAL;
    if (copy_in(me, &m, msg, sizeof(m)) < 0)
        return -EFAULT;
    int r = port_target(me, id, &p);
    if (r < 0)
        return r;
    m.sender = me->pid;
    ipc_trace_obj("post", me->pid, p->owner->pid, "port", p->id, &m, 0, 0);
    if ((r = port_allows(me, p)) < 0)
        return r;
    int32_t owner = p->owner->pid;  /* p may die while we wait */
#if LAB >= 5
    /* A big message's region is held by the kernel from now on. */
    r = bigpost_hold(me, &m);
    if (r == 0)
#endif
    r = port_post_common(me, p, &m, timeout);
    if (r < 0)
        ipc_trace_obj("error", me->pid, owner, "port", id, &m, 0, r);
#if LAB >= 5
    bigpost_done(me, r);
#endif
    return r;
}
