/*
 * agent.c (lab 4 helper): makes system calls for its parent, one command
 * at a time (lab4test.h), until AG_STOP. With AG_LATER it answers first
 * and then makes the call, so that the parent can leave it blocked in a
 * send or a receive and look at what happens.
 */
#include "lab4test.h"

static struct msg buf;          /* the message buffer the calls use */
static int last;                /* the result of the last call */

/* Make the call a command describes. */
static int call(const struct msg *cmd)
{
    uint32_t a[4];
    for (int i = 0; i < 4; i++)
        a[i] = cmd->w[1 + i] == AG_BUF ? (uint32_t)&buf : cmd->w[1 + i];
    memset(&buf, 0, sizeof(buf));
    buf.code = (int32_t)cmd->w[5];
    buf.w[0] = cmd->w[6];
    buf.sender = (int32_t)cmd->w[7];
    return syscall_raw(cmd->w[0], a[0], a[1], a[2], a[3], 0);
}

int main(void)
{
    struct msg m;
    int parent = sys_receive(ANY, &m, TIMEOUT_NEVER);
    while (parent > 0 && m.code != AG_STOP) {
        struct msg cmd = m;
        if (cmd.code == AG_LAST) {
            m.w[0] = (uint32_t)last;
            m.w[1] = (uint32_t)buf.code;
            m.w[2] = buf.w[0];
            m.w[3] = (uint32_t)buf.sender;
        } else if (cmd.code == AG_NOW) {
            last = call(&cmd);
            m.w[0] = (uint32_t)last;
        } else if (cmd.code == AG_LATER) {
            m.w[0] = 0;
            if (sys_respond(parent, &m) < 0)
                break;
            if (cmd.w[8])
                sys_sleep((int)cmd.w[8]);
            last = call(&cmd);
            parent = sys_receive(ANY, &m, TIMEOUT_NEVER);
            continue;
        } else {
            m.w[0] = (uint32_t)-EINVAL;
        }
        parent = sys_respond_receive(parent, &m, ANY, TIMEOUT_NEVER);
    }
    if (parent > 0)
        sys_respond(parent, &m);
    return 0;
}
