/*
 * killwait.c (lab 2 test): processes killed while they wait in every
 * rendezvous call, and what each other party sees. A sender killed in
 * the middle of a queue of senders: the others are received in their
 * order, the killed one's message never. A client killed before its
 * request is taken: the server finds nothing; killed while it waits for
 * the reply: the server's respond fails. A server killed while it waits
 * in respond_receive: the client it answered has its reply, a client
 * queued on it gets EPIPE, and a later request ESRCH. The length of the
 * queue and which sender dies come from the seed.
 */
#include "kit.h"

#define MAX_SENDERS 5

static void show(const char *what, int r)
{
    printf("%s: %s\n", what, r < 0 ? errno_name(r) : "ok");
}

static int status_of(int pid)
{
    int status = 0;
    sys_wait(pid, &status);
    return status;
}

/* n senders queue on us in order; the one at 'victim' is killed. */
static void queue(struct rng *r)
{
    int me = sys_getpid(), pids[MAX_SENDERS];
    int n = 3 + (int)rng_below(r, MAX_SENDERS - 2);
    int victim = 1 + (int)rng_below(r, (uint32_t)n - 2);
    for (int i = 0; i < n; i++) {
        char args[40];
        fmt_snprintf(args, sizeof(args), "to=%d code=%d", me, 10 + i);
        pids[i] = spawn_or_die("sender", args);
        sys_sleep(2);                   /* it blocks before the next */
    }
    printf("queue: %d senders, killing sender %d\n", n, victim);
    sys_kill(pids[victim]);
    for (int i = 0; i < n - 1; i++) {
        struct msg m;
        int from = sys_receive(ANY, &m, TIMEOUT_NEVER);
        printf("queue: received code %d from %s\n", m.code,
               from > 0 && from == pids[m.code - 10] ? "its sender"
                                                    : "someone else");
    }
    struct msg m;
    show("queue: then nothing", sys_receive(ANY, &m, TIMEOUT_POLL));
    printf("queue: the killed sender's status: %d\n",
           status_of(pids[victim]));
    while (sys_wait(-1, 0) > 0)
        ;
}

/* A client killed in request, before and after its request is taken. */
static void clients(void)
{
    char args[40];
    fmt_snprintf(args, sizeof(args), "to=%d", sys_getpid());
    int c = spawn_or_die("asker", args);
    sys_sleep(2);                       /* queued on us, not taken */
    sys_kill(c);
    struct msg m;
    show("request killed before taken, then receive",
         sys_receive(ANY, &m, TIMEOUT_POLL));
    printf("its status: %d\n", status_of(c));

    c = spawn_or_die("asker", args);
    int from = sys_receive(ANY, &m, TIMEOUT_NEVER);
    show("took the next request", from == c ? 0 : from);
    sys_kill(c);
    show("respond to it, killed", sys_respond(c, &m));
    printf("its status: %d\n", status_of(c));
    show("respond to it, gone", sys_respond(c, &m));
}

/* A server killed while it waits in respond_receive (for us only): the
 * client it answered, one queued on it, and one that comes later. */
static void server(void)
{
    char args[40];
    fmt_snprintf(args, sizeof(args), "from=%d", sys_getpid());
    int s = spawn_or_die("rrserver", args);
    fmt_snprintf(args, sizeof(args), "to=%d answer=7", s);
    int answered = spawn_or_die("asker", args);
    sys_sleep(3);                       /* answered; s waits for us */
    fmt_snprintf(args, sizeof(args), "to=%d answer=8", s);
    int queued = spawn_or_die("asker", args);
    sys_sleep(2);                       /* queued on s */
    sys_kill(s);
    printf("server killed in respond_receive, status: %d\n", status_of(s));
    sys_wait(answered, 0);
    sys_wait(queued, 0);
    struct msg m = { .code = 1 };
    show("request to it now", sys_request(s, &m, TIMEOUT_NEVER));
}

int main(int argc, char **argv)
{
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    queue(&r);
    clients();
    server();
    return 0;
}
