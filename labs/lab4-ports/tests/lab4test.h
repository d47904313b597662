/*
 * lab4test.h: what lab 4's test programs share: the commands an agent
 * (agent.c) takes from its parent, and small helpers. Lab 4 tests.
 *
 * An agent makes system calls for its parent, one at a time, so that a
 * test decides the exact order of everything that happens: "post to this
 * port now", "send to that port and stay blocked there", "what did your
 * last call return?". A command is a lab 2 request to the agent; its
 * reply's w[0] is the result.
 */
#ifndef LAB4TEST_H
#define LAB4TEST_H

#include "kit.h"
#include "ports.h"

#define AG_STOP   0     /* exit */
#define AG_NOW    1     /* make the call, reply with its result */
#define AG_LATER  2     /* reply 0 at once, then make the call (which may
                           block), after w[8] ticks; keep its result */
#define AG_LAST   3     /* reply: w[0] the result of the last call,
                           w[1] the code, w[2] w[0], w[3] the sender of
                           the agent's message buffer after it */

/* In a command's arguments: the agent's message buffer. Its code, w[0]
 * and sender are set from the command before each call. */
#define AG_BUF    0xB0F0B0F0u

/* Every message an agent sends claims to come from this pid: the kernel
 * must put the real sender in its place. */
#define AG_FORGED 4242

/* The command: w[0] the call's number, w[1..4] its arguments, w[5] the
 * buffer's code, w[6] its w[0], w[7] its sender, w[8] the delay. */
static inline int agent_cmd(int agent, uint32_t cmd, uint32_t num,
                            uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3,
                            int32_t code, uint32_t word, uint32_t delay)
{
    struct msg m = { .code = (int32_t)cmd,
                     .w = { num, a0, a1, a2, a3, (uint32_t)code, word,
                            AG_FORGED, delay } };
    int r = sys_request(agent, &m, TIMEOUT_NEVER);
    return r < 0 ? r : (int)m.w[0];
}

/* The agent's last AG_LATER call: its result, and the buffer after it. */
static inline int agent_last(int agent, struct msg *out)
{
    struct msg m = { .code = AG_LAST };
    int r = sys_request(agent, &m, TIMEOUT_NEVER);
    if (r < 0)
        return r;
    if (out) {
        memset(out, 0, sizeof(*out));
        out->code = (int32_t)m.w[1];
        out->w[0] = m.w[2];
        out->sender = (int32_t)m.w[3];
    }
    return (int)m.w[0];
}

static inline void agent_stop(int agent)
{
    struct msg m = { .code = AG_STOP };
    sys_request(agent, &m, TIMEOUT_NEVER);
    sys_wait(agent, 0);
}

/* Common calls through an agent. */
static inline int ag_post(int a, int port, int32_t code, uint32_t word,
                          int timeout)
{
    return agent_cmd(a, AG_NOW, SYS_port_post, (uint32_t)port, AG_BUF,
                     (uint32_t)timeout, 0, code, word, 0);
}

static inline int ag_send_later(int a, int port, int32_t code, uint32_t word)
{
    return agent_cmd(a, AG_LATER, SYS_port_send, (uint32_t)port, AG_BUF,
                     (uint32_t)TIMEOUT_NEVER, 0, code, word, 0);
}

static inline int ag_request_later(int a, int port, int32_t code,
                                   uint32_t word)
{
    return agent_cmd(a, AG_LATER, SYS_port_request, (uint32_t)port, AG_BUF,
                     (uint32_t)TIMEOUT_NEVER, 0, code, word, 0);
}

static inline int ag_mbox_open(int a, int mbox, int mode)
{
    return agent_cmd(a, AG_NOW, SYS_mbox_open, (uint32_t)mbox,
                     (uint32_t)mode, 0, 0, 0, 0, 0);
}

static inline int ag_mbox_send(int a, int mbox, int32_t code, uint32_t word,
                               int prio, int timeout)
{
    return agent_cmd(a, AG_NOW, SYS_mbox_send, (uint32_t)mbox, AG_BUF,
                     (uint32_t)prio, (uint32_t)timeout, code, word, 0);
}

/* An agent's mbox_receive(mbox, poll): the result, and the message in
 * *out (code, w[0]) when one came. */
static inline int ag_mbox_take(int a, int mbox, struct msg *out)
{
    agent_cmd(a, AG_NOW, SYS_mbox_receive, (uint32_t)mbox, AG_BUF,
              (uint32_t)TIMEOUT_POLL, 0, 0, 0, 0);
    return agent_last(a, out);          /* AG_NOW keeps the buffer too */
}

/* Give processes that were just spawned, or just told to make a call,
 * the time to get there and block: two ticks, so that they have a whole
 * tick of the CPU to themselves even if the first one ends at once. (One
 * tick is not enough: it may end right away, and then we could run again
 * before them.) */
static inline void let_them_block(void)
{
    sys_sleep(2);
}

/* The number of messages the kernel holds. */
static inline int held(void)
{
    return sys_kinfo(KINFO_MSGS);
}

#endif /* LAB4TEST_H */
