/*
 * bench_sync.c (lab 2 benchmark): the cost of each rendezvous path, in
 * time-stamp-counter units; run under -icount shift=0 (make bench), where
 * they are guest instructions. Prints "result NAME VALUE" lines that
 * tools/bench.py turns into a table. Never part of grading.
 */
#include "kit.h"

#define N 2000

/* The floor: the cheapest trip into the kernel and back. */
static void null_syscall(void)
{
    uint64_t t0 = rdtsc();
    for (int i = 0; i < N; i++)
        sys_getpid();
    bench_result("null_syscall", rdtsc() - t0, N,
           "null system call (getpid): the floor");
}

/* send to a process already waiting in receive, N times. The receiver
 * takes one message more, sent after the count stops, so that its exit
 * is not counted. */
static void one_way(void)
{
    char args[32];
    fmt_snprintf(args, sizeof(args), "mode=sink n=%d", N + 1);
    int peer = spawn_or_die("sync_peer", args);
    struct msg m = { .code = 1 };
    sys_sleep(1);
    uint64_t t0 = rdtsc();
    for (int i = 0; i < N; i++)
        sys_send(peer, &m, TIMEOUT_NEVER);
    uint64_t spent = rdtsc() - t0;
    sys_send(peer, &m, TIMEOUT_NEVER);
    bench_result("send_receive", spent, N,
           "one-way send to a waiting receiver, per message (the "
           "receiver's exit not counted)");
    sys_wait(peer, 0);
}

/* request/respond round trips with one client (us). */
static void round_trip(void)
{
    int peer = spawn_or_die("sync_peer", "mode=server");
    struct msg m = { .code = 1 };
    sys_request(peer, &m, TIMEOUT_NEVER);     /* warm up */
    uint64_t t0 = rdtsc();
    for (int i = 0; i < N; i++)
        sys_request(peer, &m, TIMEOUT_NEVER);
    bench_result("request_respond", rdtsc() - t0, N,
           "request/respond round trip, one client");
    m.code = 0;
    sys_request(peer, &m, TIMEOUT_NEVER);
    sys_wait(peer, 0);
}

/* k clients hammering one server: all start together on a go message,
 * and the server times the whole batch, so the figure is the cost per
 * request with k clients competing (queued on the server whenever it is
 * busy). */
static void queued(int k)
{
    int server = spawn_or_die("sync_peer", "mode=server timed=1");
    int pids[64];
    char args[48];
    fmt_snprintf(args, sizeof(args), "mode=client server=%d n=%d", server,
                 N / k > 20 ? N / k : 20);
    for (int i = 0; i < k; i++)
        pids[i] = spawn_or_die("sync_peer", args);
    struct msg m = { .code = 1 };
    sys_sleep(2);                         /* every client waits for go */
    for (int i = 0; i < k; i++)
        sys_send(pids[i], &m, TIMEOUT_NEVER);
    for (int i = 0; i < k; i++)
        sys_receive(ANY, &m, TIMEOUT_NEVER);    /* done */
    m.code = 0;
    sys_request(server, &m, TIMEOUT_NEVER);
    char name[32];
    fmt_snprintf(name, sizeof(name), "round_trip_%d_senders", k);
    char what[64];
    fmt_snprintf(what, sizeof(what), "round trip per request, %d client%s",
                 k, k > 1 ? "s competing" : "");
    bench_result(name, ((uint64_t)m.w[1] << 32 | m.w[0]), m.w[2] ? m.w[2] : 1,
           what);
    for (int i = 0; i < k; i++) {
        sys_kill(pids[i]);
        sys_wait(pids[i], 0);
    }
    sys_wait(server, 0);
}

static void queued_1(void) { queued(1); }
static void queued_8(void) { queued(8); }
static void queued_64(void) { queued(64); }

int main(int argc, char **argv)
{
    const char *only = arg_get(argc, argv, "only");
    static const struct {
        const char *name;
        void (*run)(void);
    } runs[] = {
        { "null", null_syscall }, { "oneway", one_way },
        { "rt", round_trip }, { "q1", queued_1 }, { "q8", queued_8 },
        { "q64", queued_64 },
    };
    for (unsigned i = 0; i < sizeof(runs) / sizeof(runs[0]); i++)
        if (!only || strcmp(only, runs[i].name) == 0)
            runs[i].run();
    return 0;
}
