/*
 * rendezvous.c: synchronous message passing, the system calls of lab 2.
 *
 * The kernel keeps no queue of messages, only of waiting processes. A
 * message goes straight from the sender's buffer to the receiver's when
 * both are there: whichever of the two comes first blocks until the other
 * arrives. request = send + wait for the reply, as one call; respond
 * delivers that reply and never blocks. Lab 2.
 */
#include "ipc.h"
#include "sched.h"
#include "syscall.h"
#include "timer.h"
#include "usercopy.h"

/* A timeout is TIMEOUT_NEVER (-1), TIMEOUT_POLL (0) or a tick count. */
static int timeout_ok(int32_t t)
{
    return t >= TIMEOUT_NEVER;
}

static uint32_t deadline_of(int32_t timeout)
{
    return timeout > 0 ? timer_ticks() + (uint32_t)timeout : 0;
}

/* The live partner with this pid: -ESRCH if none, -ELOOP if it is me. */
static int lookup(struct proc *me, int32_t pid, struct proc **out)
{
    if (pid == me->pid)
        return -ELOOP;
    *out = proc_find(pid);
    return *out ? 0 : -ESRCH;
}

/* Copy the message at 'fbuf' in 'from' to 'tbuf' in 'to', stamping the
 * sender's id. Both buffers were checked when their calls began. The
 * usual case, each message within one page, is one direct copy from
 * address space to address space; else it goes through a kernel copy. */
static int transfer(struct proc *from, uint32_t fbuf, struct proc *to,
                    uint32_t tbuf)
{
    const struct msg *src = user_ptr(from, fbuf, sizeof(struct msg), 0);
    struct msg *dst = user_ptr(to, tbuf, sizeof(struct msg), 1);
    if (src && dst) {
        *dst = *src;
    } else {
        struct msg m;
        if (copy_in(from, &m, fbuf, sizeof(m)) < 0 ||
            copy_out(to, tbuf, &m, sizeof(m)) < 0)
            return -EFAULT;
        dst = user_ptr(to, tbuf, sizeof(int32_t), 1);
        if (!dst)
            return -EFAULT;
    }
    dst->sender = from->pid;
    ipc_trace("deliver", from, to, dst->code, 0);
    return 0;
}

/* Is dst blocked in a receive that a message from 'me' satisfies? */
static int receiving_from(const struct proc *dst, const struct proc *me)
{
    return dst->state == P_BLOCKED && dst->blocked_on == B_RECEIVE &&
           (dst->ipc.partner == NULL || dst->ipc.partner == me);
}

/* Block until 'partner' does its part; returns proc_block's result. */
static int wait_for(struct proc *me, enum block_reason why,
                    struct proc *partner, uint32_t buf, uint32_t deadline)
{
    me->ipc.partner = partner;
    me->ipc.buf = buf;
    ipc_trace(why == B_SEND ? "wait-send" : why == B_RECEIVE ? "wait-recv"
              : "wait-reply", me, partner, 0, 0);
    int r = proc_block(why, deadline);
    sendq_remove(me);               /* still queued only after an error */
    me->ipc.partner = NULL;
    me->ipc.is_request = 0;
    if (r < 0)
        ipc_trace("error", me, partner, 0, r);
    return r;
}

/*
 * do_send: the common path of send and request. Delivers at once to a
 * receiver already waiting for us, else queues the caller on dst, unless
 * it may not block (poll) or blocking would deadlock. For a request, the
 * caller then waits for dst's reply, under the same deadline.
 */
static int do_send(struct proc *me, struct proc *dst, uint32_t buf,
                   int32_t timeout, int is_request)
{
#ifdef SOL_LAB2
    uint32_t deadline = deadline_of(timeout);
    if (receiving_from(dst, me)) {
        int r = transfer(me, buf, dst, dst->ipc.buf);
        proc_wake(dst, r < 0 ? r : me->pid);
        if (r < 0 || !is_request)
            return r;
        return wait_for(me, B_REPLY, dst, buf, deadline);
    }
    if (timeout == TIMEOUT_POLL)
        return -EAGAIN;
    if (ipc_would_deadlock(me, dst))
        return -EDEADLK;
    me->ipc.is_request = is_request;
    sendq_push(dst, me);
    /* A receiver that takes a request turns our wait into B_REPLY; we
     * wake only with the reply, or an error. */
    return wait_for(me, B_SEND, dst, buf, deadline);
#else
    /* LAB 2: your code here. */
    (void)me; (void)dst; (void)buf; (void)timeout; (void)is_request;
    (void)receiving_from; (void)deadline_of; (void)transfer; (void)wait_for;
    return -ENOSYS;
#endif
}

/* Take the message of queued sender s into 'buf'; returns s's pid. */
static int take_from(struct proc *me, uint32_t buf, struct proc *s)
{
    int r = transfer(s, s->ipc.buf, me, buf);
    if (r < 0) {
        proc_wake(s, r);
        return r;
    }
    if (s->ipc.is_request) {
        s->blocked_on = B_REPLY;    /* still asleep: now for our reply */
        s->ipc.partner = me;
        ipc_trace("wait-reply", s, me, 0, 0);
    } else {
        proc_wake(s, 0);
    }
    return s->pid;
}

