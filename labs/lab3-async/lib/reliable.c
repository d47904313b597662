/*
 * reliable.c: a reliable transfer over an unreliable channel. datagram
 * loses, duplicates, delays and corrupts messages (kernel/ipc/lossy.c); this
 * protocol delivers every byte exactly once, in order:
 *
 *   - checksums: every message carries the FNV-1a of its other words;
 *     a message whose sum is wrong is thrown away, as if lost;
 *   - sequence numbers: data message k carries bytes [44k, 44k + 44);
 *   - acknowledgements: for every data message it gets, the receiver
 *     says which one it expects next (all before it arrived) and which
 *     of the 32 after that arrived too (a selective acknowledgement);
 *   - a sliding window: up to REL_WINDOW data messages in flight; the
 *     receiver keeps early ones, so reordering costs nothing;
 *   - retransmission: a message is sent again when three
 *     acknowledgements show later ones arriving without it (fast
 *     retransmit), or when nothing comes back: first after the receiver
 *     has had its turn (we yield) and still nothing came, which on one
 *     CPU means what was in flight is lost, up to REL_QUICK rounds in a
 *     row; after that only when receive's timeout, REL_RTO ticks,
 *     expires (a receiver that is slow, not a channel that loses);
 *   - duplicates: a data message already held is dropped (and
 *     acknowledged again, since its acknowledgement may have been lost).
 *
 * The end is not left to chance: the receiver posts REL_DONE (post, not
 * datagram: posted messages are never lost) once it holds everything.
 * While rel_recv runs it takes every message sent to its process: those
 * that are not src's data are thrown away (counted as bad).
 * Lab 3.
 */
#include "kit.h"
#include "async.h"

#ifdef SOL_LAB3
/* The checksum of a protocol message: every word but w[2], which holds
 * it. */
static uint32_t rel_sum(const struct msg *m)
{
    uint32_t h = fnv1a(FNV_INIT, &m->code, sizeof(m->code));
    h = fnv1a(h, &m->w[0], 2 * sizeof(uint32_t));
    return fnv1a(h, &m->w[3], (MSG_WORDS - 3) * sizeof(uint32_t));
}

static uint32_t rel_packets(uint32_t len)
{
    return (len + REL_PAYLOAD - 1) / REL_PAYLOAD;
}

/* Bytes in data message seq of a len-byte transfer. */
static uint32_t rel_size(uint32_t len, uint32_t seq)
{
    uint32_t left = len - seq * REL_PAYLOAD;
    return left < REL_PAYLOAD ? left : REL_PAYLOAD;
}

/* The sender's memory of one message in its window. */
struct rel_slot {
    uint8_t acked;
    uint8_t dups;               /* acks since it was sent showing later
                                   ones, but not it */
};

static int send_data(int dst, const uint8_t *data, uint32_t len,
                     uint32_t seq, struct rel_stats *st)
{
    struct msg m;
    memset(&m, 0, sizeof(m));
    m.code = REL_DATA;
    m.w[0] = seq;
    m.w[1] = rel_size(len, seq);
    memcpy(&m.w[3], data + seq * REL_PAYLOAD, m.w[1]);
    m.w[2] = rel_sum(&m);
    st->sent++;
    return sys_datagram(dst, &m);
}

/* Send every unacknowledged message of the window again. */
static int resend(int dst, const uint8_t *data, uint32_t len,
                  const struct rel_slot *win, uint32_t base, uint32_t next,
                  struct rel_stats *st)
{
    for (uint32_t s = base; s < next; s++)
        if (!win[s % REL_WINDOW].acked) {
            st->retransmits++;
            int r = send_data(dst, data, len, s, st);
            if (r < 0)
                return r;
        }
    return 0;
}

/* A call on dst failed with err (dst is gone: it may have finished and
 * exited). Its REL_DONE, if it posted one, outlives it: look for it. */
static int rel_gone(int dst, int err)
{
    struct msg m;
    while (sys_receive(dst, &m, TIMEOUT_POLL) > 0)
        if (m.code == REL_DONE)
            return 0;
    return err;
}

/* Wait for the next message from dst: poll; if nothing, let the receiver
 * run and poll again; if still nothing, resend the window at once (up to
 * REL_QUICK times in a row), then wait REL_RTO ticks for real. Returns
 * receive's result; 0 after a resend. */
static int next_message(int dst, const uint8_t *data, uint32_t len,
                        const struct rel_slot *win, uint32_t base,
                        uint32_t next, int *stalls, struct msg *m,
                        struct rel_stats *st)
{
    int r = sys_receive(dst, m, TIMEOUT_POLL);
    if (r != -EAGAIN)
        return r;
    sys_yield();
    if ((r = sys_receive(dst, m, TIMEOUT_POLL)) != -EAGAIN)
        return r;
    if (*stalls < REL_QUICK) {
        ++*stalls;
        st->stalls++;
        r = resend(dst, data, len, win, base, next, st);
        return r < 0 ? r : 0;
    }
    r = sys_receive(dst, m, REL_RTO);
    if (r != -ETIMEDOUT)
        return r;
    st->timeouts++;
    r = resend(dst, data, len, win, base, next, st);
    return r < 0 ? r : 0;
}
#endif

