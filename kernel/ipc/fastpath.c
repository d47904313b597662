/*
 * fastpath.c: the message-passing fast path: the usual cases of the
 * message-passing calls as straight-line code, entered from the system
 * call vector before the general dispatch (vectors.asm sends each call
 * listed in fast_calls here first). Lab 2 (the cases of labs 3, 4 and 5
 * come with them), provided in the reference only: a student's kit has
 * none, and every call takes the student's own general path.
 *
 * Built with -O2 while the rest of the kernel is -Og (Makefile): gdb
 * still has its symbols and lines, but some of its locals are optimised
 * out. Break on the general path's functions to follow a call in gdb, or
 * boot with fastpath=0 (below).
 *
 * When it applies (all of these, else the general path runs the call):
 *   - fastpath=0 is not on the kernel command line, nor trace=1 (a trace
 *     shows every event, so every call takes the general path);
 *   - the caller has not been killed, the timeout is -1 or more, and its
 *     message buffer is 64 writable bytes in one page (the address of the
 *     last one it used is remembered until an address space dies);
 *   - and the call is one of these cases:
 *     send(dst)          dst waits in receive for us: copy, wake dst, and
 *                        return; or dst is runnable (it cannot be waiting
 *                        for anyone: no deadlock), the timeout is not 0
 *                        and the process woken last can run: queue on dst
 *                        and switch to that process.
 *     receive(ANY)       nothing posted or notified (lab 3): the oldest
 *                        queued sender, if it is still blocked in its
 *                        send, is taken; with none, a timeout other than
 *                        0 and the process woken last runnable: block and
 *                        switch to it. Lab 3: messages in the post box and
 *                        no queued sender: the oldest message is taken.
 *     request(dst)       dst waits in receive for us: copy, wake dst,
 *                        block for its reply, switch to dst.
 *     respond_receive(dst, ANY)  dst waits for our reply, the timeout is
 *                        not 0, and nothing waits for us (no sender, no
 *                        post): copy, wake dst, block in receive, switch.
 *     post(dst)          (lab 3) dst waits in a receive a post satisfies:
 *                        copy, wake dst; or dst's post box has room for
 *                        it under the spam rule and the pool has memory:
 *                        into the box, as postbox_put does.
 *     port_request(port) (lab 4) an open port (or one we may send to)
 *                        whose owner waits on it or on its set: as
 *                        request.
 *     port_respond_receive(dst, port)  (lab 4) dst waits for our reply,
 *                        and nothing waits at the port, which is ours, in
 *                        no set, and not private: as respond_receive.
 * From lab 5 on, a big message (one that carries a region) is never
 * taken: not sent, nor taken from a queued sender or the post box.
 * Every other case, every error, and every call not listed goes to
 * trap(), the general path, with the trapframe untouched. A case here
 * does exactly what the general path would do (same results, same
 * order of delivery, same process run next), only faster: nothing here
 * is needed for correctness, and make test runs every stage's IPC tests
 * with fastpath=0 as well.
 */
#include "kernel.h"
#include "fastpath.h"
#include "kinfo.h"
#include "proc.h"
#include "sched.h"
#include "syscall.h"
#include "trap.h"

/* The fast path relies on the reference's general path of every lab of
 * the stage (its queues, wake-ups, parked buffers and post boxes): each
 * lab's cases are reference code of that lab, and the fast path runs only
 * on a stage whose every lab has its cases here. In a student's kit for
 * lab N, the cases of lab N and later are cut out, and the fast path of
 * the earlier labs stays off on stages N and up (fastpath_init). */
#if defined(SOL_LAB5)
#define FASTPATH_LABS 5
#elif defined(SOL_LAB4)
#define FASTPATH_LABS 4
#elif defined(SOL_LAB3)
#define FASTPATH_LABS 3
#elif defined(SOL_LAB2)
#define FASTPATH_LABS 2
#else
#define FASTPATH_LABS 0
#endif

#ifdef SOL_LAB2

#include "ipc.h"
#include "usercopy.h"
#include "vm.h"
#ifdef SOL_LAB3
#include "post.h"
#endif
#ifdef SOL_LAB4
#include "port.h"
#endif

void swtch(struct context **save, struct context *load);

/* The calls with a case below (fast_call). */
static const uint32_t fast_calls[] = {
    SYS_send, SYS_receive, SYS_request, SYS_respond_receive,
#ifdef SOL_LAB3
    SYS_post,
#endif
#ifdef SOL_LAB4
    SYS_port_request, SYS_port_respond_receive,
#endif
};

void fastpath_init(int wanted)
{
    if (FASTPATH_LABS != LAB || !wanted)
        return;
    for (uint32_t i = 0; i < ARRAY_LEN(fast_calls); i++) {
        assert(fast_calls[i] < FASTPATH_CALLS);
        fastpath_entry[fast_calls[i]] = (uint32_t)fastentry;
    }
}

