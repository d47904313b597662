/*
 * bench_ports.c (lab 4 benchmark): the cost of ports, port sets and
 * mailboxes, in time-stamp-counter units (guest instructions under make
 * bench). Prints "result NAME VALUE DESCRIPTION" lines (instructions per
 * operation) and "figure NAME VALUE DESCRIPTION" lines (ratios) for
 * tools/bench.py. Never part of grading.
 */
#include "kit.h"
#include "ports.h"

#define N      2000
#define ROUNDS 250
#define BURST  4

/* Spawn port_peer with printf-style arguments. */
static int peer(const char *fmt, ...)
{
    char args[100];
    va_list ap;
    va_start(ap, fmt);
    fmt_vsnprintf(args, sizeof(args), fmt, ap);
    va_end(ap);
    return spawn_or_die("port_peer", args);
}

/* a / b as "1.07", rounded to two places. */
static void ratio(const char *name, uint64_t a, uint64_t b, const char *what)
{
    uint64_t hundredths = (a * 100 + b / 2) / b;
    printf("figure %s %u.%02u %s\n", name, (unsigned)(hundredths / 100),
           (unsigned)(hundredths % 100), what);
}

/* N requests to 'target' (a pid, or ports[i % k] when k > 0): the total. */
static uint64_t requests(int target, const int *ports, int k)
{
    struct msg m = { .code = 1 };
    if (k)
        sys_port_request(ports[0], &m, TIMEOUT_NEVER);      /* warm up */
    else
        sys_request(target, &m, TIMEOUT_NEVER);
    uint64_t t0 = rdtsc();
    for (int i = 0; i < N; i++) {
        if (k)
            sys_port_request(ports[i % k], &m, TIMEOUT_NEVER);
        else
            sys_request(target, &m, TIMEOUT_NEVER);
    }
    uint64_t spent = rdtsc() - t0;
    m.code = 0;
    if (k)
        sys_port_request(ports[0], &m, TIMEOUT_NEVER);
    else
        sys_request(target, &m, TIMEOUT_NEVER);
    return spent;
}

/* A server on k ports (k = 0: one port, no set); their numbers. */
static int port_server(int k, int *ports)
{
    int server = peer("mode=server k=%d parent=%d", k, sys_getpid());
    int n = k ? k : 1;
    for (int got = 0; got < n;) {
        struct msg m;
        sys_receive(server, &m, TIMEOUT_NEVER);
        for (int j = 0; j < MSG_WORDS && got < n; j++)
            ports[got++] = (int)m.w[j];
    }
    return server;
}

static uint64_t pid_total;

static void pid_round_trip(void)
{
    int server = peer("mode=pid");
    pid_total = requests(server, 0, 0);
    bench_result("pid_round_trip", pid_total, N,
                 "request/respond_receive to a process (lab 2), per call");
    sys_wait(server, 0);
}

static void port_round_trip(void)
{
    int ports[1];
    int server = port_server(0, ports);
    uint64_t total = requests(0, ports, 1);
    sys_wait(server, 0);
    bench_result("port_round_trip", total, N,
                 "port_request/port_respond_receive through one port");
    if (pid_total)
        ratio("port_per_pid_round_trip", total, pid_total,
              "port round trip / pid round trip");
}

static uint64_t select_1;

static void select_k(int k)
{
    int ports[64];
    int server = port_server(k, ports);
    uint64_t total = requests(0, ports, k);
    sys_wait(server, 0);
    char name[32], what[80];
    fmt_snprintf(name, sizeof(name), "select_%d_ports", k);
    fmt_snprintf(what, sizeof(what), "a request through one of %d port%s of "
                 "a set, taken by a receive on the set", k, k > 1 ? "s" : "");
    bench_result(name, total, N, what);
    if (k == 1)
        select_1 = total;
    else if (select_1) {
        fmt_snprintf(name, sizeof(name), "select_%d_per_1", k);
        fmt_snprintf(what, sizeof(what), "select over %d ports / select over "
                     "1", k);
        ratio(name, total, select_1, what);
    }
}

static void select_1_port(void) { select_k(1); }
static void select_8_ports(void) { select_k(8); }
static void select_64_ports(void) { select_k(64); }

/* Wait for n messages from the peers (port_peer's tell). */
static void told(int n)
{
    struct msg m;
    for (int got = 0; got < n; got++)
        sys_receive(ANY, &m, TIMEOUT_NEVER);
}

static void mailbox_4(void)
{
    int box = sys_mbox_create(MBOX_SEND), pids[4];
    for (int i = 0; i < 4; i++)
        pids[i] = peer("mode=consume mbox=%d n=%d parent=%d", box, N / 4,
                       sys_getpid());
    told(4);
    sys_sleep(2);                   /* all four wait in mbox_receive */
    struct msg m = { .code = 1 };
    uint64_t t0 = rdtsc();
    for (int i = 0; i < N; i++)
        sys_mbox_send(box, &m, 0, TIMEOUT_NEVER);
    told(4);
    bench_result("mailbox_4_receivers", rdtsc() - t0, N,
                 "mbox_send to a FIFO mailbox with 4 receivers, per message");
    for (int i = 0; i < 4; i++)
        sys_wait(pids[i], 0);
    sys_mbox_destroy(box);
}

static void broadcast_8(void)
{
    int box = sys_mbox_create(MBOX_SEND | MBOX_BROADCAST), pids[8];
    for (int i = 0; i < 8; i++)
        pids[i] = peer("mode=subscribe mbox=%d rounds=%d burst=%d parent=%d",
                       box, ROUNDS, BURST, sys_getpid());
    told(8);
    sys_sleep(2);
    struct msg m = { .code = 1 };
    uint64_t t0 = rdtsc();
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < BURST; i++)
            sys_mbox_send(box, &m, 0, TIMEOUT_NEVER);
        told(8);
    }
    bench_result("broadcast_8_subscribers", rdtsc() - t0, ROUNDS * BURST * 8,
                 "broadcast of 4, then each subscriber's acknowledgement, "
                 "per copy");
    for (int i = 0; i < 8; i++)
        sys_wait(pids[i], 0);
    sys_mbox_destroy(box);
}

int main(int argc, char **argv)
{
    const char *only = arg_get(argc, argv, "only");
    static const struct {
        const char *name;
        void (*run)(void);
    } runs[] = {
        { "pid", pid_round_trip }, { "port", port_round_trip },
        { "s1", select_1_port }, { "s8", select_8_ports },
        { "s64", select_64_ports }, { "mbox", mailbox_4 },
        { "bcast", broadcast_8 },
    };
    for (unsigned i = 0; i < sizeof(runs) / sizeof(runs[0]); i++)
        if (!only || strcmp(only, runs[i].name) == 0)
            runs[i].run();
    return 0;
}