/*
 * rel_send(dst, data, len, st): move len bytes at data to dst, which runs
 * rel_recv; return once dst has them all (its REL_DONE came). Blocks.
 * Returns 0, or -ESRCH / -EPIPE (dst gone without finishing), -EINTR.
 * Messages from other processes stay queued; dst's that are not
 * acknowledgements are thrown away.
 */
int rel_send(int dst, const void *data, uint32_t len, struct rel_stats *st)
{
    struct rel_stats mine;
    if (!st)
        st = &mine;
    memset(st, 0, sizeof(*st));
#ifdef SOL_LAB3
    const uint8_t *bytes = data;
    uint32_t npk = rel_packets(len), base = 0, next = 0;
    struct rel_slot win[REL_WINDOW];
    int stalls = 0;
    st->packets = npk;
    for (;;) {
        while (next < npk && next < base + REL_WINDOW) {
            win[next % REL_WINDOW] = (struct rel_slot){ 0, 0 };
            int r = send_data(dst, bytes, len, next++, st);
            if (r < 0)
                return rel_gone(dst, r);
        }
        struct msg m;
        int r = next_message(dst, bytes, len, win, base, next, &stalls, &m,
                             st);
        if (r < 0)
            return rel_gone(dst, r);
        if (r == 0)
            continue;                   /* resent */
        if (m.code == REL_DONE)
            return 0;
        if (m.code != REL_ACK || m.w[2] != rel_sum(&m) || m.w[0] > next) {
            st->bad++;
            continue;
        }
        uint32_t cum = m.w[0], bits = m.w[1], highest = base;
        for (uint32_t s = base; s < next; s++) {
            struct rel_slot *w = &win[s % REL_WINDOW];
            if (s < cum || (s > cum && s - cum - 1 < 32 &&
                            ((bits >> (s - cum - 1)) & 1)))
                w->acked = 1;
            if (w->acked)
                highest = s;
        }
        if (base < next && win[base % REL_WINDOW].acked)
            stalls = 0;                 /* progress */
        while (base < next && win[base % REL_WINDOW].acked)
            base++;
        /* Fast retransmit: later ones keep arriving without it. */
        for (uint32_t s = base; s < highest; s++) {
            struct rel_slot *w = &win[s % REL_WINDOW];
            if (!w->acked && ++w->dups >= 3) {
                w->dups = 0;
                st->retransmits++;
                if ((r = send_data(dst, bytes, len, s, st)) < 0)
                    return rel_gone(dst, r);
            }
        }
    }
#else
    /* LAB 3: your code here. */
    (void)dst; (void)data; (void)len;
    return -ENOSYS;
#endif
}

/*
 * rel_recv(src, buf, len, st): take exactly len bytes from src (running
 * rel_send) into buf, in order, each once; then post src REL_DONE.
 * Blocks. Returns len, or -EINTR, or post's error when telling src.
 * Takes every message sent to the caller meanwhile.
 */
int rel_recv(int src, void *buf, uint32_t len, struct rel_stats *st)
{
    struct rel_stats mine;
    if (!st)
        st = &mine;
    memset(st, 0, sizeof(*st));
#ifdef SOL_LAB3
    uint8_t *bytes = buf;
    uint32_t npk = rel_packets(len), base = 0;
    uint32_t got = 0;           /* bit i: base + i is here (i < 32) */
    st->packets = npk;
    while (base < npk) {
        struct msg m;
        /* From ANY, not from src: src waits for our acknowledgements
         * (with a timeout), and our waiting for src alone would be a
         * cycle of waits, which the kernel refuses (EDEADLK). */
        int r = sys_receive(ANY, &m, TIMEOUT_NEVER);
        if (r < 0)
            return r;
        uint32_t seq = m.w[0];
        if (r != src || m.code != REL_DATA || m.w[2] != rel_sum(&m) ||
            seq >= npk || m.w[1] != rel_size(len, seq)) {
            st->bad++;
            continue;
        }
        if (seq < base || (seq - base < 32 && ((got >> (seq - base)) & 1))) {
            st->dups++;
        } else if (seq - base < 32) {
            memcpy(bytes + seq * REL_PAYLOAD, &m.w[3], m.w[1]);
            got |= 1u << (seq - base);
            while (got & 1) {
                got >>= 1;
                base++;
            }
        }
        struct msg ack;
        memset(&ack, 0, sizeof(ack));
        ack.code = REL_ACK;
        ack.w[0] = base;
        ack.w[1] = got >> 1;    /* base itself is missing: bit 0 is 0 */
        ack.w[2] = rel_sum(&ack);
        st->sent++;
        if ((r = sys_datagram(src, &ack)) < 0)
            return r;
    }
    struct msg done = { .code = REL_DONE, .w = { len } };
    int r = sys_post(src, &done, TIMEOUT_NEVER);
    return r < 0 ? r : (int)len;
#else
    /* LAB 3: your code here. */
    (void)src; (void)buf; (void)len;
    return -ENOSYS;
#endif
}
