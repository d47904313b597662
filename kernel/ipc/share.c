/*
 * share.c: the sender's share of the message pool for what ports and
 * mailboxes hold. Lab 4, provided.
 *
 * A message posted to a port, queued in a mailbox or copied to a
 * broadcast subscriber takes an entry of lab 3's pool, under lab 3's
 * spam rule (post.h) and with its counter: a process has at most
 * POST_SENDER_MAX messages waiting in post boxes, ports and mailboxes
 * together (ipc.post.queued), and all of them together hold at most
 * MSG_POOL. Beyond either, the call fails with -ENOBUFS at once. One rule,
 * one counter: a process cannot spread its messages over boxes, ports and
 * mailboxes to hold more than its share. A sender is counted by its pid;
 * once it has exited its messages stay where they are and count against
 * no one's share.
 */
#include "post.h"

int share_left(int32_t sender)
{
    struct proc *p = proc_find(sender);
    return p ? POST_SENDER_MAX - p->ipc.post.queued : POST_SENDER_MAX;
}

struct pmsg *share_take(int32_t sender)
{
    struct proc *p = proc_find(sender);
    if (p && p->ipc.post.queued >= POST_SENDER_MAX)
        return NULL;
    struct pmsg *pm = msgpool_alloc();
    if (pm && p)
        p->ipc.post.queued++;
    return pm;
}

void share_give(struct pmsg *pm)
{
    struct proc *p = proc_find(pm->m.sender);
    if (p)
        p->ipc.post.queued--;
    msgpool_free(pm);
}
