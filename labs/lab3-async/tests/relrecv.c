/*
 * relrecv.c (lab 3 test): rel_recv, rule by rule. We play the sender
 * ourselves, in the handout's wire format (relwire.h), and post every
 * message (so none is lost) to xferrecv, which runs rel_recv; after each
 * step we let it take everything and read the acknowledgement it sends
 * back:
 *
 *   - before anything: our waiting for the receiver with a timeout, as
 *     rel_send does when no answer comes, times out (a receiver waiting
 *     for us alone would close a cycle of waits: EDEADLK);
 *   - a burst of REL_BURST data messages: one acknowledgement (two are
 *     allowed, in case a timer tick cut the receiver's turn in two),
 *     saying the next message it needs;
 *   - messages after a gap: kept, and named in the ring;
 *   - a duplicate with other bytes, of a message held and of one already
 *     before the next needed: ignored (the file would show it);
 *   - a message REL_WINDOW or more beyond the next needed: refused (its
 *     bit in the ring would be a message before it);
 *   - one bit flipped in the number, in the payload, in the parity
 *     word: repaired; two bits flipped so that the parity is zero:
 *     dropped;
 *
 * then the rest of the file in bursts, and the receiver reports the
 * checksum of what it got: oracle.py computes the file's from the seed,
 * which also draws the bits we flip. Last, a second receiver waits for a
 * sender that is gone: rel_recv must give up with ESRCH, not wait for
 * ever. Lab 3 tests.
 */
#include "relwire.h"

#define NPK  100
#define LEN  (NPK * REL_PAYLOAD)
#define XFER_RESULT 0x58524553          /* xferrecv's answer (xfer.h) */

static uint8_t file[LEN];
static int rx;
static int answered_once = 1;           /* every step: one or two acks */
static int done;                        /* REL_DONE came */
static struct msg last;                 /* the last acknowledgement */
static struct msg result;               /* xferrecv's XFER_RESULT */

static void post(struct msg *m)
{
    int r = sys_post(rx, m, TIMEOUT_NEVER);
    if (r < 0)
        printf("post: %s\n", errno_name(r));
}

static void send_seq(uint32_t seq)
{
    struct msg m;
    wire_data(&m, file, LEN, seq);
    post(&m);
}

/* Message seq, right in form, with other bytes. */
static void send_forged(uint32_t seq)
{
    struct msg m;
    wire_data(&m, file, LEN, seq);
    memset(&m.w[1], 0x5A, REL_PAYLOAD);
    wire_seal(&m);
    post(&m);
}

/* Message seq with bit b of word j flipped on the way. */
static void send_flipped(uint32_t seq, int j, int b)
{
    struct msg m;
    wire_data(&m, file, LEN, seq);
    m.w[j] ^= 1u << b;
    post(&m);
}

/* Let the receiver take what we sent and answer; twice, in case a tick
 * cut its turn. Returns how many acknowledgements came. */
static int settle(void)
{
    int n = 0;
    for (int turn = 0; turn < 2; turn++) {
        sys_yield();
        struct msg m;
        while (sys_receive(rx, &m, TIMEOUT_POLL) > 0) {
            if (m.code == REL_DONE)
                done = 1;
            else if (m.code == XFER_RESULT)
                result = m;
            else if (m.code == REL_ACK && wire_intact(&m)) {
                last = m;
                n++;
            }
        }
    }
    return n;
}

/* Settle, then print what the last acknowledgement says. */
static void step(const char *what)
{
    int n = settle();
    if (n < 1 || n > 2) {
        answered_once = 0;
        printf("%s: %d acknowledgements\n", what, n);
    }
    char others[160] = "";
    int at = 0;
    for (uint32_t s = last.w[0] + 1; s < last.w[0] + REL_WINDOW; s++)
        if (wire_ring_has(&last.w[1], s) && at < (int)sizeof(others) - 12)
            at += fmt_snprintf(others + at, sizeof(others) - at, " %u", s);
    printf("%s: next %u, others%s\n", what, last.w[0],
           at ? others : " none");
}

int main(int argc, char **argv)
{
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    for (uint32_t i = 0; i < LEN / 4; i++)
        ((uint32_t *)file)[i] = rng_next(&r);
    rx = spawnf("xferrecv", "src=%d len=%d", sys_getpid(), LEN);
    sys_yield();                        /* it starts and waits */
    struct msg m;
    int e = sys_receive(rx, &m, REL_RTO);
    printf("waiting for the receiver, %d ticks: %s\n", REL_RTO,
           result_name(e));

    for (uint32_t s = 0; s < REL_BURST; s++)
        send_seq(s);
    step("burst 0 to 7");
    send_seq(9);
    send_seq(11);
    step("9 and 11");
    send_forged(9);
    send_forged(3);
    step("9 and 3 again, other bytes");
    send_forged(8 + REL_WINDOW);
    step("72, beyond the window");
    send_flipped(8, 1 + (int)rng_below(&r, 11), (int)rng_below(&r, 32));
    send_flipped(10, 0, (int)rng_below(&r, 32));
    send_flipped(12, REL_PARITY_WORD, (int)rng_below(&r, 32));
    step("8, 10 and 12, one bit flipped in each");
    int b = 1 + (int)rng_below(&r, 31);
    wire_data(&m, file, LEN, 13);
    m.w[1] ^= 1u << b;                  /* rotated: bit b + 1 */
    m.w[2] ^= 1u << (b - 1);            /* rotated: bit b + 1 too */
    post(&m);
    step("13 with two bits flipped");

    for (uint32_t seq = 13; seq < NPK;) {
        for (int n = 0; n < REL_BURST && seq < NPK; n++)
            send_seq(seq++);
        if (settle() > 2)
            answered_once = 0;
    }
    printf("one acknowledgement a burst: %s\n", answered_once ? "yes" : "no");

    int from = 0;
    while (result.code != XFER_RESULT &&
           (from = sys_receive(rx, &m, 300)) > 0)
        if (m.code == REL_DONE)
            done = 1;
        else if (m.code == XFER_RESULT)
            result = m;
    printf("receiver said it had everything: %s\n", done ? "yes" : "no");
    if (result.code != XFER_RESULT)
        printf("no answer from the receiver: %s\n", errno_name(from));
    else
        printf("receiver got %u bytes, fnv1a %08x\n", result.w[1],
               result.w[0]);
    sys_wait(rx, 0);
    while (sys_receive(ANY, &m, TIMEOUT_POLL) > 0)
        ;                               /* late acknowledgements */

    int gone = spawn_or_die("hello", "");
    sys_wait(gone, 0);
    int orphan = spawnf("xferrecv", "src=%d len=%d", gone, LEN);
    int status = 0;
    sys_wait(orphan, &status);
    printf("a receiver whose sender is gone: it exited, status %d\n",
           status);
    return 0;
}
