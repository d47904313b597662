/*
 * port.c: the port table and a port's life: create, grant and revoke the
 * right to send, destroy, and what happens to everyone waiting at a port
 * when it dies. Lab 4.
 *
 * Ports and port sets share one table of PORT_MAX entries, named by
 * numbers with a generation (handle.h). A port dies when its owner
 * destroys it or exits. At that moment every process blocked at it wakes
 * with -EIDRM: senders and requesters still queued, posters waiting for
 * room. The messages posted to it go back to the pool, and its number
 * dies for good. A client whose request the owner had already taken is
 * not blocked at the port any more but on the owner (lab 2's B_REPLY):
 * the owner may still respond, and if it exits first the client gets
 * lab 2's -EPIPE.
 */
#include "port.h"
#include "sched.h"
#include "syscall.h"

struct port port_table[PORT_MAX];
static int alive;

int port_count(void)
{
    return alive;
}

/* The lowest free slot whose generation is not used up, or NULL. */
static struct port *slot_alloc(void)
{
    for (int i = 0; i < PORT_MAX; i++) {
        struct port *p = &port_table[i];
        if (p->kind == PORT_FREE && p->gen <= HANDLE_GEN_LAST) {
            uint32_t gen = p->gen ? p->gen : 1;
            memset(p, 0, sizeof(*p));
            p->gen = gen;
            p->id = handle_make(gen, i);
            alive++;
            return p;
        }
    }
    return NULL;
}

/* The slot is free again, and its number dead: the next object in the
 * slot gets the next generation. */
static void slot_free(struct port *p)
{
    uint32_t gen = p->gen + 1;
    memset(p, 0, sizeof(*p));
    p->gen = gen;
    alive--;
}

/*
 * port_may_send: may process pid send to port p? Yes if p is open, or if
 * pid is among its grants.
 */
int port_may_send(const struct port *p, int32_t pid)
{
#ifdef SOL_LAB4
    if (p->open)
        return 1;
    for (int i = 0; i < p->ngrants; i++)
        if (p->grants[i] == pid)
            return 1;
    return 0;
#else
    /* LAB 4: your code here. */
    (void)p; (void)pid;
    return 0;
#endif
}

struct proc *port_sole_sender(const struct port *p)
{
    if (p->kind != PORT_PORT || p->open || p->ngrants != 1)
        return NULL;
    return proc_find(p->grants[0]);
}

/*
 * port_purge: after the owner took the right to send away from some
 * process, nothing of that process may reach it: its posted messages
 * still queued at p are dropped (back to the pool), and its senders and
 * posters blocked at p wake with -EACCES. Processes still allowed are
 * not touched.
 */
static void port_purge(struct port *p)
{
#ifdef SOL_LAB4
    struct pmsg *pm = p->q.msgs;
    int freed = 0;
    while (pm) {
        struct pmsg *next = pm->next;
        if (!port_may_send(p, pm->m.sender)) {
            ipc_trace_obj("drop", pm->m.sender, p->owner->pid, "port", p->id,
                          &pm->m, 0, -EACCES);
            portq_remove_msg(pm);
            share_give(pm);
            freed = 1;
        }
        pm = next;
    }
    struct proc *s = p->q.senders;
    while (s) {
        struct proc *next = s->ipc.port.next;
        if (!port_may_send(p, s->pid)) {
            portq_remove_sender(s);
            proc_wake(s, -EACCES);      /* the sender traces its error */
        }
        s = next;
    }
    s = p->room;
    while (s) {
        struct proc *next = s->ipc.port.room_next;
        if (!port_may_send(p, s->pid)) {
            port_room_remove(s);
            proc_wake(s, -EACCES);
        }
        s = next;
    }
    if (freed)
        port_wake_room(p);
#else
    /* LAB 4: your code here. */
    (void)p;
#endif
}

/*
 * port_evict: port p is dying: nobody may stay blocked at it, and what it
 * holds goes back. Its posted messages are freed; the senders queued at
 * it and the posters waiting for room wake with -EIDRM (each traces its
 * own error when it runs).
 */
static void port_evict(struct port *p)
{
#ifdef SOL_LAB4
    while (p->q.msgs) {
        struct pmsg *pm = p->q.msgs;
        portq_remove_msg(pm);
        share_give(pm);
    }
    while (p->q.senders) {
        struct proc *s = p->q.senders;
        portq_remove_sender(s);
        proc_wake(s, -EIDRM);
    }
    while (p->room) {
        struct proc *s = p->room;
        port_room_remove(s);
        proc_wake(s, -EIDRM);
    }
#else
    /* LAB 4: your code here. */
    (void)p;
#endif
}

void port_kill(struct port *p)
{
    if (p->kind == PORT_SETKIND) {
        for (int i = 0; i < PORT_MAX && p->members; i++)
            if (port_table[i].set == p)
                portq_leave(&port_table[i]);
    } else {
        portq_leave(p);
        port_evict(p);
    }
    ipc_trace_obj("port-gone", p->owner->pid, 0, "port", p->id, NULL, 0, 0);
    p->owner->ipc.port.owned--;
    slot_free(p);
}

/* The port or set 'id' for its owner's call: -EBADF if there is no such
 * port, -EPERM if the caller does not own it. */
static int owned_by(struct proc *me, int32_t id, struct port **out)
{
    *out = port_find(id);
    if (!*out)
        return -EBADF;
    return (*out)->owner == me ? 0 : -EPERM;
}

/*
 * port_create(flags): a new port owned by the caller, closed to every
 * sender (PORT_OPEN: open to all), or with PORT_SET a new port set.
 * Returns its number, or: -EINVAL (unknown flags, or PORT_OPEN with
 * PORT_SET), -EMFILE (the caller owns PORT_PER_PROC already), -ENOSPC
 * (the table is full). Never blocks.
 */
