/*
 * notifier.c (lab 3 helper): after delay= ticks, notify to= n= times;
 * then, with quit=1, exit at once, else wait (in receive) to be told to
 * go.
 */
#include "lab3test.h"

int main(int argc, char **argv)
{
    int to = (int)arg_uint(argc, argv, "to", 1);
    sys_sleep((int)arg_uint(argc, argv, "delay", 0));
    uint32_t n = arg_uint(argc, argv, "n", 1);
    for (uint32_t i = 0; i < n; i++)
        sys_notify(to);
    if (arg_uint(argc, argv, "quit", 0))
        return 0;
    struct msg m;
    sys_receive(to, &m, TIMEOUT_NEVER);
    return 0;
}
