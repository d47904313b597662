/*
 * port.h: ports and port sets, the kernel side of lab 4's naming. Lab 4.
 *
 * A port is a receive point that a process creates at will. Exactly one
 * process, its owner, receives on it; the owner decides who may send
 * (every process, or the pids it grants). Both kinds of messages of the
 * earlier labs work on a port: a synchronous send or request, whose
 * sender blocks at the port as in lab 2, and an asynchronous post, which
 * the port keeps from lab 3's message pool. Everything waiting at a port
 * is in one arrival order (lab 3's stamps), and the receiver takes the
 * oldest first. The kernel tells the receiver the port a message came
 * through (port_receive's result) and its sender (msg.sender).
 *
 * A port set is a port-table entry too: its owner puts ports in it, and a
 * receive on the set takes the oldest message among all of them. Each
 * port in a set is also linked, in arrival order, into the set's own
 * queue, so the oldest is the head of one list, whatever the set's size.
 *
 * Bounds: a port holds PORT_SLOTS posted messages, at most POST_QUOTA of
 * them from any one sender (counted by pid), from the pool of lab 3 and
 * within each sender's share of it (share.c: POST_SENDER_MAX waiting in
 * boxes, ports and mailboxes together); a process owns at most
 * PORT_PER_PROC ports and sets; the table holds PORT_MAX of them in all.
 *
 * The files: port.c (the table, a port's life, the right to send),
 * portq.c (what waits at a port or set, in arrival order), portmsg.c
 * (sending through a port), portset.c (receiving on a port or a set),
 * handle.h (the numbers); the round trip's fast path is in fastpath.c.
 */
#ifndef KERNEL_PORT_H
#define KERNEL_PORT_H

#include "kernel.h"
#include "handle.h"
#include "ipc.h"
#include "msg.h"
#include "ports.h"
#include "post.h"
#include "proc.h"

#define PORT_MAX       512      /* ports and sets in the system */
#define PORT_PER_PROC  128      /* ports and sets one process may own */
#define PORT_GRANTS    8        /* pids a port's owner may grant */
#define PORT_SLOTS     POSTBOX_SLOTS   /* posted messages a port holds */

_Static_assert(PORT_MAX <= HANDLE_MBOX_BASE, "ports have slots 0..511");

enum port_kind { PORT_FREE, PORT_PORT, PORT_SETKIND };

/* What waits at a port, or at a set (for all its ports), oldest first:
 * posted messages (linked through pmsg.next at a port, pmsg.set_next at
 * a set) and blocked senders (through port.next, port.set_next). */
struct portq {
    struct pmsg *msgs, *msgs_tail;
    struct proc *senders, *senders_tail;
};

struct port {
    int32_t id;                 /* its number; 0 when the slot is free */
    uint32_t gen;               /* the slot's generation (handle.h) */
    enum port_kind kind;
    struct proc *owner;
    /* Who may send: everyone when 'open', else the pids in grants. */
    int open;
    int ngrants;
    int32_t grants[PORT_GRANTS];
    struct portq q;             /* a port: its own; a set: its ports' */
    int count;                  /* a port: posted messages held */
    struct proc *room;          /* a port: posters waiting for room */
    struct port *set;           /* a port: the set it is in, or NULL */
    int members;                /* a set: ports in it */
};

/* port.c: the table */
extern struct port port_table[PORT_MAX];

/* The live port or set with number id, or NULL: one look, no search. */
static inline struct port *port_find(int32_t id)
{
    int slot = handle_slot(id);
    if (slot < 0 || slot >= PORT_MAX)
        return NULL;
    struct port *p = &port_table[slot];
    return p->id == id ? p : NULL;
}

/* p's owner, if it is blocked receiving on p or on p's set; else NULL. */
static inline struct proc *port_receiver(const struct port *p)
{
    struct proc *o = p->owner;
    struct port *on = o->ipc.port.receiving;
    if (o->state != P_BLOCKED || o->blocked_on != B_PORT_RECV)
        return NULL;
    return on == p || (on && on == p->set) ? o : NULL;
}

