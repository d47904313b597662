/*
 * bigmsg.h: big messages, the kernel side of lab 5. A big message is an
 * ordinary 64-byte message whose last three words describe a region of
 * the sender's memory (lib/msg.h); the kernel delivers the region into
 * the receiver's receive window by copying it, sharing its frames
 * (read-only or writable), moving them, or sharing them copy-on-write.
 *
 *   region.c   read a region from a message; check it against the sender
 *   pages.c    the modes: capture a region into a list of pages, take
 *              the sender's side of it, install it in the receiver
 *   window.c   receive windows: where a region may land, and whether it
 *              fits
 *   bigmsg.c   a big message between two processes that meet
 *              (send/receive, request/respond, through a pid or a
 *              port): straight from one address space to the other
 *   bigpost.c  a big message posted: the kernel holds its pages until it
 *              is received, within the pinned-memory cap
 *
 * Every delivery is all or nothing: whatever can fail (the window, a
 * page table, a frame for a copy, the message buffer) is done or checked
 * before the first page is mapped, so a refused region leaves no page
 * half moved and no frame behind. Lab 5.
 */
#ifndef KERNEL_BIGMSG_H
#define KERNEL_BIGMSG_H

#include "ipc.h"
#include "mmu.h"

/* A region is at most BIG_MAX bytes; unaligned, it touches one page
 * more. */
#define BIG_MAX_PAGES (BIG_MAX / PAGE_SIZE + 1)

/* The pinned-memory cap (bigpost.c): pages that undelivered big posts
 * hold in the kernel, each post counting its region's pages and one
 * more for its list. At most PIN_QUOTA of them per sender, PIN_MAX for
 * all senders together. */
#define PIN_QUOTA 1024          /* 4 MiB: four 1 MiB posts in flight */
#define PIN_MAX   4096          /* 16 MiB */

/* A region as the sender describes it (w[BIG_ADDR..BIG_MODE]). */
struct region {
    uint32_t va, len, mode;
};

/* A region on its way: one entry per page, holding the page-table entry
 * the receiver will get (frame | PTE_ flags) and one reference to that
 * frame. Two more bits, never put in a page table, say what happens to
 * the sender's page once the message is accepted (pages_commit). */
#define PL_TAKE 0x400           /* move: the page leaves the sender */
#define PL_MARK 0x800           /* the sender's page becomes copy-on-write */
struct pagelist {
    int32_t sender;             /* pid */
    uint32_t va;                /* where the region is in the sender */
    uint32_t mode;
    uint32_t offset;            /* the first byte's offset in its page */
    uint32_t len;
    uint32_t npages;            /* entries filled */
    uint32_t pte[BIG_MAX_PAGES];
};
_Static_assert(sizeof(struct pagelist) <= PAGE_SIZE,
               "a held list fits in one frame");

/* region.c */
/* Read the region of big message m into *r: 0, or -EINVAL (no such mode,
 * length 0), -EMSGSIZE (longer than BIG_MAX), -EFAULT (not inside user
 * space, or wraps around). */
int region_of(const struct msg *m, struct region *r);
/* Pages the region touches. */
static inline uint32_t region_pages(const struct region *r)
{
    return ((r->va & ~PAGE_MASK) + r->len + PAGE_SIZE - 1) / PAGE_SIZE;
}
/* Can p send r? Every page present and user accessible (-EFAULT), and
 * for BIG_SHARE_RW writable or copy-on-write (-EACCES). */
int region_check(struct proc *p, const struct region *r);
/* bigmsg_check (declared in ipc.h): the check a sending call makes
 * before anything happens: if the message in its buffer is big,
 * region_of and region_check; 0 for a plain message. */

/* pages.c */
/* Capture r of 'from' into l: each page's entry for the receiver, with
 * its reference taken (and a copy made where the mode or a partial page
 * needs one). 'from' is not changed, except that a copy-on-write page it
 * shares may get its own frame (which no one can see). Returns 0, or
 * -EFAULT, -EACCES, -ENOMEM; on error l holds nothing. */
int pages_capture(struct proc *from, const struct region *r,
                  struct pagelist *l);
/* The message is accepted: the sender's side of a move (its pages go) and
 * of copy-on-write (its pages become copy-on-write). */
void pages_commit(struct proc *from, const struct pagelist *l);
/* Undo pages_commit's move: the pages go back to 'from' (a post that
 * failed). */
void pages_return(struct proc *from, const struct pagelist *l);
/* Map l's pages at 'at' in 'to' (page tables made, pages free, see
 * window_place); the list's references pass to to's page tables. */
void pages_install(struct proc *to, const struct pagelist *l, uint32_t at);
/* Drop the references of a list that will not be installed. */
void pages_release(struct pagelist *l);
/* Pages copied, and pages installed, for big messages so far. */
extern uint32_t big_copied, big_mapped;

/* window.c */
/* Where npages pages for 'to' land: 0 with *at = the window's start and
 * page tables made; -EMSGSIZE (no window, or too small), -ENOMEM.
 * Changes nothing else. */
int window_place(struct proc *to, uint32_t npages, uint32_t *at);
/* A region was delivered into p's window: the window is used up. */
void window_close(struct proc *p);
/* Does [va, va+len) overlap p's open window? */
int window_overlaps(const struct proc *p, uint32_t va, uint32_t len);

/* bigmsg.c: bigmsg_in and bigmsg_transfer, declared in ipc.h (lab 2's
 * and lab 4's transfers call them). */

/* bigpost.c */
int pin_charge(struct proc *me, uint32_t pages);
void pin_uncharge(int32_t sender, uint32_t pages);
uint32_t pin_total(void);
/* sys_post, for a big message m: capture its region into a list that the
 * kernel holds, charged to the sender, and take the sender's side
 * (pages_commit) at once; the list is me->ipc.big.posting until the post
 * is done. 0 (also for a plain message), or region_of's and
 * pages_capture's errors, -EDQUOT, -ENOBUFS, -ENOMEM. */
int bigpost_hold(struct proc *me, const struct msg *m);
/* The post ended: on failure the sender gets its pages back and the hold
 * is dropped; on success the box (or the receiver) has the list. */
void bigpost_done(struct proc *me, int result);
/* post_hand (port_hand: through port, else 0) for a big message of the
 * running process: into dst's window and parked buffer, dst woken with
 * the sender's pid (with the port's number). 0, or window_place's error
 * or -EFAULT (nothing done). */
int bigpost_hand(struct proc *dst, const struct msg *m, int32_t port);
/* The running process's big post was just queued as pm (in a post box or
 * at a port): the list goes with it. If the receiver dst was waiting and
 * its window did not fit ('err' < 0), it wakes with that error. */
struct pmsg;
void bigpost_queued(struct pmsg *pm, struct proc *dst, int err);
/* post_receive and a port's receive, for queued message pm with held
 * pages: into me's window, then the message into me's buffer b, traced
 * as delivered through port (0: a post box). 0, or window_place's error
 * or -EFAULT, and pm stays queued. */
int bigpost_deliver(struct proc *me, struct pmsg *pm, const struct buf *b,
                    int32_t port);
/* A held list whose message will never be received (its receiver
 * exited): the pages are freed, the charge given back. */
void bigpost_release(struct pagelist *l);

#endif /* KERNEL_BIGMSG_H */
