/*
 * bench_async.c (lab 3 benchmark): the cost of asynchronous messages, in
 * time-stamp-counter units (guest instructions under make bench), and
 * the reliable protocol's goodput over the best-effort channel. Prints
 * "result NAME VALUE DESCRIPTION" lines (instructions) and "figure NAME
 * VALUE DESCRIPTION" lines (counts, ratios, rates) for tools/bench.py.
 * Never part of grading.
 *
 * tools/bench.py boots this program once per bench-boot line below,
 * with those words added to the kernel command line (the fault rates
 * are the kernel's; the program reads loss= to name its rows):
 *
 * bench-boot: loss=0
 * bench-boot: only=rel loss=10 drop=10 dup=10 reorder=10 corrupt=10
 * bench-boot: only=rel loss=30 drop=30 dup=30 reorder=30 corrupt=30
 */
#include "kit.h"
#include "async.h"

#define N      2000
#define ROUNDS 250
#define BURST  8
#define FILE_BYTES 65536

/* post to a receiver that takes them as they come. */
static void stream(void)
{
    char args[32];
    fmt_snprintf(args, sizeof(args), "mode=sink n=%d", N);
    int peer = spawn_or_die("async_peer", args);
    struct msg m = { .code = 1 };
    sys_sleep(1);
    uint64_t t0 = rdtsc();
    for (int i = 0; i < N; i++)
        sys_post(peer, &m, TIMEOUT_NEVER);
    sys_wait(peer, 0);
    bench_result("post_receive", rdtsc() - t0, N,
           "post + receive, a stream to one receiver, per message");
}

/* Bursts of BURST posts, then the peer's BURST receives and one ack. */
static void burst(void)
{
    char args[32];
    fmt_snprintf(args, sizeof(args), "mode=burst k=%d", BURST);
    int peer = spawn_or_die("async_peer", args);
    struct msg m = { .code = 1 };
    sys_sleep(1);
    uint64_t t0 = rdtsc();
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < BURST; i++)
            sys_post(peer, &m, TIMEOUT_NEVER);
        sys_receive(peer, &m, TIMEOUT_NEVER);
    }
    uint64_t spent = rdtsc() - t0;
    m.code = 0;
    sys_post(peer, &m, TIMEOUT_NEVER);
    sys_wait(peer, 0);
    bench_result("post_burst_8", spent, ROUNDS * BURST,
           "burst of 8 posts, then 8 receives (+1 ack per burst), per message");
}

/* Round trips: arpc over post and receive, then lab 2's request. */
static void round_trips(void)
{
    int peer = spawn_or_die("async_peer", "mode=server");
    struct msg m = { .code = 1 };
    arpc_call(peer, &m, TIMEOUT_NEVER);             /* warm up */
    uint64_t t0 = rdtsc();
    for (int i = 0; i < N; i++) {
        m.code = 1;
        arpc_call(peer, &m, TIMEOUT_NEVER);
    }
    uint64_t arpc = (rdtsc() - t0) / N;
    m.code = 0;
    arpc_call(peer, &m, TIMEOUT_NEVER);
    sys_wait(peer, 0);

    peer = spawn_or_die("sync_peer", "mode=server");
    m.code = 1;
    sys_request(peer, &m, TIMEOUT_NEVER);
    t0 = rdtsc();
    for (int i = 0; i < N; i++)
        sys_request(peer, &m, TIMEOUT_NEVER);
    uint64_t rv = (rdtsc() - t0) / N;
    m.code = 0;
    sys_request(peer, &m, TIMEOUT_NEVER);
    sys_wait(peer, 0);
    bench_result("arpc_round_trip", arpc, 1,
           "arpc_call round trip (post, receive from the server)");
    bench_result("rendezvous_round_trip", rv, 1,
           "request/respond round trip (lab 2), same server loop");
    printf("figure arpc_per_rendezvous %u.%02u arpc_call / request, "
           "a ratio\n", (unsigned)(arpc / rv),
           (unsigned)(arpc * 100 / rv % 100));
}

static uint32_t file[FILE_BYTES / 4];

/* The reliable protocol moving 64 KiB at the loss= of this boot. */
static void reliable(int argc, char **argv)
{
    uint32_t loss = arg_uint(argc, argv, "loss", 0);
    struct rng r;
    rng_init(&r, 1);
    for (int i = 0; i < FILE_BYTES / 4; i++)
        file[i] = rng_next(&r);
    char args[64];
    fmt_snprintf(args, sizeof(args), "mode=rel len=%d src=%d loss=%u",
                 FILE_BYTES, sys_getpid(), loss);
    int peer = spawn_or_die("async_peer", args);
    struct rel_stats st;
    uint64_t t0 = rdtsc();
    int e = rel_send(peer, file, FILE_BYTES, &st);
    uint64_t spent = rdtsc() - t0;
    sys_wait(peer, 0);
    if (e < 0) {
        printf("rel_send failed: %s\n", errno_name(e));
        return;
    }
    uint64_t milli = FILE_BYTES * 100000ull / spent;   /* x100 */
    printf("figure goodput_loss%u %u.%02u payload bytes per 1000 "
           "instructions, %u%% of each fault\n", loss,
           (unsigned)(milli / 100), (unsigned)(milli % 100), loss);
    printf("figure retransmits_loss%u %u data messages sent again "
           "(of %u), %u%% of each fault\n", loss, st.retransmits,
           st.packets, loss);
    printf("figure rounds_loss%u %u bursts of data messages, each "
           "answered by one acknowledgement, %u%% of each fault\n", loss,
           st.rounds, loss);
    printf("figure stalls_loss%u %u rounds that got no answer, "
           "%u%% of each fault\n", loss, st.stalls, loss);
    printf("figure repaired_acks_loss%u %u acknowledgements repaired, "
           "%u%% of each fault\n", loss, st.repaired, loss);
    printf("figure timeouts_loss%u %u receives that timed out (%d ticks), "
           "%u%% of each fault\n", loss, st.timeouts, REL_RTO, loss);
}

int main(int argc, char **argv)
{
    const char *only = arg_get(argc, argv, "only");
    if (!only || strcmp(only, "rel") != 0) {
        stream();
        burst();
        round_trips();
    }
    reliable(argc, argv);
    return 0;
}
