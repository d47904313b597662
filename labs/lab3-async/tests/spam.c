/*
 * spam.c (lab 3 test): the spam problem. A spammer posts to a server as
 * fast as it can while three clients make calls (arpc) to the same
 * server: every client must be served, since the spammer can fill only
 * its quota of the server's box. Then forty processes that never
 * receive are flooded until the kernel's message pool is used up: no
 * flooder holds more than its share (POST_SENDER_MAX, 64), so it takes a
 * group of 16 to use up the pool, and there are 17; posts fail with
 * ENOBUFS, the memory held stops at the bound, notifications (which need
 * none) still work, and it all comes back when they exit.
 */
#include "lab3test.h"
#include "async.h"

#define CLIENTS 3
#define CALLS   300
#define SINKS   40
#define SHARE   64              /* POST_SENDER_MAX */
#define FLOODERS 17             /* one more than MSG_POOL / SHARE */

static void spam(uint32_t seed)
{
    int server = spawn_or_die("aserver", 0);
    int spammer = spawnf("spammer", "mode=spam dst=%d", server);
    sys_yield();
    int pids[CLIENTS], good = 0;
    for (int k = 0; k < CLIENTS; k++)
        pids[k] = spawnf("aclient", "server=%d n=%d seed=%u", server, CALLS,
                         seed * 7 + (uint32_t)k);
    for (int k = 0; k < CLIENTS; k++) {
        int status = -1;
        sys_wait(pids[k], &status);
        good += status == 0;
    }
    printf("spammer still running when the clients were done: %s\n",
           sys_notify(spammer) == 0 ? "yes" : "no");    /* stop */
    sys_wait(spammer, 0);
    struct msg stop = { .code = 0 };
    int e = arpc_call(server, &stop, TIMEOUT_NEVER);
    sys_wait(server, 0);
    printf("clients served: %d of %d\n", good, CLIENTS);
    printf("requests answered: %u of %d (%s)\n", e == 0 ? stop.w[0] : 0,
           CLIENTS * CALLS, result_name(e));
    printf("spam the server took: %s\n", stop.w[1] > 0 ? "some" : "none");
    printf("peak kernel messages during the spam: %d\n",
           sys_kinfo(KINFO_MSGS_PEAK));
}

static void flood(void)
{
    int sinks[SINKS], flooders[FLOODERS], consecutive = 1;
    for (int i = 0; i < SINKS; i++) {
        sinks[i] = spawn_or_die("lazyrecv", "tag=S delay=100000");
        consecutive &= sinks[i] == sinks[0] + i;
    }
    if (!consecutive)
        printf("the sinks' pids are not consecutive\n");
    for (int i = 0; i < FLOODERS; i++)
        flooders[i] = spawnf("spammer",
                             "mode=flood first=%d count=%d n=8 to=%d",
                             sinks[0], SINKS, sys_getpid());
    uint32_t accepted = 0, most = 0, nobufs = 0, other = 0;
    for (int i = 0; i < FLOODERS; i++) {
        struct msg report;
        if (sys_receive(flooders[i], &report, TIMEOUT_NEVER) < 0)
            report.w[3] = 1;
        accepted += report.w[0];
        most = report.w[0] > most ? report.w[0] : most;
        nobufs += report.w[1] > 0;
        other += report.w[3];
        sys_wait(flooders[i], 0);
    }
    struct msg m = { .code = 5 };
    printf("flooders saw ENOBUFS: %s\n",
           nobufs == FLOODERS ? "yes" : "not all");
    printf("flooders: %u posts accepted, at most %u by one (share %d), "
           "other errors: %u\n", accepted, most, SHARE, other);
    printf("held: %d of %d, peak %d\n", sys_kinfo(KINFO_MSGS),
           sys_kinfo(KINFO_MSGS_POOL), sys_kinfo(KINFO_MSGS_PEAK));
    /* The last sink's box has room (the pool ran out first). */
    printf("post with the pool used up: %s\n",
           result_name(sys_post(sinks[SINKS - 1], &m, TIMEOUT_NEVER)));
    /* The first sink's box is full: that is said first (EAGAIN), as
     * for any full box; the pool comes after the box. */
    printf("post to a full box with the pool used up: %s\n",
           result_name(sys_post(sinks[0], &m, TIMEOUT_POLL)));
    printf("notify with the pool used up: %s\n",
           result_name(sys_notify(sinks[SINKS - 1])));
    for (int i = 0; i < SINKS; i++)
        sys_kill(sinks[i]);
    for (int i = 0; i < SINKS; i++)
        sys_wait(sinks[i], 0);
    printf("held after the sinks exit: %d\n", sys_kinfo(KINFO_MSGS));
}

int main(int argc, char **argv)
{
    spam(arg_uint(argc, argv, "seed", 1));
    flood();
    return 0;
}
