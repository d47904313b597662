/*
 * sendq.c: each process's queue of blocked senders, a singly linked FIFO
 * threaded through the senders themselves (no memory is allocated: a
 * blocked sender is its own queue entry). Lab 2, provided.
 */
#include "ipc.h"
#if LAB >= 3
#include "post.h"
#endif

void sendq_push(struct proc *dst, struct proc *sender)
{
    assert(sender->ipc.queued_on == NULL);
    sender->ipc.queued_on = dst;
    sender->ipc.next_sender = NULL;
#if LAB >= 3
    sender->ipc.stamp = ipc_clock_next();   /* vs posted messages */
#endif
    if (dst->ipc.senders_tail)
        dst->ipc.senders_tail->ipc.next_sender = sender;
    else
        dst->ipc.senders_head = sender;
    dst->ipc.senders_tail = sender;
}

void sendq_remove(struct proc *p)
{
    struct proc *dst = p->ipc.queued_on;
    if (!dst)
        return;
    struct proc *prev = NULL;
    for (struct proc *q = dst->ipc.senders_head; q; q = q->ipc.next_sender) {
        if (q == p) {
            if (prev)
                prev->ipc.next_sender = p->ipc.next_sender;
            else
                dst->ipc.senders_head = p->ipc.next_sender;
            if (dst->ipc.senders_tail == p)
                dst->ipc.senders_tail = prev;
            break;
        }
        prev = q;
    }
    p->ipc.queued_on = NULL;
    p->ipc.next_sender = NULL;
}

/* A queued sender that is no longer blocked in its send (its timeout
 * fired, or it was killed, and it has not run yet to unlink itself). */
static int stale(const struct proc *q)
{
    return q->state != P_BLOCKED || q->blocked_on != B_SEND;
}

struct proc *sendq_take(struct proc *dst, struct proc *from)
{
    struct proc *q = dst->ipc.senders_head;
    while (q) {
        struct proc *next = q->ipc.next_sender;
        if (stale(q)) {
            sendq_remove(q);
        } else if (from == NULL || q == from) {
            sendq_remove(q);
            return q;
        }
        q = next;
    }
    return NULL;
}

int sendq_length(const struct proc *dst)
{
    int n = 0;
    for (struct proc *q = dst->ipc.senders_head; q; q = q->ipc.next_sender)
        n++;
    return n;
}
