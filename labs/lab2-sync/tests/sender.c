/*
 * sender.c (lab 2 helper): send one message with code 'code=' to process
 * 'to=' (default: the parent, found as pid 'to'), after sleeping 'delay='
 * ticks, and report how the send ended.
 */
#include "kit.h"

int main(int argc, char **argv)
{
    int to = (int)arg_uint(argc, argv, "to", 1);
    int code = (int)arg_uint(argc, argv, "code", 0);
    int delay = (int)arg_uint(argc, argv, "delay", 0);
    if (delay)
        sys_sleep(delay);
    struct msg m = { .code = code, .w = { (uint32_t)code * 11 } };
    int r = sys_send(to, &m, TIMEOUT_NEVER);
    printf("sender %d: send %s\n", code, r == 0 ? "delivered" : errno_name(r));
    return r == 0 ? 0 : 1;
}
