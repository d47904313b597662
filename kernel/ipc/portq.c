/*
 * portq.c: what waits at a port, and at a port set, in arrival order.
 * Lab 4, provided.
 *
 * A port keeps two lists, oldest first: the messages posted to it and the
 * senders blocked in a send or request to it. Every entry is stamped from
 * lab 3's arrival counter when it joins, so the oldest thing at the port
 * is the older of the two heads.
 *
 * A port in a set is also linked into the set's two lists, through second
 * links (set_next), in the same arrival order. The oldest thing among all
 * the set's ports is then the older of the set's two heads: a receive on
 * a set of 64 ports looks at two pointers, as one on a single port does.
 * The oldest entry of the set is always the oldest of its own port too,
 * so taking it unlinks the head of both lists. Only the rare moves cost
 * more: a port joining a set merges its lists into the set's, leaving
 * takes them out again, and an entry that leaves from the middle (a
 * sender that gave up, a revoked sender's messages) is searched for.
 */
#include "port.h"

/* A queued sender whose wait is over (timeout, kill) but who has not run
 * yet to unlink itself. */
static int stale(const struct proc *s)
{
    return s->state != P_BLOCKED || s->blocked_on != B_PORT_SEND;
}

static struct pmsg **msg_link(struct pmsg *pm, int in_set)
{
    return in_set ? &pm->set_next : &pm->next;
}

static struct proc **sender_link(struct proc *s, int in_set)
{
    return in_set ? &s->ipc.port.set_next : &s->ipc.port.next;
}

static void append_msg(struct portq *q, struct pmsg *pm, int in_set)
{
    *msg_link(pm, in_set) = NULL;
    if (q->msgs_tail)
        *msg_link(q->msgs_tail, in_set) = pm;
    else
        q->msgs = pm;
    q->msgs_tail = pm;
}

static void append_sender(struct portq *q, struct proc *s, int in_set)
{
    *sender_link(s, in_set) = NULL;
    if (q->senders_tail)
        *sender_link(q->senders_tail, in_set) = s;
    else
        q->senders = s;
    q->senders_tail = s;
}

static void unlink_msg(struct portq *q, struct pmsg *pm, int in_set)
{
    struct pmsg *prev = NULL;
    for (struct pmsg **at = &q->msgs; *at; at = msg_link(*at, in_set)) {
        if (*at == pm) {
            *at = *msg_link(pm, in_set);
            if (q->msgs_tail == pm)
                q->msgs_tail = prev;
            *msg_link(pm, in_set) = NULL;
            return;
        }
        prev = *at;
    }
}

static void unlink_sender(struct portq *q, struct proc *s, int in_set)
{
    struct proc *prev = NULL;
    for (struct proc **at = &q->senders; *at; at = sender_link(*at, in_set)) {
        if (*at == s) {
            *at = *sender_link(s, in_set);
            if (q->senders_tail == s)
                q->senders_tail = prev;
            *sender_link(s, in_set) = NULL;
            return;
        }
        prev = *at;
    }
}

void portq_add_msg(struct port *p, struct pmsg *pm)
{
    pm->stamp = ipc_clock_next();
    pm->port = p;
    append_msg(&p->q, pm, 0);
    if (p->set)
        append_msg(&p->set->q, pm, 1);
    p->count++;
}

void portq_add_sender(struct port *p, struct proc *s)
{
    assert(s->ipc.port.queued == NULL);
    s->ipc.stamp = ipc_clock_next();
    s->ipc.port.queued = p;
    append_sender(&p->q, s, 0);
    if (p->set)
        append_sender(&p->set->q, s, 1);
}

void portq_remove_msg(struct pmsg *pm)
{
    struct port *p = pm->port;
    unlink_msg(&p->q, pm, 0);
    if (p->set)
        unlink_msg(&p->set->q, pm, 1);
    p->count--;
    pm->port = NULL;
}

void portq_remove_sender(struct proc *s)
{
    struct port *p = s->ipc.port.queued;
    if (!p)
        return;
    unlink_sender(&p->q, s, 0);
    if (p->set)
        unlink_sender(&p->set->q, s, 1);
    s->ipc.port.queued = NULL;
}

int portq_oldest(struct port *where, struct pmsg **pm, struct proc **s)
{
    while (where->q.senders && stale(where->q.senders))
        portq_remove_sender(where->q.senders);
    *pm = where->q.msgs;
    *s = where->q.senders;
    if (*pm && *s && (int32_t)((*s)->ipc.stamp - (*pm)->stamp) < 0)
        *pm = NULL;                 /* the sender came first */
    else if (*pm)
        *s = NULL;
    return *pm || *s;
}

int portq_empty(const struct port *where)
{
    return !where->q.msgs && !where->q.senders;
}

int portq_count_from(const struct port *p, int32_t pid)
{
    int n = 0;
    for (const struct pmsg *pm = p->q.msgs; pm; pm = pm->next)
        n += pm->m.sender == pid;
    return n;
}

/* Is a older than b in arrival order? */
static int before(uint32_t a, uint32_t b)
{
    return (int32_t)(a - b) < 0;
}

void portq_join(struct port *p, struct port *s)
{
    struct portq merged = { 0 };
    struct pmsg *a = s->q.msgs, *b = p->q.msgs;
    while (a || b) {
        int take_a = a && (!b || before(a->stamp, b->stamp));
        struct pmsg *next = take_a ? a : b;
        if (take_a)
            a = a->set_next;
        else
            b = b->next;
        append_msg(&merged, next, 1);
    }
    struct proc *x = s->q.senders, *y = p->q.senders;
    while (x || y) {
        int take_x = x && (!y || before(x->ipc.stamp, y->ipc.stamp));
        struct proc *next = take_x ? x : y;
        if (take_x)
            x = x->ipc.port.set_next;
        else
            y = y->ipc.port.next;
        append_sender(&merged, next, 1);
    }
    s->q = merged;
    p->set = s;
    s->members++;
}

void portq_leave(struct port *p)
{
    struct port *s = p->set;
    if (!s)
        return;
    struct portq kept = { 0 };
    struct pmsg *pm = s->q.msgs;
    while (pm) {
        struct pmsg *next = pm->set_next;
        if (pm->port != p)
            append_msg(&kept, pm, 1);
        else
            pm->set_next = NULL;
        pm = next;
    }
    struct proc *q = s->q.senders;
    while (q) {
        struct proc *next = q->ipc.port.set_next;
        if (q->ipc.port.queued != p)
            append_sender(&kept, q, 1);
        else
            q->ipc.port.set_next = NULL;
        q = next;
    }
    s->q = kept;
    p->set = NULL;
    s->members--;
}
