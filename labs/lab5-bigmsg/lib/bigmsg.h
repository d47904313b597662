/*
 * bigmsg.h: big messages from user space (lab 5): how to attach a region
 * of your memory to a message, and where a received one landed. The
 * calls themselves are the system calls of kit.h: any call that sends a
 * message (send, request, respond, respond_receive, post) sends a big
 * one, and the receiver names its receive window with sys_window before
 * it receives. Lab 5, provided.
 */
#ifndef LAB5_BIGMSG_H
#define LAB5_BIGMSG_H

#include "kit.h"

/* Make m a big message carrying [va, va+len) in 'mode' (a BIG_ mode):
 * sets MSG_BIG in its code and the three region words. */
static inline void big_attach(struct msg *m, const void *va, uint32_t len,
                              uint32_t mode)
{
    m->code |= MSG_BIG;
    m->w[BIG_ADDR] = (uint32_t)va;
    m->w[BIG_LEN] = len;
    m->w[BIG_MODE] = mode;
}

/* A received big message's region: where it is in our address space,
 * and how long. */
static inline uint8_t *big_data(const struct msg *m)
{
    return (uint8_t *)m->w[BIG_ADDR];
}

static inline uint32_t big_len(const struct msg *m)
{
    return m->w[BIG_LEN];
}

/* The code without the MSG_BIG bit. */
static inline int32_t big_code(const struct msg *m)
{
    return m->code & ~MSG_BIG;
}

/* The pages of [va, va+len), from va's page to the page of its last
 * byte (what a region occupies in a window). */
static inline uint32_t big_pages(const void *va, uint32_t len)
{
    return (((uint32_t)va & (PAGE_BYTES - 1)) + len + PAGE_BYTES - 1) /
           PAGE_BYTES;
}

/* A mode's name, for output. */
static inline const char *big_mode_name(uint32_t mode)
{
    static const char *const names[] = { "?", "copy", "share-ro",
                                         "share-rw", "move", "cow" };
    return names[mode <= BIG_COW ? mode : 0];
}

#endif /* LAB5_BIGMSG_H */
