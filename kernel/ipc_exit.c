/*
 * ipc_exit.c: a process is leaving. Nobody may stay blocked on it: its
 * queued senders, whoever receives from it alone, and its clients waiting
 * for a reply all wake with -EPIPE. Lab 2.
 */
#include "ipc.h"
#include "sched.h"

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
             q->blocked_on == B_REPLY)) {
            proc_wake(q, -EPIPE);       /* wait_for traces the error */
        }
    }
}
