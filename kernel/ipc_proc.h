/*
 * ipc_proc.h: what each process holds for message passing (lab 2): the
 * queue of senders blocked on it, its own place in someone else's queue,
 * and, while it waits, whom it waits for and where its message buffer is.
 * Lab 2.
 */
#ifndef KERNEL_IPC_PROC_H
#define KERNEL_IPC_PROC_H

#include <stdint.h>

struct proc;

struct ipc_proc {
    /* Senders blocked on this process, oldest first. */
    struct proc *senders_head, *senders_tail;
    /* This process's place in a receiver's queue of senders. */
    struct proc *queued_on;         /* whose queue; NULL when in none */
    struct proc *next_sender;
    /* While blocked: the partner waited for (the receiver of a send, the
     * one sender of a receive, NULL for a receive from ANY, the server of
     * a request) and the user address of the message buffer. */
    struct proc *partner;
    uint32_t buf;
    int is_request;                 /* after delivery, wait for the reply */
};

#endif /* KERNEL_IPC_PROC_H */
