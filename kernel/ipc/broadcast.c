/*
 * broadcast.c: broadcast mailboxes: every subscriber gets its own copy of
 * each message, and a slow subscriber costs the others nothing. Lab 4.
 *
 * Each subscriber (a holder with MBOX_RECV) has its own queue of copies,
 * in its mbox_hold. A copy goes straight into the buffer of a subscriber
 * already waiting in mbox_receive; otherwise into its queue, which holds
 * MBOX_SUB_SLOTS copies, at most MBOX_SUB_QUOTA of them from one sender.
 *
 * The slow-subscriber policy: the sender never waits, and a copy that does
 * not fit pushes an older one out of that subscriber's queue (and only
 * that one's): the oldest copy of the same sender if the sender is at its
 * share of the queue, else the oldest copy in the queue. The subscriber's
 * lost count goes up, and its next receive returns a MSG_LOST message
 * (sender 0, w[0] = the count) before any copy. So one slow subscriber
 * loses messages, the others lose nothing, the sender is never held up,
 * and the kernel holds at most MBOX_SUB_SLOTS copies per subscriber; a
 * spamming sender can push out its own copies, and fill at most its share
 * of anyone's queue.
 *
 * Each copy in a queue is a message of the pool, counted against its
 * sender's share as a post is (share.c): a broadcast to n subscribers
 * costs the sender n of its POST_SENDER_MAX until they are received or
 * pushed out. A broadcast is all or nothing: if the copies do not fit in
 * the sender's share or in the pool, nobody gets one (-ENOBUFS).
 */
#include "mbox.h"
#include "sched.h"

/* Unlink pm (after prev, or first) from a subscriber's queue. */
static void sub_unlink(struct mbox_hold *h, struct pmsg *prev,
                       struct pmsg *pm)
{
    if (prev)
        prev->next = pm->next;
    else
        h->head = pm->next;
    if (h->tail == pm)
        h->tail = prev;
    h->count--;
}

/*
 * sub_victim: the copy that a new copy from 'sender' pushes out of
 * subscriber h's queue: the sender's oldest there if it has
 * MBOX_SUB_QUOTA of them, else the oldest in the queue if the queue is
 * full; NULL when the new copy fits. *prev is set to the copy before it
 * (NULL for the first).
 */
static struct pmsg *sub_victim(struct mbox_hold *h, int32_t sender,
                               struct pmsg **prev)
{
#ifdef SOL_LAB4
    *prev = NULL;
    if (mbox_count_from(h->head, sender) >= MBOX_SUB_QUOTA) {
        struct pmsg *pm = h->head;
        while (pm->m.sender != sender) {
            *prev = pm;
            pm = pm->next;
        }
        return pm;
    }
    return h->count >= MBOX_SUB_SLOTS ? h->head : NULL;
#else
    /* LAB 4: your code here. */
    (void)h; (void)sender; (void)prev;
    return NULL;
#endif
}

/* Is subscriber h of mb waiting in mbox_receive? Then its process. */
static struct proc *sub_waiting(struct mbox *mb, const struct mbox_hold *h)
{
    struct proc *p = proc_find(h->pid);
    return p && mbox_receiving(p, mb) ? p : NULL;
}

/*
 * broadcast_put: put a copy of m into subscriber h's queue at mb,
 * following the slow-subscriber policy (sub_victim): a copy pushed out is
 * counted in h->lost, traced as "lost", and given back (share_give). The
 * new copy takes an entry with share_take, counted against m's sender's
 * share (the caller made sure that the share and the pool have room for
 * every copy).
 */
static void broadcast_put(struct mbox *mb, struct mbox_hold *h,
                          const struct msg *m)
{
#ifdef SOL_LAB4
    struct pmsg *prev, *pm = sub_victim(h, m->sender, &prev);
    if (pm) {
        ipc_trace_obj("lost", pm->m.sender, h->pid, "mbox", mb->id, &pm->m,
                      0, 0);
        sub_unlink(h, prev, pm);
        h->lost++;
        share_give(pm);
    }
    if (!(pm = share_take(m->sender))) {
        h->lost++;                  /* cannot happen: counted before */
        return;
    }
    msg_copy(&pm->m, m);
    pm->next = NULL;
    if (h->tail)
        h->tail->next = pm;
    else
        h->head = pm;
    h->tail = pm;
    h->count++;
#else
    /* LAB 4: your code here. */
    (void)mb; (void)h; (void)m; (void)sub_unlink;
#endif
}

/* What the copies of a broadcast from 'sender' need: *entries, new pool
 * entries (a copy that pushes none out), and *share, more of the
 * sender's share (a copy that does not push out one of its own). */
static void broadcast_needs(struct mbox *mb, int32_t sender, int *entries,
                            int *share)
{
    *entries = *share = 0;
    for (int i = 0; i < MBOX_HOLDERS; i++) {
        struct mbox_hold *h = &mb->hold[i];
        struct pmsg *prev, *victim;
        if (!h->pid || !(h->mode & MBOX_RECV) || sub_waiting(mb, h))
            continue;
        victim = sub_victim(h, sender, &prev);
        *entries += victim == NULL;
        *share += victim == NULL || victim->m.sender != sender;
    }
}

int broadcast_send(struct mbox *mb, const struct msg *m)
{
    int entries, share;
    broadcast_needs(mb, m->sender, &entries, &share);
    if (entries > msgpool_free_count() || share > share_left(m->sender))
        return -ENOBUFS;
    for (int i = 0; i < MBOX_HOLDERS; i++) {
        struct mbox_hold *h = &mb->hold[i];
        if (!h->pid || !(h->mode & MBOX_RECV))
            continue;
        struct proc *p = sub_waiting(mb, h);
        if (p) {
            mbox_wait_remove(p);
            mbox_hand(p, m, mb);
        } else {
            broadcast_put(mb, h, m);
        }
    }
    return 0;
}

int broadcast_take(struct proc *me, struct mbox *mb, struct mbox_hold *h,
                   const struct buf *b)
{
    if (h->lost) {
        struct msg report = { .sender = 0, .code = MSG_LOST,
                              .w = { h->lost } };
        if (buf_put(me, b, &report) < 0)
            return -EFAULT;
        ipc_trace_obj("lost-report", me->pid, 0, "mbox", mb->id, &report, 0,
                      0);
        h->lost = 0;
        return 0;
    }
    struct pmsg *pm = h->head;
    if (!pm)
        return -EAGAIN;
    if (buf_put(me, b, &pm->m) < 0)
        return -EFAULT;
    int32_t sender = pm->m.sender;
    ipc_trace_obj("deliver", sender, me->pid, "mbox", mb->id, &pm->m, 0, 0);
    sub_unlink(h, NULL, pm);
    share_give(pm);
    return sender;
}

void broadcast_drop(struct mbox_hold *h)
{
    while (h->head) {
        struct pmsg *pm = h->head;
        sub_unlink(h, NULL, pm);
        share_give(pm);
    }
    h->lost = 0;
}
