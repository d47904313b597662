/*
 * msg.h: the message, the unit of every exchange between processes, and
 * the constants of the message-passing calls. Shared by the kernel and
 * user space. Lab 2.
 *
 * A message is 64 bytes: who sent it (filled in by the kernel, so it
 * cannot be forged), a code saying what it is, and 14 words of arguments.
 */
#ifndef LIB_MSG_H
#define LIB_MSG_H

#include <stdint.h>

#define MSG_WORDS 14

struct msg {
    int32_t sender;           /* set by the kernel on delivery */
    int32_t code;             /* what the message means: up to the programs */
    uint32_t w[MSG_WORDS];    /* arguments */
};

_Static_assert(sizeof(struct msg) == 64, "a message is 64 bytes");

/* receive(from, ...): take a message from any sender. */
#define ANY            (-1)

/* Timeouts, in ticks: wait forever, or poll (never block). */
#define TIMEOUT_NEVER  (-1)
#define TIMEOUT_POLL   0

/* Lab 3: the code of a notification as receive delivers it (sender set,
 * w[0] = how many notifications it stands for). Reserved: post and
 * datagram refuse a message with this code (-EINVAL), so it cannot be
 * forged. */
#define MSG_NOTIFY     (-1)

/*
 * Lab 5: big messages. A message whose code has the bit MSG_BIG set (and
 * is not negative: MSG_NOTIFY and other negative codes never are big)
 * also describes one region of the sender's memory in its last three
 * words: where it starts, how many bytes, and how it travels (a BIG_
 * mode). The kernel delivers the region into the receiver's window (see
 * sys_window) and rewrites w[BIG_ADDR] to where it landed there; the
 * other two words arrive as sent.
 */
#define MSG_BIG        0x20000000
#define BIG_ADDR       11       /* w[BIG_ADDR]: the region's first byte */
#define BIG_LEN        12       /* w[BIG_LEN]: its length in bytes */
#define BIG_MODE       13       /* w[BIG_MODE]: one of the modes below */
#define BIG_MAX        (1u << 20)   /* at most 1 MiB in one message */

/* How a region travels. */
#define BIG_COPY       1        /* the kernel copies the bytes */
#define BIG_SHARE_RO   2        /* both map the same frames; the receiver
                                   may only read them */
#define BIG_SHARE_RW   3        /* both map the same frames, writable */
#define BIG_MOVE       4        /* the pages leave the sender */
#define BIG_COW        5        /* copy-on-write: both see the data, the
                                   first write by either copies the page */

/* Does m describe a region? */
static inline int msg_is_big(const struct msg *m)
{
    return (m->code & (int32_t)(0x80000000u | MSG_BIG)) == MSG_BIG;
}

#endif /* LIB_MSG_H */
