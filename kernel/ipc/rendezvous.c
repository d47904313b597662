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
#if LAB >= 3
#include "post.h"
#endif
/* The live partner with this pid: -ESRCH if none, -ELOOP if it is me. */
static int lookup(struct proc *me, int32_t pid, struct proc **out)
{
    if (pid == me->pid)
        return -ELOOP;
    *out = proc_find(pid);
    return *out ? 0 : -ESRCH;
}

/* Copy a message between two checked buffers (ipc_copy_msg) and trace
 * the delivery. */
static int transfer(struct proc *from, const struct buf *fb,
                    struct proc *to, const struct buf *tb)
{
#if LAB >= 5
    if (bigmsg_in(from, fb))        /* its region too (bigmsg.c) */
        return bigmsg_transfer(from, fb, to, tb, 0);
#endif
    int32_t code;
    int r = ipc_copy_msg(from, fb, to, tb, &code);
    if (r == 0)
        ipc_trace("deliver", from, to, code, 0);
    return r;
}

/* Block until 'partner' does its part; returns proc_block's result. */
static int wait_for(struct proc *me, enum block_reason why,
                    struct proc *partner, const struct buf *b,
                    uint32_t deadline)
{
    me->ipc.partner = partner;
    buf_park(me, b);
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

/* A call that does not block after all (poll, deadlock): trace it. */
static int refuse(struct proc *me, struct proc *partner, int err)
{
    ipc_trace("error", me, partner, 0, err);
    return err;
}

/*
 * do_send: the common path of send and request. Delivers at once to a
 * receiver already waiting for us, else queues the caller on dst, unless
 * it may not block (poll) or blocking would deadlock. For a request, the
 * caller then waits for dst's reply, under the same deadline.
 */
static int do_send(struct proc *me, struct proc *dst, const struct buf *b,
                   int32_t timeout, int is_request)
{
#ifdef SOL_LAB2
    uint32_t deadline = deadline_of(timeout);
    if (ipc_receiving_from(dst, me)) {
        struct buf to = parked(dst);
        int r = transfer(me, b, dst, &to);
        proc_wake(dst, r < 0 ? r : me->pid);
        if (r < 0 || !is_request)
            return r;
        return wait_for(me, B_REPLY, dst, b, deadline);
    }
    if (timeout == TIMEOUT_POLL)
        return refuse(me, dst, -EAGAIN);
    if (ipc_would_deadlock(me, dst))
        return refuse(me, dst, -EDEADLK);
    me->ipc.is_request = is_request;
    sendq_push(dst, me);
    /* A receiver that takes a request turns our wait into B_REPLY; we
     * wake only with the reply, or an error. */
    return wait_for(me, B_SEND, dst, b, deadline);
#else
    /* LAB 2: your code here. */
    (void)me; (void)dst; (void)b; (void)timeout; (void)is_request;
    (void)deadline_of; (void)transfer; (void)wait_for;
    (void)parked; (void)refuse;
    return -ENOSYS;
#endif
}

/* Take the message of queued sender s into b; returns s's pid. */
static int take_from(struct proc *me, const struct buf *b, struct proc *s)
{
    struct buf from = parked(s);
    int r = transfer(s, &from, me, b);
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

static int do_receive(struct proc *me, struct proc *from, const struct buf *b,
                      int32_t timeout)
{
#ifdef SOL_LAB2
#if LAB >= 3
    /* Lab 3: a notification or a posted message may be older than any
     * blocked sender (post.h). */
    int r = post_receive(me, from ? from->pid : ANY, b->va, b->k);
    if (r != 0)
        return r;
#endif
    struct proc *s = sendq_take(me, from);
    if (s)
        return take_from(me, b, s);
    if (timeout == TIMEOUT_POLL)
        return refuse(me, from, -EAGAIN);
    if (from && ipc_would_deadlock(me, from))
        return refuse(me, from, -EDEADLK);
    return wait_for(me, B_RECEIVE, from, b, deadline_of(timeout));
#else
    /* LAB 2: your code here. */
    (void)me; (void)from; (void)b; (void)timeout; (void)take_from;
    return -ENOSYS;
#endif
}

static int do_respond(struct proc *me, struct proc *c, const struct buf *b)
{
#ifdef SOL_LAB2
    if (!ipc_awaits_reply(c, me))
        return -ENOTCONN;
    struct buf to = parked(c);
    int r = transfer(me, b, c, &to);
    proc_wake(c, r);
    return r;
#else
    /* LAB 2: your code here. */
    (void)me; (void)c; (void)b;
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
    struct buf b;
    if (!timeout_ok(timeout))
        return -EINVAL;
    int r = buf_check(me, msg, 0, &b);
    if (r < 0 || (r = lookup(me, dst, &to)) < 0 ||
        (r = ipc_region_ok(me, &b)) < 0)
        return r;
    ipc_trace("send", me, to, 0, 0);
    return do_send(me, to, &b, timeout, 0);
}

/* receive's work, after its buffer is checked: also respond_receive's. */
static int receive_into(struct proc *me, int32_t from, const struct buf *b,
                        int32_t timeout)
{
    struct proc *src = NULL;
    if (from != ANY) {
        int r = lookup(me, from, &src);
#if LAB >= 3
        /* What a process posted outlives it (store and forward). */
        if (r == -ESRCH && from > 0 && (r = post_receive(me, from, b->va,
                                                         b->k)) == 0)
            r = -ESRCH;
        if (r > 0)
            return r;
#endif
        if (r < 0)
            return r;
    }
    ipc_trace("recv", me, src, 0, 0);
    return do_receive(me, src, b, timeout);
}

/*
 * receive(from, msg, timeout): take a message from process 'from' (or
 * from anyone, with ANY) into msg: the oldest such sender first; other
 * senders stay queued in order. Blocks until one comes (or the timeout).
 * Returns the sender's pid, or: -ESRCH, -ELOOP, -EFAULT (msg not
 * writable), -EINVAL, -EAGAIN (poll, nothing there), -EDEADLK,
 * -ETIMEDOUT, -EPIPE ('from' exited), -EINTR.
 * From lab 3 on it also takes notifications (first) and posted messages,
 * in one arrival order with the blocked senders (postbox.c); a 'from'
 * that has exited is no error while its posted messages last.
 */
int32_t sys_receive(int32_t from, uaddr_t msg, int32_t timeout)
{
    struct proc *me = proc_current();
    struct buf b;
    if (!timeout_ok(timeout))
        return -EINVAL;
    int r = buf_check(me, msg, 1, &b);
    if (r < 0)
        return r;
    return receive_into(me, from, &b, timeout);
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
    struct buf b;
    if (!timeout_ok(timeout))
        return -EINVAL;
    int r = buf_check(me, msg, 1, &b);
    if (r < 0 || (r = lookup(me, dst, &to)) < 0 ||
        (r = ipc_region_ok(me, &b)) < 0)
        return r;
    ipc_trace("request", me, to, 0, 0);
    return do_send(me, to, &b, timeout, 1);
}

/*
 * respond(dst, msg): deliver msg as the reply to dst, which must be
 * blocked in a request to the caller. Never blocks. Returns 0, or -ESRCH,
 * -ELOOP, -EFAULT, -ENOTCONN (dst is not waiting for our reply).
 */
int32_t sys_respond(int32_t dst, uaddr_t msg)
{
    struct proc *me = proc_current(), *c;
    struct buf b;
    int r = buf_check(me, msg, 0, &b);
    if (r < 0 || (r = lookup(me, dst, &c)) < 0 ||
        (r = ipc_region_ok(me, &b)) < 0)
        return r;
    return do_respond(me, c, &b);
}

/* respond_receive's 'from', checked before its respond half runs: 0 for
 * ANY or a process a receive may name, -ELOOP (the caller) or -ESRCH (no
 * such process; from lab 3 on, one that has exited is no error while its
 * posted messages wait for us). */
static int from_ok(struct proc *me, int32_t from)
{
    struct proc *src;
    if (from == ANY)
        return 0;
    int r = lookup(me, from, &src);
#if LAB >= 3
    if (r == -ESRCH && from > 0 && postbox_from(me, from) > 0)
        r = 0;
#endif
    return r;
}

/*
 * respond_receive(dst, msg, from, timeout): a server's loop in one call:
 * respond(dst, msg), then receive(from, msg, timeout). The arguments of
 * both halves are checked first (timeout, msg, dst, from, from lab 5 a
 * big reply's region, then that dst waits for our reply): on any of those
 * errors nothing was delivered and nothing received. Returns what receive returns; an error after the
 * reply went out is the receive half's (-EAGAIN, -ETIMEDOUT, -EDEADLK,
 * -EPIPE, -EINTR).
 */
int32_t sys_respond_receive(int32_t dst, uaddr_t msg, int32_t from,
                            int32_t timeout)
{
    struct proc *me = proc_current(), *c;
    struct buf b;
    if (!timeout_ok(timeout))
        return -EINVAL;
    int r = buf_check(me, msg, 1, &b);
    if (r < 0 || (r = lookup(me, dst, &c)) < 0 ||
        (r = from_ok(me, from)) < 0 || (r = ipc_region_ok(me, &b)) < 0 ||
        (r = do_respond(me, c, &b)) < 0)
        return r;
    buf_refresh(&b);
    return receive_into(me, from, &b, timeout);
}