int32_t sys_port_create(int32_t flags)
{
    struct proc *me = proc_current();
    if ((flags & ~(PORT_OPEN | PORT_SET)) ||
        flags == (PORT_OPEN | PORT_SET))
        return -EINVAL;
    if (me->ipc.port.owned >= PORT_PER_PROC)
        return -EMFILE;
    struct port *p = slot_alloc();
    if (!p)
        return -ENOSPC;
    p->kind = flags & PORT_SET ? PORT_SETKIND : PORT_PORT;
    p->owner = me;
    p->open = (flags & PORT_OPEN) != 0;
    me->ipc.port.owned++;
    ipc_trace_obj("port-new", me->pid, 0, "port", p->id, NULL, flags, 0);
    return p->id;
}

/*
 * port_destroy(port): destroy a port or port set the caller owns. Every
 * process blocked at a port wakes with -EIDRM; its queued messages are
 * freed; its number is dead from now on. A set's ports leave it (their
 * messages stay with them). Returns 0, -EBADF (no such port, or a dead
 * one), -EPERM (not the owner). Never blocks.
 */
int32_t sys_port_destroy(int32_t id)
{
    struct port *p;
    int r = owned_by(proc_current(), id, &p);
    if (r < 0)
        return r;
    port_kill(p);
    return 0;
}

/* The port for grant and revoke: a port (not a set) the caller owns. */
static int grant_target(struct proc *me, int32_t id, struct port **p)
{
    int r = owned_by(me, id, p);
    if (r == 0 && (*p)->kind != PORT_PORT)
        r = -EINVAL;
    return r;
}

/*
 * port_grant(port, pid): let process pid send to the caller's port; with
 * pid = ANY, open the port to every process. Granting twice is no error.
 * Returns 0, or: -EBADF, -EPERM (not the owner), -EINVAL (a port set),
 * -ELOOP (pid is the caller), -ESRCH (no such process), -ENOSPC
 * (PORT_GRANTS pids already). Never blocks.
 */
int32_t sys_port_grant(int32_t id, int32_t pid)
{
    struct proc *me = proc_current();
    struct port *p;
    int r = grant_target(me, id, &p);
    if (r < 0)
        return r;
    if (pid == ANY) {
        p->open = 1;
    } else if (pid == me->pid) {
        return -ELOOP;
    } else if (!proc_find(pid)) {
        return -ESRCH;
    } else {
        for (int i = 0; i < p->ngrants; i++)
            if (p->grants[i] == pid)
                return 0;
        if (p->ngrants == PORT_GRANTS)
            return -ENOSPC;
        p->grants[p->ngrants++] = pid;
    }
    ipc_trace_obj("grant", me->pid, pid == ANY ? 0 : pid, "port", p->id,
                  NULL, 0, 0);
    return 0;
}

/*
 * port_revoke(port, pid): take back pid's right to send (pid = ANY: close
 * the port, so that only granted pids may send). From then on nothing of
 * a process that may no longer send reaches the owner: its messages
 * still queued at the port are dropped, and if it is blocked sending or
 * waiting for room at the port it wakes with -EACCES. Returns 0, or:
 * -EBADF, -EPERM, -EINVAL (a port set), -ENOENT (pid was not granted, or
 * the port was not open). Never blocks.
 */
int32_t sys_port_revoke(int32_t id, int32_t pid)
{
    struct proc *me = proc_current();
    struct port *p;
    int r = grant_target(me, id, &p);
    if (r < 0)
        return r;
    if (pid == ANY) {
        if (!p->open)
            return -ENOENT;
        p->open = 0;
    } else {
        int i = 0;
        while (i < p->ngrants && p->grants[i] != pid)
            i++;
        if (i == p->ngrants)
            return -ENOENT;
        p->grants[i] = p->grants[--p->ngrants];
    }
    ipc_trace_obj("revoke", me->pid, pid == ANY ? 0 : pid, "port", p->id,
                  NULL, 0, 0);
    port_purge(p);
    return 0;
}

/* The port or set 'set' for port_join: a set the caller owns. */
static int set_target(struct proc *me, int32_t id, struct port **s)
{
    int r = owned_by(me, id, s);
    if (r == 0 && (*s)->kind != PORT_SETKIND)
        r = -EINVAL;
    return r;
}

/*
 * port_join(port, set): put the caller's port into its port set, with
 * the messages and senders already waiting there; set = 0 takes it out
 * of whatever set it is in (no error if none). A port is in one set at
 * most, and a port in a set is received on through the set. Returns 0,
 * or: -EBADF (either number), -EPERM (the caller owns not both), -EINVAL
 * (port is a set, or set is a port), -EBUSY (port is in another set
 * already). Never blocks.
 */
int32_t sys_port_join(int32_t id, int32_t set)
{
    struct proc *me = proc_current();
    struct port *p, *s = NULL;
    int r = grant_target(me, id, &p);
    if (r < 0 || (set != 0 && (r = set_target(me, set, &s)) < 0))
        return r;
    if (s && p->set == s)
        return 0;
    if (s && p->set)
        return -EBUSY;
    if (s)
        portq_join(p, s);
    else
        portq_leave(p);
    ipc_trace_obj("join", me->pid, 0, "port", p->id, NULL, s ? s->id : 0, 0);
    return 0;
}

void port_exit(struct proc *p)
{
    portq_remove_sender(p);
    port_room_remove(p);
    for (int i = 0; i < PORT_MAX && p->ipc.port.owned; i++)
        if (port_table[i].kind != PORT_FREE && port_table[i].owner == p)
            port_kill(&port_table[i]);
}
