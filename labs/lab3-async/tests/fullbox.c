/*
 * fullbox.c (lab 3 test): a full post box, and each way a sender can
 * meet it: fail at once (poll), wait a while (timeout), wait for room
 * (TIMEOUT_NEVER). Then the quota (the box has room, the sender has used
 * its share) and a receiver that exits while we wait for room.
 */
#include "lab3test.h"

static int me;

static void show(const char *what, int r)
{
    printf("%s: %s\n", what, result_name(r));
}

/* Four fillers post POST_QUOTA messages each to dst and exit. */
static void fill(int dst)
{
    int pids[4], ok = 0;
    for (int i = 0; i < 4; i++)
        pids[i] = spawnf("poster", "mode=fill dst=%d n=8 code=%d", dst,
                         10 + i);
    for (int i = 0; i < 4; i++) {
        int status = 0;
        sys_wait(pids[i], &status);
        ok += status;
    }
    printf("fillers posted %d of 32\n", ok);
}

static void full_box(void)
{
    int r = spawn_or_die("lazyrecv", "tag=R delay=30 gap=5 idle=20");
    fill(r);
    struct msg m = { .code = 1 };
    show("full box, poll", sys_post(r, &m, TIMEOUT_POLL));
    int t0 = sys_uptime();
    int e = sys_post(r, &m, 5);
    int waited = sys_uptime() - t0;
    printf("full box, timeout 5: %s %s\n", result_name(e),
           waited >= 5 ? "after the timeout" : "too early");
    t0 = sys_uptime();
    e = sys_post(r, &m, TIMEOUT_NEVER);
    waited = sys_uptime() - t0;
    printf("full box, wait for room: %s, %s\n", result_name(e),
           waited >= 15 ? "once the receiver took one" : "too early");
    show("full again, poll", sys_post(r, &m, TIMEOUT_POLL));
    sys_wait(r, 0);                         /* it takes 33 */
}

static void quota(void)
{
    int q = spawn_or_die("lazyrecv", "tag=Q delay=20 idle=20");
    struct msg m = { .code = 2 };
    int ok = 0;
    for (int i = 0; i < 8; i++)
        ok += sys_post(q, &m, TIMEOUT_POLL) == 0;
    printf("quota: %d posted\n", ok);
    show("quota: the 9th, poll", sys_post(q, &m, TIMEOUT_POLL));
    int e = sys_post(q, &m, 3);
    show("quota: the 9th, timeout 3", e);
    int other = spawnf("poster", "mode=fill dst=%d n=8 code=3", q);
    int status = 0;
    sys_wait(other, &status);
    printf("quota: another sender still finds room: %d of 8\n", status);
    sys_wait(q, 0);                         /* it takes 16 */
}

static void receiver_exits(void)
{
    int x = spawn_or_die("lazyrecv", "tag=X delay=10 quit=1");
    struct msg m = { .code = 4 };
    for (int i = 0; i < 8; i++)
        sys_post(x, &m, TIMEOUT_POLL);
    show("waiting for room, the receiver exits", sys_post(x, &m,
                                                          TIMEOUT_NEVER));
    sys_wait(x, 0);
    show("post to it now", sys_post(x, &m, TIMEOUT_POLL));
}

int main(void)
{
    me = sys_getpid();
    full_box();
    quota();
    receiver_exits();
    printf("messages held at the end: %d\n", sys_kinfo(KINFO_MSGS));
    return 0;
}
