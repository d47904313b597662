/*
 * drain.c (lab 3 test): one process cannot take the message pool. A
 * hoarder (hoarder.c) fills the process table with children that never
 * receive and posts to each of them up to its quota in their boxes,
 * 8 x 125 = 1000 posts if the kernel let it: every post beyond its share
 * (POST_SENDER_MAX, 64 messages waiting in all boxes together) fails with
 * ENOBUFS, and a client spawned before it still posts its own messages.
 * The oracle recomputes from the seed how many posts the hoarder tried.
 */
#include "lab3test.h"

int main(int argc, char **argv)
{
    uint32_t seed = arg_uint(argc, argv, "seed", 1);
    int me = sys_getpid();
    int client = spawn_or_die("poster", 0);
    int hoarder = spawnf("hoarder", "parent=%d seed=%u", me, seed);
    struct msg report;
    if (sys_receive(hoarder, &report, TIMEOUT_NEVER) != hoarder) {
        printf("no report from the hoarder\n");
        return 1;
    }
    printf("hoarder: %u children that never receive, then the table was "
           "full\n", report.w[0]);
    printf("hoarder: %u posts: %u accepted, %u ENOBUFS, %u other errors\n",
           report.w[1], report.w[2], report.w[3], report.w[4]);
    printf("held: %d of %d\n", sys_kinfo(KINFO_MSGS),
           sys_kinfo(KINFO_MSGS_POOL));
    int posted = 0;
    for (uint32_t i = 0; i < 8; i++)
        posted += poster_do(client, CMD_POST, (uint32_t)me, 7, i, 0,
                            TIMEOUT_POLL) == 0;
    printf("a second client still posts: %d of 8\n", posted);
    int received = 0;
    struct msg m;
    while (sys_receive(client, &m, TIMEOUT_POLL) == client && m.code == 7 &&
           m.w[0] == (uint32_t)received)
        received++;
    printf("received from it: %d of 8, in order\n", received);
    sys_send(hoarder, &m, TIMEOUT_NEVER);           /* stop */
    sys_wait(hoarder, 0);
    poster_do(client, CMD_STOP, 0, 0, 0, 0, 0);
    sys_wait(client, 0);
    printf("held after the hoarder is gone: %d\n", sys_kinfo(KINFO_MSGS));
    return 0;
}
