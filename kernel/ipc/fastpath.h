/*
 * fastpath.h: the two calls of a client/server exchange in their usual
 * case, written as straight-line code: a client's request to a server
 * already waiting in receive, and a server's respond_receive to a client
 * waiting for its reply when no one else is queued. Each copies the
 * message, wakes the partner, blocks the caller and switches straight to
 * the partner, all in one pass, with the same result as the general path
 * in rendezvous.c, which handles every other case (every case while
 * tracing, so that traces show every event, and every big message of lab
 * 5). An optimization: nothing here is needed for correctness. The
 * functions are inline: rendezvous.c calls each from one place, and a
 * call less is worth it here. Lab 2, provided.
 */
#ifndef KERNEL_FASTPATH_H
#define KERNEL_FASTPATH_H

#include "ipc.h"
#include "sched.h"
#include "timer.h"
#include "usercopy.h"
#include "vm.h"
#if LAB >= 3
#include "post.h"
#endif

#ifdef SOL_LAB2

static inline uint32_t fast_deadline(int32_t timeout)
{
    return timeout > 0 ? timer_ticks() + (uint32_t)timeout : 0;
}

/* The caller's (writable, one-page) message buffer at va as a kernel
 * address, or NULL. A server and its clients use the same buffer call
 * after call, so the last answer is remembered until a mapping changes. */
static inline struct msg *fast_msg_ptr(struct proc *me, uaddr_t va)
{
    if (va == me->ipc.cache_va && me->ipc.cache_gen == vm_generation &&
        me->ipc.cache_k)
        return me->ipc.cache_k;
    struct msg *k = user_ptr(me, va, sizeof(struct msg), 1);
    me->ipc.cache_va = va;
    me->ipc.cache_k = k;
    me->ipc.cache_gen = vm_generation;
    return k;
}

/* Copy the caller's message k into partner p's parked buffer and make p
 * runnable with 'result'. */
static inline void fast_hand_over(struct proc *me, const struct msg *k,
                                  struct proc *p, int result)
{
    msg_copy(p->ipc.kbuf, k);
    p->ipc.kbuf->sender = me->pid;
    p->wake_result = result;
    p->state = P_RUNNABLE;
}

/* Park the caller's buffer and block for 'why', running p next. */
static inline int32_t fast_block_for(struct proc *me, enum block_reason why,
                                     struct proc *partner, uaddr_t msg,
                                     struct msg *k, int32_t timeout,
                                     struct proc *p)
{
    me->ipc.partner = partner;
    me->ipc.buf = msg;
    me->ipc.kbuf = k;
    int32_t r = proc_block_switch(why, fast_deadline(timeout), p);
    me->ipc.partner = NULL;
    return r;
}

/* request(dst, msg, timeout) when dst waits in receive for us: returns 1
 * with the call's result in *result, or 0 for the general path. */
static inline int fastpath_request(struct proc *me, int32_t dst,
                                   uaddr_t msg, int32_t timeout,
                                   int32_t *result)
{
    struct proc *server = proc_find(dst);
    if (ipc_tracing || me->killed || timeout < TIMEOUT_NEVER || !server ||
        server == me || !ipc_receiving_from(server, me) || !server->ipc.kbuf)
        return 0;
    struct msg *k = fast_msg_ptr(me, msg);
    if (!k || IPC_BIG(k))
        return 0;
    fast_hand_over(me, k, server, me->pid);
    *result = fast_block_for(me, B_REPLY, server, msg, k, timeout, server);
    return 1;
}

/* respond_receive(dst, msg, ANY, timeout) when dst waits for our reply
 * and no one else is queued: 1 with the result in *result, or 0. */
static inline int fastpath_respond_receive(struct proc *me, int32_t dst,
                                           uaddr_t msg, int32_t from,
                                           int32_t timeout, int32_t *result)
{
    struct proc *client = proc_find(dst);
    if (ipc_tracing || me->killed || from != ANY ||
        timeout < TIMEOUT_NEVER || timeout == TIMEOUT_POLL || !client ||
        !ipc_awaits_reply(client, me) || !client->ipc.kbuf ||
        me->ipc.senders_head)
        return 0;
#if LAB >= 3
    if (post_waiting(me))
        return 0;
#endif
    struct msg *k = fast_msg_ptr(me, msg);
    if (!k || IPC_BIG(k))
        return 0;
    fast_hand_over(me, k, client, 0);
    *result = fast_block_for(me, B_RECEIVE, NULL, msg, k, timeout, client);
    return 1;
}

#else
/* LAB 2: no fast path in the kit: every call takes the general path
 * (write that first; speed comes after). */
static inline int fastpath_request(struct proc *me, int32_t dst,
                                   uaddr_t msg, int32_t timeout,
                                   int32_t *result)
{
    (void)me; (void)dst; (void)msg; (void)timeout; (void)result;
    return 0;
}

static inline int fastpath_respond_receive(struct proc *me, int32_t dst,
                                           uaddr_t msg, int32_t from,
                                           int32_t timeout, int32_t *result)
{
    (void)me; (void)dst; (void)msg; (void)from; (void)timeout; (void)result;
    return 0;
}
#endif /* SOL_LAB2 */

#endif /* KERNEL_FASTPATH_H */
