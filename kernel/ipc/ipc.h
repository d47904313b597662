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
void ipc_trace_spawn(const struct proc *p);
void ipc_trace_exit(const struct proc *p, int status);

#endif /* KERNEL_IPC_H */
