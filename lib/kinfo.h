/*
 * kinfo.h: what the kinfo system call can report, and the exit statuses
 * the kernel gives processes it ends. Shared by the kernel and user space.
 */
#ifndef LIB_KINFO_H
#define LIB_KINFO_H

/* kinfo(what): each returns a non-negative number, or -EINVAL. */
#define KINFO_FRAMES_FREE   1   /* physical frames free */
#define KINFO_FRAMES_USED   2   /* physical frames allocated */
#define KINFO_MEM_KIB       3   /* usable RAM from the memory map, KiB */
#define KINFO_HZ            4   /* timer ticks per second */
#define KINFO_SEED          5   /* the seed= of the command line */
#define KINFO_MSGS          6   /* messages held by the kernel */
#define KINFO_NPROCS        7   /* processes alive */
#define KINFO_STAGE         8   /* the stage (LAB) this kernel was built as */
#define KINFO_MSGS_PEAK     9   /* most messages ever held at once (lab 3) */
#define KINFO_MSGS_POOL    10   /* the bound on messages held (lab 3) */
#define KINFO_PORTS        11   /* ports and port sets alive (lab 4) */
#define KINFO_MBOXES       12   /* mailboxes alive (lab 4) */
#define KINFO_PORT_LIMIT   13   /* ports and sets one process may own */
#define KINFO_MBOX_LIMIT   14   /* mailboxes one process may hold open */
#define KINFO_PORT_TABLE   15   /* ports and sets the kernel can hold */
#define KINFO_MBOX_TABLE   16   /* mailboxes the kernel can hold */
/* Lab 5: big messages and the memory behind them. */
#define KINFO_PINNED       20   /* pages held in undelivered big posts */
#define KINFO_PIN_QUOTA    21   /* of which one sender may hold at most */
#define KINFO_PIN_MAX      22   /* the bound on all of them together */
#define KINFO_PINNED_MINE  23   /* pages the caller holds pinned */
#define KINFO_COW_FAULTS   24   /* copy-on-write faults resolved */
#define KINFO_COW_COPIES   25   /* of which copied a page (the others were
                                   the last holder: no copy needed) */
#define KINFO_BIG_COPIED   26   /* pages the kernel copied to deliver big
                                   messages (copy mode, partial pages, ...) */
#define KINFO_BIG_MAPPED   27   /* pages big messages put in windows */

/* Exit statuses the kernel sets when it ends a process. */
#define STATUS_KILLED       (-9)         /* by kill() */
#define STATUS_FAULT(trap)  (-100 - (trap))  /* by a fault, e.g. -114 */

#endif /* LIB_KINFO_H */
