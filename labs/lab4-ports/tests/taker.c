/*
 * taker.c (lab 4 helper for the mailbox demo): opens mailbox mbox= to
 * receive and takes n= messages from it, waiting for each.
 */
#include "lab4test.h"

int main(int argc, char **argv)
{
    int mbox = (int)arg_uint(argc, argv, "mbox", 0);
    uint32_t n = arg_uint(argc, argv, "n", 1);
    if (sys_mbox_open(mbox, MBOX_RECV) < 0)
        return 1;
    struct msg m;
    for (uint32_t i = 0; i < n; i++)
        if (sys_mbox_receive(mbox, &m, TIMEOUT_NEVER) < 0)
            return 1;
    return 0;
}