/* The caller's message buffer at va as a kernel address (64 writable
 * bytes in one page), or NULL. A process uses the same buffer call after
 * call, so the answer is remembered until an address space dies. */
static inline __attribute__((always_inline)) struct msg *
fast_buf(struct proc *me, uaddr_t va)
{
    if (va == me->ipc.cache_va && me->ipc.cache_gen == vm_generation &&
        me->ipc.cache_k)
        return me->ipc.cache_k;
    struct msg *k = user_ptr(me, va, sizeof(struct msg), 1);
    me->ipc.cache_va = va;
    me->ipc.cache_k = k;
    me->ipc.cache_gen = vm_generation;
    return k;
}

/* The process in pid's slot if it has that pid, else NULL. Cheaper than
 * proc_find: every caller then asks for a state (blocked in receive,
 * runnable...) that an unused, embryo or zombie slot, or the caller
 * itself (running), never has. */
static inline struct proc *fast_find(int32_t pid)
{
    struct proc *p = &proc_slots[(uint32_t)pid % NPROC];
    return p->pid == pid ? p : NULL;
}

/* The caller's message at va, if fast_buf has it and it is plain (not a
 * big message, lab 5), or NULL. */
static inline __attribute__((always_inline)) struct msg *
fast_plain(struct proc *me, uaddr_t va)
{
    struct msg *k = fast_buf(me, va);
#ifdef SOL_LAB5
    if (k && IPC_BIG(k))
        return NULL;
#endif
    return k;
}

static inline uint32_t fast_deadline(int32_t timeout)
{
    return timeout > 0 ? timer_ticks() + (uint32_t)timeout : 0;
}

/* proc_wake(p, result) for a p known to be blocked. */
static inline void fast_wake(struct proc *p, int result)
{
    p->wake_result = result;
    p->state = P_RUNNABLE;
    sched_woken = p;
}

/* Copy message k from 'from' into p's parked buffer, stamp the sender
 * and wake p with 'result'. */
static inline void fast_give(int32_t from, const struct msg *k,
                             struct proc *p, int result)
{
    msg_copy(p->ipc.kbuf, k);
    p->ipc.kbuf->sender = from;
    fast_wake(p, result);
}

/* The process a caller that blocks now would hand the CPU to (sched.c:
 * the one woken last, if it can run), or NULL: then the general path
 * blocks, through the scheduler's loop. */
static inline struct proc *fast_next(struct proc *me)
{
    struct proc *next = sched_woken;
    return next && next != me && next->state == P_RUNNABLE ? next : NULL;
}

/* Park the caller's buffer, block for 'why' with 'partner' and run next
 * (runnable) at once; back here when woken. Returns the wake result, and
 * leaves the caller's ipc state as the general path's wait_for does. */
static inline int fast_block(struct proc *me, enum block_reason why,
                             struct proc *partner, uaddr_t va,
                             struct msg *k, int32_t timeout,
                             struct proc *next)
{
    me->ipc.partner = partner;
    me->ipc.buf = va;
    me->ipc.kbuf = k;
    me->blocked_on = why;
    me->deadline = fast_deadline(timeout);
    me->wake_result = 0;
    me->state = P_BLOCKED;
    sched_woken = NULL;
    fpu_save(&me->fpu);
    sched_enter(next);
    swtch(&me->ctx, next->ctx);
    me->blocked_on = B_NONE;
    me->deadline = 0;
    if (me->ipc.queued_on)          /* still queued only after an error */
        sendq_remove(me);
    me->ipc.partner = NULL;
    me->ipc.is_request = 0;
    return me->wake_result;
}

/* Is anything posted or notified waiting for p (post_waiting)? Never
 * before lab 3. */
static inline int fast_posted(const struct proc *p)
{
#ifdef SOL_LAB3
    return p->ipc.post.count || p->ipc.post.pending;
#else
    (void)p;
    return 0;
#endif
}

static int fast_send(struct proc *me, int32_t dst, uaddr_t va,
                     int32_t timeout, int32_t *r)
{
    struct proc *to = fast_find(dst), *next;
    struct msg *k;
    if (timeout < TIMEOUT_NEVER || !to || !(k = fast_plain(me, va)))
        return 0;
    if (ipc_receiving_from(to, me)) {
        if (!to->ipc.kbuf)
            return 0;
        fast_give(me->pid, k, to, me->pid);
        *r = 0;
        return 1;
    }
    if (timeout == TIMEOUT_POLL || to->state != P_RUNNABLE ||
        !(next = fast_next(me)))
        return 0;
    me->ipc.is_request = 0;
    sendq_push(to, me);
    *r = fast_block(me, B_SEND, to, va, k, timeout, next);
    return 1;
}

