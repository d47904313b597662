/*
 * notify.c (lab 3 test): notifications. Repeated ones from one sender
 * coalesce into one whose w[0] counts them (up to 65535) and whose other
 * words are zero; they come before posted messages; a receiver may pick
 * one notifier; receive(ANY) takes notifiers round robin, so a busy one
 * cannot starve another; one waiting in receive(ANY) is woken by a
 * notification, one waiting for C is not woken by B's; a thousand of
 * them take no kernel message memory; a dead notifier's notification is
 * dropped.
 */
#include "lab3test.h"

static int a, b;

static const char *who(int pid)
{
    return pid == a ? "A" : pid == b ? "B" : "another";
}

/* A notification's words after w[0] are zero. */
static void zero_words(const char *how, const struct msg *m)
{
    for (int i = 1; i < MSG_WORDS; i++)
        if (m->w[i] != 0) {
            printf("%s: w[%d] of a notification is not zero\n", how, i);
            return;
        }
}

static int take(const char *how, int from)
{
    struct msg m;
    memset(&m, 0xA5, sizeof(m));
    int r = sys_receive(from, &m, TIMEOUT_POLL);
    if (r < 0)
        printf("%s: %s\n", how, errno_name(r));
    else if (m.code == MSG_NOTIFY)
        printf("%s: notification from %s, count %u\n", how, who(r), m.w[0]);
    else
        printf("%s: message from %s, code %d\n", how, who(r), m.code);
    if (r > 0 && m.code == MSG_NOTIFY)
        zero_words(how, &m);
    return r;
}

/* A and B both notify; whichever receive(ANY) takes first notifies again
 * at once: the other one must come next. */
static void round_robin(int me)
{
    poster_do(a, CMD_NOTIFY, (uint32_t)me, 1, 0, 0, 0);
    poster_do(b, CMD_NOTIFY, (uint32_t)me, 1, 0, 0, 0);
    struct msg m;
    int first = sys_receive(ANY, &m, TIMEOUT_POLL);
    poster_do(first == a ? a : b, CMD_NOTIFY, (uint32_t)me, 1, 0, 0, 0);
    int second = sys_receive(ANY, &m, TIMEOUT_POLL);
    int third = sys_receive(ANY, &m, TIMEOUT_POLL);
    printf("round robin: the other notifier next: %s, then the first "
           "again: %s\n",
           second > 0 && second != first ? "yes" : "no",
           third == first ? "yes" : "no");
}

/* We wait for C's notification; B's, which comes first, waits. */
static void waiting_for_c(int me)
{
    int nb = spawnf("notifier", "to=%d delay=2 n=1", me);
    int nc = spawnf("notifier", "to=%d delay=6 n=1", me);
    struct msg m;
    int from = sys_receive(nc, &m, TIMEOUT_NEVER);
    printf("waiting for C: woken by %s\n",
           from == nc ? "C" : from == nb ? "B" : errno_name(from));
    from = sys_receive(ANY, &m, TIMEOUT_POLL);
    printf("then: %s\n", from == nb ? "B's notification" : errno_name(from));
    m.code = 1;
    sys_post(nb, &m, TIMEOUT_NEVER);      /* go */
    sys_post(nc, &m, TIMEOUT_NEVER);
    sys_wait(nb, 0);
    sys_wait(nc, 0);
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
    r = poster_do(a, CMD_NOTIFY, (uint32_t)me, 70000, 0, 0, 0);
    printf("70000 notifications: %s\n", result_name(r));
    take("after 70000", a);
    round_robin(me);

    int n = spawnf("notifier", "to=%d delay=3 n=1", me);
    struct msg m;
    int from = sys_receive(ANY, &m, TIMEOUT_NEVER);
    printf("waiting in receive(ANY): woken by %s, count %u\n",
           from == n && m.code == MSG_NOTIFY ? "its notification" : "?",
           m.w[0]);
    m.code = 1;
    sys_post(n, &m, TIMEOUT_NEVER);       /* go */
    sys_wait(n, 0);
    waiting_for_c(me);

    int d = spawnf("notifier", "to=%d n=4 quit=1", me);
    sys_sleep(3);                         /* d has exited; not reaped yet */
    take("from one that exited", ANY);
    sys_wait(d, 0);
    printf("notify errors: self %s, unknown %s\n",
           result_name(sys_notify(me)), result_name(sys_notify(99999)));
    poster_do(a, CMD_STOP, 0, 0, 0, 0, 0);
    poster_do(b, CMD_STOP, 0, 0, 0, 0, 0);
    sys_wait(a, 0);
    sys_wait(b, 0);
    return 0;
}
