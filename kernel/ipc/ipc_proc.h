/*
 * ipc_proc.h: what each process holds for message passing (lab 2): the
 * queue of senders blocked on it, its own place in someone else's queue,
 * and, while it waits, whom it waits for and where its message buffer is.
 * Lab 2.
 */
#ifndef KERNEL_IPC_PROC_H
#define KERNEL_IPC_PROC_H

#include <stdint.h>
#if LAB >= 3
#include "post_proc.h"
#endif
#if LAB >= 4
#include "port_proc.h"
#endif
#if LAB >= 5
#include "big_proc.h"
#endif

struct proc;
struct msg;

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
    struct msg *kbuf;               /* the same buffer as a kernel address,
                                       or NULL if it spans two pages */
    int is_request;                 /* after delivery, wait for the reply */
    /* The fast path's memory of the last message buffer it checked: user
     * address, kernel address, and vm_generation when it was checked. */
    uint32_t cache_va, cache_gen;
    struct msg *cache_k;
#if LAB >= 3
    uint32_t stamp;                 /* arrival order of a queued sender */
    struct post_proc post;          /* post box and notifications */
#endif
#if LAB >= 4
    struct port_proc port;          /* ports and mailboxes */
#endif
#if LAB >= 5
    struct big_proc big;            /* receive window, pinned pages */
#endif
};

#endif /* KERNEL_IPC_PROC_H */