/* Take the message of s, the oldest queued sender, into k (receive's
 * take_from): a request's sender now waits for our reply. */
static inline int32_t fast_take(struct proc *me, struct msg *k,
                                struct proc *s)
{
    msg_copy(k, s->ipc.kbuf);
    k->sender = s->pid;
    me->ipc.senders_head = s->ipc.next_sender;
    if (!me->ipc.senders_head)
        me->ipc.senders_tail = NULL;
    s->ipc.queued_on = NULL;
    s->ipc.next_sender = NULL;
    if (s->ipc.is_request) {
        s->blocked_on = B_REPLY;
        s->ipc.partner = me;
    } else {
        fast_wake(s, 0);
    }
    return s->pid;
}

#ifdef SOL_LAB3
/* receive(ANY) with messages in the box, no notification and no queued
 * sender: take the oldest message, as post_receive does (box_unlink in
 * post.h). */
static int fast_receive_posted(struct proc *me, struct msg *k, int32_t *r)
{
    struct post_proc *box = &me->ipc.post;
    struct pmsg *pm = box->head;
    if (box->pending || me->ipc.senders_head || !pm)
        return 0;
#ifdef SOL_LAB5
    if (pm->pages || IPC_BIG(&pm->m))
        return 0;                   /* a region to deliver: bigpost.c */
#endif
    msg_copy(k, &pm->m);
    *r = pm->m.sender;
    if (box->room_head)             /* someone waits for room: wake them */
        postbox_take_head(me);
    else
        box_unlink(me, NULL, pm);
    return 1;
}
#endif

static int fast_receive(struct proc *me, int32_t from, uaddr_t va,
                        int32_t timeout, int32_t *r)
{
    struct proc *s, *next;
    struct msg *k;
    if (from != ANY || timeout < TIMEOUT_NEVER || !(k = fast_buf(me, va)))
        return 0;
#ifdef SOL_LAB3
    if (fast_posted(me))
        return fast_receive_posted(me, k, r);
#endif
    if ((s = me->ipc.senders_head)) {
        if (s->state != P_BLOCKED || s->blocked_on != B_SEND ||
            !s->ipc.kbuf)
            return 0;               /* stale, or a two-page buffer */
#ifdef SOL_LAB5
        if (IPC_BIG(s->ipc.kbuf))
            return 0;               /* its region too: bigmsg.c */
#endif
        *r = fast_take(me, k, s);
        return 1;
    }
    if (timeout == TIMEOUT_POLL || !(next = fast_next(me)))
        return 0;
    *r = fast_block(me, B_RECEIVE, NULL, va, k, timeout, next);
    return 1;
}

static int fast_request(struct proc *me, int32_t dst, uaddr_t va,
                        int32_t timeout, int32_t *r)
{
    struct proc *server = fast_find(dst);
    struct msg *k;
    if (timeout < TIMEOUT_NEVER || !server ||
        !ipc_receiving_from(server, me) || !server->ipc.kbuf ||
        !(k = fast_plain(me, va)))
        return 0;
    fast_give(me->pid, k, server, me->pid);
    *r = fast_block(me, B_REPLY, server, va, k, timeout, server);
    return 1;
}

static int fast_respond_receive(struct proc *me, int32_t dst, uaddr_t va,
                                int32_t from, int32_t timeout, int32_t *r)
{
    struct proc *client = fast_find(dst);
    struct msg *k;
    if (from != ANY || timeout < TIMEOUT_NEVER || timeout == TIMEOUT_POLL ||
        !client || !ipc_awaits_reply(client, me) || !client->ipc.kbuf ||
        me->ipc.senders_head || fast_posted(me) || !(k = fast_plain(me, va)))
        return 0;
    fast_give(me->pid, k, client, 0);
    *r = fast_block(me, B_RECEIVE, NULL, va, k, timeout, client);
    return 1;
}

#ifdef SOL_LAB3
static int fast_post(struct proc *me, int32_t dst, uaddr_t va,
                     int32_t timeout, int32_t *r)
{
    struct proc *to = fast_find(dst);
    struct msg *k;
    if (timeout < TIMEOUT_NEVER || !to ||
        (to->state != P_BLOCKED && to->state != P_RUNNABLE) ||
        !(k = fast_plain(me, va)) || k->code == MSG_NOTIFY)
        return 0;
    if (ipc_receiving_from(to, me)) {
        if (!to->ipc.kbuf)
            return 0;
        fast_give(me->pid, k, to, me->pid);
        *r = 0;
        return 1;
    }
    /* Into to's box, as postbox_put does; no room (the box full, or we
     * are over our quota in it) or no memory (our share, or the pool):
     * the general path fails or waits. */
    struct post_proc *box = &to->ipc.post;
    int slot = slot_of(me->pid);
    int used = box->from_pid[slot] == me->pid ? box->from[slot] : 0;
    struct pmsg *pm;
    if (box->count >= POSTBOX_SLOTS || used >= POST_QUOTA ||
        me->ipc.post.queued >= POST_SENDER_MAX || !(pm = msgpool_alloc()))
        return 0;
    msg_copy(&pm->m, k);
    pm->m.sender = me->pid;
    pm->stamp = ipc_clock_next();
    pm->next = NULL;
    if (box->tail)
        box->tail->next = pm;
    else
        box->head = pm;
    box->tail = pm;
    box->count++;
    if (box->from_pid[slot] != me->pid) {
        box->from_pid[slot] = me->pid;
        box->from[slot] = 0;
    }
    box->from[slot]++;
    me->ipc.post.queued++;
    *r = 0;
    return 1;
}
#endif

