/*
 * preempt.c (lab 1 test): two processes that never make a system call in
 * their loops still share the CPU, because the timer preempts them.
 */
#include "kit.h"

int main(void)
{
    int a = spawn_or_die("busy", "id=a");
    int b = spawn_or_die("busy", "id=b");
    sys_sleep(40);
    sys_kill(a);
    sys_kill(b);
    int sa = 0, sb = 0;
    sys_wait(a, &sa);
    sys_wait(b, &sb);
    printf("both killed: %s\n",
           sa == STATUS_KILLED && sb == STATUS_KILLED ? "yes" : "no");
    return 0;
}
