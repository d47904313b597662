/*
 * post.h: asynchronous message passing, the kernel side of lab 3: the
 * pool of kernel memory that holds messages (msgpool.c), each process's
 * bounded post box (postbox.c), coalescing notifications (notify.c) and
 * the best-effort channel with its fault injector (lossy.c). Lab 3.
 *
 * The spam rule, checked in this order when a message is queued:
 *  1. A post box holds at most POSTBOX_SLOTS messages, and at most
 *     POST_QUOTA of them from any one sender: a sender over its quota is
 *     treated as if the box were full (it fails with -EAGAIN or waits for
 *     room), so one sender can never take the whole box and others always
 *     find room.
 *  2. One process has at most POST_SENDER_MAX messages waiting in all
 *     boxes together, so no one process can take the pool: beyond that a
 *     post fails at once with -ENOBUFS. (From lab 4 on, the messages it
 *     leaves at ports and in mailboxes count too: share.c.)
 *  3. All boxes together hold at most MSG_POOL messages (a fixed pool,
 *     72 KiB; nothing is ever allocated beyond it): when it is used up a
 *     post fails at once with -ENOBUFS.
 * Senders are counted by pid, which is never reused, never by slot: a
 * new process in a dead sender's slot owes nothing for the messages the
 * dead one left in boxes (they stay deliverable and count against the
 * boxes they are in, not against any sender's quota or share). A box
 * keeps its counts in a slot's place, marked with the pid they belong
 * to (post_proc.h). The kernel's message
 * memory is bounded whatever user code does; what a group of processes
 * can still do is in the lab 3 chapter, the spam problem.
 */
#ifndef KERNEL_POST_H
#define KERNEL_POST_H

#include "kernel.h"
#include "msg.h"
#include "proc.h"
#include "usercopy.h"

#define POSTBOX_SLOTS 32        /* messages a post box holds */
#define POST_QUOTA    8         /* of which from one sender */
#define POST_SENDER_MAX 64      /* of the pool, waiting from one process */
#define MSG_POOL      1024      /* messages all boxes hold together */

_Static_assert(POST_SENDERS == NPROC, "a box counts senders by slot");

/* A message held by the kernel, in a post box (or held back). */
struct pmsg {
    struct msg m;               /* m.sender is set when it is posted */
    uint32_t stamp;             /* arrival order (ipc_clock) */
    struct pmsg *next;
#if LAB >= 4
    struct pmsg *set_next;      /* in a port set's queue (lab 4) */
    struct port *port;          /* the port it waits at (lab 4) */
    int32_t prio;               /* its priority in a mailbox (lab 4) */
#endif
#if LAB >= 5
    struct pagelist *pages;     /* a big message's region, held (lab 5) */
#endif
};

/* msgpool.c: the fixed pool. msgpool_alloc returns NULL when the pool is
 * used up; both keep msgcount (the leak check) and the peak up to date. */
struct pmsg *msgpool_alloc(void);
void msgpool_free(struct pmsg *pm);
int msgpool_in_use(void);
int msgpool_peak(void);
/* Entries still free in the pool. */
int msgpool_free_count(void);
#if LAB >= 4
/* share.c (lab 4): the same share and pool for messages held at ports
 * and mailboxes. share_take: an entry for a message from 'sender', counted
 * against its share (if it is alive), or NULL when its share or the pool
 * is used up (-ENOBUFS). share_give: free an entry that share_take gave
 * (its m.sender set), and give its sender's share back. share_left: how
 * many more messages 'sender' may have waiting (POST_SENDER_MAX for a
 * process that has exited). */
struct pmsg *share_take(int32_t sender);
void share_give(struct pmsg *pm);
int share_left(int32_t sender);
#endif
/* The arrival counter: every posted message and every sender that
 * queues in a rendezvous takes the next value, so receive can take the
 * oldest of both. */
uint32_t ipc_clock_next(void);

/* postbox.c */
/* Append m (sender set) to dst's box: 0, -EAGAIN (box full or the sender
 * over its quota in it) or -ENOBUFS (the sender's share or the pool used
 * up). Never blocks. */
