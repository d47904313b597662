/*
 * waitc.c (lab 2 test): waiting for C is not disturbed by anyone else. A
 * sends first and is queued before we receive; we then receive from C
 * alone, and B sends while that receive is already waiting. A and B stay
 * blocked, in their order, until C's message has come; then A's and B's
 * messages are received, intact.
 */
#include "kit.h"

static int sender(int to, int code, int delay)
{
    char args[48];
    fmt_snprintf(args, sizeof(args), "to=%d code=%d delay=%d", to, code,
                 delay);
    return spawn_or_die("sender", args);
}

static const char *who(int pid, int a, int b, int c)
{
    return pid == a ? "A" : pid == b ? "B" : pid == c ? "C" : errno_name(pid);
}

int main(void)
{
    int me = sys_getpid();
    int a = sender(me, 65, 0);          /* A: sends at once, queued */
    sys_sleep(1);
    int b = sender(me, 66, 4);          /* B: sends while we wait for C */
    int c = sender(me, 67, 12);         /* C: sends last */
    struct msg m;
    int from = sys_receive(c, &m, TIMEOUT_NEVER);
    printf("first receive: from %s, code %d\n", who(from, a, b, c), m.code);
    sys_sleep(2);                       /* A and B must still wait */
    printf("checkpoint: A and B have not been received yet\n");
    for (int i = 0; i < 2; i++) {
        from = sys_receive(ANY, &m, TIMEOUT_NEVER);
        printf("then: from %s, code %d, word %u\n", who(from, a, b, c),
               m.code, m.w[0]);
    }
    while (sys_wait(-1, 0) > 0)
        ;
    return 0;
}
