/*
 * lazyrecv.c (lab 3 helper): a slow receiver. Sleeps delay= ticks, then
 * receives from anyone, one message every gap= ticks, until nothing has
 * come for idle= ticks; prints how many it received (tagged tag=). With
 * quit=1 it exits after the delay without receiving anything.
 */
#include "lab3test.h"

int main(int argc, char **argv)
{
    const char *tag = arg_get(argc, argv, "tag");
    int gap = (int)arg_uint(argc, argv, "gap", 0);
    int idle = (int)arg_uint(argc, argv, "idle", 20);
    sys_sleep((int)arg_uint(argc, argv, "delay", 10));
    if (arg_uint(argc, argv, "quit", 0))
        return 0;
    int n = 0;
    struct msg m;
    while (sys_receive(ANY, &m, idle) > 0) {
        n++;
        if (gap)
            sys_sleep(gap);
    }
    printf("lazyrecv %s: received %d\n", tag ? tag : "-", n);
    return 0;
}
