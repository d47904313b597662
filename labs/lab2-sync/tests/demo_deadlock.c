/*
 * demo_deadlock.c (lab 2 demo, for the handout's figure deadlock-refused):
 * a wait that would close a cycle is refused. C ('relay') sends to us and
 * blocks; B ('sender') sends to C and blocks. Our send to B would make us
 * wait for B, who waits for C, who waits for us: the kernel refuses it
 * with EDEADLK instead of blocking. Then we receive from C, which lets C
 * take B's message, and everyone finishes.
 *
 *   python3 tools/trace.py --figure deadlock-refused
 */
#include "kit.h"

int main(void)
{
    int me = sys_getpid();
    char args[40];
    fmt_snprintf(args, sizeof(args), "to=%d", me);
    int c = spawn_or_die("relay", args);            /* C: sends to us */
    fmt_snprintf(args, sizeof(args), "to=%d code=3 delay=1", c);
    int b = spawn_or_die("sender", args);           /* B: sends to C */
    sys_sleep(4);                       /* both are blocked by now */
    struct msg m = { .code = 1 };
    int r = sys_send(b, &m, TIMEOUT_NEVER);
    printf("send to B (B waits for C, C for us): %s\n",
           r < 0 ? errno_name(r) : "ok");
    int from = sys_receive(c, &m, TIMEOUT_NEVER);
    printf("receive from C: %s, code %d\n",
           from == c ? "ok" : errno_name(from), m.code);
    sys_wait(b, 0);
    sys_wait(c, 0);
    return 0;
}