/* The port or set 'id' for a receive by me: 0, or -EBADF (no such port),
 * -EPERM (me does not own it), -EBUSY (a port in a set: receive on the
 * set). */
static inline int port_recv_target(struct proc *me, int32_t id,
                                   struct port **out)
{
    *out = port_find(id);
    if (!*out)
        return -EBADF;
    if ((*out)->owner != me)
        return -EPERM;
    return (*out)->set ? -EBUSY : 0;
}
/* Ports and sets alive (kinfo). */
int port_count(void);
/* May process pid send to port p? */
int port_may_send(const struct port *p, int32_t pid);
/* The one process that may send to p (p closed, one grant), or NULL. */
struct proc *port_sole_sender(const struct port *p);
/* p is dying (destroyed, or its owner exits): every process blocked at
 * it wakes with -EIDRM, its messages go back to the pool, its number
 * dies. */
void port_kill(struct port *p);
/* Process p exits: its ports and sets die; it leaves any port queue. */
void port_exit(struct proc *p);

/* portq.c: the queue of a port and of a set */
/* Append a posted message, or a sender about to block, to p's queue (and
 * to its set's), stamped with the next arrival number. */
void portq_add_msg(struct port *p, struct pmsg *pm);
void portq_add_sender(struct port *p, struct proc *s);
/* Unlink a message (and free nothing), or a sender, from its port's
 * queue and its set's. A sender in no queue is left alone. */
void portq_remove_msg(struct pmsg *pm);
void portq_remove_sender(struct proc *s);
/* The oldest thing waiting at 'where' (a port, or a set: all its ports):
 * 1 with *pm set (a posted message, *s NULL) or *s set (a sender still
 * blocked in its send, *pm NULL); 0 if nothing waits. Senders whose wait
 * already ended (timeout, kill) are unlinked on the way. */
int portq_oldest(struct port *where, struct pmsg **pm, struct proc **s);
/* Is nothing at all linked at 'where'? (Stale senders count.) */
int portq_empty(const struct port *where);
/* Posted messages from pid held at port p. */
int portq_count_from(const struct port *p, int32_t pid);
/* Port p joins set s, its waiting messages and senders merged into the
 * set's queue in arrival order; or leaves its set. */
void portq_join(struct port *p, struct port *s);
void portq_leave(struct port *p);

/* portmsg.c */
/* Copy a message from a sender's buffer to a receiver's (ipc_copy_msg;
 * from lab 5 on, a big message with its region: bigmsg_transfer) and
 * trace its delivery through port p. */
int port_transfer(struct proc *from, const struct buf *fb, struct proc *to,
                  const struct buf *tb, struct port *p);
/* Hand a posted message to a receiver blocked at port p (its owner): copy
 * it into the receiver's buffer and wake it with p's number; 0. From lab 5
 * on, a big message posted by the running process goes only if its region
 * fits the owner's window: otherwise nothing is done and the window's
 * error is returned (the message is then queued, and the owner told:
 * bigpost_queued). */
int port_hand(struct proc *owner, const struct msg *m, struct port *p);
/* Block 'me' at port (or set) p for 'why' (B_PORT_SEND, B_PORT_RECV, or
 * B_REPLY after a request), waiting for 'partner' (NULL: no one in
 * particular), with its buffer b parked; trace it; afterwards leave any
 * queue and clear the wait. Returns proc_block's result. */
int port_wait(struct proc *me, enum block_reason why, struct port *p,
              struct proc *partner, const struct buf *b, uint32_t deadline);
/* Posters waiting for room at p try again (a message left p). */
void port_wake_room(struct port *p);
/* Unlink a waiter for room from the port's list (no-op when in none). */
void port_room_remove(struct proc *waiter);

#endif /* KERNEL_PORT_H */
