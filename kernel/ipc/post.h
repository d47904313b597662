/*
 * post.h: asynchronous message passing, the kernel side of lab 3: the
 * pool of kernel memory that holds messages (msgpool.c), each process's
 * bounded post box (postbox.c), coalescing notifications (notify.c) and
 * the best-effort channel with its fault injector (lossy.c). Lab 3.
 *
 * The spam rule. A post box holds at most POSTBOX_SLOTS messages, and at
 * most POST_QUOTA of them from any one sender: a sender over its quota
 * is treated as if the box were full (it fails with -EAGAIN or waits for
 * room), so one sender can never take the whole box and others always
 * find room. (Messages are counted per sender slot, pid % NPROC: a new
 * process in the slot of a dead one shares its quota until the dead one's
 * messages are received.) All boxes together hold at most MSG_POOL
 * messages (a fixed pool, 72 KiB; nothing is ever allocated beyond it):
 * when it is used up a post fails at once with -ENOBUFS. The kernel's
 * message memory is therefore bounded whatever user code does.
 */
#ifndef KERNEL_POST_H
#define KERNEL_POST_H

#include "kernel.h"
#include "msg.h"
#include "proc.h"
#include "usercopy.h"

#define POSTBOX_SLOTS 32        /* messages a post box holds */
#define POST_QUOTA    8         /* of which from one sender */
#define MSG_POOL      1024      /* messages all boxes hold together */

_Static_assert(POST_SENDERS == NPROC, "a post box counts senders per slot");

/* A message held by the kernel, in a post box (or held back). */
struct pmsg {
    struct msg m;               /* m.sender is set when it is posted */
    uint32_t stamp;             /* arrival order (ipc_clock) */
    struct pmsg *next;
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
/* The arrival counter: every posted message and every sender that
 * queues in a rendezvous takes the next value, so receive can take the
 * oldest of both. */
uint32_t ipc_clock_next(void);

/* postbox.c */
/* Append m (sender set) to dst's box: 0, -EAGAIN (box full or the sender
 * over its quota) or -ENOBUFS (pool used up). Never blocks. */
int postbox_put(struct proc *dst, const struct msg *m);
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
/* receive's first step: if a notification or a posted message from
 * 'from' (a pid, or ANY) is the oldest thing waiting for 'me', copy it to
 * the caller's buffer (va, or k when not NULL) and return its sender's
 * pid; return 0 when the oldest is a blocked rendezvous sender (or there
 * is nothing); -EFAULT if the copy fails (the message stays queued). */
int post_receive(struct proc *me, int32_t from, uaddr_t va, struct msg *k);
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

#endif /* KERNEL_POST_H */
