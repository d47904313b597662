/*
 * arpc.c (lab 3 test): request/respond built from asynchronous parts
 * (arpc_call, arpc_serve). A call takes only its server's reply: another
 * process's message stays queued; a late reply to a call that timed out
 * is thrown away, not taken for the next call's; the timeout covers the
 * whole call, however many messages come meanwhile; the server never
 * waits for a client: one that lets its box fill up loses replies, and
 * the others are still served. The arguments come from the seed.
 */
#include "lab3test.h"
#include "async.h"

static void answer(const char *what, int e, const struct msg *m,
                   uint32_t x, int server)
{
    if (e < 0)
        printf("%s: %s\n", what, errno_name(e));
    else
        printf("%s: f(%u) = %u%s\n", what, x, m->w[0],
               m->sender == server ? "" : ", not from the server");
}

static void timed(const char *what, int e, int t0, int want)
{
    int took = sys_uptime() - t0;
    printf("%s: %s after %s\n", what, result_name(e),
           took >= want && took <= want + 1 ? "the timeout" : "a wrong time");
    if (took < want || took > want + 1)
        printf("  (took %d ticks, wanted %d)\n", took, want);
}

int main(int argc, char **argv)
{
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    int me = sys_getpid();
    int server = spawn_or_die("aserver", 0);

    /* Another process's message, queued before the call, stays. */
    int p = spawn_or_die("poster", "mode=cmd");
    uint32_t word = rng_below(&r, 1000);
    poster_do(p, CMD_POST, (uint32_t)me, 77, word, 0, TIMEOUT_POLL);
    uint32_t x = rng_below(&r, 100000);
    struct msg m = { .code = 1, .w = { x } };
    answer("call", arpc_call(server, &m, TIMEOUT_NEVER), &m, x, server);
    int from = sys_receive(ANY, &m, TIMEOUT_POLL);
    printf("the other message still queued: %s\n",
           from == p && m.code == 77 && m.w[0] == word ? "yes" : "no");
    poster_do(p, CMD_STOP, 0, 0, 0, 0, 0);
    sys_wait(p, 0);

    /* A client that never receives: the server drops what finds no room
     * in its box and goes on serving. */
    int s = spawnf("stuck", "server=%d n=%d", server, 12);
    sys_sleep(2);
    x = rng_below(&r, 100000);
    m = (struct msg){ .code = 1, .w = { x } };
    answer("call while a client is stuck", arpc_call(server, &m, 100), &m, x,
           server);
    sys_kill(s);
    sys_wait(s, 0);

    /* A call that times out; its reply comes during the next call. */
    x = rng_below(&r, 100000);
    m = (struct msg){ .code = 3, .w = { x, 4, 4 } };
    int e = arpc_call(server, &m, 3);
    printf("slow call, timeout 3: %s\n", result_name(e));
    x = rng_below(&r, 100000);
    m = (struct msg){ .code = 1, .w = { x } };
    answer("next call", arpc_call(server, &m, TIMEOUT_NEVER), &m, x, server);

    /* One deadline for the whole call: a notification from the server
     * halfway does not start the wait again. */
    int t = 6 + (int)rng_below(&r, 10);
    m = (struct msg){ .code = 3, .w = { x, (uint32_t)t / 2, 2 * (uint32_t)t } };
    int t0 = sys_uptime();
    timed("call with timeout", arpc_call(server, &m, t), t0, t);

    struct msg stop = { .code = 0 };
    e = arpc_call(server, &stop, TIMEOUT_NEVER);
    printf("server stopped: %s\n", result_name(e));
    sys_wait(server, 0);
    return 0;
}
