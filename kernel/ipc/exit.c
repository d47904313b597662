/*
 * exit.c: a process is leaving. Nobody may stay blocked on it: its
 * queued senders, whoever receives from it alone, and its clients waiting
 * for a reply all wake with -EPIPE. From lab 3 on, so do senders waiting
 * for room in its post box, and the box is freed (post_exit). From lab 4
 * on, so does an owner waiting on a private port that only p could send
 * to; p's own ports die and its mailboxes are closed (hooks.c). Lab 2.
 */
#include "ipc.h"
#include "sched.h"
#if LAB >= 3
#include "post.h"
#endif

void ipc_exit(struct proc *p)
{
    sendq_remove(p);
    while (p->ipc.senders_head)
        sendq_remove(p->ipc.senders_head);
    struct proc *table = proc_table();
    for (int i = 0; i < NPROC; i++) {
        struct proc *q = &table[i];
        if (q != p && q->state == P_BLOCKED && q->ipc.partner == p &&
            (q->blocked_on == B_SEND || q->blocked_on == B_RECEIVE ||
             q->blocked_on == B_REPLY || q->blocked_on == B_ROOM
#if LAB >= 4
             || q->blocked_on == B_PORT_RECV
#endif
             )) {
            proc_wake(q, -EPIPE);       /* the waiter traces the error */
        }
    }
#if LAB >= 3
    post_exit(p);
#endif
}