static int do_receive(struct proc *me, struct proc *from, uint32_t buf,
                      int32_t timeout)
{
#ifdef SOL_LAB2
    struct proc *s = sendq_take(me, from);
    if (s)
        return take_from(me, buf, s);
    if (timeout == TIMEOUT_POLL)
        return -EAGAIN;
    if (from && ipc_would_deadlock(me, from))
        return -EDEADLK;
    return wait_for(me, B_RECEIVE, from, buf, deadline_of(timeout));
#else
    /* LAB 2: your code here. */
    (void)me; (void)from; (void)buf; (void)timeout; (void)take_from;
    return -ENOSYS;
#endif
}

/*
 * send(dst, msg, timeout): deliver the 64-byte message at msg to process
 * dst; block until dst has taken it (or the timeout: -1 forever, 0 poll,
 * else ticks). Returns 0, or: -ESRCH (no such process), -ELOOP (dst is
 * the caller), -EFAULT (msg not readable), -EINVAL (bad timeout),
 * -EAGAIN (poll, and dst not waiting), -EDEADLK (blocking would close a
 * cycle), -ETIMEDOUT, -EPIPE (dst exited first), -EINTR (killed).
 * On error the message was not delivered.
 */
int32_t sys_send(int32_t dst, uaddr_t msg, int32_t timeout)
{
    struct proc *me = proc_current(), *to;
    if (!timeout_ok(timeout))
        return -EINVAL;
    if (!user_range_ok(me, msg, sizeof(struct msg), 0))
        return -EFAULT;
    int r = lookup(me, dst, &to);
    if (r < 0)
        return r;
    ipc_trace("send", me, to, 0, 0);
    return do_send(me, to, msg, timeout, 0);
}

/*
 * receive(from, msg, timeout): take a message from process 'from' (or
 * from anyone, with ANY) into msg: the oldest such sender first; other
 * senders stay queued in order. Blocks until one comes (or the timeout).
 * Returns the sender's pid, or: -ESRCH, -ELOOP, -EFAULT (msg not
 * writable), -EINVAL, -EAGAIN (poll, nothing there), -EDEADLK,
 * -ETIMEDOUT, -EPIPE ('from' exited), -EINTR.
 */
int32_t sys_receive(int32_t from, uaddr_t msg, int32_t timeout)
{
    struct proc *me = proc_current(), *src = NULL;
    if (!timeout_ok(timeout))
        return -EINVAL;
    if (!user_range_ok(me, msg, sizeof(struct msg), 1))
        return -EFAULT;
    if (from != ANY) {
        int r = lookup(me, from, &src);
        if (r < 0)
            return r;
    }
    ipc_trace("recv", me, src, 0, 0);
    return do_receive(me, src, msg, timeout);
}

/*
 * request(dst, msg, timeout): send msg to dst and wait for dst's reply,
 * as one call: nothing else can arrive in between, and dst cannot reply
 * before we wait. The reply overwrites msg. The timeout covers both
 * halves. Returns 0, or send's errors (-EPIPE also if dst exits before
 * replying).
 */
int32_t sys_request(int32_t dst, uaddr_t msg, int32_t timeout)
{
    struct proc *me = proc_current(), *to;
    if (!timeout_ok(timeout))
        return -EINVAL;
    if (!user_range_ok(me, msg, sizeof(struct msg), 1))
        return -EFAULT;
    int r = lookup(me, dst, &to);
    if (r < 0)
        return r;
    ipc_trace("request", me, to, 0, 0);
    return do_send(me, to, msg, timeout, 1);
}

/*
 * respond(dst, msg): deliver msg as the reply to dst, which must be
 * blocked in a request to the caller. Never blocks. Returns 0, or -ESRCH,
 * -ELOOP, -EFAULT, -ENOTCONN (dst is not waiting for our reply).
 */
int32_t sys_respond(int32_t dst, uaddr_t msg)
{
    struct proc *me = proc_current(), *c;
    if (!user_range_ok(me, msg, sizeof(struct msg), 0))
        return -EFAULT;
    int r = lookup(me, dst, &c);
    if (r < 0)
        return r;
#ifdef SOL_LAB2
    if (c->state != P_BLOCKED || c->blocked_on != B_REPLY ||
        c->ipc.partner != me)
        return -ENOTCONN;
    r = transfer(me, msg, c, c->ipc.buf);
    proc_wake(c, r);
    return r;
#else
    /* LAB 2: your code here. */
    return -ENOSYS;
#endif
}

/*
 * respond_receive(dst, msg, from, timeout): a server's loop in one call:
 * respond(dst, msg), then receive(from, msg, timeout). If the respond
 * fails, its error is returned and nothing is received. Returns what
 * receive returns.
 */
int32_t sys_respond_receive(int32_t dst, uaddr_t msg, int32_t from,
                            int32_t timeout)
{
    if (!timeout_ok(timeout))
        return -EINVAL;
    int r = sys_respond(dst, msg);
    if (r < 0)
        return r;
    return sys_receive(from, msg, timeout);
}
