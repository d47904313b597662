/*
 * aclient.c (lab 3 helper): n= calls (arpc_call) to server=, each
 * asking for 3x + 1 with x drawn from seed=; exit status 0 only if every
 * answer was right and came from the server.
 */
#include "lab3test.h"
#include "async.h"

int main(int argc, char **argv)
{
    int server = (int)arg_uint(argc, argv, "server", 0);
    uint32_t n = arg_uint(argc, argv, "n", 40);
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    uint32_t wrong = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t x = rng_below(&r, 100000);
        struct msg m = { .code = 1, .w = { x } };
        int e = arpc_call(server, &m, TIMEOUT_NEVER);
        if (e < 0 || m.w[0] != 3 * x + 1 || m.sender != server)
            wrong++;
    }
    if (wrong)
        printf("aclient: %u wrong answers of %u\n", wrong, n);
    return wrong ? 1 : 0;
}
