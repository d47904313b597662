/*
 * post_proc.h: what each process holds for asynchronous messages (lab 3):
 * its post box, a FIFO of messages copied into kernel memory and not yet
 * received; how many of its own messages wait in boxes, for the sender's
 * share of the pool; the notifications pending for it, one bit and one
 * count per notifier; and the message the fault injector holds back to
 * deliver out of order. Lab 3.
 */
#ifndef KERNEL_POST_PROC_H
#define KERNEL_POST_PROC_H

#include <stdint.h>

#define POST_SENDERS 128        /* = NPROC: senders are counted by slot */

struct pmsg;
struct proc;

struct post_proc {
    struct pmsg *head, *tail;   /* the box, oldest first */
    int count;                  /* messages in the box */
    /* The quota: from[s] of the messages in the box are from process
     * from_pid[s], the last process in slot s to post here (a dead
     * sender's count is dropped when a new process in its slot posts). */
    int32_t from_pid[POST_SENDERS];
    uint8_t from[POST_SENDERS];
    int queued;                 /* messages this process posted that wait
                                   in boxes, all boxes together (from lab
                                   4 on, at ports and in mailboxes too) */
    struct proc *room_head;     /* senders blocked for room in this box,
                                   linked through their room_next */
    struct proc *room_on;       /* whose box we wait for room in */
    struct proc *room_next;
    struct pmsg *held;          /* a datagram held back (lossy.c) */
    /* Notifications: bit s of bits is set while the process in slot s
     * has notified us and we have not received it; n[s] counts them. A
     * notifier's bits are cleared when it exits (notify_exit), so a new
     * process in its slot never inherits them. */
    uint32_t bits[POST_SENDERS / 32];
    uint16_t n[POST_SENDERS];
    int pending;                /* bits set */
    int notify_next;            /* where the next scan for a bit starts */
};

#endif /* KERNEL_POST_PROC_H */
