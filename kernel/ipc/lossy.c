/*
 * lossy.c: the best-effort channel, the system call datagram. A datagram
 * is a posted message that the kernel promises nothing about: it never
 * blocks the sender, and a full box (or a sender over its quota or its
 * share, or an empty message pool) simply drops it. On its way it passes a fault
 * injector that imitates a bad network, with rates in percent from the
 * kernel command line:
 *
 *     drop=P     lose it
 *     corrupt=P  flip one bit of one argument word (w[0..13])
 *     dup=P      deliver it twice
 *     reorder=P  hold it back and deliver it after the next datagram to
 *                the same receiver
 *
 * Each datagram draws its fate from a generator seeded with the run's
 * seed (lib/rng.c), so a run with the same seed is the same run. The
 * reliable protocol of lab 3 (in the lab's user library) has to cope
 * with all of it. Lab 3, provided.
 */
#include "cmdline.h"
#include "console.h"
#include "ipc.h"
#include "post.h"
#include "rng.h"
#include "syscall.h"
#include "usercopy.h"

static struct rng fate;
static uint32_t rate_drop, rate_dup, rate_reorder, rate_corrupt;

static uint32_t rate(const char *key)
{
    uint32_t r = cmdline_uint(key, 0);
    return r > 100 ? 100 : r;
}

void lossy_init(void)
{
    rng_init(&fate, cmdline_uint("seed", 1) * 2654435761u + 0x10557u);
    rate_drop = rate("drop");
    rate_dup = rate("dup");
    rate_reorder = rate("reorder");
    rate_corrupt = rate("corrupt");
    if (rate_drop || rate_dup || rate_reorder || rate_corrupt)
        kprintf("best-effort channel: drop=%u%% dup=%u%% reorder=%u%% "
                "corrupt=%u%%\n", rate_drop, rate_dup, rate_reorder,
                rate_corrupt);
}

/* True with probability percent/100. Always draws, so that the fates of
 * later datagrams do not depend on the rates of earlier draws. */
static int chance(uint32_t percent)
{
    return rng_below(&fate, 100) < percent;
}

/* Put m into dst's box (or straight into dst's receive); drop it if
 * there is no room. */
static void put(struct proc *dst, const struct msg *m)
{
    if (dst->state == P_BLOCKED && dst->blocked_on == B_RECEIVE &&
        (dst->ipc.partner == NULL || dst->ipc.partner->pid == m->sender)) {
        post_hand(dst, m);
        return;
    }
    if (postbox_put(dst, m) < 0)
        ipc_trace_msg("drop", m->sender, dst->pid, m, -ENOSPC);
}

/* One copy on its way to dst: maybe held back; else delivered, followed
 * by the one held back before it, if any. */
static void pass(struct proc *dst, const struct msg *m)
{
    struct post_proc *box = &dst->ipc.post;
    if (chance(rate_reorder) && !box->held) {
        struct pmsg *pm = msgpool_alloc();
        if (pm) {
            pm->m = *m;
            box->held = pm;
            ipc_trace_msg("reorder", m->sender, dst->pid, m, 0);
            return;
        }
    }
    put(dst, m);
    struct pmsg *held = box->held;
    if (held) {
        box->held = NULL;
        struct msg late = held->m;
        msgpool_free(held);
        put(dst, &late);
    }
}

/*
 * datagram(dst, msg): send the 64-byte message at msg to dst, best
 * effort: it may be lost, duplicated, delayed past the next one, or
 * corrupted (see above), and a full box drops it. Never blocks. Returns
 * 0 whatever became of it, or: -EFAULT (msg not readable), -EINVAL
 * (msg.code is MSG_NOTIFY; from lab 5 on, also a big message), -ELOOP
 * (dst is the caller), -ESRCH (no such process).
 */
int32_t sys_datagram(int32_t dst, uaddr_t msg)
{
    struct proc *me = proc_current(), *to;
    struct msg m;
    int r = post_message_in(me, dst, msg, &m, &to);
    if (r < 0)
        return r;
#if LAB >= 5
    if (msg_is_big(&m))
        return -EINVAL;             /* regions travel reliably only */
#endif
    ipc_trace_msg("datagram", me->pid, dst, &m, 0);
    int drop = chance(rate_drop), corrupt = chance(rate_corrupt),
        dup = chance(rate_dup);
    uint32_t word = rng_below(&fate, MSG_WORDS), bit = rng_below(&fate, 32);
    if (drop) {
        ipc_trace_msg("drop", me->pid, dst, &m, 0);
        return 0;
    }
    if (corrupt) {
        m.w[word] ^= 1u << bit;
        ipc_trace_msg("corrupt", me->pid, dst, &m, 0);
    }
    pass(to, &m);
    if (dup) {
        ipc_trace_msg("dup", me->pid, dst, &m, 0);
        pass(to, &m);
    }
    return 0;
}
