/*
 * deadlock.c: refusing a wait that could never end. Every blocked process
 * waits for at most one other (the receiver it sends to, the one sender it
 * receives from, the server whose reply it needs); a receive from ANY
 * waits for no one in particular. Before a process blocks on a target,
 * the kernel follows that chain from the target: if it comes back to the
 * process, blocking would close a cycle, and the call fails with
 * -EDEADLK instead. Lab 2.
 *
 * Lab 4 adds the waits at ports, whose owner is known: a sender or a
 * poster waiting at a port waits for the port's owner, and the owner
 * waiting on a private port (one that only one process may send to)
 * waits for that process. A wait at a mailbox, or on a port that many
 * may send to, waits for no one in particular.
 */
#include "ipc.h"

struct proc *ipc_waits_for(const struct proc *p)
{
    if (p->state != P_BLOCKED)
        return NULL;
    switch (p->blocked_on) {
    case B_SEND:
    case B_RECEIVE:
    case B_REPLY:
#if LAB >= 3
    case B_ROOM:                     /* a post waiting for room */
#endif
#if LAB >= 4
    case B_PORT_SEND:                /* the port's owner */
    case B_PORT_ROOM:
    case B_PORT_RECV:                /* a private port's one sender */
#endif
        return p->ipc.partner;       /* NULL for a receive from ANY */
    default:
        return NULL;
    }
}

/*
 * ipc_would_deadlock: would 'me' waiting for 'target' close a cycle?
 * Follows at most NPROC links, so even a corrupted chain ends.
 */
int ipc_would_deadlock(const struct proc *me, const struct proc *target)
{
#ifdef SOL_LAB2
    const struct proc *q = target;
    for (int steps = 0; q && steps < NPROC; steps++) {
        if (q == me)
            return 1;
        q = ipc_waits_for(q);
    }
    return 0;
#else
    /* LAB 2: your code here. */
    (void)me;
    (void)target;
    return 0;
#endif
}
