/*
 * demo_sendfirst.c (lab 2 demo, for the handout's figure send-first):
 * the sender comes first. A child 'sender' sends us one message (code 7)
 * while we are still asleep, so it blocks in send; then we receive, take
 * its message from the queue, and it runs on.
 *
 *   python3 tools/trace.py --figure send-first
 */
#include "kit.h"

int main(void)
{
    int me = sys_getpid();
    char args[32];
    fmt_snprintf(args, sizeof(args), "to=%d code=7", me);
    int b = spawn_or_die("sender", args);
    sys_sleep(3);                       /* the sender is blocked on us now */
    struct msg m;
    int from = sys_receive(ANY, &m, TIMEOUT_NEVER);
    printf("receive: %s, code %d\n",
           from == b ? "from the sender" : errno_name(from), m.code);
    sys_wait(b, 0);
    return 0;
}
