/*
 * ipc.h: synchronous message passing between the kernel's parts: the
 * queue of blocked senders, deadlock detection, what happens when a
 * partner dies, and the trace of IPC events. Lab 2.
 */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include "kernel.h"
#include "msg.h"
#include "proc.h"
#include "timer.h"
#include "usercopy.h"
#include "vm.h"

/* Copy one message: sixteen words with one string instruction. */
static inline void msg_copy(struct msg *dst, const struct msg *src)
{
    uint32_t n = sizeof(struct msg) / 4;
    __asm__ volatile("rep movsl" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
}

/* Does m describe a region (a big message, lab 5)? Before stage 5 no
 * message does: the bit means nothing there. */
#if LAB >= 5
#define IPC_BIG(m) msg_is_big(m)
#else
#define IPC_BIG(m) 0
#endif

/* A message buffer of the calling process, checked once at the start of a
 * call: its user address and, when it lies in one page, its kernel
 * address (the fast path: a message is then copied with one assignment),
 * valid while vm_generation is 'gen' (lab 5: a big message the caller
 * sends may move, or make copy-on-write, the very page its buffer is
 * in). */
struct buf {
    uint32_t va;
    struct msg *k;
    uint32_t gen;
};

/* Check the caller's buffer: 0, or -EFAULT if it is not accessible. */
static inline int buf_check(struct proc *me, uaddr_t va, int write,
                            struct buf *b)
{
    b->va = va;
    b->gen = vm_generation;
    b->k = user_ptr(me, va, sizeof(struct msg), write);
    if (!b->k && !user_range_ok(me, va, sizeof(struct msg), write))
        return -EFAULT;
    return 0;
}

/* The caller's buffer again, if a mapping changed since it was checked:
 * its kernel address may be stale (a moved page, or one now
 * copy-on-write), so the copies go through copy_out. */
static inline void buf_refresh(struct buf *b)
{
    if (b->gen != vm_generation)
        b->k = NULL;
}

/* Leave buffer b in me's ipc state before me blocks (see parked). */
static inline void buf_park(struct proc *me, const struct buf *b)
{
    me->ipc.buf = b->va;
    me->ipc.kbuf = b->gen == vm_generation ? b->k : NULL;
}

/* The buffer a blocked process left in its ipc state. */
static inline struct buf parked(const struct proc *p)
{
    struct buf b = { p->ipc.buf, p->ipc.kbuf, vm_generation };
    return b;
}

/* A timeout is TIMEOUT_NEVER (-1), TIMEOUT_POLL (0) or a tick count. */
static inline int timeout_ok(int32_t t)
{
    return t >= TIMEOUT_NEVER;
}

/* The tick at which a wait with this timeout ends (0: never). */
static inline uint32_t deadline_of(int32_t timeout)
{
    return timeout > 0 ? timer_ticks() + (uint32_t)timeout : 0;
}

/* Copy a plain message from one process's buffer to another's and stamp
 * the sender's id. Both buffers were checked when their calls began, and
 * an address space does not change while its process is blocked (lab 5:
 * except by the process's own big message, after which its parked buffer
 * has no kernel address). Sets *code to the message's code (for the
 * trace). Returns 0, or -EFAULT. A big message goes through
 * bigmsg_transfer instead (lab 5). */
static inline int ipc_copy_msg(struct proc *from, const struct buf *fb,
                               struct proc *to, const struct buf *tb,
                               int32_t *code)
{
    if (fb->k && tb->k) {
        msg_copy(tb->k, fb->k);
        tb->k->sender = from->pid;
        *code = tb->k->code;
        return 0;
    }
    struct msg m;
    if (copy_in(from, &m, fb->va, sizeof(m)) < 0)
        return -EFAULT;
    m.sender = from->pid;
    *code = m.code;
    return copy_out(to, tb->va, &m, sizeof(m)) < 0 ? -EFAULT : 0;
}

/* Copy message m into the calling process's checked buffer b: 0, or
 * -EFAULT. */
static inline int buf_put(struct proc *me, const struct buf *b,
                          const struct msg *m)
{
    if (b->k) {
        msg_copy(b->k, m);
        return 0;
    }
    return copy_out(me, b->va, m, sizeof(*m));
}

#if LAB >= 5
/* Lab 5 (region.c): the region of the message in p's checked buffer b, if
 * it is big: 0, or region_of's and region_check's errors. */
int bigmsg_check(struct proc *p, const struct buf *b);
/* Lab 5 (bigmsg.c): is the message in from's checked buffer fb big? */
int bigmsg_in(struct proc *from, const struct buf *fb);
/* Lab 5 (bigmsg.c): deliver the big message in fb, its region into to's
 * window and the message into tb, traced as a delivery through port
 * 'port' (0: to a pid). 0, or an error, with nothing changed. */
int bigmsg_transfer(struct proc *from, const struct buf *fb,
                    struct proc *to, const struct buf *tb, int32_t port);
#endif

/* Lab 5: a big message's region, checked before a sending call does
 * anything else, so that a bad region is the sender's error only. 0 for
 * a plain message (and for every message before stage 5). */
static inline int ipc_region_ok(struct proc *me, const struct buf *b)
{
#if LAB >= 5
    if (b->k && !msg_is_big(b->k))
        return 0;
    return bigmsg_check(me, b);
#else
    (void)me; (void)b;
    return 0;
#endif
}

/* Is dst blocked in a receive that a message from 'me' satisfies? */
static inline int ipc_receiving_from(const struct proc *dst,
                                     const struct proc *me)
{
    return dst->state == P_BLOCKED && dst->blocked_on == B_RECEIVE &&
           (dst->ipc.partner == NULL || dst->ipc.partner == me);
}

/* Is client c blocked waiting for a reply from 'me'? */
static inline int ipc_awaits_reply(const struct proc *c, const struct proc *me)
{
    return c->state == P_BLOCKED && c->blocked_on == B_REPLY &&
           c->ipc.partner == me;
}

/* rendezvous.c: the system call respond (also the first half of lab 4's
 * port_respond_receive). */
int32_t sys_respond(int32_t dst, uaddr_t msg);

/* sendq.c: the FIFO of senders blocked on a receiver. */
void sendq_push(struct proc *dst, struct proc *sender);
/* Unlink p from whatever queue it is in (no-op if none). */
void sendq_remove(struct proc *p);
/* The oldest sender still blocked sending to dst that matches 'from'
 * (NULL: any), unlinked from the queue; or NULL. */
struct proc *sendq_take(struct proc *dst, struct proc *from);
/* Senders queued on dst. */
int sendq_length(const struct proc *dst);

/* deadlock.c: the process p is blocked waiting for, or NULL. */
struct proc *ipc_waits_for(const struct proc *p);
/* True if 'me' waiting for 'target' would close a cycle of waits. */
int ipc_would_deadlock(const struct proc *me, const struct proc *target);

/* exit.c: p is exiting: every process blocked on p wakes with
 * -EPIPE, and p leaves any queue it is in. */
void ipc_exit(struct proc *p);

/* trace.c: with trace=1 on the command line, log an IPC event as a
 * "trace|" line (see docs/protocol.md). The test is inline so that a run
 * without tracing pays one comparison per event. */
extern int ipc_tracing;
void ipc_trace_init(void);
void ipc_trace_event(const char *event, const struct proc *a,
                     const struct proc *b, int32_t code, int result);
static inline void ipc_trace(const char *event, const struct proc *a,
                             const struct proc *b, int32_t code, int result)
{
    if (ipc_tracing)
        ipc_trace_event(event, a, b, code, result);
}
/* The same with process ids (lab 3: a posted message's sender may be
 * gone by the time it is delivered). */
void ipc_trace_ids_event(const char *event, int a, int b, int32_t code,
                         int result);
static inline void ipc_trace_ids(const char *event, int a, int b,
                                 int32_t code, int result)
{
    if (ipc_tracing)
        ipc_trace_ids_event(event, a, b, code, result);
}
/* The same for an event that carries a message: adds its first argument
 * word as w0= (a sequence number, say), so that charts can tell the
 * messages of a protocol apart. */
void ipc_trace_msg_event(const char *event, int a, int b,
                         const struct msg *m, int result);
static inline void ipc_trace_msg(const char *event, int a, int b,
                                 const struct msg *m, int result)
{
    if (ipc_tracing)
        ipc_trace_msg_event(event, a, b, m, result);
}
/* Lab 4: an event at a port, port set or mailbox, with key= its number
 * ('key' is "port" or "mbox") and, for an event that carries a message m,
 * its code and first word (else 'code'). */
void ipc_trace_obj_event(const char *event, int a, int b, const char *key,
                         int32_t obj, const struct msg *m, int32_t code,
                         int result);
static inline void ipc_trace_obj(const char *event, int a, int b,
                                 const char *key, int32_t obj,
                                 const struct msg *m, int32_t code,
                                 int result)
{
    if (ipc_tracing)
        ipc_trace_obj_event(event, a, b, key, obj, m, code, result);
}
void ipc_trace_spawn(const struct proc *p);
void ipc_trace_exit(const struct proc *p, int status);

#endif /* KERNEL_IPC_H */
