/*
 * port_proc.h: what each process holds for ports and mailboxes (lab 4):
 * its place in a port's or a mailbox's queue while it waits there, what
 * it receives on while it waits in port_receive, and how many ports and
 * mailboxes it has (the limits). Lab 4.
 */
#ifndef KERNEL_PORT_PROC_H
#define KERNEL_PORT_PROC_H

struct port;
struct mbox;
struct proc;

struct port_proc {
    /* B_PORT_SEND: the port whose queue of senders we are in; we are
     * linked in it through 'next' and, when the port is in a set, in the
     * set's queue through 'set_next'. NULL when in no queue. */
    struct port *queued;
    struct proc *next, *set_next;
    /* B_PORT_ROOM: the port we wait for room at, and the next waiter. */
    struct port *room_on;
    struct proc *room_next;
    /* B_PORT_RECV: the port or port set we receive on. */
    struct port *receiving;
    int owned;                  /* ports and sets we own */
    /* B_MBOX_RECV or B_MBOX_ROOM: the mailbox, and the next process
     * waiting there. */
    struct mbox *mbox_on;
    struct proc *mbox_next;
    int held;                   /* mailboxes we hold open */
};

#endif /* KERNEL_PORT_PROC_H */
