/*
 * reliable.c: a reliable transfer over an unreliable channel. datagram
 * loses, duplicates, delays and corrupts messages (kernel/ipc/lossy.c); this
 * protocol delivers every byte exactly once, in order. The wire format is
 * in async.h; the pieces, each answering one fault:
 *
 *   - checksum and parity: every datagram ends with a parity word and a
 *     checksum. A message whose checksum is wrong is repaired if one
 *     bit flipped (the parity says where), else dropped, as if lost;
 *   - sequence numbers: data message k carries bytes [44k, 44k + 44);
 *     the receiver puts it in its place and keeps a ring of bits for
 *     what it holds, so early messages are kept and duplicates dropped;
 *   - rounds: the sender sends a burst of at most REL_BURST datagrams
 *     (the quota of its messages in the receiver's box) and yields; the
 *     receiver, woken once by the first, takes all it finds, and when
 *     its box is empty answers with one acknowledgement: the next
 *     message it needs (all before it arrived: cumulative) and a bit for
 *     each one after that which arrived too (selective);
 *   - selective repeat: on one CPU the answer comes after the receiver
 *     took everything we sent, so what it does not acknowledge is lost:
 *     the next burst sends exactly those again, then new ones, never
 *     REL_WINDOW or more beyond the oldest one not acknowledged;
 *   - silence (nothing after two turns of the receiver: all lost, or
 *     the answer lost): the next burst sends new messages, or, if the
 *     window is full, the unacknowledged ones again, which draws a new
 *     answer; after REL_QUICK silent rounds in a row the sender stops
 *     guessing and waits REL_RTO ticks for real (a receiver that is
 *     slow, not a channel that loses).
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
/* The checksum of a protocol message: its code and w[0..12]. */
static uint32_t rel_sum(const struct msg *m)
{
    return fnv1a_words(FNV_INIT, (const uint32_t *)&m->code,
                       REL_SUM_WORD + 1);
}

static inline uint32_t rotl(uint32_t x, int n)
{
    return (x << n) | (x >> ((32 - n) & 31));
}

/* The XOR of w[0..12], word j rotated left by j bits: 0 as sent (w[12]
 * is chosen so); after bit b of word j flipped, the one bit (b + j) %
 * 32. */
static uint32_t rel_parity(const struct msg *m)
{
    uint32_t x = 0;
    for (int j = 0; j <= REL_PARITY_WORD; j++)
        x ^= rotl(m->w[j], j);
    return x;
}

/* Seal m for the channel: the parity word, then the checksum over
 * everything before it, both in one pass. */
static void rel_seal(struct msg *m)
{
    uint32_t h = (FNV_INIT ^ (uint32_t)m->code) * FNV_PRIME, x = 0;
    for (int j = 0; j < REL_PARITY_WORD; j++) {
        x ^= rotl(m->w[j], j);
        h = (h ^ m->w[j]) * FNV_PRIME;
    }
    x = rotl(x, 32 - REL_PARITY_WORD);      /* rotated right 12 bits */
    m->w[REL_PARITY_WORD] = x;
    m->w[REL_SUM_WORD] = (h ^ x) * FNV_PRIME;
}

/* Check m as it came off the channel: 0 if it is what its sender sent,
 * as it came or after flipping back the one bit the channel flipped; -1
 * if not (drop it, as if lost). The parity names a bit position p; in
 * word j that is bit p - j, a different bit in each word. The checksum
 * never agrees with two flips at two different bits, so the first word
 * in which flipping that bit makes it agree is the one that was hit.
 * *repaired counts the repairs. */
