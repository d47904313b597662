/*
 * sink.c (lab 2 helper): after 'delay=' ticks, look for a queued message
 * without blocking and say whether there was one; with 'forever=1',
 * block in receive instead (to be killed there).
 */
#include "kit.h"

int main(int argc, char **argv)
{
    struct msg m;
    sys_sleep((int)arg_uint(argc, argv, "delay", 0));
    if (arg_uint(argc, argv, "forever", 0)) {
        int r = sys_receive(ANY, &m, TIMEOUT_NEVER);
        printf("sink: receive returned %d\n", r);
        return 0;
    }
    int r = sys_receive(ANY, &m, TIMEOUT_POLL);
    printf("sink: nothing queued: %s\n", r == -EAGAIN ? "yes" : "no");
    return 0;
}
