/*
 * rpc.c (lab 2 test): one server, several clients, request/respond. Each
 * client asks the server to compute f(x) = x * x + k for values drawn
 * from the seed; the grader computes the same and checks every answer.
 */
#include "kit.h"

int main(int argc, char **argv)
{
    uint32_t seed = arg_uint(argc, argv, "seed", 1);
    int server = spawn_or_die("squarer", 0);
    int clients[4];
    for (int k = 0; k < 4; k++) {
        char args[64];
        fmt_snprintf(args, sizeof(args), "server=%d k=%d seed=%u", server,
                     k, seed + (uint32_t)k);
        clients[k] = spawn_or_die("rpcclient", args);
    }
    for (int k = 0; k < 4; k++)
        sys_wait(clients[k], 0);
    struct msg stop = { .code = 0 };
    int r = sys_request(server, &stop, TIMEOUT_NEVER);
    printf("server stopped: %s, it served %u requests\n",
           r == 0 ? "ok" : errno_name(r), stop.w[0]);
    sys_wait(server, 0);
    return 0;
}
