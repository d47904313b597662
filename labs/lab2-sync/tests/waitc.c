/*
 * waitc.c (lab 2 test): waiting for C is not disturbed by B. B sends
 * first; we receive from C alone, so B stays queued (still blocked) until
 * C's message has come; then B's message is received, intact.
 */
#include "kit.h"

int main(void)
{
    int me = sys_getpid();
    char args[40];
    fmt_snprintf(args, sizeof(args), "to=%d code=66", me);
    int b = spawn_or_die("sender", args);          /* B: sends at once */
    fmt_snprintf(args, sizeof(args), "to=%d code=67 delay=10", me);
    int c = spawn_or_die("sender", args);          /* C: sends later */
    sys_sleep(2);
    struct msg m;
    int from = sys_receive(c, &m, TIMEOUT_NEVER);
    printf("first receive: from %s, code %d\n",
           from == c ? "C" : from == b ? "B" : errno_name(from), m.code);
    sys_sleep(2);                                   /* B must still wait */
    printf("checkpoint: B has not been received yet\n");
    from = sys_receive(ANY, &m, TIMEOUT_NEVER);
    printf("second receive: from %s, code %d, word %u\n",
           from == b ? "B" : from == c ? "C" : errno_name(from), m.code,
           m.w[0]);
    while (sys_wait(-1, 0) > 0)
        ;
    return 0;
}
