/*
 * ports.h: the constants of lab 4's calls: ports, port sets and
 * mailboxes. Shared by the kernel and user space. Lab 4.
 *
 * A port, a port set and a mailbox are each named by a number the kernel
 * hands out when it creates them. A number holds the object's table slot
 * and a generation count: once the object is gone its number is dead for
 * good, even when a new object takes the same slot (the call fails with
 * -EBADF), so a stale number can never reach somebody else's object.
 */
#ifndef LIB_PORTS_H
#define LIB_PORTS_H

/* port_create(flags) */
#define PORT_OPEN       1       /* any process may send (else: only those
                                   the owner grants) */
#define PORT_SET        2       /* create a port set, not a port */

/* mbox_create(flags) and mbox_open(mbox, mode): how the caller holds it */
#define MBOX_SEND       1       /* may send to it */
#define MBOX_RECV       2       /* may receive from it (a broadcast
                                   mailbox: subscribes) */
/* mbox_create(flags): the order of its messages (FIFO when neither) */
#define MBOX_PRIO       4       /* highest priority first, FIFO among equal */
#define MBOX_BROADCAST  8       /* every subscriber gets its own copy */

#define MBOX_PRIO_MAX   255     /* priorities are 0..255 */

/* The code of the message a broadcast subscriber receives instead of the
 * copies it lost (its queue was full): sender 0, w[0] = how many were
 * dropped. Reserved: mbox_send refuses a message with this code. */
#define MSG_LOST        (-2)

#endif /* LIB_PORTS_H */