int postbox_put(struct proc *dst, const struct msg *m);
/* Messages from process 'pid' in p's box (a walk of the box: for rare
 * paths; the quota keeps counts). */
int postbox_from(const struct proc *p, int32_t pid);
/* The message of a post or a datagram: copy it in from the caller's msg
 * into *m (sender set) and find its receiver, *to. Returns 0, or -EFAULT
 * (msg not readable), -EINVAL (msg.code is MSG_NOTIFY), -ELOOP (dst is
 * the caller), -ESRCH (no such process). Inline: it is on every post's
 * path. */
static inline int post_message_in(struct proc *me, int32_t dst,
                                  uaddr_t msg, struct msg *m,
                                  struct proc **to)
{
    if (copy_in(me, m, msg, sizeof(*m)) < 0)
        return -EFAULT;
    if (m->code == MSG_NOTIFY)
        return -EINVAL;
    if (dst == me->pid)
        return -ELOOP;
    if (!(*to = proc_find(dst)))
        return -ESRCH;
    m->sender = me->pid;
    return 0;
}
/* Give m straight to dst, blocked in a receive that m satisfies: copy it
 * into dst's buffer and wake dst; 0. From lab 5 on, a big message posted
 * by the running process goes only if its region fits dst's window:
 * otherwise nothing is done and the window's error is returned (the
 * message is then queued, and dst told: bigpost_queued). */
int post_hand(struct proc *dst, const struct msg *m);
/* Copy m into the buffer a blocked dst left in its ipc state. */
void post_copy_parked(struct proc *dst, const struct msg *m);
/* receive's first step: if a notification or a posted message from
 * 'from' (a pid, or ANY) is the oldest thing waiting for 'me', copy it to
 * the caller's buffer (va, or k when not NULL) and return its sender's
 * pid; return 0 when the oldest is a blocked rendezvous sender (or there
 * is nothing); -EFAULT if the copy fails (the message stays queued). */
int post_receive(struct proc *me, int32_t from, uaddr_t va, struct msg *k);
/* The fast path (reference only): p's oldest boxed message has been
 * copied to its receiver; free it, as post_receive would. */
void postbox_take_head(struct proc *p);
/* Is anything (a message, a notification) waiting in p's box? */
int post_waiting(const struct proc *p);
/* p exits: free its box, wake whoever waits for room in it (-EPIPE). */
void post_exit(struct proc *p);

/* notify.c */
/* If a notification from 'from' (a pid, or ANY) is pending for me, fill
 * *out with it and return the notifier's pid; else 0. */
int notify_take(struct proc *me, int32_t from, struct msg *out);
/* p exits: the notifications it sent and that were not received are
 * dropped (and those pending for it go with its slot). */
void notify_exit(struct proc *p);

/* lossy.c: read the fault rates from the command line. */
void lossy_init(void);

/* The place in a box's per-sender counts (post_proc.h) that pid uses. */
static inline int slot_of(int32_t pid)
{
    return (int)((uint32_t)pid % NPROC);
}

/* box_unlink: unlink pm (after prev, or first) from p's box and free it:
 * one fewer against its sender's quota in the box (if the count is still
 * its) and, if the sender is still alive, against its share. Provided;
 * inline, since the fast path (fastpath.c) takes a box's head with it. */
static inline void box_unlink(struct proc *p, struct pmsg *prev,
                              struct pmsg *pm)
{
    struct post_proc *box = &p->ipc.post;
    if (prev)
        prev->next = pm->next;
    else
        box->head = pm->next;
    if (box->tail == pm)
        box->tail = prev;
    box->count--;
    int slot = slot_of(pm->m.sender);
    if (box->from_pid[slot] == pm->m.sender)
        box->from[slot]--;
    struct proc *sender = proc_find(pm->m.sender);
    if (sender)
        sender->ipc.post.queued--;
    msgpool_free(pm);
}

#endif /* KERNEL_POST_H */
