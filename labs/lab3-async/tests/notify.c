/*
 * notify.c (lab 3 test): notifications. Repeated ones from one sender
 * coalesce into one whose w[0] counts them; they come before posted
 * messages; a receiver may pick one notifier; one waiting in
 * receive(ANY) is woken by a notification; a thousand of them take no
 * kernel message memory; a dead notifier's notification is dropped.
 */
#include "lab3test.h"

static int a, b;

static const char *who(int pid)
{
    return pid == a ? "A" : pid == b ? "B" : "another";
}

static void take(const char *how, int from)
{
    struct msg m;
    int r = sys_receive(from, &m, TIMEOUT_POLL);
    if (r < 0)
        printf("%s: %s\n", how, errno_name(r));
    else if (m.code == MSG_NOTIFY)
        printf("%s: notification from %s, count %u\n", how, who(r), m.w[0]);
    else
        printf("%s: message from %s, code %d\n", how, who(r), m.code);
}

int main(void)
{
    int me = sys_getpid();
    a = spawn_or_die("poster", "mode=cmd");
    b = spawn_or_die("poster", "mode=cmd");
    poster_do(a, CMD_NOTIFY, (uint32_t)me, 5, 0, 0, 0);
    poster_do(a, CMD_POST, (uint32_t)me, 55, 0, 0, TIMEOUT_POLL);
    poster_do(b, CMD_NOTIFY, (uint32_t)me, 3, 0, 0, 0);
    poster_do(a, CMD_NOTIFY, (uint32_t)me, 2, 0, 0, 0);
    take("first", ANY);
    take("second", ANY);
    take("third", ANY);
    take("fourth", ANY);

    poster_do(a, CMD_NOTIFY, (uint32_t)me, 1, 0, 0, 0);
    poster_do(b, CMD_NOTIFY, (uint32_t)me, 1, 0, 0, 0);
    take("from B only", b);
    take("then from ANY", ANY);

    int before = sys_kinfo(KINFO_MSGS);
    int r = poster_do(a, CMD_NOTIFY, (uint32_t)me, 1000, 0, 0, 0);
    printf("1000 notifications: %s, kernel messages held: %d\n",
           result_name(r), sys_kinfo(KINFO_MSGS) - before);
    take("after 1000", a);

    int n = spawnf("notifier", "to=%d delay=3 n=1", me);
    struct msg m;
    int from = sys_receive(ANY, &m, TIMEOUT_NEVER);
    printf("waiting in receive(ANY): woken by %s, count %u\n",
           from == n && m.code == MSG_NOTIFY ? "its notification" : "?",
           m.w[0]);
    m.code = 1;
    sys_post(n, &m, TIMEOUT_NEVER);       /* go */
    sys_wait(n, 0);

    int d = spawnf("notifier", "to=%d n=4 quit=1", me);
    sys_wait(d, 0);
    take("from one that exited", ANY);
    printf("notify errors: self %s, unknown %s\n",
           result_name(sys_notify(me)), result_name(sys_notify(99999)));
    poster_do(a, CMD_STOP, 0, 0, 0, 0, 0);
    poster_do(b, CMD_STOP, 0, 0, 0, 0, 0);
    sys_wait(a, 0);
    sys_wait(b, 0);
    return 0;
}