#ifdef SOL_LAB4
_Static_assert(PORT_MAX <= HANDLE_SLOTS && (PORT_MAX & (PORT_MAX - 1)) == 0,
               "a port's number ends in its slot");

/* port_find, cheaper: a live port's number is never 0 and ends in its
 * slot (handle.h), and a free slot's number is 0. */
static inline struct port *fast_port(int32_t id)
{
    struct port *p = &port_table[(uint32_t)id % PORT_MAX];
    return id > 0 && p->id == id ? p : NULL;
}

static int fast_port_request(struct proc *me, int32_t id, uaddr_t va,
                             int32_t timeout, int32_t *r)
{
    struct port *p = fast_port(id);
    struct proc *owner;
    struct msg *k;
    if (timeout < TIMEOUT_NEVER || !p || p->kind != PORT_PORT ||
        !(owner = port_receiver(p)) || !owner->ipc.kbuf ||
        !(p->open || port_may_send(p, me->pid)) || !(k = fast_plain(me, va)))
        return 0;
    fast_give(me->pid, k, owner, p->id);
    *r = fast_block(me, B_REPLY, owner, va, k, timeout, owner);
    return 1;
}

static int fast_port_respond_receive(struct proc *me, int32_t dst,
                                     uaddr_t va, int32_t id,
                                     int32_t timeout, int32_t *r)
{
    struct proc *client = fast_find(dst);
    struct port *where = fast_port(id);
    struct msg *k;
    if (timeout < TIMEOUT_NEVER || timeout == TIMEOUT_POLL || !client ||
        !where || where->owner != me || where->set || where->q.msgs ||
        where->q.senders ||         /* portq_empty */
        (!where->open && where->ngrants == 1) ||    /* a private port */
        !ipc_awaits_reply(client, me) || !client->ipc.kbuf ||
        !(k = fast_plain(me, va)))
        return 0;
    fast_give(me->pid, k, client, 0);
    me->ipc.port.receiving = where;
    *r = fast_block(me, B_PORT_RECV, NULL, va, k, timeout, client);
    me->ipc.port.receiving = NULL;
    return 1;
}
#endif

/* The call in tf, if one of the cases above: 1 with its result in *r,
 * or 0 (nothing was done). */
static int fast_call(struct proc *me, const struct trapframe *tf,
                     int32_t *r)
{
    int32_t a = (int32_t)tf->ebx, c = (int32_t)tf->edx;
    uaddr_t b = tf->ecx;
    if (me->killed)
        return 0;
    switch (tf->eax) {
    case SYS_send: return fast_send(me, a, b, c, r);
    case SYS_receive: return fast_receive(me, a, b, c, r);
    case SYS_request: return fast_request(me, a, b, c, r);
    case SYS_respond_receive:
        return fast_respond_receive(me, a, b, c, (int32_t)tf->esi, r);
#ifdef SOL_LAB3
    case SYS_post: return fast_post(me, a, b, c, r);
#endif
#ifdef SOL_LAB4
    case SYS_port_request: return fast_port_request(me, a, b, c, r);
    case SYS_port_respond_receive:
        return fast_port_respond_receive(me, a, b, c, (int32_t)tf->esi, r);
#endif
    default: return 0;
    }
}

void fastpath_syscall(struct trapframe *tf)
{
    struct proc *me = sched_current;
    int32_t r;
    if (!fast_call(me, tf, &r)) {
        trap(tf);                   /* the general path */
        return;
    }
    tf->eax = (uint32_t)r;
    if (me->killed)                 /* as trap() does on the way out */
        proc_exit(STATUS_KILLED);
}

#else
/* No fast path in the kit: fastpath_entry keeps every call on alltraps,
 * and a call that came here anyway takes the general path. Writing one is
 * a challenge of the lab 2 chapter. */

void fastpath_init(int wanted)
{
    (void)wanted;
}

void fastpath_syscall(struct trapframe *tf)
{
    trap(tf);
}

#endif
