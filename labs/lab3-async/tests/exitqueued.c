/*
 * exitqueued.c (lab 3 test): processes that exit with messages queued.
 * What a dead sender posted stays deliverable (store and forward), and
 * receive from its pid works until none is left, respond_receive's
 * receive half too; the box of a receiver
 * that dies is freed with everything in it (the kernel holds no message
 * afterwards); a sender waiting for room in it wakes with EPIPE.
 */
#include "lab3test.h"

static void dead_sender(void)
{
    int me = sys_getpid();
    int s = spawnf("poster", "mode=fill dst=%d n=5 code=9", me);
    int status = 0;
    sys_wait(s, &status);
    printf("the sender posted %d and exited; held: %d\n", status,
           sys_kinfo(KINFO_MSGS));
    int in_order = 0;
    struct msg m;
    while (sys_receive(s, &m, TIMEOUT_POLL) == s && m.code == 9 &&
           m.w[0] == (uint32_t)in_order && m.sender == s)
        in_order++;
    printf("received from the dead sender: %d of 5, in order\n", in_order);
    printf("then receive from it: %s\n",
           result_name(sys_receive(s, &m, TIMEOUT_POLL)));
}

/* A server's respond_receive may name a dead sender whose messages are
 * still here: its reply goes out, and it takes that sender's message. */
static void dead_sender_named(void)
{
    int me = sys_getpid();
    int s = spawnf("poster", "mode=fill dst=%d n=1 code=8", me);
    sys_wait(s, 0);
    char args[40];
    fmt_snprintf(args, sizeof(args), "to=%d answer=0", me);
    int client = spawn_or_die("asker", args);
    struct msg m;
    sys_receive(client, &m, TIMEOUT_NEVER);
    m.w[0] = 55;
    int r = sys_respond_receive(client, &m, s, TIMEOUT_POLL);
    printf("respond_receive, from the dead sender: %s\n",
           r == s && m.code == 8 ? "its message" : result_name(r));
    if (r < 0)
        sys_respond(client, &m);          /* the client must not hang */
    sys_wait(client, 0);
}

static void dead_receiver(void)
{
    int r = spawn_or_die("lazyrecv", "tag=R delay=100000");
    struct msg m = { .code = 3 };
    for (int i = 0; i < 8; i++)
        sys_post(r, &m, TIMEOUT_POLL);
    int fillers[3];
    for (int i = 0; i < 3; i++)
        fillers[i] = spawnf("poster", "mode=fill dst=%d n=8", r);
    for (int i = 0; i < 3; i++)
        sys_wait(fillers[i], 0);
    int killer = spawnf("killer", "target=%d delay=3", r);
    printf("held for the receiver: %d\n", sys_kinfo(KINFO_MSGS));
    printf("waiting for room, the receiver is killed: %s\n",
           result_name(sys_post(r, &m, TIMEOUT_NEVER)));
    sys_wait(r, 0);
    sys_wait(killer, 0);
    printf("held after it died: %d\n", sys_kinfo(KINFO_MSGS));
}

/* Both at once: a sender and its receiver die with messages between
 * them; nothing may be left. */
static void both_die(void)
{
    int r = spawn_or_die("lazyrecv", "tag=Z delay=100000");
    int s = spawnf("poster", "mode=fill dst=%d n=8 never=1", r);
    int status = 0;
    sys_wait(s, &status);
    printf("posted %d to a sleeper, then it is killed\n", status);
    sys_kill(r);
    sys_wait(r, 0);
    printf("held after both died: %d\n", sys_kinfo(KINFO_MSGS));
}

int main(void)
{
    dead_sender();
    dead_sender_named();
    dead_receiver();
    both_die();
    return 0;
}
