/*
 * slowserver.c (lab 2 helper): after 'wait=' ticks (default 0), take one
 * request, wait 'delay=' ticks, then try to respond, and say how that
 * went.
 */
#include "kit.h"

int main(int argc, char **argv)
{
    struct msg m;
    sys_sleep((int)arg_uint(argc, argv, "wait", 0));
    int from = sys_receive(ANY, &m, TIMEOUT_NEVER);
    sys_sleep((int)arg_uint(argc, argv, "delay", 10));
    int r = sys_respond(from, &m);
    printf("late respond: %s\n", r < 0 ? errno_name(r) : "ok");
    return 0;
}
