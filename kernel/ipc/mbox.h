/*
 * mbox.h: mailboxes, the many-receiver counterpart of ports. Lab 4.
 *
 * A mailbox belongs to no process. Any process that knows its number may
 * open it, to send (MBOX_SEND), to receive (MBOX_RECV) or both, and the
 * processes that hold it open are its holders. It dies when a holder
 * destroys it or when its last holder closes it (or exits): then every
 * process blocked at it wakes with -EIDRM, its messages go back to the
 * pool, and its number is dead for good (handle.h).
 *
 * A FIFO or priority mailbox keeps one queue: each message goes to exactly
 * one receiver, the oldest waiting receiver first when some are waiting
 * (they are served in the order they arrived), else it is queued: in
 * arrival order (FIFO), or by priority, highest first and FIFO among
 * equal priorities (MBOX_PRIO). It holds MBOX_SLOTS messages, at most
 * POST_QUOTA from any one sender (lab 3's rule, counted by pid), and each
 * counts against its sender's share of the pool (share.c).
 *
 * A broadcast mailbox gives each subscriber (a holder with MBOX_RECV) its
 * own copy of every message sent after it subscribed, in its own queue of
 * MBOX_SUB_SLOTS copies, at most MBOX_SUB_QUOTA from one sender. The
 * sender never waits for a slow subscriber: a copy that does not fit
 * replaces the oldest copy of its sender in that queue (the sender at its
 * share there), or else the oldest copy in the queue (the queue full).
 * The subscriber is told how many it lost by a MSG_LOST message, before
 * anything else it receives. So a slow subscriber costs the others
 * nothing, and its memory stays bounded.
 */
#ifndef KERNEL_MBOX_H
#define KERNEL_MBOX_H

#include "kernel.h"
#include "handle.h"
#include "ipc.h"
#include "msg.h"
#include "ports.h"
#include "post.h"
#include "proc.h"

#define MBOX_MAX        64      /* mailboxes in the system */
#define MBOX_PER_PROC   16      /* mailboxes one process may hold open */
#define MBOX_HOLDERS    16      /* processes that may hold one mailbox */
#define MBOX_SLOTS      POSTBOX_SLOTS  /* messages a mailbox holds */
#define MBOX_SUB_SLOTS  8       /* copies one subscriber's queue holds */
#define MBOX_SUB_QUOTA  4       /* of which from one sender */

_Static_assert(HANDLE_MBOX_BASE + MBOX_MAX <= HANDLE_SLOTS,
               "mailboxes have slots 512..1023");

/* One holder of a mailbox. */
struct mbox_hold {
    int32_t pid;                /* 0: a free entry */
    int mode;                   /* MBOX_SEND, MBOX_RECV, or both */
    /* A broadcast mailbox: this subscriber's copies, oldest first, and
     * how many were dropped since it last received. */
    struct pmsg *head, *tail;
    int count;
    uint32_t lost;
};

/* Processes waiting at a mailbox, oldest first, linked through their
 * ipc.port.mbox_next. */
struct mbox_waiters {
    struct proc *head, *tail;
};

struct mbox {
    int32_t id;                 /* its number; 0 when the slot is free */
    uint32_t gen;               /* the slot's generation */
    int flags;                  /* MBOX_PRIO, MBOX_BROADCAST, or 0 (FIFO) */
    /* FIFO and priority: the messages, in the order they will be taken. */
    struct pmsg *head, *tail;
    int count;
    struct mbox_waiters receivers;  /* blocked in mbox_receive */
    struct mbox_waiters room;       /* senders blocked for room */
    int holders;
    struct mbox_hold hold[MBOX_HOLDERS];
};

/* mailbox.c */
extern struct mbox mbox_table[MBOX_MAX];

/* The live mailbox with number id, or NULL. */
static inline struct mbox *mbox_find(int32_t id)
{
    int slot = handle_slot(id) - HANDLE_MBOX_BASE;
    if (slot < 0 || slot >= MBOX_MAX)
        return NULL;
    struct mbox *mb = &mbox_table[slot];
    return mb->id == id ? mb : NULL;
}

/* Mailboxes alive (kinfo). */
int mbox_count(void);
/* Messages from pid in a list of messages (linked through next). */
int mbox_count_from(const struct pmsg *head, int32_t pid);
/* Copy m into the buffer of r, blocked receiving at mb, and wake r with
 * m's sender. */
void mbox_hand(struct proc *r, const struct msg *m, struct mbox *mb);
/* Is p blocked in mbox_receive at mb? */
int mbox_receiving(const struct proc *p, const struct mbox *mb);
/* Take p off whichever list of waiters of its mailbox it is on. */
void mbox_wait_remove(struct proc *p);
/* Process p exits: it closes every mailbox it holds. */
void mbox_exit(struct proc *p);

/* broadcast.c */
/* Give every subscriber of broadcast mailbox mb its copy of m (m.sender
 * set). Returns 0, or -ENOBUFS (the sender's share or the pool cannot
 * hold the copies; nobody got one). Never blocks. */
int broadcast_send(struct mbox *mb, const struct msg *m);
/* The caller's next copy at broadcast mailbox mb, into b: the loss report
 * (MSG_LOST) first if copies were dropped. Returns the sender's pid (0
 * for a loss report), -EAGAIN if nothing is there, or -EFAULT. */
int broadcast_take(struct proc *me, struct mbox *mb, struct mbox_hold *h,
                   const struct buf *b);
/* Free a subscriber's copies (it closes, or the mailbox dies). */
void broadcast_drop(struct mbox_hold *h);

#endif /* KERNEL_MBOX_H */
