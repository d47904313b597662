/*
 * async.h: lab 3's user-space library, built on the asynchronous calls
 * (post, notify, datagram, and receive with timeouts):
 *
 *   reliable.c  a reliable byte stream over the best-effort channel:
 *               checksums that repair a flipped bit, sequence numbers,
 *               bursts each answered by one acknowledgement, selective
 *               repeat, duplicates removed, order restored
 *   arpc.c      request/respond built from post and selective receive
 *   fnv.c       FNV-1a checksums (provided)
 *
 * Every program from stage 3 on is linked with it. Lab 3.
 */
#ifndef LAB3_ASYNC_H
#define LAB3_ASYNC_H

#include <stdint.h>
#include "msg.h"

/* ---- fnv.c (provided) ---------------------------------------------- */

#define FNV_INIT  2166136261u
#define FNV_PRIME 16777619u

/* fnv1a: fold n bytes at p into the FNV-1a hash h (start with FNV_INIT). */
uint32_t fnv1a(uint32_t h, const void *p, uint32_t n);

/*
 * fnv1a_words: the same a 32-bit word at a time: h = (h ^ w[i]) *
 * FNV_PRIME for each of the n words, one multiply per word instead of
 * four. Each step is one-to-one in h and in w[i], so two sequences that
 * differ in exactly one word (one flipped bit, say) always hash apart;
 * and the lowest bit in which two states differ survives every step, so
 * two flips at two different bits never cancel (two of the same bit
 * may).
 */
uint32_t fnv1a_words(uint32_t h, const uint32_t *w, uint32_t n);

/* ---- reliable.c ------------------------------------------------------ */

/* The protocol's datagrams: one header word, w[0], a number; eleven
 * words of body, w[1..11]; two trailer words: w[12] the parity, chosen
 * so that the XOR of w[0..12], word j rotated left by j bits, is 0, and
 * w[13] the checksum, fnv1a_words of the code and w[0..12]. With the two
 * the receiver repairs one flipped bit (the chapter says how). */
#define REL_DATA   0x52454c44   /* "RELD": w[0] seq, w[1..11] payload */
#define REL_ACK    0x52454c41   /* "RELA": w[0] next expected, then a
                                   ring of REL_WINDOW bits in w[1..]:
                                   bit s % REL_WINDOW set if message s,
                                   after the next expected, arrived; the
                                   rest of the body 0 */
#define REL_DONE   0x52454c46   /* "RELF": posted, not sent as a datagram:
                                   the receiver has everything; w[0] the
                                   length */
#define REL_PARITY_WORD 12
#define REL_SUM_WORD    13

#define REL_PAYLOAD   44        /* payload bytes per data message */
#define REL_WINDOW    64        /* messages from the oldest one not
                                   acknowledged on that may be sent: the
                                   receiver's ring */
#define REL_RING_WORDS (REL_WINDOW / 32)
#define REL_BURST     8         /* datagrams a round (= POST_QUOTA: more
                                   would only overflow the box) */
#define REL_QUICK     16        /* silent rounds in a row before the
                                   sender waits REL_RTO */
#define REL_RTO       2         /* ticks it then waits for an answer;
                                   ticks a receiver waits before it
                                   checks that its sender still exists */

/* What a transfer cost, for tests and benchmarks. */
struct rel_stats {
    uint32_t packets;           /* data messages the data needed */
    uint32_t sent;              /* datagrams sent (data or acks) */
    uint32_t rounds;            /* sender: bursts sent, each followed by
                                   the receiver's turn; receiver:
                                   acknowledgements sent */
    uint32_t retransmits;       /* data messages sent again */
    uint32_t stalls;            /* silent rounds: no answer after two
                                   turns of the receiver */
    uint32_t timeouts;          /* receives that timed out (REL_RTO) */
    uint32_t repaired;          /* messages with a flipped bit set right */
    uint32_t bad;               /* messages dropped: beyond repair, or not
                                   the partner's */
    uint32_t dups;              /* duplicate data messages ignored */
};

/*
 * rel_send: move len bytes at data to process dst, which is running
 * rel_recv(our pid, ..., len), over datagrams, and return once dst has
 * all of them. Blocks. Returns 0, or: -ESRCH / -EPIPE (dst is gone),
 * -EFAULT (data not readable), -EINTR (killed). *st (if not NULL) is
 * filled in. Other processes' messages to us stay queued.
 */
int rel_send(int dst, const void *data, uint32_t len, struct rel_stats *st);

/*
 * rel_recv: receive exactly len bytes from process src (running
 * rel_send) into buf, in order, each exactly once, whatever the channel
 * did to them; then tell src it is done. Blocks, but not for ever: when
 * nothing has come for REL_RTO ticks it checks that src still exists.
 * Meanwhile it takes every message sent to the caller, and throws away
 * those that are not src's data. Returns len, or -ESRCH (src is gone,
 * before it sent everything or when told), -EINTR (killed), or post's
 * other errors when telling src.
 */
int rel_recv(int src, void *buf, uint32_t len, struct rel_stats *st);

/* ---- arpc.c ---------------------------------------------------------- */

/* The last argument word carries the call's id: w[0..12] are the
 * caller's, in the request and in the reply. */
#define ARPC_ID_WORD (MSG_WORDS - 1)

/*
 * arpc_call: a remote procedure call from asynchronous parts: post m to
 * server (waiting for room if need be), then receive from the server
 * only, until its reply to this call comes (older replies, to calls that
 * timed out, are thrown away). The reply overwrites *m. The timeout (in
 * ticks, or TIMEOUT_NEVER) covers both halves. Blocks. Returns 0, or
 * post's and receive's errors: -ESRCH, -ELOOP, -EFAULT, -EINVAL,
 * -ETIMEDOUT, -EPIPE (the server exited), -EDEADLK, -EINTR.
 */
int arpc_call(int server, struct msg *m, int timeout);

/* What an arpc handler returns. */
#define ARPC_REPLY    1         /* send *m back as the reply */
#define ARPC_NOREPLY  0         /* no reply (a one-way message) */
#define ARPC_STOP    (-1)       /* reply, then stop serving */

/*
 * arpc_serve: a server's loop: receive a request from anyone, let the
 * handler turn it into the reply, post the reply back. The server never
 * waits for a client: a reply that finds no room is dropped (the client
 * times out). Notifications reach the handler too (code MSG_NOTIFY).
 * Blocks until the handler says ARPC_STOP. Returns the number of
 * requests served, or a receive error (-EINTR).
 */
int arpc_serve(int (*handler)(struct msg *m));

#endif /* LAB3_ASYNC_H */
