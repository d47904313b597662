/*
 * bench_peer.c (lab 2 benchmark helper): the other side of bench_sync.
 * mode=sink receives n messages; mode=server answers requests until code
 * 0 (with timed=1 it measures from its first request to its last and
 * returns the total and the count in the final reply); mode=client makes
 * n requests to server=.
 */
#include "kit.h"

static int serve(int timed)
{
    struct msg m;
    uint64_t t0 = 0, t1 = 0;
    uint32_t served = 0;
    int from = sys_receive(ANY, &m, TIMEOUT_NEVER);
    while (from > 0 && m.code != 0) {
        if (timed && served == 0)
            t0 = rdtsc();
        served++;
        t1 = rdtsc();
        from = sys_respond_receive(from, &m, ANY, TIMEOUT_NEVER);
    }
    uint64_t total = timed ? t1 - t0 : 0;
    m.w[0] = (uint32_t)total;
    m.w[1] = (uint32_t)(total >> 32);
    m.w[2] = served > 1 ? served - 1 : 0;
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
        for (int i = 0; i < n; i++)
            sys_request(server, &m, TIMEOUT_NEVER);
        return 0;
    }
    return serve((int)arg_uint(argc, argv, "timed", 0));
}
