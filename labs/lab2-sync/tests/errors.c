/*
 * errors.c (lab 2 test): every error of the rendezvous calls, one line
 * per case ("CASE: RESULT"), argument errors in the order the handout
 * lists them, and that a failed call changes nothing.
 */
#include "kit.h"

#define USER_TOP 0x80000000u

/* A message in read-only memory (.rodata): send may read it; receive,
 * request and respond_receive, which write into it, must refuse it. */
static const struct msg read_only = { .code = 5 };

static void show(const char *what, int r)
{
    if (r < 0)
        printf("%s: %s\n", what, errno_name(r));
    else
        printf("%s: %d\n", what, r);
}

/* Bad ids, pointers and timeouts: refused at once, nothing queued. */
static void refused(void)
{
    struct msg m = { .code = 5 };
    int sleeper = spawn_or_die("spin", "n=1 gap=30");
    show("send unknown", sys_send(99999, &m, TIMEOUT_NEVER));
    show("send self", sys_send(sys_getpid(), &m, TIMEOUT_NEVER));
    show("send null msg", sys_send(sleeper, 0, TIMEOUT_NEVER));
    show("send kernel msg", sys_send(sleeper, (void *)0x100000, TIMEOUT_NEVER));
    show("send msg past the top",
         sys_send(sleeper, (void *)(USER_TOP - 32), TIMEOUT_NEVER));
    show("send bad timeout", sys_send(sleeper, &m, -5));
    show("send unknown, null msg", sys_send(99999, 0, TIMEOUT_NEVER));
    show("send null msg, bad timeout", sys_send(sleeper, 0, -2));
    show("send poll", sys_send(sleeper, &m, TIMEOUT_POLL));
    show("receive unknown", sys_receive(99999, &m, TIMEOUT_NEVER));
    show("receive self", sys_receive(sys_getpid(), &m, TIMEOUT_NEVER));
    show("receive kernel msg",
         sys_receive(ANY, (void *)0x100000, TIMEOUT_NEVER));
    show("receive read-only msg",
         sys_receive(ANY, (void *)&read_only, TIMEOUT_POLL));
    show("receive bad timeout", sys_receive(ANY, &m, -7));
    show("receive poll", sys_receive(ANY, &m, TIMEOUT_POLL));
    show("request unknown", sys_request(99999, &m, TIMEOUT_NEVER));
    show("request bad msg",
         sys_request(sleeper, (void *)0xC0000000u, TIMEOUT_NEVER));
    show("request read-only msg",
         sys_request(sleeper, (void *)&read_only, TIMEOUT_POLL));
    show("request bad timeout", sys_request(sleeper, &m, -3));
    show("respond unknown", sys_respond(99999, &m));
    show("respond not waiting", sys_respond(sleeper, &m));
    show("respond bad msg", sys_respond(sleeper, 0));
    show("respond_receive read-only msg",
         sys_respond_receive(sleeper, (void *)&read_only, ANY,
                             TIMEOUT_POLL));
    show("kill sleeper", sys_kill(sleeper));
    sys_wait(sleeper, 0);
}

/* A failed send leaves nothing behind: the receiver finds no message. */
static void nothing_left(void)
{
    int sink = spawnf("sink", "delay=%d", 4);
    struct msg m = { .code = 9 };
    show("send to sink, bad msg", sys_send(sink, (void *)0x10, TIMEOUT_NEVER));
    show("send to sink, poll", sys_send(sink, &m, TIMEOUT_POLL));
    sys_wait(sink, 0);
}

/* respond is for a client waiting for the caller's reply, and for no one
 * else: not a request still queued, not another server's client. The
 * respond half of respond_receive fails the same way, and then nothing is
 * received. */
static void not_connected(void)
{
    int me = sys_getpid();
    char args[48];
    fmt_snprintf(args, sizeof(args), "to=%d answer=0", me);
    int asker = spawn_or_die("asker", args);
    sys_sleep(2);                        /* its request is queued on us */
    struct msg m = { .code = 1, .w = { 13 } };
    show("respond to a queued request", sys_respond(asker, &m));
    show("respond_receive to a queued request",
         sys_respond_receive(asker, &m, ANY, TIMEOUT_POLL));
    int from = sys_receive(asker, &m, TIMEOUT_POLL);
    show("its request still queued", from == asker ? 0 : from);
    m.w[0] = 43;
    show("then respond", sys_respond(asker, &m));
    sys_wait(asker, 0);

    int slow = spawn_or_die("slowserver", "delay=6");
    fmt_snprintf(args, sizeof(args), "to=%d", slow);
    int other = spawn_or_die("asker", args);
    sys_sleep(2);                        /* slow took its request */
    m.w[0] = 99;
    show("respond to another server's client", sys_respond(other, &m));
    sys_wait(other, 0);
    sys_wait(slow, 0);
}

/* respond_receive checks both halves before it does anything: with a
 * bad 'from' the client gets no reply (it still waits for one, so a
 * later respond reaches it), and the error is the receive half's. */
static void respond_receive_first_checks(void)
{
    int asker = spawn_or_die("asker", 0);
    struct msg m;
    int r = sys_receive(asker, &m, TIMEOUT_NEVER);
    show("respond_receive, asker's request", r == asker ? 0 : r);
    m.w[0] = 41;
    show("respond_receive, from self",
         sys_respond_receive(asker, &m, sys_getpid(), TIMEOUT_POLL));
    show("respond_receive, from unknown",
         sys_respond_receive(asker, &m, 99999, TIMEOUT_POLL));
    show("respond_receive, bad timeout",
         sys_respond_receive(asker, &m, ANY, -5));
    m.w[0] = 42;
    show("respond after them (the asker still waits)",
         sys_respond(asker, &m));
    sys_wait(asker, 0);
}

/* Partners that die while we wait for them. */
static void dead_partners(void)
{
    struct msg m = { .code = 7 };
    int victim = spawn_or_die("spin", "n=1 gap=1000");
    spawnf("killer", "target=%d delay=3", victim);
    show("send, receiver killed", sys_send(victim, &m, TIMEOUT_NEVER));
    int quitter = spawn_or_die("spin", "n=1 gap=3");
    show("receive from it, it exits", sys_receive(quitter, &m, TIMEOUT_NEVER));
    int dropper = spawn_or_die("dropper", 0);
    show("request, server exits", sys_request(dropper, &m, TIMEOUT_NEVER));
    show("send to dead", sys_send(dropper, &m, TIMEOUT_NEVER));
    int blocked = spawn_or_die("sink", "delay=0 forever=1");
    sys_sleep(2);
    sys_kill(blocked);
    int status = 0;
    sys_wait(blocked, &status);
    printf("killed while receiving: status %d\n", status);
    while (sys_wait(-1, 0) > 0)
        ;
}

int main(void)
{
    refused();
    nothing_left();
    not_connected();
    respond_receive_first_checks();
    dead_partners();
    return 0;
}
