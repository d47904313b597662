/*
 * big_proc.h: what each process holds for big messages (lab 5): its
 * receive window, the big post it is making, and the pages its
 * undelivered big posts pin in the kernel. Lab 5.
 */
#ifndef KERNEL_BIG_PROC_H
#define KERNEL_BIG_PROC_H

#include <stdint.h>

struct pagelist;

struct big_proc {
    /* The receive window: where the next region delivered to this
     * process lands (window.c). win_len 0: no window. */
    uint32_t win_va, win_len;
    /* Pages this process's undelivered big posts hold, charged against
     * its quota (bigpost.c). It lives in the process, so it is counted
     * per pid: a new process never inherits a dead one's charge. */
    uint32_t pinned;
    /* While a post of a big message is in progress: its held pages. */
    struct pagelist *posting;
};

#endif /* KERNEL_BIG_PROC_H */
