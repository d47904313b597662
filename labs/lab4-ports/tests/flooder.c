/*
 * flooder.c (lab 4 helper): n= messages as fast as it can, each with code=
 * and w[0] = its number, to port= (port_post) or, with mbox=, to that
 * mailbox (mbox_send, which it opens first), with timeout= (default -1:
 * wait for room); with ports=A,B,C... n= to each of those ports in turn.
 * Stops early when its parent notifies it. Exit status: 0, or 1 if any
 * message was refused with ENOBUFS; with ports=, how many were accepted.
 * With quiet=1 it prints nothing, else one line: how many were accepted
 * and refused.
 */
#include "lab4test.h"

int main(int argc, char **argv)
{
    int port = (int)arg_uint(argc, argv, "port", 0);
    int mbox = (int)arg_uint(argc, argv, "mbox", 0);
    uint32_t n = arg_uint(argc, argv, "n", 100);
    int timeout = arg_get(argc, argv, "timeout")
                      ? (int)arg_uint(argc, argv, "timeout", 0)
                      : TIMEOUT_NEVER;
    struct msg m = { .code = (int32_t)arg_uint(argc, argv, "code", 1) };
    if (mbox && sys_mbox_open(mbox, MBOX_SEND) < 0)
        return 2;
    const char *list = arg_get(argc, argv, "ports");
    if (list) {                 /* n to each port of the list */
        int accepted = 0;
        while (*list) {
            int p = 0;
            while (*list >= '0' && *list <= '9')
                p = p * 10 + (*list++ - '0');
            if (*list == ',')
                list++;
            for (uint32_t i = 0; i < n; i++)
                accepted += sys_port_post(p, &m, TIMEOUT_POLL) == 0;
        }
        return accepted;
    }
    uint32_t ok = 0, again = 0, nobufs = 0, other = 0;
    for (uint32_t i = 0; i < n; i++) {
        struct msg note;
        if (i % 16 == 0 && sys_receive(ANY, &note, TIMEOUT_POLL) > 0 &&
            note.code == MSG_NOTIFY)
            break;
        m.w[0] = i;
        int r = mbox ? sys_mbox_send(mbox, &m, 0, timeout)
                     : sys_port_post(port, &m, timeout);
        ok += r == 0;
        again += r == -EAGAIN;
        nobufs += r == -ENOBUFS;
        other += r < 0 && r != -EAGAIN && r != -ENOBUFS;
    }
    if (!arg_uint(argc, argv, "quiet", 0))
        printf("flooder %d: accepted %s, refused with EAGAIN %s, other "
               "errors %u\n", m.code, ok ? "some" : "none",
               again > ok ? "mostly" : again ? "some" : "never", other);
    return nobufs ? 1 : 0;
}
