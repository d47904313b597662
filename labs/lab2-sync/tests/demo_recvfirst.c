/*
 * demo_recvfirst.c (lab 2 demo, for the handout's figure receive-first):
 * the receiver comes first. We receive from anyone at once and block; a
 * child 'sender' sends us one message (code 7) a few ticks later, and
 * the kernel copies it straight into our buffer: the sender never waits.
 *
 *   python3 tools/trace.py --figure receive-first
 */
#include "kit.h"

int main(void)
{
    int me = sys_getpid();
    char args[40];
    fmt_snprintf(args, sizeof(args), "to=%d code=7 delay=3", me);
    int b = spawn_or_die("sender", args);
    struct msg m;
    int from = sys_receive(ANY, &m, TIMEOUT_NEVER);
    printf("receive: %s, code %d\n",
           from == b ? "from the sender" : errno_name(from), m.code);
    sys_wait(b, 0);
    return 0;
}
