/*
 * portfast.h: a client/server exchange through a port in its usual case,
 * as straight-line code, like lab 2's fastpath.h for pids: a client's
 * port_request to an owner already waiting on the port (or its set), and
 * the owner's port_respond_receive to a client waiting for its reply when
 * nothing waits at the port or set. Same results as the general path
 * (portmsg.c, portset.c), which handles every other case, every case
 * while tracing, and every big message of lab 5. An optimization: nothing here is needed for correctness.
 * Lab 4, provided in the reference only.
 */
#ifndef KERNEL_PORTFAST_H
#define KERNEL_PORTFAST_H

#include "fastpath.h"
#include "port.h"

#ifdef SOL_LAB4

/* port_request(id, msg, timeout) when the port's owner waits on it: 1
 * with the call's result in *result, or 0 for the general path. */
static inline int fastpath_port_request(struct proc *me, int32_t id,
                                        uaddr_t msg, int32_t timeout,
                                        int32_t *result)
{
    struct port *p = port_find(id);
    struct proc *owner;
    if (ipc_tracing || me->killed || timeout < TIMEOUT_NEVER || !p ||
        p->kind != PORT_PORT || p->owner == me ||
        !(owner = port_receiver(p)) || !owner->ipc.kbuf ||
        !(p->open || port_may_send(p, me->pid)))
        return 0;
    struct msg *k = fast_msg_ptr(me, msg);
    if (!k || IPC_BIG(k))
        return 0;
    fast_hand_over(me, k, owner, p->id);
    *result = fast_block_for(me, B_REPLY, owner, msg, k, timeout, owner);
    return 1;
}

/* port_respond_receive(dst, msg, id, timeout) when dst waits for our
 * reply and nothing waits at port (or set) id: 1 with the result, or 0. */
static inline int fastpath_port_respond_receive(struct proc *me, int32_t dst,
                                                uaddr_t msg, int32_t id,
                                                int32_t timeout,
                                                int32_t *result)
{
    struct proc *client = proc_find(dst);
    struct port *where = port_find(id);
    if (ipc_tracing || me->killed || timeout < TIMEOUT_NEVER ||
        timeout == TIMEOUT_POLL || !client || !where || where->owner != me ||
        where->set || !portq_empty(where) ||
        (!where->open && where->ngrants == 1) ||    /* a private port */
        !ipc_awaits_reply(client, me) || !client->ipc.kbuf)
        return 0;
    struct msg *k = fast_msg_ptr(me, msg);
    if (!k || IPC_BIG(k))
        return 0;
    fast_hand_over(me, k, client, 0);
    me->ipc.port.receiving = where;
    *result = fast_block_for(me, B_PORT_RECV, NULL, msg, k, timeout, client);
    me->ipc.port.receiving = NULL;
    return 1;
}

#else
/* LAB 4: no fast path in the kit (write the general path first). */
static inline int fastpath_port_request(struct proc *me, int32_t id,
                                        uaddr_t msg, int32_t timeout,
                                        int32_t *result)
{
    (void)me; (void)id; (void)msg; (void)timeout; (void)result;
    return 0;
}

static inline int fastpath_port_respond_receive(struct proc *me, int32_t dst,
                                                uaddr_t msg, int32_t id,
                                                int32_t timeout,
                                                int32_t *result)
{
    (void)me; (void)dst; (void)msg; (void)id; (void)timeout; (void)result;
    return 0;
}
#endif /* SOL_LAB4 */

#endif /* KERNEL_PORTFAST_H */
