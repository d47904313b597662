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

#endif /* LIB_MSG_H */