static int rel_check(struct msg *m, uint32_t *repaired)
{
    if (rel_sum(m) == m->w[REL_SUM_WORD])
        return 0;
    uint32_t p = rel_parity(m);
    if (p == 0 || (p & (p - 1)) != 0)
        return -1;
    for (int j = 0; j <= REL_PARITY_WORD; j++) {
        uint32_t bit = rotl(p, (32 - j) & 31);
        m->w[j] ^= bit;
        if (rel_sum(m) == m->w[REL_SUM_WORD]) {
            ++*repaired;
            return 0;
        }
        m->w[j] ^= bit;
    }
    return -1;
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

/* A ring of REL_WINDOW bits, message seq's being bit seq % REL_WINDOW:
 * one bit for each of the REL_WINDOW messages from the ring's base on. */
static inline int ring_has(const uint32_t *ring, uint32_t seq)
{
    uint32_t i = seq % REL_WINDOW;
    return (ring[i / 32] >> (i % 32)) & 1;
}

static inline void ring_set(uint32_t *ring, uint32_t seq)
{
    uint32_t i = seq % REL_WINDOW;
    ring[i / 32] |= 1u << (i % 32);
}

static inline void ring_clear(uint32_t *ring, uint32_t seq)
{
    uint32_t i = seq % REL_WINDOW;
    ring[i / 32] &= ~(1u << (i % 32));
}

/* The sender's side of a transfer. */
struct rel_tx {
    int dst;
    const uint8_t *data;
    uint32_t len, npk;
    uint32_t base;              /* oldest not acknowledged */
    uint32_t next;              /* next never sent */
    uint32_t redo, redo_end;    /* those not acknowledged in redo ..
                                   redo_end - 1 are lost: send again */
    uint32_t acked[REL_RING_WORDS];     /* ring: arrived, after base */
    struct rel_stats *st;
};

static int send_data(struct rel_tx *tx, uint32_t seq)
{
    struct msg m;
    uint32_t n = rel_size(tx->len, seq);
    uint8_t *payload = (uint8_t *)&m.w[1];
    m.sender = 0;
    m.code = REL_DATA;
    m.w[0] = seq;
    memcpy(payload, tx->data + seq * REL_PAYLOAD, n);
    if (n < REL_PAYLOAD)
        memset(payload + n, 0, REL_PAYLOAD - n);
    rel_seal(&m);
    tx->st->sent++;
    return sys_datagram(tx->dst, &m);
}

/* One burst: the lost ones, oldest first, then new messages; at most
 * REL_BURST datagrams (the receiver's box takes no more of ours), and
 * none REL_WINDOW or more beyond base (the receiver's ring). Returns how
 * many were sent, or datagram's error. */
static int send_burst(struct rel_tx *tx)
{
    int n = 0, r;
    if (tx->redo < tx->base)
        tx->redo = tx->base;
    for (; tx->redo < tx->redo_end && n < REL_BURST; tx->redo++)
        if (!ring_has(tx->acked, tx->redo)) {
            tx->st->retransmits++;
            n++;
            if ((r = send_data(tx, tx->redo)) < 0)
                return r;
        }
    while (n < REL_BURST && tx->next < tx->npk &&
           tx->next - tx->base < REL_WINDOW) {
        n++;
        if ((r = send_data(tx, tx->next++)) < 0)
            return r;
    }
    return n;
}

/* Take an acknowledgement, checked and no older than base: every
 * message before w[0] arrived, and each after it whose bit is set in the
 * receiver's ring (w[1..]). Slide base past what arrived. */
static void take_ack(struct rel_tx *tx, const struct msg *m)
{
    uint32_t cum = m->w[0];
    /* Its ring's bits stand for messages cum + 1 .. cum + REL_WINDOW - 1
     * that arrived: all sent, so before next <= base + REL_WINDOW, in
     * the same places as in ours. */
    for (int k = 0; k < REL_RING_WORDS; k++)
        tx->acked[k] |= m->w[1 + k];
    while (tx->base < cum || (tx->base < tx->next &&
                              ring_has(tx->acked, tx->base))) {
        ring_clear(tx->acked, tx->base);
        tx->base++;
    }
}

/* What rel_send's wait for an answer found. */
#define REL_SILENT   0          /* no acknowledgement with news */
#define REL_ANSWERED 1          /* at least one */
#define REL_END      2          /* REL_DONE: the receiver has it all */

/* Take dst's answers: the first receive waits up to timeout ticks (or
 * polls), then poll while more may come, until everything sent is
 * acknowledged. Returns REL_SILENT, REL_ANSWERED, REL_END, or receive's
 * error. */
static int take_answers(struct rel_tx *tx, int timeout)
{
    int answered = REL_SILENT;
    struct msg m;
    int r = sys_receive(tx->dst, &m, timeout);
    while (r > 0) {
        if (m.code == REL_DONE)
            return REL_END;
        if (m.code != REL_ACK || rel_check(&m, &tx->st->repaired) < 0 ||
            m.w[0] > tx->next) {
            tx->st->bad++;
        } else if (m.w[0] >= tx->base) {    /* else old news */
            take_ack(tx, &m);
            answered = REL_ANSWERED;
        }
        if (tx->base == tx->next)
            return answered;
        r = sys_receive(tx->dst, &m, TIMEOUT_POLL);
    }
    if (r == -ETIMEDOUT)
        tx->st->timeouts++;
    else if (r != -EAGAIN)
        return r;
    return answered;
}

/* Wait for the answer to a burst: let the receiver run (on one CPU it
 * takes everything we sent, and answers, before we run again), then see
 * what came back; if nothing, let it run once more (a timer tick may have
 * cut its turn short). After REL_QUICK silent rounds in a row, wait up
 * to REL_RTO ticks instead. Then decide what is lost: after an answer,
 * everything sent and not acknowledged; after silence, if nothing new
 * may go, everything not acknowledged (whatever the receiver gets from
 * us, it answers). Returns REL_ANSWERED, REL_SILENT, REL_END or
 * receive's error. */
static int await_answer(struct rel_tx *tx, int *silent)
{
    int r;
    if (*silent < REL_QUICK) {
        sys_yield();
        r = take_answers(tx, TIMEOUT_POLL);
        if (r == REL_SILENT) {
            sys_yield();
            r = take_answers(tx, TIMEOUT_POLL);
        }
    } else {
        r = take_answers(tx, REL_RTO);
    }
    if (r == REL_ANSWERED) {
        *silent = 0;
        tx->redo = tx->base;
        tx->redo_end = tx->next;
    } else if (r == REL_SILENT) {
        ++*silent;
        tx->st->stalls++;
        int room = tx->next < tx->npk && tx->next - tx->base < REL_WINDOW;
        if (!room && tx->redo >= tx->redo_end) {
            tx->redo = tx->base;
            tx->redo_end = tx->next;
        }
    }
    return r;
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

/* Acknowledge what the receiver holds: every message before base, and
 * those after it whose bit is set in the ring have. */
static int send_ack(int src, uint32_t base, const uint32_t *have,
                    struct rel_stats *st)
{
    struct msg ack;
    ack.sender = 0;
    ack.code = REL_ACK;
    ack.w[0] = base;
    for (int i = 1; i < REL_PARITY_WORD; i++)
        ack.w[i] = i <= REL_RING_WORDS ? have[i - 1] : 0;
    rel_seal(&ack);
    st->sent++;
    st->rounds++;
    return sys_datagram(src, &ack);
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
    struct rel_tx tx = { .dst = dst, .data = data, .len = len,
                         .npk = rel_packets(len), .st = st };
    int silent = 0;             /* rounds in a row without an answer */
    st->packets = tx.npk;
    for (;;) {
        int r = send_burst(&tx);
        if (r < 0)
            return rel_gone(dst, r);
        st->rounds++;
        r = await_answer(&tx, &silent);
        if (r < 0)
            return rel_gone(dst, r);
        if (r == REL_END)
            return 0;
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
 * Blocks, but never for ever: -ESRCH if src is gone before it sent
 * everything. Returns len, or -ESRCH, -EINTR, or post's error when
 * telling src. Takes every message sent to the caller meanwhile.
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
    uint32_t have[REL_RING_WORDS] = { 0 };      /* ring: held, after base */
    int heard = 0;              /* src sent something since our answer */
    st->packets = npk;
    while (base < npk) {
        struct msg m;
        /* From ANY, not from src: src waits for our acknowledgements
         * (with a timeout), and our waiting for src alone would be a
         * cycle of waits, which the kernel refuses (EDEADLK). Once src
         * has been heard, poll: an empty box means we have taken its
         * whole burst, and it is time to answer, once for all of it. */
        int r = sys_receive(ANY, &m, heard ? TIMEOUT_POLL : REL_RTO);
        if (r == -ETIMEDOUT) {
            /* Nothing for a while: is src still there? A poll on it
             * fails with ESRCH once it is gone. */
            if ((r = sys_receive(src, &m, TIMEOUT_POLL)) == -EAGAIN)
                continue;
        } else if (r == -EAGAIN) {
            heard = 0;
            if ((r = send_ack(src, base, have, st)) < 0)
                return r;
            continue;
        }
        if (r < 0)
            return r;
        if (r != src) {
            st->bad++;
            continue;
        }
        heard = 1;
        if (m.code != REL_DATA || rel_check(&m, &st->repaired) < 0) {
            st->bad++;
            continue;
        }
        uint32_t seq = m.w[0];
        if (seq >= npk || (seq >= base && seq - base >= REL_WINDOW)) {
            st->bad++;          /* beyond the file, or the ring */
            continue;
        }
        if (seq < base || ring_has(have, seq)) {
            st->dups++;
            continue;
        }
        memcpy(bytes + seq * REL_PAYLOAD, &m.w[1], rel_size(len, seq));
        ring_set(have, seq);
        while (ring_has(have, base)) {
            ring_clear(have, base);
            base++;
        }
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
