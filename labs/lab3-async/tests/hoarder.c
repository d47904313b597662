/*
 * hoarder.c (lab 3 helper): tries to take the whole message pool alone.
 * Spawns children that never receive (lazyrecv) until the process table
 * is full, then polls to each a number of posts drawn from 'seed=' (1 to
 * 8, its quota in a box); tells its parent, with send, how many children
 * it got and how the posts ended (w[0] children, w[1] posts, w[2]
 * accepted, w[3] ENOBUFS, w[4] other errors); then waits for the parent's
 * word to kill the children and exit.
 */
#include "lab3test.h"

#define MAX_SINKS 128           /* NPROC: no more can exist */

int main(int argc, char **argv)
{
    int parent = (int)arg_uint(argc, argv, "parent", 1);
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    int sinks[MAX_SINKS], n = 0;
    while (n < MAX_SINKS) {
        int pid = sys_spawn("lazyrecv", "tag=H delay=100000");
        if (pid < 0)
            break;              /* EAGAIN: the table is full */
        sinks[n++] = pid;
    }
    struct msg m = { .code = 4 }, report = { .code = 0 };
    report.w[0] = (uint32_t)n;
    for (int i = 0; i < n; i++) {
        uint32_t posts = 1 + rng_below(&r, 8);
        for (uint32_t k = 0; k < posts; k++) {
            int e = sys_post(sinks[i], &m, TIMEOUT_POLL);
            report.w[1]++;
            report.w[e == 0 ? 2 : e == -ENOBUFS ? 3 : 4]++;
        }
    }
    sys_send(parent, &report, TIMEOUT_NEVER);
    sys_receive(parent, &m, TIMEOUT_NEVER);
    for (int i = 0; i < n; i++)
        sys_kill(sinks[i]);
    for (int i = 0; i < n; i++)
        sys_wait(sinks[i], 0);
    return 0;
}
