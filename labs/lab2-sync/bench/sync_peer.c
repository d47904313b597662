/*
 * sync_peer.c (lab 2 benchmark helper): the other side of bench_sync.
 * mode=sink receives n messages; mode=server answers requests until code
 * 0 (with timed=1 it measures from its first request to the stop request
 * and returns the total and the count in the final reply); mode=client
 * waits for a go message from its parent, makes n requests to server=,
 * tells the parent it is done, and waits to be killed (so that no exit
 * falls inside the measurement).
 */
#include "kit.h"

/* Answer requests until one with code 0; reply to that one with the
 * number served and (with 'timed') the counter ticks from the first
 * request to the stop request. */
static int serve(int timed)
{
    struct msg m;
    uint64_t t0 = 0;
    uint32_t served = 0;
    int from = sys_receive(ANY, &m, TIMEOUT_NEVER);
    if (timed)
        t0 = rdtsc();
    while (from > 0 && m.code != 0) {
        served++;
        from = sys_respond_receive(from, &m, ANY, TIMEOUT_NEVER);
    }
    uint64_t total = timed ? rdtsc() - t0 : 0;
    m.w[0] = (uint32_t)total;
    m.w[1] = (uint32_t)(total >> 32);
    m.w[2] = served;
    if (from > 0)
        sys_respond(from, &m);
    return 0;
}

int main(int argc, char **argv)
{
    const char *mode = arg_get(argc, argv, "mode");
    int n = (int)arg_uint(argc, argv, "n", 1);
    struct msg m = { .code = 1 };
    if (mode && strcmp(mode, "sink") == 0) {
        for (int i = 0; i < n; i++)
            sys_receive(ANY, &m, TIMEOUT_NEVER);
        return 0;
    }
    if (mode && strcmp(mode, "client") == 0) {
        int server = (int)arg_uint(argc, argv, "server", 0);
        int parent = sys_receive(ANY, &m, TIMEOUT_NEVER);     /* go */
        for (int i = 0; i < n; i++)
            sys_request(server, &m, TIMEOUT_NEVER);
        m.code = 2;
        sys_send(parent, &m, TIMEOUT_NEVER);                  /* done */
        sys_receive(parent, &m, TIMEOUT_NEVER);               /* killed here */
        return 0;
    }
    return serve((int)arg_uint(argc, argv, "timed", 0));
}
