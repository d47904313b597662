/*
 * asyncerr.c (lab 3 test): every error of post, notify and datagram,
 * one line per case, and that a failed call queues nothing. Bad pointers,
 * unknown and absurd ids, absurd timeouts, the reserved code, and which
 * error wins when two arguments are bad (the handout's order); a post that
 * would wait for room in a cycle of waits, through a blocked send or a
 * wait for room (EDEADLK); a post interrupted
 * by a kill (EINTR).
 */
#include "lab3test.h"

static void show(const char *what, int r)
{
    printf("%s: %s\n", what, result_name(r));
}

static char page_end[4096] __attribute__((aligned(4096)));

static void refused(void)
{
    int me = sys_getpid();
    int s = spawn_or_die("lazyrecv", "tag=E delay=100000");
    struct msg m = { .code = 5 }, note = { .code = MSG_NOTIFY };
    show("post unknown", sys_post(99999, &m, TIMEOUT_POLL));
    show("post pid 0", sys_post(0, &m, TIMEOUT_POLL));
    show("post pid -1", sys_post(-1, &m, TIMEOUT_POLL));
    show("post pid 0x7fffffff", sys_post(0x7fffffff, &m, TIMEOUT_POLL));
    show("post self", sys_post(me, &m, TIMEOUT_POLL));
    show("post null msg", sys_post(s, 0, TIMEOUT_POLL));
    show("post kernel msg", sys_post(s, (void *)0x100000, TIMEOUT_POLL));
    show("post msg past the top", sys_post(s, (void *)0xFFFFFFF0u,
                                           TIMEOUT_POLL));
    show("post bad timeout", sys_post(s, &m, -2));
    show("post huge negative timeout", sys_post(s, &m, (int)0x80000000u));
    show("post reserved code", sys_post(s, &note, TIMEOUT_POLL));
    /* Two bad arguments: the first in the handout's order wins. */
    show("post null msg, bad timeout", sys_post(s, 0, -2));
    show("post unknown, null msg", sys_post(99999, 0, TIMEOUT_POLL));
    show("post unknown, reserved code", sys_post(99999, &note, TIMEOUT_POLL));
    show("notify unknown", sys_notify(99999));
    show("notify pid 0", sys_notify(0));
    show("notify pid -1", sys_notify(-1));
    show("notify self", sys_notify(me));
    show("datagram unknown", sys_datagram(99999, &m));
    show("datagram self", sys_datagram(me, &m));
    show("datagram null msg", sys_datagram(s, 0));
    show("datagram kernel msg", sys_datagram(s, (void *)0xC0000000u));
    show("datagram reserved code", sys_datagram(s, &note));
    printf("held after the failed calls: %d\n", sys_kinfo(KINFO_MSGS));
    /* A message that runs off the end of the data into unmapped memory:
     * the call may read the whole buffer or refuse it, never half. */
    struct msg *edge = (struct msg *)(page_end + sizeof(page_end) - 32);
    int r = sys_post(s, edge, TIMEOUT_POLL);
    printf("post straddling a page: %s\n",
           r == 0 || r == -EFAULT ? "whole or refused" : errno_name(r));
    if (r == 0)
        sys_receive(ANY, &m, TIMEOUT_POLL);
    sys_kill(s);
    sys_wait(s, 0);
    printf("held after the receiver exits: %d\n", sys_kinfo(KINFO_MSGS));
}

/* We fill B's box; B then blocks sending to us: our waiting for room in
 * B's box would close a cycle. */
static void deadlock(void)
{
    int me = sys_getpid();
    int b = spawnf("sender", "to=%d code=66 delay=3", me);
    struct msg m = { .code = 6 };
    int ok = 0;
    for (int i = 0; i < 8; i++)
        ok += sys_post(b, &m, TIMEOUT_POLL) == 0;
    sys_sleep(6);
    printf("posted %d, then B sends to us\n", ok);
    show("post waiting for room in B's box", sys_post(b, &m, TIMEOUT_NEVER));
    int from = sys_receive(b, &m, TIMEOUT_POLL);
    printf("received B's send: %s\n", from == b ? "yes" : "no");
    sys_wait(b, 0);

    /* C fills its quota of our box and waits for room in it; our waiting
     * for room in C's box would close the cycle. */
    int c = spawnf("poster", "mode=fill dst=%d n=9 never=1", me);
    sys_sleep(3);
    ok = 0;
    for (int i = 0; i < 8; i++)
        ok += sys_post(c, &m, TIMEOUT_POLL) == 0;
    printf("C waits for room in our box; posted %d to C\n", ok);
    show("post waiting for room in C's box", sys_post(c, &m, TIMEOUT_NEVER));
    int n = 0, status = 0;
    while (sys_receive(c, &m, TIMEOUT_POLL) > 0)
        n++;
    sys_wait(c, &status);                /* its last post got room */
    while (sys_receive(c, &m, TIMEOUT_POLL) > 0)
        n++;
    printf("received C's posts: %d, all of them: %s\n", n,
           status == 9 ? "yes" : "no");
}

/* Killed while waiting for room. */
static void killed(void)
{
    int me = sys_getpid();
    int v = spawnf("poster", "mode=fill dst=%d n=9 never=1", me);
    sys_sleep(3);                  /* v has posted 8, waits for room */
    sys_kill(v);
    int status = 0;
    sys_wait(v, &status);
    printf("killed while waiting for room: status %d\n", status);
    int n = 0;
    struct msg m;
    while (sys_receive(v, &m, TIMEOUT_POLL) > 0)
        n++;
    printf("its posts still delivered: %d\n", n);
}

int main(void)
{
    refused();
    deadlock();
    killed();
    return 0;
}
