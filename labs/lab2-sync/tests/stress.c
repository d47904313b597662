/*
 * stress.c (lab 2 test): 8 clients each make 'n=' requests (default 1000)
 * to one server, all at once, preempted wherever the seed puts the timer.
 * Every answer is checked by the client; nothing may be lost, duplicated
 * or leaked.
 */
#include "kit.h"

#define CLIENTS 8

int main(int argc, char **argv)
{
    uint32_t seed = arg_uint(argc, argv, "seed", 1);
    uint32_t n = arg_uint(argc, argv, "n", 1000);
    int server = spawn_or_die("squarer", 0);
    int pids[CLIENTS], good = 0;
    for (int k = 0; k < CLIENTS; k++) {
        char args[64];
        fmt_snprintf(args, sizeof(args), "server=%d k=%d seed=%u n=%u",
                     server, k, seed * 31 + (uint32_t)k, n);
        pids[k] = spawn_or_die("hammer", args);
    }
    for (int k = 0; k < CLIENTS; k++) {
        int status = -1;
        sys_wait(pids[k], &status);
        good += status == 0;
    }
    struct msg stop = { .code = 0 };
    sys_request(server, &stop, TIMEOUT_NEVER);
    sys_wait(server, 0);
    printf("clients all right: %d of %d\n", good, CLIENTS);
    printf("requests served: %u of %u\n", stop.w[0], n * CLIENTS);
    return 0;
}
