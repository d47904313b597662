/*
 * portset.c: receiving on a port or on a port set, the system calls
 * port_receive and port_respond_receive. Lab 4.
 *
 * The owner of a port receives on it; the owner of a set receives on the
 * set, and so on every port in it at once (a select). Either way the
 * receive takes the oldest thing waiting, by arrival stamp: a posted
 * message, or a sender blocked in port_send or port_request, whichever
 * came first, and whichever of the set's ports it came through. The
 * queues of portq.c keep the set's arrivals in one list, so this costs
 * the same with one port in the set or sixty-four, and no port can
 * starve: every message is taken before anything that came after it.
 *
 * A receive returns the number of the port the message came through; the
 * sender's pid is in msg.sender. Both are the kernel's, not the sender's.
 */
#include "port.h"
#include "sched.h"
#include "syscall.h"
#if LAB >= 5
#include "bigmsg.h"
#endif

/* Take posted message pm into the caller's buffer b, and free it: returns
 * its port's number, or -EFAULT (the message stays queued). From lab 5
 * on, a big message's region lands in the caller's window first, or the
 * window's error is returned and the message stays queued. */
static int take_msg(struct proc *me, const struct buf *b, struct pmsg *pm)
{
    struct port *p = pm->port;
#if LAB >= 5
    if (pm->pages) {                /* a big message: its region first */
        int r = bigpost_deliver(me, pm, b, p->id);
        if (r < 0)
            return r;               /* it stays queued */
    } else
#endif
    {
        if (buf_put(me, b, &pm->m) < 0)
            return -EFAULT;
        ipc_trace_obj("deliver", pm->m.sender, me->pid, "port", p->id,
                      &pm->m, 0, 0);
    }
    portq_remove_msg(pm);
    share_give(pm);
    port_wake_room(p);
    return p->id;
}

/* Take the message of sender s, blocked at one of our ports, into b: s
 * wakes, or for a request now waits for our reply (B_REPLY, as a lab 2
 * request that was taken). Returns its port's number, or -EFAULT (then s
 * wakes with the error too). */
static int take_sender(struct proc *me, const struct buf *b, struct proc *s)
{
    struct port *p = s->ipc.port.queued;
    struct buf from = parked(s);
    portq_remove_sender(s);
    int r = port_transfer(s, &from, me, b, p);
    if (r < 0) {
        proc_wake(s, r);
        return r;
    }
    if (s->ipc.is_request) {
        s->blocked_on = B_REPLY;    /* still asleep: now for our reply */
        s->ipc.partner = me;
        ipc_trace_obj("wait-reply", s->pid, me->pid, "port", p->id, NULL, 0,
                      0);
    } else {
        proc_wake(s, 0);
    }
    return p->id;
}

/*
 * port_receive_common: take the oldest message waiting at 'where' (a port
 * the caller owns and that is in no set, or a set the caller owns) into
 * b and return the number of the port it came through. If nothing waits:
 * fail with -EAGAIN for a poll; if only one process may send to the port
 * (a private port), the caller waits for that process, so fail with
 * -EDEADLK if that would close a cycle; else block until a message comes
 * (its port's number is the result), the timeout, or the end of the one
 * sender (-EPIPE).
 */
static int port_receive_common(struct proc *me, struct port *where,
                               const struct buf *b, int32_t timeout)
{
#ifdef SOL_LAB4
    struct pmsg *pm;
    struct proc *s;
    if (portq_oldest(where, &pm, &s))
        return pm ? take_msg(me, b, pm) : take_sender(me, b, s);
    struct proc *sole = port_sole_sender(where);
    if (timeout == TIMEOUT_POLL || (sole && ipc_would_deadlock(me, sole))) {
        int err = timeout == TIMEOUT_POLL ? -EAGAIN : -EDEADLK;
        ipc_trace_obj("error", me->pid, sole ? sole->pid : 0, "port",
                      where->id, NULL, 0, err);
        return err;
    }
    me->ipc.port.receiving = where;
    return port_wait(me, B_PORT_RECV, where, sole, b, deadline_of(timeout));
#else
    /* LAB 4: your code here. */
    (void)me; (void)where; (void)b; (void)timeout; (void)take_msg;
    (void)take_sender;
    return -ENOSYS;
#endif
}

/*
 * port_receive(port, msg, timeout): take the oldest message waiting at the
 * caller's port, or at any port of the caller's port set, into msg (a
 * posted message or a blocked sender's, in arrival order); block until
 * one comes, or the timeout (-1 forever, 0 poll, else ticks). Returns the
 * number of the port it came through; msg.sender is its sender. A request
 * taken this way waits for the caller's respond (lab 2). Errors: -EINVAL
 * (bad timeout), -EFAULT (msg not writable), -EBADF (no such port or
 * set), -EPERM (not the owner), -EBUSY (the port is in a set: receive on
 * the set), -EAGAIN (poll, nothing there), -EDEADLK (a private port whose
 * one sender waits for the caller), -ETIMEDOUT, -EPIPE (a private port's
 * one sender exited while the caller waited), -EINTR (killed).
 */
int32_t sys_port_receive(int32_t id, uaddr_t msg, int32_t timeout)
{
    struct proc *me = proc_current();
    struct port *where;
    struct buf b;
    if (!timeout_ok(timeout))
        return -EINVAL;
    int r = buf_check(me, msg, 1, &b);
    if (r < 0 || (r = port_recv_target(me, id, &where)) < 0)
        return r;
    ipc_trace_obj("recv", me->pid, 0, "port", id, NULL, 0, 0);
    return port_receive_common(me, where, &b, timeout);
}

/*
 * port_respond_receive(dst, msg, port, timeout): a server's loop through
 * a port or set in one call: respond(dst, msg) (lab 2), then
 * port_receive(port, msg, timeout). The port is checked first: if it is
 * wrong nothing is sent. If the respond fails, its error is returned and
 * nothing is received. Returns what port_receive returns.
 */
int32_t sys_port_respond_receive(int32_t dst, uaddr_t msg, int32_t id,
                                 int32_t timeout)
{
    struct proc *me = proc_current();
    struct port *where;
    struct buf b;
    if (!timeout_ok(timeout))
        return -EINVAL;
    int r = buf_check(me, msg, 1, &b);
    if (r < 0 || (r = port_recv_target(me, id, &where)) < 0 ||
        (r = sys_respond(dst, msg)) < 0)
        return r;
    buf_refresh(&b);                /* a big reply may have moved its page */
    ipc_trace_obj("recv", me->pid, 0, "port", id, NULL, 0, 0);
    return port_receive_common(me, where, &b, timeout);
}
