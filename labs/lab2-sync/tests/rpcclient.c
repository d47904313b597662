/*
 * rpcclient.c (lab 2 helper): five requests to 'server=', each with an x
 * drawn from 'seed=', printing the answers.
 */
#include "kit.h"

int main(int argc, char **argv)
{
    int server = (int)arg_uint(argc, argv, "server", 0);
    uint32_t k = arg_uint(argc, argv, "k", 0);
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    for (int i = 0; i < 5; i++) {
        uint32_t x = rng_below(&r, 1000);
        struct msg m = { .code = 1, .w = { x, k } };
        int e = sys_request(server, &m, TIMEOUT_NEVER);
        if (e < 0)
            printf("client %u: request failed: %s\n", k, errno_name(e));
        else
            printf("client %u: f(%u) = %u, from %s\n", k, x, m.w[0],
                   m.sender == server ? "the server" : "someone else");
    }
    return 0;
}
