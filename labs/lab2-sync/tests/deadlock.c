/*
 * deadlock.c (lab 2 test): a send or receive that would close a cycle of
 * processes waiting on each other is refused with EDEADLK before anyone
 * blocks; a client's request and its server's receive are no cycle.
 */
#include "kit.h"

static void show(const char *what, int r)
{
    printf("%s: %s\n", what, r < 0 ? errno_name(r) : "ok");
}

static int spawn_sender(int to, int code, int delay)
{
    char args[48];
    fmt_snprintf(args, sizeof(args), "to=%d code=%d delay=%d", to, code, delay);
    return spawn_or_die("sender", args);
}

/* Two: B waits to send to us; our send to B would wait for B. */
static void two(void)
{
    int me = sys_getpid();
    int b = spawn_sender(me, 2, 0);
    sys_sleep(2);                                  /* B is blocked on us */
    struct msg m = { .code = 1 };
    show("two: send to B while B sends to us", sys_send(b, &m, TIMEOUT_NEVER));
    show("two: receive from B",
         sys_receive(b, &m, TIMEOUT_NEVER) == b ? 0 : -1);
    sys_wait(b, 0);
}

/* Three: B -> C -> us, then our send to B would close the cycle. */
static void three(void)
{
    int me = sys_getpid();
    int c = spawn_or_die("relay", 0);              /* C: sends to its parent */
    char args[48];
    fmt_snprintf(args, sizeof(args), "to=%d code=3 delay=1", c);
    int b = spawn_or_die("sender", args);          /* B: sends to C */
    sys_sleep(4);
    struct msg m = { .code = 1 };
    show("three: send to B (B to C, C to us)", sys_send(b, &m, TIMEOUT_NEVER));
    show("three: receive from C",
         sys_receive(c, &m, TIMEOUT_NEVER) == c ? 0 : -1);
    sys_wait(b, 0);
    sys_wait(c, 0);
    (void)me;
}

/* A client's request to us while we receive from it alone: no cycle.
 * Once we have taken it, the client waits for our reply: a send to it,
 * or a receive from it, would close a cycle. */
static void client_server(void)
{
    int client = spawn_or_die("asker", "delay=2");
    struct msg m;
    int from = sys_receive(client, &m, TIMEOUT_NEVER);
    show("server: receive from the requesting client",
         from == client ? 0 : from);
    show("server: send instead of respond",
         sys_send(client, &m, TIMEOUT_NEVER));
    show("server: receive from it instead of respond",
         sys_receive(client, &m, TIMEOUT_NEVER));
    m.w[0] = 42;
    show("server: respond", sys_respond(client, &m));
    sys_wait(client, 0);
}

int main(void)
{
    two();
    three();
    client_server();
    return 0;
}
